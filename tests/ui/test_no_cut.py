"""Nothing on screen is cut without "…" (DESIGN §9.5, issue 11): every rendered line of
the main screen, a deal's and an account's detail, the pipeline, quarter and review
screens, at 60x20, 80x24, 100x30 and 200x60.

The test knows the whole texts each widget was given (row cells, titles, legends, empty
states, placeholders, hints, key labels, the detail's facts) and reads the terminal: a
visible start of a known text that stops with nothing after it in the widget's region (its
edge, a border, a scrollbar) is cut, unless it ends in "…" or goes on on the next line
(wrapped)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Static
from textual.widgets._footer import FooterKey

from cockpit.demo import write_demo
from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.widgets.header import CockpitHeader, header_segments
from cockpit.ui.widgets.record_list import RecordList
from tests.ui.helpers import NOW, screen_lines, settle

SIZES = [(60, 20), (80, 24), (100, 30), (200, 60)]
SCREENS = {
    "main": (),
    "main-promises": ("4",),
    "deal": ("1", "enter"),
    "account": ("2", "enter"),
    "pipeline": ("P",),
    "pipeline-accounts": ("P", "v"),
    "biggest-deal": ("P", "enter"),  # the long-named deal is worth the most
    "quarter": ("Q",),
    "review": ("R",),
}
# Long names on top of the demo book, the deal focused so it tops the Sprint.
LONG_NAMES = [
    'account "Internationale Nederlanden Verzekeringsmaatschappij Holding" tier:key cadence:7d',
    'contact "Maximiliane Featherstonehaugh-Wolfeschlegelsteinhausen" @internationale',
    'deal @internationale "Enterprise-wide platform consolidation and migration programme"'
    " value:2.5m close:+10d"
    ' next:"coordinate the multi-stakeholder security questionnaire review" due:today',
    "focus #enterprise-wide",
    'call #enterprise-wide out:connected "walked through the consolidation roadmap with'
    " procurement, legal and the architecture board; they want references from two"
    ' regulated insurers"',
    'promise ~maximiliane "send the detailed implementation plan with every appendix and'
    ' the reference list" due:tomorrow',
]
EDGE = set(" │┃╭╮╰╯─━▏▕▁▂▃▄▅▆▇█")  # what may follow a text's last cell at its region's edge
SHORTEST = 4  # a shorter start is as likely another text as a cut one


def _plain(value: object) -> Iterator[str]:
    """The texts inside what a widget was given (a string, Text, Content, a grid)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (Text, Content)):
        yield value.plain
    elif isinstance(value, tuple):  # a cell's alternatives, longest first
        for option in value:
            yield from _plain(option)
    elif isinstance(value, Group):
        for part in value.renderables:
            yield from _plain(part)
    elif isinstance(value, Table):
        for column in value.columns:
            yield from _plain(column.header)
            for cell in column._cells:
                yield from _plain(cell)


def _texts(values: list[object]) -> list[str]:
    """Each line of each text in `values`, as shown (and with its spaces squeezed)."""
    texts = []
    for text in (t for value in values for t in _plain(value)):
        for line in text.splitlines():
            texts += [line.strip(), " ".join(line.split())]
    return [t for t in set(texts) if len(t) >= SHORTEST]


def _given(widget: Widget) -> list[str]:
    """The whole texts `widget` was given to show inside its border."""
    found: list[object] = []
    if isinstance(widget, RecordList):
        found += [c.title for c in widget.columns] + list(widget.empty)
        found += [cell for row in widget.rows for cell in row.cells.values()]
    elif isinstance(widget, CockpitHeader) and widget.board is not None:
        found += [t for _, t in header_segments(widget.board, widget.note)]
    elif isinstance(widget, Input):
        found += [widget.placeholder, widget.value]
    elif isinstance(widget, FooterKey):
        found += [f"{widget.key_display} {widget.description}"]
    elif isinstance(widget, (Static, Label)):
        found.append(widget.content)
    return _texts(found)


@dataclass
class Cut:
    widget: str
    text: str
    shown: str


def _shown_whole(row: str, texts: list[str], above: str, below: str) -> list[tuple[int, int]]:
    """Where known texts stand on `row` (start, end): whole, or a run of their words that
    goes on from the row above and on the row below (wrapped)."""
    spans = []
    for text in texts:
        words = text.split()
        pieces = [(0, len(words))]
        if len(words) > 1:
            pieces = [(i, j) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]
        for i, j in pieces:
            wrapped_in = i == 0 or words[i - 1] in above
            wrapped_out = j == len(words) or words[j] in below
            if not (wrapped_in and wrapped_out):
                continue
            piece = " ".join(words[i:j]) if (i, j) != (0, len(words)) else text
            at = row.find(piece)
            while at >= 0:
                spans.append((at, at + len(piece)))
                at = row.find(piece, at + 1)
    return spans


