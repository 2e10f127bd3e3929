"""What the TUI tests share: the fixed moment, reading what a widget or the terminal shows,
and settling, typing and pasting as a rep would (no sleeping)."""

from __future__ import annotations

from datetime import UTC, datetime

from textual import events
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tests.ui.workers import wait_for_workers

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # a Wednesday morning


def lines_of(widget: Widget) -> list[str]:
    """What a widget shows, line by line, as plain text (right-trimmed)."""
    width, height = widget.outer_size
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))]


async def settle(pilot: Pilot[None], *, but: str | None = None) -> None:
    """Let workers finish and their messages land (no sleeping); `but`: except the workers
    of this group (one a test holds back)."""
    for _ in range(3):
        await pilot.pause()
        await wait_for_workers(pilot, but=but)
    await pilot.pause()


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type `text` key by key, as a rep would."""
    await pilot.press(*text)


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste `text` into the focused widget, as a rep pasting a line would (one event)."""
    focused = pilot.app.focused
    assert focused is not None, "nothing has the focus to paste into"
    focused.post_message(events.Paste(text))
    await pilot.pause()


def screen_lines(app: App[None], widget: Widget | None = None) -> list[str]:
    """What the terminal shows, line by line (right-trimmed); only `widget`'s rows if given."""
    strips = app.screen._compositor.render_strips()
    lines = [strip.text.rstrip() for strip in strips]
    if widget is None:
        return lines
    region = widget.region
    return [line[region.x : region.right] for line in lines[region.y : region.bottom]]
