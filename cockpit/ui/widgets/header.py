"""The header: the date, the quarter's week, the streak and today's touches.

Segments are separated by ` · ` and, when the line is too narrow for all of them, the least
important go first (DESIGN §9.5): never a segment cut in the middle, never two run on.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from cockpit.ui.data.board import Board

__all__ = ["CockpitHeader", "fit_segments", "header_segments", "header_text"]

SEPARATOR = " · "
REVIEW, NOTE = 5, 4  # the priorities of the review nudge and the note ("demo book")


def header_segments(board: Board, note: str = "") -> list[tuple[int, Text]]:
    """(priority, segment) in reading order; a higher priority stays longer."""
    pulse = board.momentum
    met = pulse.done >= pulse.minimum
    touches = Text("today ")
    touches.append(f"{pulse.done}/{pulse.minimum}", style="bold green" if met else "bold yellow")
    touches.append(" touches")
    days = "day" if pulse.streak == 1 else "days"
    streak_style = "bold green" if pulse.streak else "dim"
    segments = [
        (7, Text(board.today.strftime("%a %-d %b %Y"), style="bold")),
        (2, Text(board.quarter.quarter.name)),
    ]
    week = board.quarter.week_number_of
    if week:
        segments.append((1, Text(week)))
    segments += [(3, Text(f"streak {pulse.streak} {days}", style=streak_style)), (6, touches)]
    if board.review_ready:
        segments.append((REVIEW, Text("review ready: press R", style="bold magenta")))
    if note:
        segments.append((NOTE, Text(note, style="dim")))
    return segments


def fit_segments(segments: list[tuple[int, Text]], width: int) -> Text:
    """The segments that fit in `width`, joined by ` · `, the lowest priority dropped first."""
    kept = list(segments)

    def length() -> int:
        return sum(t.cell_len for _, t in kept) + len(SEPARATOR) * max(len(kept) - 1, 0)

    while len(kept) > 1 and length() > width:
        kept.remove(min(kept, key=lambda s: s[0]))
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    for i, (_, segment) in enumerate(kept):
        if i:
            line.append(SEPARATOR, style="dim")
        line.append_text(segment)
    line.truncate(width, overflow="ellipsis")  # one segment alone wider than the line
    return line


def header_text(board: Board) -> Text:
    """Wed 25 Nov 2026 · 2026-Q4 · week 9 of 14 · streak 4 days · today 3/20 touches."""
    segments = [s for s in header_segments(board) if s[0] not in (REVIEW, NOTE)]
    return fit_segments(segments, 10_000)


class CockpitHeader(Widget):
    """One line; the weekly-review nudge and the "demo book" note are segments too."""

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
        """Show `board`'s numbers (and a short note, e.g. "demo book")."""
        self.board = board
        self.note = note
        self.refresh()

    def render(self) -> RenderableType:
        if self.board is None:
            return Text("cockpit", style="bold")
        return fit_segments(header_segments(self.board, self.note), self.content_size.width)
