"""Narrow screens (DESIGN §9.5): the keys line, the log bar and the scrollbars at 60x20,
80x24 and 100x30 (and 200x60) on the main screen, a deal's detail and the pipeline screen."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from cockpit.ui.app import CockpitApp
from cockpit.ui.widgets.header import SEPARATOR
from cockpit.ui.widgets.log_bar import PROMPT, LogBar
from cockpit.ui.widgets.pane import Pane
from tests.ui.helpers import screen_lines, settle, type_text

SIZES = [(60, 20), (80, 24), (100, 30)]
KEYS = {"main": (), "detail": ("1", "enter"), "pipeline": ("P",)}


def status(app: CockpitApp) -> str:
    return str(app.screen.query_one("#log-status").render())


def _labels(app: CockpitApp) -> set[str]:
    """Every key the screen would show in its footer, as `key description`."""
    return {
        f"{app.get_key_display(b)} {b.description}"
        for _, b, _, _ in app.screen.active_bindings.values()
        if b.show
    }


def _whole_labels(line: str, labels: set[str]) -> list[str]:
    """`line` read as whole labels one after another; a piece that is none fails."""
    read, rest = [], line.strip()
    while rest:
        label = max((x for x in labels if rest.startswith(x)), key=len, default=None)
        assert label is not None, f"cut or unknown key label at {rest!r} in {line!r}"
        read.append(label)
        rest = rest[len(label) :].lstrip()
    return read


@pytest.mark.parametrize("screen", [*KEYS, "quarter", "review"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_footer_shows_whole_key_labels_and_help(
    app: CockpitApp, screen: str, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(*KEYS.get(screen, (screen[0].upper(),)))  # Q quarter, R review
        await settle(pilot)
        footer = screen_lines(app)[-1]
        labels = _labels(app)
        shown = _whole_labels(footer, labels)
        assert len(shown) >= 4, footer
        if "? Help" in labels:  # help lists every key: it stays when others go
            assert "? Help" in shown, footer


def _bar_lines(app: CockpitApp) -> tuple[str, str]:
    """The log bar's two lines as the terminal shows them: the line, the status."""
    lines = screen_lines(app, app.screen.query_one(LogBar))
    return lines[0].strip(), lines[1].strip()


@pytest.mark.parametrize("screen", ["main", "pipeline"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_log_bar_shows_a_whole_example_and_whole_hints(
    app: CockpitApp, screen: str, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(*KEYS[screen])
        await settle(pilot)
        bar = app.screen.query_one(LogBar)
        line, idle = _bar_lines(app)
        assert line.removeprefix(PROMPT.strip()).strip() in bar.placeholders, line
        segments = idle.split(SEPARATOR)
        assert segments and set(segments) <= set(LogBar.IDLE.split(SEPARATOR)), idle
        assert "? keys and verbs" in segments, idle
        await pilot.press("colon")
        await settle(pilot)
        _, hint = _bar_lines(app)
        segments = hint.split(SEPARATOR)
        assert segments and set(segments) <= set(LogBar.HINT.split(SEPARATOR)), hint


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_example_in_the_bar_runs_on_the_demo_book_as_shown(
    app: CockpitApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        example = _bar_lines(app)[0].removeprefix(PROMPT.strip()).strip()
        await pilot.press("colon")
        await type_text(pilot, example)
        await pilot.press("enter")
        await settle(pilot)
        assert status(app).startswith("✓ saved logged call"), status(app)


def _scrolling(app: CockpitApp) -> list[Widget]:
    """The widgets on screen that show a vertical scrollbar."""
    return [
        w
        for w in app.screen.walk_children(Widget)
        if w.display and w.region and w.show_vertical_scrollbar and w.scrollbar_size_vertical
    ]


@pytest.mark.parametrize("screen", list(KEYS))
@pytest.mark.parametrize("size", [*SIZES, (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_scrollbar_sits_at_the_edge_never_against_text(
    app: CockpitApp, screen: str, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(*KEYS[screen])
        await settle(pilot)
        lines = [line.ljust(size[0]) for line in screen_lines(app)]
        scrolling = _scrolling(app)
        if screen == "main" and size == (80, 24):
            assert len(scrolling) >= 2  # the test sees the bars it is about
        for widget in scrolling:
            bar = widget.scrollable_content_region.right  # the scrollbar's column
            rows = range(widget.region.y, widget.region.bottom)
            beside = "".join(lines[y][bar - 1] for y in rows)
            assert not beside.strip(), (widget, beside)  # a blank column, never text
            pane = widget.parent
            if isinstance(pane, Pane):
                assert bar == pane.region.right - 2, widget  # at the border
