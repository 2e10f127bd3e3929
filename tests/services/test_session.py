"""A Session follows the book when another process writes it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from cockpit.store import Store
from tests.store.helpers import FailingBackend

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


def test_a_saved_line_is_reported_saved_when_the_checkpoint_after_it_fails(
    tmp_path: Path,
) -> None:
    book = tmp_path / "cockpit.json"
    backend = FailingBackend()
    store = Store.open(book, now=lambda: NOW, backend=backend)
    store.checkpoint_lines = 1  # every second line triggers the automatic checkpoint
    session = Session(store, fixed_clock(NOW))
    session.execute('account "Acme"')
    backend.failing.add("write_book")  # the disk fills up after the journal fsync
    outcome = session.execute('account "Globex"')
    assert outcome.seq == 2  # saved: the outcome was decided at the fsync
    (warning,) = outcome.warnings
    assert warning.startswith("saved; the book could not be checkpointed (")
    assert "disk full" in warning and warning.endswith("retried later")
    reopened = Session(Store.open(book, now=lambda: NOW, backend=backend), fixed_clock(NOW))
    assert sorted(a.name for a in reopened.book.accounts.values()) == ["Acme", "Globex"]
    backend.failing.clear()
    assert session.execute('account "Initech"').warnings == []  # retried, and it worked
    assert backend.journal_token(book)[-1] == 0  # folded into the book
