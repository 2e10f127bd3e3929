"""The log bar: a rep logs a call, mistypes, completes references, walks the history."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from cockpit.store import Busy, FileBackend, Store, StoreError
from cockpit.ui.app import CockpitApp
from cockpit.ui.data.history import history_path, load_history
from cockpit.ui.widgets.header import CockpitHeader, header_text
from cockpit.ui.widgets.log_bar import LogBar
from cockpit.ui.widgets.record_list import RecordList
from tests.store.helpers import FailingFileBackend
from tests.ui.helpers import NOW, lines_of, paste, settle, type_text

CALL = 'call #renewal out:connected "CFO wants 2-year price" next:"send 2y pricing" due:thu'


def status(app: CockpitApp) -> str:
    return str(app.screen.query_one("#log-status").render())


def sprint(app: CockpitApp) -> list[str]:
    return lines_of(app.screen.query_one("#sprint", RecordList))


async def test_logging_a_call_moves_the_sprint_and_is_in_the_file(
    day_one_app: CockpitApp, day_one: Path, open_session: Callable[[Path], Session]
) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert (
            sprint(app)[1].split()
            == (
                "1 #1 Renewal 2027 Acme Corp $45k prospect Nov 23 send pricing "
                "2d overdue, closes 9d"
            ).split()
        )
        await pilot.press("colon")
        await paste(pilot, CALL)
        await pilot.press("enter")
        await settle(pilot)

        assert app.screen.query_one(LogBar).value == ""  # cleared once saved
        assert status(app) == (
            "✓ saved logged call on #1 acme-corp-renewal-2027; "
            'next "send 2y pricing" due 2026-11-26'
        )
        # Due tomorrow now: only the close date keeps it in the Sprint.
        assert (
            sprint(app)[1].split()
            == (
                "1 #1 Renewal 2027 Acme Corp $45k prospect tomorrow send 2y pricing "
                "closes in 9 days"
            ).split()
        )
        board = app.screen.query_one(CockpitHeader).board
        assert board is not None
        assert header_text(board).plain == (
            "Wed 25 Nov 2026 · 2026-Q4 · week 9 of 14 · streak 0 days · today 1/20 touches"
        )

    reopened = open_session(day_one)
    (call,) = reopened.book.activities_of("deal_id", 1)
    assert (call.kind, call.outcome, call.text) == ("call", "connected", "CFO wants 2-year price")
    assert reopened.book.deals[1].next_step == "send 2y pricing"


async def test_a_call_on_the_demo_book_changes_the_sprint_and_reaches_the_file(
    app: CockpitApp, book: Path, open_session: Callable[[Path], Session], session: Session
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        top = app.screen.query_one("#sprint", RecordList).rows[0].target
        assert top is not None
        before = sprint(app)
        assert "overdue" in before[1] or "passed" in before[1] or "idle" in before[1]
        await pilot.press("colon")
        await paste(
            pilot, f'call #{top.id} out:connected "spoke to the CFO" next:"send terms" due:+7d'
        )
        await pilot.press("enter")
        await settle(pilot)
        after = sprint(app)
        assert after != before
        assert not any(f"#{top.id} " in line and "overdue" in line for line in after)

    reopened = open_session(book)
    latest = reopened.book.activities_of("deal_id", top.id)[-1]
    assert latest.text == "spoke to the CFO"


async def test_a_bad_line_points_at_the_column_and_stays_in_the_bar(
    day_one_app: CockpitApp,
) -> None:
    app = day_one_app
    session = app.session
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await paste(pilot, 'call #renwal "left a message"')
        await pilot.press("enter")
        await settle(pilot)

        bar = app.screen.query_one(LogBar)
        assert bar.value == 'call #renwal "left a message"'
        assert bar.input.has_focus
        # A caret under "#renwal" (column 6, after the two-cell prompt), then the message.
        assert (
            status(app) == "       ^^^^^^^ col 6: "
            'unknown deal "#renwal" (did you mean #1 Renewal 2027 · Acme Corp · $45k?)'
        )
    assert len(session.book.activities) == 0  # nothing was written


async def test_references_complete_as_you_type(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(LogBar)
        await pilot.press("colon")

        await type_text(pilot, "email @gl")
        await settle(pilot)
        assert status(app) == "Tab @globex Globex · growth"
        await pilot.press("tab")
        assert bar.value == "email @globex "

        await type_text(pilot, "#")
        await settle(pilot)
        # @globex narrows the deals to Globex's.
        assert status(app) == "Tab #2 Pilot · Globex · $12k"
        await pilot.press("tab")
        assert bar.value == "email @globex #2 "

        await pilot.press("ctrl+u")
        await type_text(pilot, "call ~ja")
        await settle(pilot)
        assert status(app) == "Tab ~jane-ortiz Jane Ortiz · Acme Corp"
        await pilot.press("right")  # the ghost text completes it too
        assert bar.value == "call ~jane-ortiz"


async def test_the_history_walks_back_and_lives_beside_the_book(
    day_one_app: CockpitApp, day_one: Path
) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        for line in ('note @acme "first"', 'note @acme "second"'):
            await paste(pilot, line)
            await pilot.press("enter")
            await settle(pilot)
        bar = app.screen.query_one(LogBar)
        await type_text(pilot, "draft")
        await pilot.press("up")
        assert bar.value == 'note @acme "second"'
        await pilot.press("up")
        assert bar.value == 'note @acme "first"'
        await pilot.press("down", "down")
        assert bar.value == "draft"

    assert load_history(history_path(day_one)) == ['note @acme "first"', 'note @acme "second"']
    assert "second" not in day_one.read_text()  # history is not in the book


async def test_a_failed_write_says_why_and_keeps_the_line(
    day_one_app: CockpitApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = day_one_app

    def busy(line: str, *, dry_run: bool = False, applied: object = None) -> None:
        raise Busy("the book is busy: another cockpit holds its lock (waited 5 s)")

    monkeypatch.setattr(app.session, "execute", busy)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await paste(pilot, 'note @acme "kept"')
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(LogBar).value == 'note @acme "kept"'
        assert status(app) == "✗ the book is busy: another cockpit holds its lock (waited 5 s)"
    assert len(app.session.book.activities) == 0


class Gate:
    """The journal's append held until the test opens the gate (or made to fail)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail: bool = False) -> None:
        self.open = threading.Event()
        self.calls = 0
        real = FileBackend.append_journal

        def append(backend: FileBackend, book: Path, data: bytes) -> object:
            self.calls += 1
            self.open.wait(30)
            if fail:
                raise StoreError(f"{book}.journal: no space left on device")
            return real(backend, book, data)

        monkeypatch.setattr(FileBackend, "append_journal", append)


