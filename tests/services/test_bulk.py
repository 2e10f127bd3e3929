"""One line applied to many selected records: one command, one journal line, one undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from cockpit.quicklog import QuickLogError
from cockpit.services.bulk import each_lines, execute_each
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from cockpit.store.paths import journal_path

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # a Wednesday

SETUP = [
    'account "Acme Corp"',
    'account "Globex"',
    'deal @acme "Renewal" value:45k',
    'deal @globex "Pilot" value:12k close:2026-12-18 next:"demo" due:2026-11-20',
    'deal @globex "Expansion" value:30k',
]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    opened = Session.open(tmp_path / "cockpit.json", clock=fixed_clock(NOW))
    for line in SETUP:
        opened.execute(line)
    yield opened
    opened.close()


def _journal(session: Session) -> list[str]:
    path = journal_path(session.store.path)
    return path.read_text().splitlines() if path.exists() else []


def test_each_line_puts_the_reference_after_the_verb() -> None:
    assert [e.text for e in each_lines("stage qualified", ["#1", "#2"])] == [
        "stage #1 qualified",
        "stage #2 qualified",
    ]
    assert [e.text for e in each_lines("close:+2w", ["#7"])] == ["deal #7 close:+2w"]
    assert [e.text for e in each_lines("tier:key cadence:14d", ["@acme"])] == [
        "account @acme tier:key cadence:14d"
    ]


def test_one_line_on_three_deals_is_one_command_and_one_undo(session: Session) -> None:
    before = len(_journal(session))
    outcome = execute_each(
        session, 'close:2027-01-29 next:"call back" due:2026-11-30', ["#1", "#2", "#3"]
    )
    deals = session.book.deals
    assert {(d.close, d.next_step, d.next_due) for d in deals.values()} == {
        (date(2027, 1, 29), "call back", date(2026, 11, 30))
    }
    assert len(_journal(session)) == before + 1
    assert outcome.message == 'close:2027-01-29 next:"call back" due:2026-11-30: done on 3 deals'
    assert sorted(r.id for r in outcome.updated) == [1, 2, 3]

    undone = session.execute("undo")
    assert undone.message.startswith('undid "close:2027-01-29')
    deals = session.book.deals
    assert [deals[i].close for i in (1, 2, 3)] == [None, date(2026, 12, 18), None]
    assert [deals[i].next_step for i in (1, 2, 3)] == [None, "demo", None]


def test_a_verb_line_and_an_account_line(session: Session) -> None:
    execute_each(session, "stage qualified", ["#1", "#3"])
    deals = session.book.deals
    assert [deals[i].stage for i in (1, 2, 3)] == ["qualified", "prospect", "qualified"]
    execute_each(session, "snooze", ["#2"])
    assert session.book.deals[2].snoozed_until == date(2026, 11, 26)
    execute_each(session, "tier:key cadence:14d", ["@acme-corp", "@globex"])
    accounts = session.book.accounts
    assert [(accounts[i].tier, accounts[i].cadence_days) for i in (1, 2)] == [
        ("key", 14),
        ("key", 14),
    ]


def test_an_error_on_one_record_writes_nothing_and_names_it(session: Session) -> None:
    before = len(_journal(session))
    # #1 and #3 have no next step to re-date: the first one refused stops the whole line.
    line = "due:2026-12-01"
    with pytest.raises(QuickLogError) as caught:
        execute_each(session, line, ["#2", "#1", "#3"])
    assert caught.value.message.startswith("#1: ")
    assert line[caught.value.column - 1 :].startswith(caught.value.token)
    assert session.book.deals[2].next_due == date(2026, 11, 20)
    assert len(_journal(session)) == before


def test_a_bad_value_points_at_the_reps_line(session: Session) -> None:
    line = "stage bogus"
    with pytest.raises(QuickLogError) as caught:
        execute_each(session, line, ["#1"])
    assert caught.value.message.startswith("#1: ")
    assert line[caught.value.column - 1 :].startswith(caught.value.token)
    assert caught.value.token.startswith("bogus")


def test_undo_and_an_empty_selection_are_refused(session: Session) -> None:
    with pytest.raises(QuickLogError, match="not something to do"):
        execute_each(session, "undo", ["#1"])
    with pytest.raises(QuickLogError, match="select rows first"):
        execute_each(session, "stage qualified", [])
