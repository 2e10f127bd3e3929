"""`?`: every key of the screen it was opened on, every quick-log verb and attribute, and
the binding ids `set keymap.ID:KEYS` rebinds."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from cockpit.quicklog import attribute_help, verb_help

__all__ = ["HelpScreen", "binding_rows", "keymap_table", "keys_table", "verbs_table"]


def _bindings(screen: Screen[Any]) -> BindingsMap:
    """The screen's bindings with the app's keymap applied (Textual applies it to a copy
    when a key is pressed, so the screen's own map still has the defaults)."""
    bindings = screen._bindings.copy()
    keymap: dict[str, str] = getattr(screen.app, "keymap", {})
    if keymap:
        bindings.apply_keymap(keymap)
    return bindings


def key_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, description) for each action of the screen, in the order they are bound."""
    keys: dict[str, list[str]] = {}
    described: dict[str, str] = {}
    for bindings in _bindings(screen).key_to_bindings.values():
        for binding in bindings:
            if binding.system or not binding.description:
                continue
            if binding.action.startswith(("app.", "screen.")):
                continue  # Textual's own focus and copy keys
            display = binding.key_display or screen.app.get_key_display(binding)
            keys.setdefault(binding.action, []).append(display)
            described[binding.action] = binding.description
    return [(" ".join(dict.fromkeys(k)), described[a]) for a, k in keys.items()]


def binding_rows(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(binding id, keys, description) for each rebindable key of the screen."""
    keys: dict[str, list[str]] = {}
    described: dict[str, str] = {}
    for key, bindings in _bindings(screen).key_to_bindings.items():
        for binding in bindings:
            if binding.id is None or binding.system:
                continue
            keys.setdefault(binding.id, []).append(key)
            described[binding.id] = binding.description
    return [(i, ",".join(dict.fromkeys(k)), described[i]) for i, k in sorted(keys.items())]


def keymap_table(screen: Screen[Any]) -> Table:
    """Binding ids with their keys now: what `set keymap.ID:KEYS` rebinds."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="cyan", no_wrap=True)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(style="dim")
    for binding_id, keys, description in binding_rows(screen):
        table.add_row(Text(binding_id), Text(keys), Text(description))
    return table


def keys_table(screen: Screen[Any]) -> Table:
    """The screen's keys in two columns of key and description."""
    rows = key_rows(screen)
    rows += [("ctrl+p", "command palette"), ("↑↓ j k ⏎", "move, open the detail")]
    table = Table.grid(padding=(0, 2))
    for _ in range(2):
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
    half = (len(rows) + 1) // 2
    for left, right in zip(rows[:half], [*rows[half:], ("", "")], strict=False):
        table.add_row(*(Text(cell) for cell in (*left, *right)))
    return table


def verbs_table() -> Table:
    """Quick-log verbs (usage, then what it does), then the attributes."""
    table = Table.grid(padding=(0, 2))
    table.add_column()
    for usage, effect in verb_help():
        # Text, not str: "[@account]" is a usage, not markup.
        table.add_row(Text(usage, style="bold"))
        table.add_row(Text("    " + effect, style="dim"))
    attributes = Table.grid(padding=(0, 2))
    attributes.add_column(style="cyan", no_wrap=True)
    attributes.add_column()
    for key, form in attribute_help():
        attributes.add_row(Text(key), Text(form))
    table.add_row(Text("\nattributes", style="bold"))
    table.add_row(attributes)
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
            yield Static("Rebinding keys", classes="help-heading")
            yield Static(
                Text(
                    "set keymap.ID:KEYS rebinds a key for this book, e.g."
                    " set keymap.cockpit.undo:ctrl+z (several keys: ctrl+z,u). The ids here:",
                    style="dim",
                )
            )
            yield Static(keymap_table(self.for_screen))