async def until(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    """Let the app run until `done()` (the worker cannot finish: settle would wait)."""
    for _ in range(500):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError("the screen never got there")


async def test_the_panes_repaint_before_the_line_is_saved(
    day_one_app: CockpitApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = day_one_app
    gate = Gate(monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await paste(pilot, CALL)
        await pilot.press("enter")
        await until(pilot, lambda: "send 2y pricing" in sprint(app)[1])
        assert gate.calls == 1 and status(app).startswith("saving")  # not written yet
        gate.open.set()
        await settle(pilot)
        assert status(app).startswith("✓ saved logged call on #1")
        assert "send 2y pricing" in sprint(app)[1]


async def test_a_write_that_fails_after_the_repaint_puts_the_panes_back(
    day_one_app: CockpitApp, day_one: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = day_one_app
    gate = Gate(monkeypatch, fail=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = sprint(app)
        await pilot.press("colon")
        await paste(pilot, CALL)
        await pilot.press("enter")
        await until(pilot, lambda: "send 2y pricing" in sprint(app)[1])
        gate.open.set()
        await settle(pilot)
        assert status(app) == f"✗ {day_one}.journal: no space left on device"
        assert app.screen.query_one(LogBar).value == CALL  # kept, to try again
        assert sprint(app) == before
    assert len(app.session.book.activities) == 0


async def test_a_saved_line_shows_saved_with_the_warning_when_the_checkpoint_fails(
    book: Path,
) -> None:
    backend = FailingFileBackend()
    store = Store.open(book, now=lambda: NOW, backend=backend)
    store.checkpoint_lines = 0  # every line is followed by the automatic checkpoint
    session = Session(store, fixed_clock(NOW))
    app = CockpitApp(session, poll_interval=0, tick_interval=0)
    backend.failing.add("write_book")  # the disk fills up after the journal fsync
    async with app.run_test(size=(300, 36)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await paste(pilot, 'account "Fsync Co"')
        await pilot.press("enter")
        await settle(pilot)
        shown = status(app)
        assert shown.startswith("✓ saved created account @fsync-co")  # never ✗
        assert "⚠ saved; the book could not be checkpointed (" in shown
        assert "disk full" in shown
        assert app.screen.query_one(LogBar).value == ""  # no second Enter for a saved line
    store.close(checkpoint=False)
    reopened = Store.open(book, now=lambda: NOW)
    assert any(d.get("name") == "Fsync Co" for d in reopened.tables["accounts"].values())
