"""One activity in full (Enter on a detail's timeline row): when, what, with whom, the
outcome and the whole note."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from cockpit.domain.model import Activity

__all__ = ["ActivityScreen"]


class ActivityScreen(ModalScreen[None]):
    """A read-only card; Esc or Enter closes it."""

    DEFAULT_CSS = """
    ActivityScreen { align: center middle; }
    ActivityScreen > VerticalScroll {
        width: 80%; max-width: 100; height: auto; max-height: 80%;
        border: round $accent; padding: 0 1; background: $panel;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", "Close", id="activity.close"),
    ]

    def __init__(self, activity: Activity, about: str, where: str) -> None:
        super().__init__()
        self.activity = activity
        self.about = about
        self.where = where

    def compose(self) -> ComposeResult:
        a = self.activity
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", justify="right", no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row("when", a.at.strftime("%a %-d %b %Y %H:%M"))
        grid.add_row("what", a.kind + (" (inbound)" if a.direction == "in" else ""))
        if a.outcome:
            grid.add_row("outcome", a.outcome.replace("_", " "))
        grid.add_row("on", self.where)
        if self.about:
            grid.add_row("about", self.about)
        grid.add_row("notes", Text(a.text or "—"))
        with VerticalScroll() as card:
            card.border_title = f"{a.kind} · {a.at.date().isoformat()}"
            yield Static(grid)

    def action_close(self) -> None:
        """Back to the timeline."""
        self.dismiss()
