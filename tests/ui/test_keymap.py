"""Keys a rep rebinds with `set keymap.ID:KEYS`: applied at start and at once when set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.data.history import history_path
from cockpit.ui.screens.help import HelpScreen
from cockpit.ui.widgets.log_bar import LogBar
from tests.ui.helpers import lines_of, settle, type_text


def _app(book: Path, open_session: Callable[[Path], Session]) -> CockpitApp:
    return CockpitApp(
        open_session(book), poll_interval=0, tick_interval=0, history_file=history_path(book)
    )


async def test_a_key_rebound_in_the_book_acts_from_the_start(
    day_one: Path, open_session: Callable[[Path], Session]
) -> None:
    open_session(day_one).execute("set keymap.cockpit.call:y")
    app = _app(day_one, open_session)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(LogBar)
        await pilot.press("1", "y")
        assert bar.value == "call #1 "
        await pilot.press("ctrl+u", "escape", "1", "c")  # c is no longer Call
        assert bar.value == ""


async def test_set_in_the_log_bar_rebinds_at_once_and_help_shows_it(
    day_one: Path, open_session: Callable[[Path], Session]
) -> None:
    app = _app(day_one, open_session)
    async with app.run_test(size=(120, 80)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(LogBar)
        await pilot.press("colon")
        await type_text(pilot, "set keymap.cockpit.email:ctrl+e")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "1", "ctrl+e")
        assert bar.value == "email #1 "
        await pilot.press("ctrl+u", "escape", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [" ".join(line.split()) for s in app.screen.query("Static") for line in lines_of(s)]
        assert any(line.startswith("set keymap.ID:KEYS rebinds a key") for line in lines)
        assert "cockpit.email ctrl+e Email" in lines
        assert "cockpit.call c Call" in lines
