"""Panes scroll with their cursor: the highlighted row is always drawn, "… N more" says
what is cut, every row is reachable, and the Sprint's title says what its counts mean."""

from __future__ import annotations

import re

import pytest
from textual.widget import Widget

from cockpit.domain.sprint import sprint
from cockpit.ui.app import CockpitApp
from cockpit.ui.widgets.record_list import RecordList
from tests.ui.helpers import NOW, screen_lines, settle


def _sprint_ids(app: CockpitApp) -> list[int]:
    """Every deal that needs the rep today, most urgent first (the domain's answer)."""
    book = app.session.book
    return [row.deal.id for row in sprint(book, NOW.date(), len(book.deals)).rows]


def _drawn(app: CockpitApp, pane: str) -> str:
    return "\n".join(screen_lines(app, app.screen.query_one(pane, Widget)))


@pytest.mark.parametrize("size", [(100, 30), (200, 60)])
async def test_every_sprint_row_is_reachable_and_drawn_under_the_cursor(
    app: CockpitApp, size: tuple[int, int]
) -> None:
    expected = _sprint_ids(app)
    assert len(expected) > 15  # more than fit at 100x30, more than the old top 15
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("1")
        sprint_list = app.screen.query_one("#sprint", RecordList)
        seen = []
        for _ in range(len(expected) + 2):
            target = sprint_list.selected
            assert target is not None
            if not seen or seen[-1] != target.id:
                seen.append(target.id)
            # The row the keys act on is on screen, in the Sprint pane.
            assert re.search(rf"#{target.id}\b", _drawn(app, "#sprint-pane")), target
            await pilot.press("j")
        assert seen == expected


async def test_a_cut_pane_says_how_many_more_and_its_title_what_the_counts_mean(
    app: CockpitApp,
) -> None:
    total = len(_sprint_ids(app))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        drawn = _drawn(app, "#sprint-pane")
        rows_drawn = len(re.findall(r"#\d+ ", drawn))
        assert rows_drawn < total
        assert f"1 Sprint · {rows_drawn} shown · {total} need you" in drawn
        assert f"… {total - rows_drawn} more ↓" in drawn
        await pilot.press("end")
        drawn = _drawn(app, "#sprint-pane")
        assert f"↑ {total - rows_drawn} above" in drawn
        assert re.search(rf"#{_sprint_ids(app)[-1]}\b", drawn)


async def test_enter_opens_the_deal_on_screen(app: CockpitApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("1", "end")
        last = _sprint_ids(app)[-1]
        assert re.search(rf"#{last}\b", _drawn(app, "#sprint-pane"))
        await pilot.press("enter")
        await settle(pilot)
        assert f"#{last}" in "\n".join(screen_lines(app)[:3])


async def test_the_marathon_scrolls_with_its_cursor(app: CockpitApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        marathon = app.screen.query_one("#marathon", RecordList)
        assert "more ↓" in _drawn(app, "#marathon-pane")
        await pilot.press("end")
        drawn = _drawn(app, "#marathon-pane")
        assert marathon.selected is not None
        assert "above" in drawn
        assert marathon.cursor == len(marathon.rows) - 1
