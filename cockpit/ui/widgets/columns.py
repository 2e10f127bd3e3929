"""Columns that fit a width: a list's rows laid out, narrow panes dropping the least useful.

A cell may offer alternatives, longest first; the first that fits is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from cockpit.ui.data.lines import Target

__all__ = [
    "Cell",
    "Column",
    "ListRow",
    "column_form",
    "fit",
    "layout",
    "line_strip",
    "more_text",
    "selectable",
    "text_width",
    "varied_keys",
    "wrap_lines",
]

Cell = str | Text | tuple[str | Text, ...]


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its key in `ListRow.cells`, title, preferred width and how it yields."""

    key: str
    title: str
    width: int
    drop: int = 0  # when the pane is too narrow, higher `drop` goes first (0: never)
    flex: int = 0  # shares of the width left over
    align: Literal["left", "right"] = "left"


@dataclass(frozen=True, slots=True)
class ListRow:
    """One line: what it is about (None: not selectable) and its cells."""

    target: Target | None
    cells: dict[str, Cell]
    style: str = ""
    # The keys of the cells that offer alternatives, found once when the row is made (a
    # list of thousands must not look at every cell again on every key).
    varied: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        varied = frozenset(k for k, cell in self.cells.items() if type(cell) is tuple)
        object.__setattr__(self, "varied", varied)


def text_width(option: str | Text) -> int:
    return cell_len(option.plain if isinstance(option, Text) else option)


def fit(cell: Cell | None, width: int, first: int = 0) -> Text:
    """The first alternative from `first` on that fits in `width`, else the last one cut
    with an ellipsis."""
    if cell is None:
        return Text()
    options = cell if isinstance(cell, tuple) else (cell,)
    chosen: str | Text = options[-1]
    for option in options[min(first, len(options) - 1) :]:
        if text_width(option) <= width:
            chosen = option
            break
    text = chosen.copy() if isinstance(chosen, Text) else Text(chosen)
    if "\n" in text.plain:  # a note pasted with line breaks: one line in a list
        text = Text(" ".join(text.plain.split()), style=text.style)
    text.truncate(width, overflow="ellipsis")
    return text


def layout(columns: Sequence[Column], width: int) -> list[tuple[Column, int]]:
    """Columns that fit in `width` (one space apart) and the width each gets."""
    shown = list(columns)

    def needed() -> int:
        return sum(c.width for c in shown) + max(len(shown) - 1, 0)

    while needed() > width:
        droppable = [c for c in shown if c.drop > 0]
        if not droppable:
            break
        shown.remove(max(droppable, key=lambda c: c.drop))
    spare = max(width - needed(), 0)
    shares = sum(c.flex for c in shown)
    widths = []
    given = 0
    flexible = [c for c in shown if c.flex]
    for column in shown:
        extra = 0
        if column.flex and shares:
            extra = spare * column.flex // shares
            if column is flexible[-1]:
                extra = spare - given  # the last flexible column takes the rounding
            given += extra
        widths.append((column, column.width + extra))
    # Still too wide (a very narrow pane): squeeze the flexible columns, then narrow the
    # last column (its cells end in "…") or drop it; never a column cut bare at the edge.
    overflow = sum(w for _, w in widths) + max(len(widths) - 1, 0) - width
    if overflow > 0:
        squeezed = []
        for column, w in reversed(widths):
            cut = min(overflow, max(w - 4, 0)) if column.flex else 0
            overflow -= cut
            squeezed.append((column, w - cut))
        widths = list(reversed(squeezed))
    while overflow > 0 and len(widths) > 1:
        column, w = widths[-1]
        if w - overflow >= 3:
            widths[-1] = (column, w - overflow)
            break
        widths.pop()
        overflow -= w + 1
    if overflow > 0 and widths:
        widths[0] = (widths[0][0], max(widths[0][1] - overflow, 1))
    return widths


def column_form(rows: Sequence[ListRow], key: str, width: int) -> int:
    """Which alternative a column shows: the longest that fits on every row, so a column
    reads the same way all down (short forms for all when one needs them)."""
    chosen = 0
    for row in rows:
        cell = row.cells.get(key)
        if isinstance(cell, tuple):
            while chosen < len(cell) - 1 and text_width(cell[chosen]) > width:
                chosen += 1
    return chosen


def line_strip(cells: Sequence[Text], base: Style, width: int, console: Console) -> Strip:
    """One line of cells, one space apart, padded or cut to `width`."""
    text = Text(style=base, no_wrap=True, end="")
    for i, cell in enumerate(cells):
        if i:
            text.append(" ")
        text.append_text(cell)
    # Text.render leaves the base style out when the text has no spans: apply it here.
    # One Strip per line (each carries caches of its own: they are not free).
    segments = Segment.apply_style(text.render(console), base)
    return Strip(Segment.adjust_line_length(list(segments), width, base), width)


def wrap_lines(lines: Sequence[str | Text], width: int, console: Console) -> list[Text]:
    """Sentences (an empty state, say) wrapped to `width`."""
    wrapped: list[Text] = []
    for line in lines:
        text = line.copy() if isinstance(line, Text) else Text(line)
        wrapped.extend(text.wrap(console, max(width, 1)))
    return wrapped


def more_text(rows: int, top: int, visible: int) -> Text:
    """`… 6 more ↓` below the last row drawn; `↑ 6 above` once at the end."""
    below = rows - top - visible
    return Text(f"… {below} more ↓" if below > 0 else f"↑ {top} above")


def varied_keys(rows: Sequence[ListRow]) -> set[str]:
    """The keys of the cells that offer alternatives on some row."""
    return {key for row in rows if row.varied for key in row.varied}


def selectable(rows: Sequence[ListRow], index: int, step: int) -> int:
    """The nearest selectable row from `index` going `step` (either way as a fallback)."""
    for direction in (step, -step):
        i = index
        while 0 <= i < len(rows):
            if rows[i].target is not None:
                return i
            i += direction
    return -1
