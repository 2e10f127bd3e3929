"""A hidden book screen does not rebuild on every change: it is marked stale and rebuilt
once, when it shows again (the quarter and review screens, closed and reopened by name)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from cockpit.domain.book import Book
from cockpit.ui.app import CockpitApp
from cockpit.ui.screens.quarter import QuarterScreen
from cockpit.ui.screens.review import ReviewScreen
from tests.ui.helpers import settle


@pytest.mark.parametrize(("key", "screen_type"), [("Q", QuarterScreen), ("R", ReviewScreen)])
async def test_a_hidden_screen_rebuilds_once_when_it_shows_again(
    day_one_app: CockpitApp,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    screen_type: type[QuarterScreen] | type[ReviewScreen],
) -> None:
    builds: list[str] = []
    build = screen_type.build_view

    def counted(self: Any, book: Book, now: datetime) -> Any:
        builds.append(type(self).__name__)
        return build(self, book, now)

    monkeypatch.setattr(screen_type, "build_view", counted)
    app = day_one_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, screen_type) and len(builds) == 1
        await pilot.press("escape")  # closed: the app keeps the named screen, hidden
        await settle(pilot)
        assert not isinstance(app.screen, screen_type)
        for _ in range(3):
            app.book_changed()  # as after a write, or another process's
            await settle(pilot)
        assert len(builds) == 1  # nothing rebuilt while hidden
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, screen_type)
        assert len(builds) == 2  # rebuilt once, now that it shows
