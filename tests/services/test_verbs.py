"""The verb registry: every verb the grammar reads has exactly one way to run."""

from __future__ import annotations

from cockpit.quicklog.grammar import VERBS as GRAMMAR
from cockpit.services.verbs import VERBS


def test_every_grammar_verb_has_one_handler_and_no_handler_lacks_a_verb() -> None:
    assert set(VERBS) == set(GRAMMAR)


def test_each_verb_either_writes_or_answers_directly() -> None:
    for name, verb in VERBS.items():
        assert verb.write is not None or verb.direct is not None, name
    assert VERBS["undo"].write is None  # undo is the store's, never a new transaction
    assert VERBS["set"].direct is not None  # a bare set lists, without a journal line
