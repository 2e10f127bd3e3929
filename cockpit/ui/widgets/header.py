"""The header: the date, the quarter's week, the streak and today's touches."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from cockpit.ui.data.board import Board

__all__ = ["CockpitHeader", "header_text"]


def header_text(board: Board) -> Text:
    """Wed 25 Nov 2026 · 2026-Q4 · week 9 of 14 · streak 4 days · today 3/20 touches."""
    pulse = board.momentum
    text = Text()
    text.append(board.today.strftime("%a %-d %b %Y"), style="bold")
    text.append(" · ", style="dim")
    text.append(board.quarter.quarter.name)
    week = board.quarter.week_number_of
    if week:
        text.append(f" · {week}")
    text.append(" · ", style="dim")
    days = "day" if pulse.streak == 1 else "days"
    text.append(f"streak {pulse.streak} {days}", style="bold green" if pulse.streak else "dim")
    text.append(" · ", style="dim")
    met = pulse.done >= pulse.minimum
    text.append("today ")
    text.append(f"{pulse.done}/{pulse.minimum}", style="bold green" if met else "bold yellow")
    text.append(" touches")
    return text


class CockpitHeader(Widget):
    """One line; the weekly-review nudge sits at the right when it is due."""

    DEFAULT_CSS = """
    CockpitHeader {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.board: Board | None = None
        self.note: str = ""

    def show(self, board: Board, note: str = "") -> None:
        """Show `board`'s numbers (and a short note at the right, e.g. "demo book")."""
        self.board = board
        self.note = note
        self.refresh()

    def render(self) -> RenderableType:
        if self.board is None:
            return Text("cockpit", style="bold")
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        right = Text()
        if self.board.review_ready:
            right.append("review ready: press R", style="bold magenta")
        elif self.note:
            right.append(self.note, style="dim")
        grid.add_row(header_text(self.board), right)
        return grid