def _cuts_on(row: str, texts: list[str], above: str, below: str) -> Iterator[tuple[str, str]]:
    """(text, shown) for each start of a known text that stops at the row's edge."""
    whole = _shown_whole(row, texts, above, below)
    for text in texts:
        at = row.find(text[:SHORTEST])
        while at >= 0:
            n = SHORTEST
            while n < len(text) and at + n < len(row) and row[at + n] == text[n]:
                n += 1
            end = at + len(text[:n].rstrip())
            left = text[n:].split()
            cut = (
                bool(left)  # some of the text is not there
                and (at == 0 or not row[at - 1].isalnum())  # a start, not a middle
                and set(row[end:]) <= EDGE  # and nothing after it: an edge
                and not any(a <= at and end <= b for a, b in whole)  # another text's
                and left[0] not in below  # not wrapped
            )
            if cut:
                yield text, row[at:].rstrip()
            at = row.find(text[:SHORTEST], at + 1)


def _cuts(widget: Widget, lines: list[str]) -> Iterator[Cut]:
    """Starts of `widget`'s texts that stop at its region's edge without "…"."""
    region = widget.region
    # Only what is on screen: a widget in a scrolled view is clipped by it.
    visible = region.intersection(widget.screen.find_widget(widget).clip)
    rows = [line.ljust(region.right)[region.x : region.right] for line in lines]
    rows += [""] * (region.bottom + 1 - len(rows))

    def check(y: int, texts: list[str], last: int) -> Iterator[Cut]:
        above = rows[y - 1] if y > visible.y else ""
        below = rows[y + 1] if y + 1 < last else ""
        for text, shown in _cuts_on(rows[y], texts, above, below):
            yield Cut(str(widget), text, shown)

    if widget.border_title:  # titles sit on the border lines, not in the content
        yield from check(region.y, _texts([widget.border_title]), region.y + 1)
    if widget.border_subtitle:
        yield from check(region.bottom - 1, _texts([widget.border_subtitle]), region.bottom)
    texts = _given(widget)
    if not texts:
        return
    for y in range(visible.y, visible.bottom):
        if y == visible.bottom - 1 and visible.bottom < region.bottom:
            continue  # the next line is scrolled away: cut or wrapped, it cannot tell
        yield from check(y, texts, region.bottom)


def _past_the_text(widget: RecordList, lines: list[str]) -> Iterator[Cut]:
    """A list's rows stop short of its blank right column: a cell cut at the border by
    the terminal, however short ("n" of "notes"), shows there."""
    region = widget.scrollable_content_region
    visible = region.intersection(widget.screen.find_widget(widget).clip)
    for y in range(visible.y, min(visible.bottom, len(lines))):
        line = lines[y].ljust(region.right)
        if line[region.right - 1] != " ":
            yield Cut(str(widget), "(the blank column)", line[region.x : region.right])


def _all_cuts(app: CockpitApp) -> list[Cut]:
    lines = screen_lines(app)
    found = []
    for widget in [app.screen, *app.screen.walk_children(Widget)]:
        if widget.display and widget.region and widget.visible:
            found += list(_cuts(widget, lines))
            if isinstance(widget, RecordList):
                found += list(_past_the_text(widget, lines))
    return found


@pytest.fixture(params=["demo", "long names"])
def any_app(
    request: pytest.FixtureRequest, tmp_path: Path, open_session: Callable[[Path], Session]
) -> tuple[CockpitApp, bool]:
    """The app on the demo book, and on the demo book with long names added (True)."""
    path = tmp_path / "cockpit.json"
    write_demo(path, NOW, seed=7)
    session = open_session(path)
    if request.param == "long names":
        for line in LONG_NAMES:
            session.execute(line)
    return CockpitApp(session, poll_interval=0, tick_interval=0), request.param == "long names"


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_no_rendered_line_holds_a_text_cut_without_an_ellipsis(
    any_app: tuple[CockpitApp, bool], screen: str, size: tuple[int, int]
) -> None:
    app, long_names = any_app
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(*SCREENS[screen])
        await settle(pilot)
        if long_names and screen in ("main", "pipeline", "biggest-deal"):
            # the long names are on screen: the test reads them
            assert "Enterprise-wide" in "\n".join(screen_lines(app))
        cuts = _all_cuts(app)
        assert not cuts, "\n".join(f"{c.widget}: {c.text!r} shown as {c.shown!r}" for c in cuts)
