"""The log bar: a rep logs a call, mistypes, completes references, walks the history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.data.history import history_path, load_history
from cockpit.ui.widgets.log_bar import LogBar
from cockpit.ui.widgets.record_list import RecordList

from .conftest import paste, settle, type_text

CALL = 'call #23 out:connected "CFO wants 2-year price" next:"send 2y pricing" due:thu'


def status(app: CockpitApp) -> str:
    return str(app.screen.query_one("#log-status").render())


def sprint_ids(app: CockpitApp) -> list[int]:
    rows = app.screen.query_one("#sprint", RecordList).rows
    return [row.target.id for row in rows if row.target is not None]


async def test_logging_a_call_moves_the_sprint_and_is_in_the_file(
    app: CockpitApp, book: Path, open_session: Callable[[Path], Session]
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # #23's next step is 30 days overdue and it has idled 37 days: the top of the Sprint.
        assert sprint_ids(app)[0] == 23
        await pilot.press("colon")
        await paste(pilot, CALL)
        await pilot.press("enter")
        await settle(pilot)

        bar = app.screen.query_one(LogBar)
        assert bar.value == ""  # the bar clears once the line is saved
        assert status(app).startswith(
            '✓ logged call on #23 summit-analytics-integration-package; next "send 2y pricing" '
            "due 2026-11-26"
        )
        assert "saved" in status(app)
        # Called today with a next step due tomorrow: nothing about #23 is urgent any more.
        assert 23 not in sprint_ids(app)
        assert sprint_ids(app)[:3] == [54, 55, 37]

    reopened = open_session(book)
    calls = [a for a in reopened.book.activities_of("deal_id", 23) if a.kind == "call"]
    assert calls[-1].text == "CFO wants 2-year price"
    assert calls[-1].outcome == "connected"
    assert reopened.book.deals[23].next_step == "send 2y pricing"
    assert reopened.book.deals[23].next_due.isoformat() == "2026-11-26"


async def test_a_bad_line_points_at_the_column_and_stays_in_the_bar(
    app: CockpitApp, session: Session
) -> None:
    before = len(session.book.activities)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await paste(pilot, 'call #renwal "left a message"')
        await pilot.press("enter")
        await settle(pilot)

        assert app.screen.query_one(LogBar).value == 'call #renwal "left a message"'
        # A caret under "#renwal" (column 6, after the two-cell prompt), then the message.
        line = status(app)
        assert line.startswith('       ^^^^^^^\ncol 6: unknown deal "#renwal" (did you mean')
        assert app.screen.query_one(LogBar).input.has_focus
    assert len(session.book.activities) == before  # nothing was written


async def test_references_complete_as_you_type(app: CockpitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(LogBar)
        await pilot.press("colon")

        await type_text(pilot, "email @summit")
        await settle(pilot)
        assert status(app) == "Tab @summit-analytics"
        await pilot.press("tab")
        assert bar.value == "email @summit-analytics "

        await type_text(pilot, "#integ")
        await settle(pilot)
        assert "#summit-analytics-integration-package" in status(app)
        await pilot.press("tab")
        assert bar.value == "email @summit-analytics #summit-analytics-integration-package "

        await pilot.press("ctrl+u")
        await type_text(pilot, "call ~jane-o")
        await settle(pilot)
        assert status(app) == "Tab ~jane-ortiz"
        # The ghost text completes it too: → accepts it.
        await pilot.press("right")
        assert bar.value == "call ~jane-ortiz"


async def test_the_history_walks_back_and_lives_beside_the_book(
    app: CockpitApp, book: Path
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        for line in ('note @acme-corp "first"', 'note @acme-corp "second"'):
            await paste(pilot, line)
            await pilot.press("enter")
            await settle(pilot)
        bar = app.screen.query_one(LogBar)
        await type_text(pilot, "draft")
        await pilot.press("up")
        assert bar.value == 'note @acme-corp "second"'
        await pilot.press("up")
        assert bar.value == 'note @acme-corp "first"'
        await pilot.press("down", "down")
        assert bar.value == "draft"

    assert load_history(history_path(book)) == [
        'note @acme-corp "first"',
        'note @acme-corp "second"',
    ]
    assert "second" not in book.read_text()  # the history is not in the book
