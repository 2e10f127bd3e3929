"""A Session follows the book when another process writes it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)


def test_a_line_resolves_against_what_another_process_just_wrote(tmp_path: Path) -> None:
    book = tmp_path / "cockpit.json"
    tui = Session.open(book, clock=fixed_clock(NOW))
    other = Session.open(book, clock=fixed_clock(NOW))
    other.execute('account "Globex"')
    # No refresh in between: the command itself must catch up before it resolves @globex.
    outcome = tui.execute('call @globex out:connected "intro"')
    assert outcome.message == "logged call at @globex"
    assert [a.name for a in tui.book.accounts.values()] == ["Globex"]


def test_dry_run_leaves_the_book_as_it_was(tmp_path: Path) -> None:
    session = Session.open(tmp_path / "cockpit.json", clock=fixed_clock(NOW))
    session.execute('account "Acme"')
    outcome = session.execute('deal @acme "Pilot" value:10k', dry_run=True)
    assert outcome.dry_run and outcome.created[0].type == "deal"
    assert len(session.book.deals) == 0
    reopened = Session.open(tmp_path / "cockpit.json", clock=fixed_clock(NOW))
    assert len(reopened.book.deals) == 0
