"""`/`: search accounts, contacts, deals and activity notes as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cockpit.ui.data.lines import Target
from cockpit.ui.data.search import SearchEntry, SearchIndex
from cockpit.ui.live import searchable_copy
from cockpit.ui.widgets.record_list import Column, ListRow, RecordList

if TYPE_CHECKING:
    from cockpit.ui.app import CockpitApp

__all__ = ["SearchScreen"]

COLUMNS = [
    Column("kind", "", 8),
    Column("ref", "", 18, drop=1),
    Column("label", "", 20, flex=3),
    Column("detail", "", 14, drop=2, flex=1),
]
_KIND_STYLE = {"deal": "bold cyan", "account": "bold green", "contact": "bold yellow"}


def _row(entry: SearchEntry) -> ListRow:
    return ListRow(
        entry.target,
        {
            "kind": Text(entry.kind, style=_KIND_STYLE.get(entry.kind, "dim")),
            "ref": entry.ref,
            "label": entry.label,
            "detail": Text(entry.detail, style="dim"),
        },
    )


class SearchScreen(ModalScreen[Target | None]):
    """Filters as you type; Enter opens the highlighted record's detail."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="search.close"),
        Binding("down", "move(1)", "Down", show=False, id="search.down"),
        Binding("up", "move(-1)", "Up", show=False, id="search.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="search.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="search.page_up"),
    ]

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
        & > Vertical {
            width: 90%;
            max-width: 160;
            height: 80%;
            margin-top: 2;
            border: round $accent;
            background: $surface;
            padding: 0 1;
        }
        & #search-input { margin-bottom: 0; }
        & #search-count { color: $text-muted; height: 1; }
        & #search-results { height: 1fr; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.index: SearchIndex | None = None

    @property
    def cockpit(self) -> CockpitApp:
        """The app, typed."""
        return cast("CockpitApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Search: accounts, contacts, deals, notes"
            box.border_subtitle = "↑↓ move · ⏎ open · Esc close"
            yield Input(placeholder="type part of a name, a handle or a note", id="search-input")
            yield Static("indexing…", id="search-count")
            yield RecordList(COLUMNS, empty=["indexing…"], show_header=False, id="search-results")

    def on_mount(self) -> None:
        # A watcher runs as the key lands, so the typed letter and the new results paint in
        # one frame; an Input.Changed handler would repaint them one frame apart.
        self.watch(self.query_one("#search-input", Input), "value", self._typed, init=False)
        self.watch(self.app, "revision", self._book_moved, init=False)
        cached = self.cockpit.search_index
        if cached is not None and cached[0] == self.cockpit.revision:
            self.index = cached[1]
            self._filter()
        else:
            self._build(self.cockpit.revision)

    @work(thread=True, exclusive=True, group="search")
    def _build(self, revision: int) -> None:
        session = self.cockpit.session
        with session.lock:
            records = searchable_copy(session.book)
        index = SearchIndex.build(records)  # outside the lock, as ui/live.py does
        self.app.call_from_thread(self._built, revision, index)

    def _built(self, revision: int, index: SearchIndex) -> None:
        self.cockpit.search_index = (revision, index)
        self.index = index
        self._filter()

    def _book_moved(self, revision: int) -> None:
        # Notes missing (the book opened without its activities, §9.7): index them as soon
        # as they are read, without waiting for a key. Otherwise the results stay put.
        if self.index is not None and not self.index.notes:
            self._build(revision)

    def _typed(self, _value: str) -> None:
        self._filter()

    def _filter(self) -> None:
        if self.index is None:
            return
        query = self.query_one("#search-input", Input).value
        result = self.index.search(query)
        results = self.query_one("#search-results", RecordList)
        empty = "no match: fewer letters?" if self.index.notes else "no match yet: notes loading…"
        results.set_rows([_row(e) for e in result.hits], [empty], reset=True)
        if not query.strip():
            said = f"{result.total:,} things to search"
        elif result.more:
            said = f"more than {result.total:,} matches: type more to narrow them"
        else:
            said = f"{result.total:,} match{'es' if result.total != 1 else ''}"
        if not self.index.notes:
            said += " · notes loading…"
        self.query_one("#search-count", Static).update(said)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        selected = self.query_one("#search-results", RecordList).selected
        if selected is not None:
            self.dismiss(selected)

    @on(RecordList.Opened)
    def _opened(self, message: RecordList.Opened) -> None:
        self.dismiss(message.target)

    def action_move(self, step: int) -> None:
        """Move the highlight without leaving the search box."""
        results = self.query_one("#search-results", RecordList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def action_page(self, pages: int) -> None:
        """Move the highlight a page."""
        self.query_one("#search-results", RecordList).action_page(pages)
