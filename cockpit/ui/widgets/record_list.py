"""A keyboard-driven list of records that renders only the lines on screen (Line API).

DataTable measures every cell of every row (DESIGN §8); a pane of a thousand relationships
must not. Rows are one-line records in columns that fit the pane (widgets/columns.py). The
list scrolls with its cursor; a cut list ends in "… N more" (DESIGN §9.1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

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
from cockpit.ui.widgets.columns import (
    Cell,
    Column,
    ListRow,
    column_form,
    fit,
    layout,
    line_strip,
    more_text,
    selectable,
    varied_keys,
    wrap_lines,
)

__all__ = ["Cell", "Column", "ListRow", "RecordList", "layout"]

GAP = 1  # a blank column: text never meets the scrollbar or the border (DESIGN §9.5)


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
        "record-list--more",
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
        & > .record-list--more { color: $text-muted; text-style: italic; }
    }
    """

    cursor: reactive[int] = reactive(-1, repaint=False)

    @dataclass
    class _Message(Message):
        record_list: RecordList

        @property
        def control(self) -> RecordList:
            """The list the message is about."""
            return self.record_list

    @dataclass
    class Opened(_Message):
        """Enter (or a second click) on a row."""

        target: Target

    @dataclass
    class Shown(_Message):
        """How many rows fit on screen changed (a pane's title says it)."""

        shown: int
        total: int

    @dataclass
    class Highlighted(_Message):
        """The cursor moved to a row."""

        target: Target | None

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
        self._varied: set[str] = set()  # keys of the columns with alternatives
        self._styles: dict[str, Style] = {}
        self._shown_said = -1

    # -- data in ------------------------------------------------------------------

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Lay the rows out in `columns` from now on (a sort arrow moved, say)."""
        if list(columns) != self.columns:
            self.columns, self._layout = list(columns), None
            self._lines.clear()
            self.refresh()

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
        self.rows, self._varied = list(rows), varied_keys(rows)
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
        top, header, end = round(self.scroll_y), self._header_lines, self._visible_rows
        for i, (old, new) in enumerate(zip(old_rows, self.rows, strict=True)):
            if old is new or old == new:
                continue
            for key in [k for k in self._lines if k[0] == i]:
                del self._lines[key]
            y = header + i - top
            if header <= y < header + end:
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
    def _cut(self) -> bool:
        """Not every row fits: the last line says how many more there are."""
        return bool(self.rows) and len(self.rows) + self._header_lines > self._view.height

    @property
    def _visible_rows(self) -> int:
        """How many rows the view draws (the header and the "more" line aside)."""
        return max(self._view.height - self._header_lines - int(self._cut), 1)

    @property
    def shown(self) -> int:
        """How many rows are on screen at once."""
        return min(self._visible_rows, len(self.rows))

    @property
    def _view(self) -> Size:
        """The text's size: the content less the scrollbar and the blank GAP column."""
        width, height = self.scrollable_content_region.size
        return Size(max(width - GAP, 1), height)

    def _empty_lines(self, width: int) -> list[Text]:
        """The empty-state lines wrapped to `width` (they are sentences, not columns)."""
        if self._empty_wrapped is None or self._empty_wrapped[0] != width:
            self._empty_wrapped = (width, wrap_lines(self.empty, width, self.app.console))
        return self._empty_wrapped[1]

    def _update_virtual_size(self) -> None:
        width = self._view.width
        if self.rows:
            height = len(self.rows) + self._header_lines + int(self._cut)
        else:
            height = len(self._empty_lines(width))
        self.virtual_size = Size(width, height)
        if self.shown != self._shown_said:
            self._shown_said = self.shown
            self.post_message(self.Shown(self, self.shown, len(self.rows)))

    def on_resize(self, event: events.Resize) -> None:
        self._layout = None
        self._lines.clear()
        self._update_virtual_size()
        self._scroll_cursor_into_view()

    # -- cursor -------------------------------------------------------------------

    def _selectable(self, index: int, step: int) -> int:
        return selectable(self.rows, index, step)

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self, self.selected))

    def _scroll_cursor_into_view(self) -> None:
        if self.cursor < 0:
            return
        visible = self._visible_rows
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
        self._move(pages * max(self._visible_rows - 1, 1))

    def action_open(self) -> None:
        """Open the record under the cursor."""
        if self.selected is not None:
            self.post_message(self.Opened(self, self.selected))

    def on_click(self, event: events.Click) -> None:
        if event.y >= self._header_lines + self._visible_rows:
            return  # the "more" line
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

    on_blur = on_focus

    # -- rendering ----------------------------------------------------------------

    def _columns_for(self, width: int) -> list[tuple[Column, int]]:
        if self._layout is None or self._layout[0] != width:
            self._layout = (width, layout(self.columns, width))
            self._forms = {}
        return self._layout[1]

    def _form(self, key: str, width: int) -> int:
        if key not in self._forms:  # most columns have one form: skip the scan
            self._forms[key] = column_form(self.rows, key, width) if key in self._varied else 0
        return self._forms[key]

    def _line(self, cells: list[Text], base: Style, width: int) -> Strip:
        return line_strip(cells, base, width + GAP, self.app.console)

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
            text = fit(row.cells.get(column.key), w, self._form(column.key, w))
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
            return Strip.blank(width + GAP, base)
        if self._header_lines and y == 0:
            cells = [fit(c.title, w) for c, w in self._columns_for(width)]
            for (column, w), cell in zip(self._columns_for(width), cells, strict=True):
                cell.align(column.align, w)
            return self._line(cells, self._style("record-list--header"), width)
        if self._cut and y == self._header_lines + self._visible_rows:
            return self._line(
                [more_text(len(self.rows), round(self.scroll_y), self._visible_rows)],
                self._style("record-list--more"),
                width,
            )
        index = round(self.scroll_y) + y - self._header_lines
        if not 0 <= index < len(self.rows) or y >= self._header_lines + self._visible_rows:
            return Strip.blank(width + GAP, base)
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
