"""Live: another process's write shows up without a key press; midnight rolls today over."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.data.history import history_path
from cockpit.ui.widgets.header import CockpitHeader, header_text
from cockpit.ui.widgets.record_list import RecordList
from tests.ui.helpers import NOW, lines_of, paste, settle


def header(app: CockpitApp) -> str:
    board = app.screen.query_one(CockpitHeader).board
    assert board is not None
    return header_text(board).plain


async def test_a_write_from_another_process_appears_on_the_next_poll(
    day_one_app: CockpitApp, day_one: Path, open_session: Callable[[Path], Session]
) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert header(app).endswith("today 0/20 touches")
        # `cockpit log` in another terminal: a second session on the same file.
        other = open_session(day_one)
        other.execute('call #renewal out:connected "from the other terminal" next:"demo" due:fri')
        app.poll()  # what the 2 s timer does
        await settle(pilot)
        assert header(app).endswith("today 1/20 touches")
        sprint = lines_of(app.screen.query_one("#sprint", RecordList))
        assert sprint[1].split()[:10] == [
            "1",
            "#1",
            "Renewal",
            "2027",
            "Acme",
            "Corp",
            "$45k",
            "prospect",
            "Fri",
            "demo",
        ]


async def test_the_poll_timer_runs_by_itself(
    day_one: Path, open_session: Callable[[Path], Session]
) -> None:
    app = CockpitApp(open_session(day_one), poll_interval=0.01, tick_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        open_session(day_one).execute('note @globex "written elsewhere"')
        for _ in range(100):  # a second at most; the first few frames, usually
            await pilot.pause(0.01)
            if app.revision > 0:
                break
        assert app.revision == 1  # it caught up once, and every screen reloaded


async def test_midnight_rolls_today_over(day_one: Path) -> None:
    moment = [NOW]
    session = Session.open(day_one, clock=lambda: moment[0])
    app = CockpitApp(session, poll_interval=0, tick_interval=0, history_file=history_path(day_one))
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert header(app).startswith("Wed 25 Nov 2026")
            moment[0] = datetime(2026, 11, 26, 0, 0, 1, tzinfo=NOW.tzinfo)
            app.tick()  # what the clock timer does
            await settle(pilot)
            assert header(app).startswith("Thu 26 Nov 2026")
            sprint = lines_of(app.screen.query_one("#sprint", RecordList))
            assert "3d overdue, closes 8d" in sprint[1]
            moment[0] += timedelta(minutes=30)
            revision = app.revision
            app.tick()  # same day, same hour: nothing to redo
            assert app.revision == revision
    finally:
        session.close()


async def test_a_pause_after_writing_folds_the_journal_into_the_book(
    day_one: Path, open_session: Callable[[Path], Session]
) -> None:
    journal = day_one.with_name(day_one.name + ".journal")
    app = CockpitApp(open_session(day_one), poll_interval=0, tick_interval=0, idle_checkpoint=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.tick()  # nothing written yet: nothing to fold
        await settle(pilot)
        await pilot.press("colon")
        await paste(pilot, 'note @globex "folded in"')
        await pilot.press("enter")
        await settle(pilot)
        assert journal.stat().st_size > 0
        assert "folded in" not in day_one.read_text()
        app.tick()  # the rep paused (idle_checkpoint seconds): checkpoint
        await settle(pilot)
        assert journal.stat().st_size == 0
        assert "folded in" in day_one.read_text()


async def test_friday_afternoon_the_header_offers_the_review(day_one: Path) -> None:
    moment = [datetime(2026, 11, 27, 14, 59, tzinfo=NOW.tzinfo)]  # Friday, before 15:00
    session = Session.open(day_one, clock=lambda: moment[0])
    app = CockpitApp(session, poll_interval=0, tick_interval=0)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert "review ready" not in lines_of(app.screen.query_one(CockpitHeader))[0]
            moment[0] = moment[0].replace(hour=15, minute=1)
            app.tick()  # the hour turned: the screens rebuild
            await settle(pilot)
            line = lines_of(app.screen.query_one(CockpitHeader))[0]
            assert line.startswith(" Fri 27 Nov 2026 · 2026-Q4 · week 9 of 14")
            assert line.endswith("review ready: press R")
    finally:
        session.close()
