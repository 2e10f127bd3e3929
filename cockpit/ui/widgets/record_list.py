"""A keyboard-driven list of records that renders only the lines on screen (Line API).

Textual's DataTable measures every cell of every row (DESIGN §8); a pane of a thousand
relationships must not. Rows are fixed one-line records laid out in columns that fit the
pane: narrow panes drop the least useful columns, wide ones show them all. A cell may
offer alternatives, longest first; the first that fits is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cockpit.ui.data.lines import Target

__all__ = ["Cell", "Column", "ListRow", "RecordList"]

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


def _width(option: str | Text) -> int:
    return cell_len(option.plain if isinstance(option, Text) else option)


def _fit(cell: Cell | None, width: int, first: int = 0) -> Text:
    """The first alternative from `first` on that fits in `width`, else the last one cut
    with an ellipsis."""
    if cell is None:
        return Text()
    options = cell if isinstance(cell, tuple) else (cell,)
    chosen: str | Text = options[-1]
    for option in options[min(first, len(options) - 1) :]:
        if _width(option) <= width:
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
    # Still too wide (a very narrow pane): squeeze the flexible columns, then cut.
    overflow = sum(w for _, w in widths) + max(len(widths) - 1, 0) - width
    if overflow > 0:
        squeezed = []
        for column, w in reversed(widths):
            cut = min(overflow, max(w - 4, 0)) if column.flex else 0
            overflow -= cut
            squeezed.append((column, w - cut))
        widths = list(reversed(squeezed))
    return widths


class RecordList(ScrollView, can_focus=True):
    """Rows of records with a cursor; Enter posts `Opened`, moving posts `Highlighted`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="list.open"),
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-list--header",
        "record-list--cursor",
        "record-list--cursor-blurred",
        "record-list--empty",
    }

    DEFAULT_CSS = """
    RecordList {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: transparent;
        & > .record-list--header { color: $text-muted; text-style: bold; }
        & > .record-list--cursor { background: $block-cursor-background; }
        & > .record-list--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .record-list--empty { color: $text-muted; }
    }
    """

    cursor: reactive[int] = reactive(-1, repaint=False)

    @dataclass
    class Opened(Message):
        """Enter (or a second click) on a row."""

        record_list: RecordList
        target: Target

        @property
        def control(self) -> RecordList:
            """The list the row belongs to."""
            return self.record_list

    @dataclass
    class Highlighted(Message):
        """The cursor moved to a row."""

        record_list: RecordList
        target: Target | None

        @property
        def control(self) -> RecordList:
            """The list the row belongs to."""
            return self.record_list

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        empty: Sequence[str | Text] = ("nothing here",),
        show_header: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = list(columns)
        self.empty = list(empty)
        self.show_header = show_header
        self.rows: list[ListRow] = []
        self._layout: tuple[int, list[tuple[Column, int]]] | None = None
        # Rendered lines by (row, width, under the cursor, focused): a repaint that does
        # not change the rows (typing in the log bar, say) costs a lookup per line.
        self._lines: dict[tuple[int, int, bool, bool], Strip] = {}
        self._empty_wrapped: tuple[int, list[Text]] | None = None
        self._forms: dict[str, int] = {}  # column key -> alternative shown, for this layout
        self._styles: dict[str, Style] = {}

    # -- data in ------------------------------------------------------------------

    def set_rows(
        self,
        rows: Sequence[ListRow],
        empty: Sequence[str | Text] | None = None,
        *,
        reset: bool = False,
    ) -> None:
        """Show `rows`, keeping the cursor on the same record when it is still there
        (`reset`: back to the first row)."""
        previous = None if reset else self.selected
        old_rows, old_cursor, old_top = self.rows, self.cursor, round(self.scroll_y)
        old_forms = self._forms
        self.rows = list(rows)
        self._forms = {}
        if empty is not None and list(empty) != self.empty:
            self.empty = list(empty)
            self._empty_wrapped = None
        index = -1
        if previous is not None:
            index = next((i for i, r in enumerate(self.rows) if r.target == previous), -1)
        if index < 0:
            index = 0 if reset else min(max(self.cursor, 0), len(self.rows) - 1)
            index = self._selectable(index, 1) if self.rows else -1
        self._update_virtual_size()
        self.set_reactive(RecordList.cursor, index)
        if reset:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self._repaint_changes(old_rows, old_cursor, old_top, old_forms)

    def _repaint_changes(
        self, old_rows: list[ListRow], old_cursor: int, old_top: int, old_forms: dict[str, int]
    ) -> None:
        """Repaint only the lines whose row changed, when nothing else moved: after a
        logged line most rows are the same, and a full repaint of every pane is what
        would make Enter feel slow."""
        width = self._view.width
        forms = {c.key: self._form(c.key, w) for c, w in self._columns_for(width)}
        same_frame = (
            len(old_rows) == len(self.rows)
            and old_cursor == self.cursor
            and old_top == round(self.scroll_y)
            and forms == old_forms
            and self.rows
        )
        if not same_frame:
            self._lines.clear()
            self.refresh()
            return
        top, header = round(self.scroll_y), self._header_lines
        for i, (old, new) in enumerate(zip(old_rows, self.rows, strict=True)):
            if old == new:
                continue
            for key in [k for k in self._lines if k[0] == i]:
                del self._lines[key]
            y = header + i - top
            if header <= y < self._view.height:
                self.refresh(Region(0, y, self.size.width, 1))

    @property
    def selected(self) -> Target | None:
        """The record under the cursor."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].target
        return None

    @property
    def _header_lines(self) -> int:
        return 1 if self.show_header and self.rows else 0

    @property
    def _view(self) -> Size:
        """The size rows render in: the content area less the scrollbar."""
        return self.scrollable_content_region.size

    def _empty_lines(self, width: int) -> list[Text]:
        """The empty-state lines wrapped to `width` (they are sentences, not columns)."""
        if self._empty_wrapped is None or self._empty_wrapped[0] != width:
            lines: list[Text] = []
            for line in self.empty:
                text = line.copy() if isinstance(line, Text) else Text(line)
                lines.extend(text.wrap(self.app.console, max(width, 1)))
            self._empty_wrapped = (width, lines)
        return self._empty_wrapped[1]

    def _update_virtual_size(self) -> None:
        width = self._view.width
        height = len(self.rows) + self._header_lines if self.rows else len(self._empty_lines(width))
        self.virtual_size = Size(width, height)

    def on_resize(self, event: events.Resize) -> None:
        self._layout = None
        self._lines.clear()
        self._update_virtual_size()
        self._scroll_cursor_into_view()

    # -- cursor -------------------------------------------------------------------

    def _selectable(self, index: int, step: int) -> int:
        """The nearest selectable row from `index` going `step` (either way as a fallback)."""
        for direction in (step, -step):
            i = index
            while 0 <= i < len(self.rows):
                if self.rows[i].target is not None:
                    return i
                i += direction
        return -1

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self, self.selected))

    def _scroll_cursor_into_view(self) -> None:
        if self.cursor < 0:
            return
        visible = max(self._view.height - self._header_lines, 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def _move(self, step: int) -> None:
        if not self.rows:
            return
        start = min(max(self.cursor + step, 0), len(self.rows) - 1)
        index = self._selectable(start, 1 if step > 0 else -1)
        if index >= 0:
            self.cursor = index

    def action_cursor_down(self) -> None:
        """Move to the next row."""
        self._move(1)

    def action_cursor_up(self) -> None:
        """Move to the previous row."""
        self._move(-1)

    def action_first(self) -> None:
        """Move to the first row."""
        self._move(-len(self.rows))

    def action_last(self) -> None:
        """Move to the last row."""
        self._move(len(self.rows))

    def action_page(self, pages: int) -> None:
        """Move a page down (1) or up (-1)."""
        self._move(pages * max(self._view.height - self._header_lines - 1, 1))

    def action_open(self) -> None:
        """Open the record under the cursor."""
        if self.selected is not None:
            self.post_message(self.Opened(self, self.selected))

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y - self._header_lines
        if not 0 <= index < len(self.rows) or self.rows[index].target is None:
            return
        if index == self.cursor and event.chain >= 2:
            self.action_open()
        self.cursor = index

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self._styles = {}

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- rendering ----------------------------------------------------------------

    def _columns_for(self, width: int) -> list[tuple[Column, int]]:
        if self._layout is None or self._layout[0] != width:
            self._layout = (width, layout(self.columns, width))
            self._forms = {}
        return self._layout[1]

    def _form(self, key: str, width: int) -> int:
        """Which alternative a column shows: the longest that fits on every row, so a
        column reads the same way all down (short forms for all when one needs them)."""
        if key not in self._forms:
            chosen = 0
            for row in self.rows:
                cell = row.cells.get(key)
                if isinstance(cell, tuple):
                    while chosen < len(cell) - 1 and _width(cell[chosen]) > width:
                        chosen += 1
            self._forms[key] = chosen
        return self._forms[key]

    def _line(self, cells: list[Text], base: Style, width: int) -> Strip:
        text = Text(style=base, no_wrap=True, end="")
        for i, cell in enumerate(cells):
            if i:
                text.append(" ")
            text.append_text(cell)
        # Text.render leaves the base style out when the text has no spans: apply it here.
        # One Strip per line (each carries caches of its own: they are not free).
        segments = Segment.apply_style(text.render(self.app.console), base)
        return Strip(Segment.adjust_line_length(list(segments), width, base), width)

    def _style(self, name: str = "") -> Style:
        """The list's base style, plus a component's (cached until the CSS changes)."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style
            if name:
                style = style + self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def _row_cells(self, row: ListRow, width: int) -> list[Text]:
        cells = []
        for column, w in self._columns_for(width):
            text = _fit(row.cells.get(column.key), w, self._form(column.key, w))
            if row.style:
                # Under the cell's own styles: a red "overdue" stays red in a dim row.
                text.stylize_before(row.style)
            text.align(column.align, w)
            cells.append(text)
        return cells

    def render_line(self, y: int) -> Strip:
        width = self._view.width
        base = self._style()
        if not self.rows:
            empty = self._empty_lines(width)
            if y < len(empty):
                return self._line([empty[y]], self._style("record-list--empty"), width)
            return Strip.blank(width, base)
        if self._header_lines and y == 0:
            cells = []
            for column, w in self._columns_for(width):
                t = Text(column.title[:w])
                t.align(column.align, w)
                cells.append(t)
            return self._line(cells, self._style("record-list--header"), width)
        index = round(self.scroll_y) + y - self._header_lines
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, base)
        key = (index, width, index == self.cursor, self.has_focus)
        cached = self._lines.get(key)
        if cached is not None:
            return cached
        row_style = base
        if index == self.cursor:
            name = "record-list--cursor" if self.has_focus else "record-list--cursor-blurred"
            row_style = self._style(name)
        strip = self._line(self._row_cells(self.rows[index], width), row_style, width)
        self._lines[key] = strip
        return strip
