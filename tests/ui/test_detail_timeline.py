"""The detail's timeline (DESIGN §9.5): an outcome column at 100 columns, the whole note of
the highlighted activity under the list, and Enter opening the activity itself."""

from __future__ import annotations

from cockpit.ui.app import CockpitApp
from cockpit.ui.screens.activity import ActivityScreen
from cockpit.ui.screens.detail import DetailScreen
from cockpit.ui.widgets.record_list import RecordList
from tests.ui.helpers import lines_of, screen_lines, settle


async def test_the_timeline_shows_outcomes_and_opens_an_activity(app: CockpitApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DetailScreen) and screen.detail is not None
        timeline = screen.query_one("#timeline", RecordList)
        assert lines_of(timeline)[0].split() == ["when", "what", "outcome", "notes"]
        items = screen.detail.timeline
        second = items[1].activity
        await pilot.press("j")
        under = lines_of(screen.query_one("#timeline-text"))[1:]  # under its rule
        assert " ".join(" ".join(under).split()) == " ".join((second.text or "").split())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActivityScreen)
        assert app.screen.activity.id == second.id
        shown = "\n".join(screen_lines(app))
        assert (second.outcome or "").replace("_", " ") in shown
        assert (second.text or "")[:30] in shown
        await pilot.press("escape")
        assert app.screen is screen
