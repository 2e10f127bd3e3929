"""The detail of a deal, account or contact: facts, next step, chase, promises, change
history, related records and the timeline of activities."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from cockpit.domain.book import Book
from cockpit.ui.data.detail import Detail, TimelineItem, build_detail
from cockpit.ui.data.lines import Target
from cockpit.ui.screens.cockpit_screen import CockpitScreen
from cockpit.ui.widgets.footer import KeyFooter
from cockpit.ui.widgets.log_bar import LogBar
from cockpit.ui.widgets.pane import Pane
from cockpit.ui.widgets.record_list import Column, ListRow, RecordList
from cockpit.ui.widgets.rows import LATE, SOON, relative_day

__all__ = ["DetailScreen", "detail_text"]

TIMELINE_COLUMNS = [
    Column("when", "when", 10),
    Column("kind", "what", 8),
    Column("outcome", "outcome", 10, drop=1),
    Column("about", "about", 14, drop=2, flex=1),
    Column("text", "notes", 16, flex=3),
]
RELATED_COLUMNS = [Column("ref", "", 12, flex=1), Column("text", "", 16, flex=2)]
HISTORY_SHOWN = 12


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _grid() -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True, justify="right", min_width=10)
    grid.add_column(ratio=1)
    return grid


def _heading(title: str) -> Text:
    return Text("\n" + title, style="bold")


def detail_text(detail: Detail, today: date) -> Group:
    """The left column: facts, next step, why, chase, promises and recent changes."""
    facts = _grid()
    for label, value in detail.facts:
        facts.add_row(label, value)
    if detail.target.kind == "deal" and detail.is_open:
        step = Text()
        if detail.next_step:
            step.append(detail.next_step, style="bold")
            if detail.next_due is not None:
                late = detail.next_due < today
                style = LATE if late else SOON if detail.next_due == today else ""
                step.append(f" · {relative_day(detail.next_due, today)}", style=style)
        else:
            step.append("none: d sets one", style=SOON)
        facts.add_row("next step", step)
    if detail.chase:
        facts.add_row("chase", Text(f"f/u {detail.chase} since the last reply", style="magenta"))
    if detail.reasons:
        facts.add_row("in sprint", " · ".join(r.text for r in detail.reasons))
    parts: list[RenderableType] = [facts]
    if detail.promises:
        parts.append(_heading("promises"))
        promises = _grid()
        for row in detail.promises:
            style = LATE if row.status == "missed" else "dim" if row.promise.done_at else ""
            text = Text(row.promise.text, style=style)
            text.append(f"  {row.status}, due {row.promise.due.isoformat()}", style="dim")
            promises.add_row(f"!{row.promise.id}", text)
        parts.append(promises)
    if detail.history:
        parts.append(_heading("changes"))
        changes = _grid()
        for change in detail.history[:HISTORY_SHOWN]:
            line = Text()
            line.append(change.field.replace("_", " "), style="bold")
            line.append(f" {_value(change.old)} → {_value(change.new)}")
            changes.add_row(change.at.date().isoformat(), line)
        if len(detail.history) > HISTORY_SHOWN:
            changes.add_row("", Text(f"… {len(detail.history) - HISTORY_SHOWN} earlier", "dim"))
        parts.append(changes)
    return Group(*parts)


def _timeline_rows(detail: Detail, today: date) -> list[ListRow]:
    rows = []
    for item in detail.timeline:
        a = item.activity
        kind = a.kind + (" ←" if a.direction == "in" else "")
        when = a.at.date()
        rows.append(
            ListRow(
                Target("activity", a.id),
                {
                    "when": when.isoformat()
                    if (today - when).days > 6
                    else relative_day(when, today),
                    "kind": kind,
                    "outcome": (a.outcome or "").replace("_", " "),
                    "about": item.about,
                    "text": a.text,
                },
                "" if a.is_touch else "italic",
            )
        )
    if detail.timeline_total > len(detail.timeline):
        more = detail.timeline_total - len(detail.timeline)
        rows.append(ListRow(None, {"text": f"… {more} older (search finds them)"}, "dim"))
    return rows


class DetailScreen(CockpitScreen):
    """One record in full; the row keys act on it, Enter opens a related one."""

    AUTO_FOCUS = "#timeline"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", id="detail.back"),
    ]

    def __init__(self, target: Target) -> None:
        super().__init__()
        self.target = target
        self.detail: Detail | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        with Horizontal(id="detail-body"):
            with Vertical(id="detail-left"):
                with VerticalScroll(id="detail-facts-scroll"):
                    yield Static(id="detail-facts")
                with Pane("", "related", id="related-pane"):
                    yield RecordList(RELATED_COLUMNS, empty=["—"], show_header=False, id="related")
            with Pane(
                "",
                "timeline",
                "← inbound · italic: notes · ⏎ the whole activity",
                id="timeline-pane",
            ):
                yield RecordList(TIMELINE_COLUMNS, empty=["loading…"], id="timeline")
                yield Static(id="timeline-text")
        yield LogBar(id="logbar")
        yield KeyFooter()

    def build_view(self, book: Book, now: datetime) -> tuple[Detail | None, date]:
        return build_detail(book, self.target, now.date()), now.date()

    def show_view(self, data: tuple[Detail | None, date]) -> None:
        detail, today = data
        if detail is None:
            self.notify("That record no longer exists (undone?).", severity="warning")
            self.dismiss()
            return
        self.detail = detail
        title = Text()
        title.append(f"{detail.ref} ", style="bold cyan")
        title.append(detail.title, style="bold")
        if detail.focus:
            title.append("  ★ focus", style="cyan")
        title.append(f"   {detail.subtitle}", style="dim")
        self.query_one("#detail-title", Static).update(title)
        self.query_one("#detail-facts", Static).update(detail_text(detail, today))
        related = [ListRow(t, {"ref": r, "text": text}) for t, r, text in detail.related]
        self.query_one("#related-pane", Pane).display = bool(related)
        self.query_one("#related", RecordList).set_rows(related)
        count = detail.timeline_total
        words = "1 activity" if count == 1 else f"{count} activities, newest first"
        empty = ["Nothing logged yet: c, e, m or n starts a line."]
        if detail.timeline_loading:  # it fills in by itself once they are read
            error = self.cockpit.activities_error
            words = "activities not read" if error else "activities loading…"
            empty = [error] if error else ["loading…"]
        self.query_one("#timeline-pane", Pane).set_title(words)
        timeline = self.query_one("#timeline", RecordList)
        timeline.set_rows(_timeline_rows(detail, today), empty)
        self._show_text(timeline.selected)

    def current_target(self) -> Target | None:
        return self.target

    def focus_content(self) -> None:
        self.set_focus(self.query_one("#timeline", RecordList))

    def _activity(self, target: Target | None) -> TimelineItem | None:
        if self.detail is None or target is None or target.kind != "activity":
            return None
        return next((i for i in self.detail.timeline if i.activity.id == target.id), None)

    @on(RecordList.Highlighted, "#timeline")
    def _highlighted(self, message: RecordList.Highlighted) -> None:
        self._show_text(message.target)

    def _show_text(self, target: Target | None) -> None:
        """The whole note of the highlighted activity, under the timeline."""
        item = self._activity(target)
        text = Text(item.activity.text or "", style="italic") if item is not None else Text()
        self.query_one("#timeline-text", Static).update(text)

    @on(RecordList.Opened)
    def _opened(self, message: RecordList.Opened) -> None:
        item = self._activity(message.target)
        if item is not None:
            from cockpit.ui.screens.activity import ActivityScreen

            assert self.detail is not None
            where = f"{self.detail.ref} {self.detail.title}"
            self.app.push_screen(ActivityScreen(item.activity, item.about, where))
        elif message.target != self.target:
            self.open_detail(message.target)

    def action_back(self) -> None:
        """Back to where you were."""
        self.dismiss()
