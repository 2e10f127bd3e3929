"""`?`: every key of the screen it was opened on, then every quick-log verb and attribute."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from cockpit.quicklog import attribute_help, verb_help

__all__ = ["HelpScreen", "keys_table", "verbs_table"]


def keys_table(screen: Screen[Any]) -> Table:
    """The screen's keys (its own and those it inherits) with what they do."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    seen: set[str] = set()
    for bindings in screen._bindings.key_to_bindings.values():
        for binding in bindings:
            if binding.system or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            keys = [screen.app.get_key_display(Binding(k, "")) for k in binding.key.split(",")]
            table.add_row(" ".join(keys), binding.description)
    table.add_row("ctrl+p", "command palette: any action, or jump to any record by name")
    table.add_row("↑↓ j k ⏎", "move in a list, open the detail")
    return table


def verbs_table() -> Table:
    """Quick-log verbs, then attributes, as the grammar describes them."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for usage, effect in verb_help():
        table.add_row(usage, effect)
    table.add_row("", "")
    for key, form in attribute_help():
        table.add_row(Text(key, style="cyan"), form)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and verbs; Esc or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss(None)", "Close", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90%;
            max-width: 120;
            height: 90%;
            border: round $accent;
            background: $surface;
            padding: 0 1;
        }
        & .help-heading { text-style: bold; color: $text-accent; margin-top: 1; }
    }
    """

    def __init__(self, for_screen: Screen[Any]) -> None:
        super().__init__()
        self.for_screen = for_screen

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "Help"
            box.border_subtitle = "Esc closes · ↑↓ scroll"
            yield Static("Keys", classes="help-heading")
            yield Static(keys_table(self.for_screen))
            yield Static(
                "The log bar: a verb, then references, key:value and text, any order",
                classes="help-heading",
            )
            yield Static(
                Text(
                    "@account  #deal (#12 or #renewal)  ~contact  !promise · "
                    '"quotes" keep spaces · dates: today, fri, +3d, eow, eoq, 2026-12-01',
                    style="dim",
                )
            )
            yield Static(verbs_table())
