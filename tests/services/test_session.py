"""Session: one open book that runs lines, follows other writers, undoes, and closes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.domain.book import Book
from cockpit.quicklog import QuickLogError
from cockpit.services.clock import fixed_clock
from cockpit.services.outcome import Outcome
from cockpit.services.session import Session
from cockpit.store import NothingToUndo, Store, Transaction
from tests.store.helpers import FailingBackend

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)

Opener = Callable[[], Session]


@pytest.fixture
def open_book(tmp_path: Path) -> Iterator[Opener]:
    """Open sessions on one book (as separate processes would); all closed afterwards."""
    opened: list[Session] = []

    def open_() -> Session:
        session = Session.open(tmp_path / "cockpit.json", clock=fixed_clock(NOW))
        opened.append(session)
        return session

    yield open_
    for session in reversed(opened):
        session.close()


def test_a_line_resolves_against_what_another_process_just_wrote(open_book: Opener) -> None:
    tui, other = open_book(), open_book()
    other.execute('account "Globex"')
    # No refresh in between: the command itself must catch up before it resolves @globex.
    outcome = tui.execute('call @globex out:connected "intro"')
    assert outcome.message == "logged call at @globex"
    assert [a.name for a in tui.book.accounts.values()] == ["Globex"]


def test_dry_run_leaves_the_book_as_it_was(open_book: Opener) -> None:
    session = open_book()
    session.execute('account "Acme"')
    outcome = session.execute('deal @acme "Pilot" value:10k', dry_run=True)
    assert outcome.dry_run and outcome.created[0].type == "deal"
    assert len(session.book.deals) == 0
    assert len(open_book().book.deals) == 0


def test_a_written_line_is_numbered_and_a_reopened_book_has_it(open_book: Opener) -> None:
    session = open_book()
    first = session.execute('account "Acme" tier:key')
    second = session.execute('deal @acme "Pilot" value:10k')
    assert (first.seq, second.seq) == (1, 2)
    assert second.message.startswith("created deal #1 acme-pilot (prospect, $10,000")
    session.close()
    reopened = open_book()
    assert [d.title for d in reopened.book.deals.values()] == ["Pilot"]
    assert reopened.book.accounts[1].tier == "key"


def test_a_refused_line_writes_nothing(open_book: Opener) -> None:
    session = open_book()
    with pytest.raises(QuickLogError, match="needs someone"):
        session.execute('call "no one to call"')
    with pytest.raises(NothingToUndo):
        session.undo()  # nothing was written, so nothing is there to undo
    assert session.preview_undo().message == "nothing to undo"


def test_undo_reverses_the_last_command_and_its_preview_does_not(open_book: Opener) -> None:
    session = open_book()
    session.execute('account "Acme"')
    session.execute('account "Globex"')
    preview = session.execute("undo", dry_run=True)
    assert (preview.message, preview.dry_run) == ('would undo "account "Globex""', True)
    assert len(session.book.accounts) == 2
    undone = session.execute("undo")
    assert undone.message == 'undid "account "Globex""'
    assert [a.name for a in session.book.accounts.values()] == ["Acme"]
    assert [a.name for a in open_book().book.accounts.values()] == ["Acme"]


def test_a_bare_set_lists_the_settings_and_writes_no_command(open_book: Opener) -> None:
    session = open_book()
    session.execute("set currency:EUR")
    listed = session.execute("set")
    assert "currency: EUR" in listed.message.splitlines()
    assert listed.seq is None
    # The listing left no journal line: undo reverses the set before it.
    assert session.undo().message == 'undid "set currency:EUR"'
    assert session.book.settings.currency == "USD"


def test_transact_runs_a_write_that_is_no_quick_log_line_as_one_command(
    open_book: Opener,
) -> None:
    session = open_book()

    def build(tx: Transaction, book: Book) -> Outcome:
        tx.insert("accounts", {"handle": "initech", "name": "Initech", "tier": "none"})
        return Outcome(command="import", message="imported 1 account")

    outcome = session.transact("import accounts", build)
    assert (outcome.message, outcome.seq) == ("imported 1 account", 1)
    assert [a.name for a in session.book.accounts.values()] == ["Initech"]
    assert session.preview_undo().message == 'would undo "import accounts"'


def test_refresh_says_whether_another_process_wrote(open_book: Opener) -> None:
    tui, other = open_book(), open_book()
    assert tui.refresh() is False
    other.execute('account "Globex"')
    assert tui.refresh() is True
    assert [a.name for a in tui.book.accounts.values()] == ["Globex"]
    assert tui.refresh() is False


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
