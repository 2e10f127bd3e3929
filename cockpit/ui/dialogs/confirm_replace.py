"""Asks before a saved review is replaced."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

__all__ = ["ConfirmReplace"]


class ConfirmReplace(ModalScreen[bool]):
    """Asks before a saved review is replaced: True to replace."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Replace", id="review.confirm.yes"),
        Binding("n,escape", "answer(False)", "Keep the saved one", id="review.confirm.no"),
    ]
    DEFAULT_CSS = """
    ConfirmReplace { align: center middle; }
    ConfirmReplace > Vertical {
        width: 60; height: auto; padding: 1 2; border: thick $warning; background: $surface;
    }
    ConfirmReplace Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmReplace Button { margin-left: 2; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="confirm-question")
            with Horizontal():
                yield Button("Replace (y)", variant="warning", id="confirm-yes")
                yield Button("Keep (n)", id="confirm-no")

    def action_answer(self, replace: bool) -> None:
        self.dismiss(replace)

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)
