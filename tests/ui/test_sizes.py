"""Narrow and wide (DESIGN §9.5): the main screen, a deal's detail and the pipeline screen
at 60x20, 80x24, 100x30 and 200x60, as snapshots; and at every size nothing in the header
or a pane's title is cut without an ellipsis."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.widgets.header import CockpitHeader, header_segments
from cockpit.ui.widgets.pane import Pane
from cockpit.ui.widgets.record_list import RecordList
from tests.ui.helpers import screen_lines, settle

SIZES = [(60, 20), (80, 24), (100, 30), (200, 60)]
KEYS = {"main": (), "detail": ("1", "enter"), "pipeline": ("P",)}


def _app(book: Path, open_session: Callable[[Path], Session]) -> CockpitApp:
    return CockpitApp(open_session(book), poll_interval=0, tick_interval=0)


@pytest.mark.parametrize("screen", list(KEYS))
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot(
    snap_compare: Any,
    book: Path,
    open_session: Callable[[Path], Session],
    screen: str,
    size: tuple[int, int],
) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*KEYS[screen])
        await settle(pilot)

    assert snap_compare(_app(book, open_session), terminal_size=size, run_before=ready)


def _whole_or_ellipsis(shown: str, text: str) -> bool:
    """`text` is on the line whole, or a prefix of it ends in "…"."""
    if text in shown:
        return True
    return any(f"{text[:n]}…" in shown for n in range(1, len(text)))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_header_and_the_pane_titles_are_never_cut_bare(
    app: CockpitApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        header = app.screen.query_one(CockpitHeader)
        assert header.board is not None
        whole = {t.plain for _, t in header_segments(header.board, header.note)}
        shown = lines[0].strip().split(" · ")
        assert shown and set(shown) <= whole, shown  # whole segments, dropped not cut
        assert shown[0] == header.board.today.strftime("%a %-d %b %Y")
        for pane in app.screen.query(Pane):
            if not pane.display or not pane.region.width:
                continue
            top = lines[pane.region.y][pane.region.x : pane.region.right]
            title = str(pane.border_title)
            assert _whole_or_ellipsis(top, title), (title, top)
        for table in app.screen.query(RecordList):
            if not table.rows or not table.region.width or not table.display:
                continue
            if table.region.y >= len(lines) or not table.show_header:
                continue
            heading = lines[table.region.y][table.region.x : table.region.right].split()
            words = {w for c in table.columns for w in c.title.split()}
            for word in heading:
                cut = [w for w in words if w.startswith(word) and w != word]
                assert word in words or word.endswith("…") or not cut, (word, heading)
