"""A bordered pane: its number key and title on the top border, its legend at the bottom."""

from __future__ import annotations

from textual.containers import Vertical

__all__ = ["Pane"]


class Pane(Vertical):
    """Holds one list or panel; the border lights up while something inside has focus."""

    DEFAULT_CSS = """
    Pane {
        border: round $primary 40%;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        /* No right padding: what a pane holds keeps its own blank right column, so a
           scrollbar sits at the border, never against text (DESIGN §9.5). */
        padding: 0 0 0 1;
        height: 1fr;
        &:focus-within { border: round $accent; }
    }
    """

    def __init__(self, key: str, title: str, legend: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.key = key
        self.title = title
        self.border_title = f"{key} {title}"
        self.border_subtitle = legend

    def set_title(self, detail: str = "") -> None:
        """`1 Sprint · 15 of 27`: the title, then a short count or state."""
        self.border_title = f"{self.key} {self.title}" + (f" · {detail}" if detail else "")
