"""The log bar: one quick-log line, its history, reference completion and inline errors.

The bar never runs a line itself: Enter posts `LogBar.Submitted` and the screen answers
by calling `show_saving`, `show_done` or `show_error`. On an error the typed line stays
and the offending token is marked, with a caret under it on the status line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.highlighter import Highlighter
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static

from cockpit.ui.data.lines import complete_at, token_at

__all__ = ["Completer", "LogBar", "LogInput"]

Completer = Callable[[str, str], list[str]]  # (token, whole line) -> candidates
PROMPT = "› "


class _ErrorMark(Highlighter):
    """Marks the token a parse error points at (0-based start, end)."""

    def __init__(self) -> None:
        self.span: tuple[int, int] | None = None

    def highlight(self, text: Text) -> None:
        if self.span is not None:
            start, end = self.span
            text.stylize("bold red underline", start, max(end, start + 1))


class _RefSuggester(Suggester):
    """Ghost text completing the reference at the end of the line."""

    def __init__(self, bar: LogBar) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.bar = bar

    async def get_suggestion(self, value: str) -> str | None:
        start, token = token_at(value, len(value))
        for candidate in self.bar.candidates_for(token, value):
            if candidate.lower().startswith(token.lower()) and len(candidate) > len(token):
                return value[:start] + token + candidate[len(token) :]
        return None


class LogInput(Input):
    """The line being typed.

    Input grows its virtual width with every character, and Widget's `virtual_size`
    asks for a layout of the whole screen when it changes: a keystroke (or clearing the
    bar after a logged line) would re-lay-out and repaint all four panes. The bar's
    height never changes with its text, so a repaint of the bar is enough.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class LogBar(Vertical):
    """A prompt, the line, and a status line under it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "Older line", show=False, id="log.older"),
        Binding("down", "history(1)", "Newer line", show=False, id="log.newer"),
        Binding("tab", "complete", "Complete", show=False, id="log.complete"),
        Binding("escape", "leave", "Back to panes", id="log.leave"),
    ]

    DEFAULT_CSS = """
    LogBar {
        height: auto;
        & > Horizontal { height: 1; }
        & #log-prompt { width: 2; color: $accent; text-style: bold; }
        & LogInput { width: 1fr; height: 1; }
        & #log-status { height: 1; color: $text-muted; }
        & #log-status.-error { height: auto; max-height: 3; }
        & #log-status.-error { color: $text-error; }
        & #log-status.-done { color: $text-success; }
        &:focus-within #log-prompt { color: $text-accent; }
    }
    """

    HINT = "Enter logs the line · ↑↓ history · Tab completes @ # ~ · Esc back to the panes"
    IDLE = ": or l to log a call, email, next step… · ? keys and verbs · ctrl+p jump anywhere"

    @dataclass
    class Submitted(Message):
        """Enter on a non-empty line."""

        log_bar: LogBar
        line: str

        @property
        def control(self) -> LogBar:
            """The bar the line was typed in."""
            return self.log_bar

    @dataclass
    class Left(Message):
        """Escape: the rep is done typing."""

        log_bar: LogBar

        @property
        def control(self) -> LogBar:
            """The bar that was left."""
            return self.log_bar

    def __init__(self, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder
        self.completer: Completer | None = None
        self.history: list[str] = []
        self._history_at: int | None = None
        self._draft = ""
        self._mark = _ErrorMark()
        self._status: Text | str = ""
        self._status_class = ""
        self._error: tuple[str, int, str] | None = None  # message, column, token
        self._error_line: str | None = None  # the line the error is about
        self._candidates: list[str] = []
        self._shown: object = None
        self._was_error = False

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(PROMPT, id="log-prompt")
            yield LogInput(
                placeholder=self.placeholder,
                highlighter=self._mark,
                suggester=_RefSuggester(self),
                compact=True,
                select_on_focus=False,
            )
        yield Static(self.IDLE, id="log-status", markup=False)

    @property
    def input(self) -> LogInput:
        """The line editor."""
        return self.query_one(LogInput)

    @property
    def value(self) -> str:
        """The line as typed."""
        return self.input.value

    # -- set by the screen --------------------------------------------------------

    def prefill(self, text: str) -> None:
        """Put `text` in the bar, cursor at the end, and focus it."""
        self._set_value(text)
        # Focus at once (not after a refresh): what is typed next belongs to the bar.
        self.screen.set_focus(self.input)

    def show_saving(self) -> None:
        """A line is being written."""
        self._forget_error()
        self._set_status(Text("saving…", style="dim"), "")

    def show_done(self, message: str, *, clear: bool, warnings: list[str] | None = None) -> None:
        """A line was applied and is durable; clear the bar when it came from there."""
        self._forget_error()
        if clear:
            self._set_value("")
            self._history_at = None
        # "saved" first: a long message may be cut at the right, the fact that it is on
        # disk must not be.
        text = Text("✓ saved ", style="bold")
        text.append(message.splitlines()[0] if message else "done")
        for warning in warnings or []:
            text.append(f"  ⚠ {warning}", style="yellow")
        self._set_status(text, "-done")

    def show_error(self, message: str, column: int | None = None, token: str = "") -> None:
        """A line did not go through: say why (pointing at the column) and keep the line."""
        self._error_line = self.value
        if column is not None:
            start = column - 1
            self._mark.span = (start, start + len(token))
            self._error = (message, column, token)
        else:
            self._mark.span = None
            self._error = None
        self.input.refresh()
        self._set_status(self._error_text(message, column, token), "-error")

    def show_note(self, message: str) -> None:
        """A neutral one-line note (a hint for a pre-filled line, say)."""
        self._set_status(Text(message), "")

    def _forget_error(self) -> None:
        self._error = None
        self._error_line = None
        if self._mark.span is not None:
            self._mark.span = None
            self.input.refresh()

    # -- status line --------------------------------------------------------------

    def _set_status(self, text: Text | str, css_class: str) -> None:
        self._status, self._status_class = text, css_class
        self._render_status()

    def _render_status(self) -> None:
        width = max(self.size.width - 1, 10)
        if self._candidates and self._error_line is None:
            line = Text("Tab ", style="bold")
            for i, candidate in enumerate(self._candidates):
                if cell_len(line.plain) + len(candidate) + 3 > width:
                    line.append(" …", style="dim")
                    break
                line.append(("  " if i else "") + candidate)
            self._show_status(line, "")
        elif self._error_line is not None:
            self._show_status(self._status, self._status_class)  # all of an error matters
        else:
            text = self._status or (self.HINT if self.input.has_focus else self.IDLE)
            line = text.copy() if isinstance(text, Text) else Text(text)
            line.truncate(width, overflow="ellipsis")
            self._show_status(line, self._status_class)

    def _show_status(self, text: Text | str, css_class: str) -> None:
        # Typing must stay cheap: touch the status line only when it changes, and only
        # an error (which may wrap) can change the bar's height.
        shown = (str(text), getattr(text, "spans", None), css_class)
        if shown == self._shown:
            return
        self._shown = shown
        status = self.query_one("#log-status", Static)
        status.set_classes(css_class)
        status.update(text, layout=css_class == "-error" or self._was_error)
        self._was_error = css_class == "-error"

    def _error_text(self, message: str, column: int | None, token: str) -> Text:
        """A caret under the offending token, the message beside it (or below when long)."""
        words = f"col {column}: {message}" if column is not None else message
        if column is None:
            return Text(f"✗ {words}")
        width = max(self.size.width, 20)
        caret_x = cell_len(PROMPT) + column - 1 - round(self.input.scroll_offset.x)
        carets = "^" * max(cell_len(token), 1)
        if not 0 <= caret_x <= width - len(carets):
            return Text(f"✗ {words}")
        if caret_x + len(carets) + 1 + cell_len(words) <= width:
            return Text(" " * caret_x + carets + " " + words)
        return Text(" " * caret_x + carets + "\n" + words)

    # -- typing -------------------------------------------------------------------

    def _set_value(self, text: str) -> None:
        self.input.value = text
        self.input.cursor_position = len(text)

    def candidates_for(self, token: str, line: str) -> list[str]:
        """Completions for a reference token ("@ac") in `line`; none for other tokens."""
        if self.completer is None or len(token) < 1 or token[0] not in "@#~":
            return []
        return self.completer(token, line)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._error_line is not None and self.value != self._error_line:
            self._forget_error()
            self._status, self._status_class = "", ""
        _, token = token_at(self.value, self.input.cursor_position)
        self._candidates = self.candidates_for(token, self.value)
        self._render_status()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = self.value.strip()
        if line:
            self._candidates = []
            self.post_message(self.Submitted(self, line))

    def on_descendant_focus(self) -> None:
        self._render_status()

    def on_descendant_blur(self) -> None:
        self._candidates = []
        self._render_status()

    def action_complete(self) -> None:
        """Replace the reference being typed by the first candidate (else move focus on)."""
        if not self._candidates:
            self.screen.focus_next()
            return
        line, cursor = complete_at(self.value, self.input.cursor_position, self._candidates[0])
        self.input.value = line
        self.input.cursor_position = cursor

    def action_history(self, step: int) -> None:
        """Walk the history: -1 older, 1 newer (past the newest: the line being typed)."""
        if not self.history:
            return
        if self._history_at is None:
            if step > 0:
                return
            self._draft = self.value
            index = len(self.history) - 1
        else:
            index = self._history_at + step
        if index >= len(self.history):
            self._history_at = None
            self._set_value(self._draft)
            return
        self._history_at = max(index, 0)
        self._set_value(self.history[self._history_at])

    def action_leave(self) -> None:
        """Stop typing; the screen puts the focus back on a pane."""
        self._candidates = []
        self.post_message(self.Left(self))
