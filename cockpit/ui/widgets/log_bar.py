"""The log bar: one quick-log line, its history, reference completion and inline errors.

The bar never runs a line itself: Enter takes the line out of the bar at once (what is
typed next is the next line), posts `LogBar.Submitted`, and the screen answers by calling
`show_saving`, `show_done` or `restore` and `show_error`. On an error the line comes back
and the offending token is marked, with a caret under it on the status line.

While the bar is open it owns every key (DESIGN §9.1): Tab completes and then cycles the
candidates (shift+Tab back), and with nothing to complete it says so; focus leaves only by
Escape, or Enter on an empty bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from cockpit.ui.data.complete import Candidate, nothing_to_complete
from cockpit.ui.data.lines import token_at
from cockpit.ui.widgets.columns import fit
from cockpit.ui.widgets.header import SEPARATOR, fit_segments
from cockpit.ui.widgets.log_input import (
    Completer,
    Cycle,
    ErrorMark,
    LogInput,
    RefSuggester,
    candidate_line,
)

__all__ = ["Completer", "LogBar", "LogInput"]

PROMPT = "› "
GHOST_UP_TO = 1_000  # characters


class LogBar(Vertical):
    """A prompt, the line, and a status line under it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "Older line", show=False, id="log.older"),
        Binding("down", "history(1)", "Newer line", show=False, id="log.newer"),
        Binding("tab", "complete(1)", "Complete", show=False, id="log.complete"),
        Binding("shift+tab", "complete(-1)", "Previous candidate", show=False, id="log.back"),
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

    HINT = "Enter logs the line · ↑↓ history · Tab completes, again cycles · Esc back to the panes"
    IDLE = ": or l logs a call, email, next step… · ? keys and verbs · ctrl+p jump anywhere"

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

    def __init__(self, placeholder: str | Sequence[str] = "", id: str | None = None) -> None:
        """`placeholder`: one example line, or several from the longest to the shortest:
        the bar shows the longest that fits its width."""
        super().__init__(id=id)
        self.placeholders = (placeholder,) if isinstance(placeholder, str) else tuple(placeholder)
        self.completer: Completer | None = None
        self.history: list[str] = []
        self._history_at: int | None = None
        self._draft = ""
        self._mark = ErrorMark()
        self._status: Text | str = ""
        self._status_class = ""
        self._error: tuple[str, int, str] | None = None  # message, column, token
        self._error_line: str | None = None  # the line the error is about
        self._candidates: list[Candidate] = []
        self._cycle: Cycle | None = None
        self._prefilled: str | None = None  # a row key's line, until the rep edits it
        self._note = False  # the status line holds a hint for the line in the bar
        self._suggester = RefSuggester(self.candidates_for)
        self._shown: object = None
        self._was_error = False

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(PROMPT, id="log-prompt")
            yield LogInput(
                self.action_complete,
                self.show_note,
                placeholder=self.placeholders[0],
                highlighter=self._mark,
                suggester=self._suggester,
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
        self._prefilled = text
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
        self._note = False
        # "saved" first: a long message may be cut at the right, the fact that it is on
        # disk must not be.
        text = Text("✓ saved ", style="bold")
        text.append(message.splitlines()[0] if message else "done")
        for warning in warnings or []:
            text.append(f"  ⚠ {warning}", style="yellow")
        self._set_status(text, "-done")

    def restore(self, line: str) -> None:
        """Put back a line Enter took out that did not go through. What was typed since
        is not lost: it waits below the history (down arrow)."""
        typed = self.value
        if typed.strip() and typed != line:
            self._draft = typed
            self._history_at = len(self.history)
        self._set_value(line)
        if not self.input.has_focus:
            self.screen.set_focus(self.input)

    def show_error(self, message: str, column: int | None = None, token: str = "") -> None:
        """A line did not go through: say why (pointing at the column) and keep the line."""
        self._error_line = self.value
        self._note = False
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
        """A neutral one-line note (a hint for a pre-filled line, say); it goes when the
        rep leaves the bar."""
        self._set_status(Text(message), "")
        self._note = True

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
            current = self._cycle.index if self._cycle is not None else None
            self._show_status(candidate_line(self._candidates, current, width), "")
        elif self._error_line is not None:
            self._show_status(self._status, self._status_class)  # all of an error matters
        else:
            text = self._status
            if text:
                line = text.copy() if isinstance(text, Text) else Text(text)
                line.truncate(width, overflow="ellipsis")
            else:  # the hint loses whole segments, the last first, never a word cut
                hint = (self.HINT if self.input.has_focus else self.IDLE).split(SEPARATOR)
                line = Text(fit_segments([(-i, Text(s)) for i, s in enumerate(hint)], width).plain)
            self._show_status(line, self._status_class)

    def on_resize(self, event: events.Resize) -> None:
        # Both lines of the bar follow its width: the longest example that fits, and
        # the hint's segments that fit.
        width = event.size.width - cell_len(PROMPT)
        self.input.placeholder = fit(self.placeholders, width).plain
        self._render_status()

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
        # Terminal cells, not characters: a CJK character or an emoji takes two.
        before = cell_len(self.value[: column - 1])
        caret_x = cell_len(PROMPT) + before - round(self.input.scroll_offset.x)
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

    def candidates_for(self, token: str, line: str) -> list[Candidate]:
        """What Tab offers for `token` (a reference, or a word-valued attribute) in `line`."""
        if self.completer is None or not token:
            return []
        return self.completer(token, line)

    def _cycling(self) -> bool:
        cycle = self._cycle
        return (
            cycle is not None
            and cycle.line == self.value
            and cycle.cursor == self.input.cursor_position
        )

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        # Ghost text costs a worker per keystroke: none on a line no one types by hand.
        self.input.suggester = self._suggester if len(self.value) < GHOST_UP_TO else None
        if self._error_line is not None and self.value != self._error_line:
            self._forget_error()
            self._status, self._status_class = "", ""
        if self._prefilled is not None and self.value != self._prefilled:
            self._prefilled = None
        if self._cycling():
            assert self._cycle is not None
            self._candidates = self._cycle.candidates
        else:
            self._cycle = None
            _, token = token_at(self.value, self.input.cursor_position)
            self._candidates = self.candidates_for(token, self.value)
        self._render_status()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value.strip()
        if not line:
            if not self.value.strip():
                self.action_leave()
            return
        self._cycle = None
        self._prefilled = None
        self._history_at = None
        self.post_message(self.Submitted(self, line))

    def on_descendant_focus(self) -> None:
        self._render_status()

    def on_descendant_blur(self) -> None:
        self._candidates = []
        self._cycle = None
        if self._note:  # a hint is about the line being typed: it goes with the focus
            self._note = False
            self._status, self._status_class = "", ""
        self._render_status()

    def action_complete(self, step: int) -> None:
        """Tab: complete the token at the cursor, then cycle its candidates (shift+Tab
        back). With nothing to complete, say so; the focus stays in the bar."""
        if self._cycling():
            assert self._cycle is not None
            cycle = self._cycle
            cycle.index = (cycle.index + step) % len(cycle.candidates)
        else:
            cursor = self.input.cursor_position
            start, token = token_at(self.value, cursor)
            candidates = self.candidates_for(token, self.value)
            if not candidates:
                self._cycle = None
                self.show_note(nothing_to_complete(token))
                return
            cycle = Cycle(start, candidates, 0 if step > 0 else len(candidates) - 1, cursor)
        self._put(cycle)

    def _put(self, cycle: Cycle) -> None:
        text = cycle.candidates[cycle.index].text
        line = self.value
        rest = line[cycle.end :]
        spaced = text if rest.startswith(" ") else text + " "
        line = line[: cycle.start] + spaced + rest
        cycle.end = cycle.start + len(text)
        cycle.cursor = cycle.start + len(spaced)
        cycle.line = line
        self._cycle = cycle
        self.input.value = line
        self.input.cursor_position = cycle.cursor

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
        """Stop typing; the screen puts the focus back on a pane. A row key's line the
        rep did not take up goes too: Escape is "not that"."""
        self._candidates = []
        self._cycle = None
        if self._prefilled is not None and self.value == self._prefilled:
            self._set_value("")
        self._prefilled = None
        self.post_message(self.Left(self))
