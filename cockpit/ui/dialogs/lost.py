"""Closing a deal as lost needs "a definitive no, because X": the reason and its code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from cockpit.domain.model import LOST_CODES

__all__ = ["LostAnswer", "LostDialog"]


@dataclass(frozen=True, slots=True)
class LostAnswer:
    """Why the deal was lost."""

    reason: str
    code: str


class LostDialog(ModalScreen[LostAnswer | None]):
    """Asks the reason (required) and picks a code (default other)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="lost.cancel"),
    ]

    DEFAULT_CSS = """
    LostDialog {
        align: center middle;
        & > Vertical {
            width: 64;
            height: auto;
            max-height: 90%;
            border: thick $error 60%;
            background: $surface;
            padding: 1 2;
        }
        & #lost-title { text-style: bold; margin-bottom: 1; }
        & #lost-codes { height: auto; max-height: 11; margin-top: 1; }
        & #lost-problem { color: $text-muted; height: auto; }
        & #lost-problem.-missing { color: $text-error; }
        & Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
        & Button { margin-left: 1; }
    }
    """

    def __init__(self, deal: str) -> None:
        super().__init__()
        self.deal = deal

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Lost {self.deal}: a definitive no, because…", id="lost-title")
            yield Input(
                placeholder="reason (required), e.g. budget frozen until Q3", id="lost-reason"
            )
            yield OptionList(
                *[Option(code.replace("_", " "), id=code) for code in LOST_CODES],
                id="lost-codes",
            )
            yield Label("Enter, then ↑↓ to the code and Enter · Esc cancels", id="lost-problem")
            with Horizontal():
                yield Button("Cancel", id="lost-cancel")
                yield Button("Mark lost", variant="error", id="lost-ok")

    def on_mount(self) -> None:
        codes = self.query_one("#lost-codes", OptionList)
        codes.highlighted = LOST_CODES.index("other")

    @property
    def code(self) -> str:
        """The highlighted code."""
        codes = self.query_one("#lost-codes", OptionList)
        index = codes.highlighted
        return LOST_CODES[index] if index is not None else "other"

    def _reason(self) -> str | None:
        """The reason typed, or None (and a word about it) when there is none."""
        reason = self.query_one("#lost-reason", Input).value.strip()
        if reason:
            return reason
        problem = self.query_one("#lost-problem", Label)
        problem.update("A reason is required: a definitive no, because…")
        problem.add_class("-missing")
        self.query_one("#lost-reason", Input).focus()
        return None

    def _finish(self) -> None:
        reason = self._reason()
        if reason is not None:
            self.dismiss(LostAnswer(reason, self.code))

    @on(Input.Submitted, "#lost-reason")
    def _reason_entered(self) -> None:
        if self._reason() is not None:
            self.query_one("#lost-codes", OptionList).focus()

    @on(OptionList.OptionSelected, "#lost-codes")
    def _code_chosen(self) -> None:
        self._finish()

    @on(Button.Pressed, "#lost-ok")
    def _ok(self) -> None:
        self._finish()

    @on(Button.Pressed, "#lost-cancel")
    def action_cancel(self) -> None:
        """Close without losing the deal."""
        self.dismiss(None)
