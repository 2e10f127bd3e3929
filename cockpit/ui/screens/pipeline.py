"""The pipeline screen (`P`, DESIGN §9.4): every open deal, or every account, to sort,
filter, select and clean up with one line.

Space marks a row, `*` every row shown; a line typed in the bar then applies to each
marked row as one command (services/bulk.py): one journal line, one undo. With nothing
marked the bar works as everywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static

from cockpit.domain.book import Book
from cockpit.ui.data.lines import Target
from cockpit.ui.data.pipeline import PipelineView, build_pipeline
from cockpit.ui.screens.cockpit_screen import CockpitScreen
from cockpit.ui.widgets.footer import KeyFooter
from cockpit.ui.widgets.log_bar import LogBar
from cockpit.ui.widgets.pipeline_rows import (
    ACCOUNT_FIELDS,
    DEAL_FIELDS,
    Entry,
    Field,
    account_entries,
    deal_entries,
    marked,
    shown_entries,
)
from cockpit.ui.widgets.record_list import RecordList

__all__ = ["PipelineScreen"]


class PipelineScreen(CockpitScreen):
    """All deals (or accounts) in one sortable, filterable, selectable list."""

    AUTO_FOCUS = "#pipeline"

    DEFAULT_CSS = """
    PipelineScreen {
        #pipeline-title { height: 1; padding: 0 1; background: $panel; }
        #filter { height: 1; border: none; padding: 0 1; margin: 0; }
        #pipeline { height: 1fr; padding: 0 0 0 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="pipeline.back"),
        Binding("space", "mark", "Mark", id="pipeline.mark"),
        Binding("asterisk", "mark_all", "All shown", key_display="*", id="pipeline.all"),
        Binding("slash", "filter", "Filter", id="pipeline.filter"),
        Binding("o", "sort(1)", "Sort", id="pipeline.sort"),
        Binding("O", "sort(-1)", "Sort back", show=False, id="pipeline.sort_back"),
        Binding("r", "reverse", "Reverse", id="pipeline.reverse"),
        Binding("v", "toggle_accounts", "Accounts", id="pipeline.accounts"),
        Binding("C", "toggle_closed", "Closed", id="pipeline.closed"),
        # The row keys still work; the footer keeps room for this screen's own.
        Binding("c", "prefill('call')", "Call", show=False, id="pipeline.call"),
        Binding("d", "next_step", "Next step", show=False, id="pipeline.next_step"),
        Binding("x", "lost", "Lost", show=False, id="pipeline.lost"),
        Binding("P", "filter_clear", "Pipeline", show=False, id="pipeline.pipeline"),
        Binding("question_mark", "help", "Help", show=False, id="pipeline.help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.closed = False
        self.accounts = False
        self.view: PipelineView | None = None
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.marks: set[Target] = set()
        self.sort = {False: DEAL_FIELDS.index(_field("value")), True: 1}
        self.descending = {False: True, True: False}

    def compose(self) -> ComposeResult:
        yield Static(id="pipeline-title")
        yield Input(
            placeholder="/ filter: words to find (title, account, stage, next step)", id="filter"
        )
        yield RecordList(DEAL_FIELDS_COLUMNS, empty=["loading…"], id="pipeline")
        yield LogBar(
            (
                'space marks rows; a line then changes each: close:+2w next:"x" due:mon',
                "space marks rows; a line then changes each: close:+2w",
                "space marks; a line changes each",
            ),
            id="logbar",
        )
        yield KeyFooter()

    # -- data -----------------------------------------------------------------------

    def build_view(self, book: Book, now: datetime) -> tuple[PipelineView, list[Entry]]:
        view = build_pipeline(book, now, closed=self.closed, accounts=self.accounts)
        return view, account_entries(view) if self.accounts else deal_entries(view)

    def show_view(self, data: tuple[PipelineView, list[Entry]]) -> None:
        self.view, self.entries = data
        known = {e.target for e in self.entries}
        self.marks &= known  # records gone (undone, archived) cannot stay marked
        self._show()

    @property
    def _fields(self) -> list[Field]:
        return ACCOUNT_FIELDS if self.accounts else DEAL_FIELDS

    def _show(self, *, reset: bool = False) -> None:
        """Filter, sort and mark the rows, then set the title."""
        fields = self._fields
        sort, descending = self.sort[self.accounts], self.descending[self.accounts]
        words = self.query_one("#filter", Input).value
        self.shown = shown_entries(self.entries, words, sort, descending)
        if self.marks:  # a mark never hides: only rows on the list are marked
            self.marks &= {e.target for e in self.shown}
        table = self.query_one("#pipeline", RecordList)
        arrow = "▼" if descending else "▲"
        table.set_columns(
            [
                replace(f.column, title=arrow + f.column.title) if i == sort else f.column
                for i, f in enumerate(fields)
            ]
        )
        marks = self.marks
        rows = [marked(e) if marks and e.target in marks else e.row for e in self.shown]
        what = "accounts" if self.accounts else "deals"
        table.set_rows(
            rows, [f"No {what} match “{words}”." if words else f"No {what} yet."], reset=reset
        )
        self._title()

    def _title(self) -> None:
        view = self.view
        if view is None:
            return
        title = Text()
        title.append("Pipeline", style="bold")
        if self.accounts:
            title.append(f" · {len(self.entries)} accounts")
        else:
            title.append(f" · {view.open_count} open deals")
            if self.closed:
                title.append(f" + {view.closed_count} closed")
        if len(self.shown) != len(self.entries):
            title.append(f" · {len(self.shown)} match")
        if self.marks:
            title.append(f" · {len(self.marks)} selected", style="bold green")
        field = self._fields[self.sort[self.accounts]]
        order = "high to low" if self.descending[self.accounts] else "low to high"
        title.append(f" · by {field.column.title or field.column.key}, {order}", style="dim")
        self.query_one("#pipeline-title", Static).update(title)

    # -- what the keys act on ----------------------------------------------------------

    def current_target(self) -> Target | None:
        return self.query_one("#pipeline", RecordList).selected

    def focus_content(self) -> None:
        self.set_focus(self.query_one("#pipeline", RecordList))

    def run_line(self, line: str, *, from_bar: bool = False, each: Sequence[str] = ()) -> None:
        """A line from the bar applies to every marked row when rows are marked."""
        refs = [e.ref for e in self.shown if e.target in self.marks] if from_bar else []
        super().run_line(line, from_bar=from_bar, each=refs or each)

    # -- actions ----------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to where you were (from the filter: back to the list)."""
        if self.focused is self.query_one("#filter", Input):
            self.focus_content()
        else:
            self.dismiss()

    def action_mark(self) -> None:
        """Mark or unmark the highlighted row, and move down."""
        table = self.query_one("#pipeline", RecordList)
        target = table.selected
        if target is None:
            return
        self.marks ^= {target}
        self._show()
        table.action_cursor_down()

    def action_mark_all(self) -> None:
        """Mark every row shown (all marked already: unmark them)."""
        shown = {e.target for e in self.shown}
        self.marks = set() if shown and shown <= self.marks else shown
        self._show()

    def action_filter_clear(self) -> None:
        """P again: the whole list, from the top."""
        self.query_one("#filter", Input).value = ""
        self.focus_content()

    def action_filter(self) -> None:
        """Type words to narrow the list."""
        self.set_focus(self.query_one("#filter", Input))

    def action_sort(self, step: int) -> None:
        """Sort by the next (1) or previous (-1) column."""
        fields = self._fields
        index = self.sort[self.accounts]
        for _ in fields:
            index = (index + step) % len(fields)
            if fields[index].column.key != "mark":
                break
        self.sort[self.accounts] = index
        self._show()

    def action_reverse(self) -> None:
        """Reverse the order."""
        self.descending[self.accounts] = not self.descending[self.accounts]
        self._show()

    def action_toggle_closed(self) -> None:
        """Show closed deals too, or only open ones."""
        self.closed = not self.closed
        if not self.accounts:
            self.reload()

    def action_toggle_accounts(self) -> None:
        """Switch between deals and accounts."""
        self.accounts = not self.accounts
        self.marks = set()
        self.reload()

    @on(Input.Changed, "#filter")
    def _filtered(self) -> None:
        self._show(reset=True)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.focus_content()

    @on(RecordList.Opened)
    def _opened(self, message: RecordList.Opened) -> None:
        self.open_detail(message.target)


def _field(key: str) -> Field:
    return next(f for f in DEAL_FIELDS if f.column.key == key)


DEAL_FIELDS_COLUMNS = [f.column for f in DEAL_FIELDS]
