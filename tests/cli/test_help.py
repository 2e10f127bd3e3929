"""`cockpit --help` says where the book lives; `cockpit help verbs` lists every verb."""

from __future__ import annotations

import pytest

from cockpit.quicklog.grammar import VERBS

from .conftest import Run


def test_help_says_where_the_book_lives(cockpit: Run, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cockpit("--help")
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    # COCKPIT_DB is set by the fixture; the default path is the one this machine would use.
    assert "the book: --db PATH, else $COCKPIT_DB, else " in out
    assert "cockpit.json" in out.split("else $COCKPIT_DB, else ")[1]
    assert "cockpit help verbs" in out


def test_help_verbs_lists_every_verb(cockpit: Run) -> None:
    result = cockpit("help", "verbs")
    assert result.code == 0
    starts = {line.split()[0] for line in result.out.splitlines() if not line.startswith(" ")}
    assert starts == set(VERBS)
    assert "plan [2027-Q1] [quota:300k] [start:today] [won:120k]" in result.out
