"""The log bar's line editor: Enter and Tab answered before later keys, the error mark,
ghost text, and the Tab list of candidates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.highlighter import Highlighter
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.suggester import Suggester
from textual.widgets import Input

from cockpit.quicklog.limits import MAX_LINE
from cockpit.ui.data.complete import Candidate
from cockpit.ui.data.lines import token_at

__all__ = ["Completer", "Cycle", "ErrorMark", "LogInput", "RefSuggester", "candidate_line"]

Completer = Callable[[str, str], list[Candidate]]  # (token, whole line) -> candidates


@dataclass
class Cycle:
    """Tab's place among the candidates: where it put the current one, and the line then."""

    start: int
    candidates: list[Candidate]
    index: int
    end: int = 0
    line: str = ""
    cursor: int = 0


class ErrorMark(Highlighter):
    """Marks the token a parse error points at (0-based start, end)."""

    def __init__(self) -> None:
        self.span: tuple[int, int] | None = None

    def highlight(self, text: Text) -> None:
        if self.span is not None:
            start, end = self.span
            text.stylize("bold red underline", start, max(end, start + 1))


class RefSuggester(Suggester):
    """Ghost text completing the reference at the end of the line."""

    def __init__(self, candidates: Completer) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.candidates = candidates

    async def get_suggestion(self, value: str) -> str | None:
        start, token = token_at(value, len(value))
        for candidate in self.candidates(token, value):
            text = candidate.text
            if text.lower().startswith(token.lower()) and len(text) > len(token):
                return value[:start] + token + text[len(token) :]
        return None


class LogInput(Input):
    """The line being typed.

    Input grows its virtual width with every character, and Widget's `virtual_size`
    asks for a layout of the whole screen when it changes: a keystroke (or clearing the
    bar after a logged line) would re-lay-out and repaint all four panes. The bar's
    height never changes with its text, so a repaint of the bar is enough.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(
        self, tab: Callable[[int], None], note: Callable[[str], None], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.tab = tab  # the bar's Tab: 1 next candidate, -1 the one before
        self.note = note  # a word on the bar's status line

    def _on_paste(self, event: events.Paste) -> None:
        # A line holds at most MAX_LINE characters: a longer paste is cut here, at once,
        # rather than laid out in full and refused later. Input's own handler runs next
        # (Textual calls each class's handler) and inserts what is left.
        lines = event.text.splitlines()
        text = lines[0] if lines else ""
        start, end = sorted(self.selection)
        room = MAX_LINE - (len(self.value) - (end - start))
        if len(text) > room:
            event.text = text[: max(room, 0)]
            self.note(f"paste cut to {MAX_LINE:,} characters: the most a line holds")

    async def _on_key(self, event: events.Key) -> None:
        # Enter and Tab are answered here, before the key bubbles up to the app's bindings:
        # by then the keys typed right after them would already be in the line.
        if event.key in ("enter", "tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                await self.action_submit()
            else:
                self.tab(1 if event.key == "tab" else -1)
            return
        if event.is_printable and len(self.value) >= MAX_LINE and self.selection.is_empty:
            # A flood of keys (a paste the terminal did not bracket) stops at the limit,
            # cheaply, instead of growing a line no one can save.
            event.stop()
            event.prevent_default()
            self.note(f"a line holds at most {MAX_LINE:,} characters")
            return
        await super()._on_key(event)

    async def action_submit(self) -> None:
        """Enter: take the line out of the bar now. Keys typed right after Enter are
        queued behind it: they must land in an empty bar."""
        line = self.value
        if line.strip():
            self.value = ""
            self.cursor_position = 0
        self.post_message(self.Submitted(self, line, None))


def candidate_line(candidates: list[Candidate], current: int | None, width: int) -> Text:
    """The Tab list: whole candidates only, "… and N more" for the rest. While Tab cycles,
    the list starts at the one it put in the line (highlighted), counted "Tab 2/12"."""
    if current is None:
        line, shown = Text("Tab ", style="bold"), candidates
    else:
        line = Text(f"Tab {current + 1}/{len(candidates)} ", style="bold")
        shown = candidates[current:] + candidates[:current]
    for i, candidate in enumerate(shown):
        left = len(shown) - i - 1
        room = width - cell_len(line.plain) - (2 if i else 0) - cell_len(candidate.label)
        if i and room < (len(f"  … and {left} more") if left else 0):
            line.append(f"  … and {left + 1} more", style="dim")
            break
        if i:
            line.append("  ")
        line.append(candidate.label, style="reverse" if i == 0 and current is not None else "")
    return line
