"""The other screens a key opens: quarter (Q), weekly review (R), help (?)."""

from __future__ import annotations

from cockpit.ui.app import CockpitApp
from cockpit.ui.screens.help import HelpScreen
from cockpit.ui.screens.main import MainScreen
from cockpit.ui.screens.quarter import QuarterScreen
from cockpit.ui.screens.review import ReviewScreen
from tests.ui.helpers import lines_of, settle


async def test_q_and_r_open_the_quarter_and_the_review(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        assert isinstance(app.screen, QuarterScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)


async def test_help_lists_the_keys_and_the_verbs(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [
            " ".join(line.split())
            for static in app.screen.query("Static")
            for line in lines_of(static)
        ]
        # Two columns of keys: each action once, all its keys together.
        assert lines[1].startswith(": l Log ")
        assert any(line.startswith("x Lost ") for line in lines)
        assert any(line.startswith("u Undo") or " u Undo" in line for line in lines)
        # Then every verb, from the grammar.
        assert any(line.startswith("lost #deal") for line in lines)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
