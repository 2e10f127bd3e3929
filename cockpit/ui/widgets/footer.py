"""The keys line: whole key labels only, as many as fit (DESIGN §9.5).

Textual's Footer lays every shown binding out in one row and crops the row at the screen's
edge ("P Pip"). This one keeps the keys in order while they fit whole, and when some must
go it keeps the help key last: help lists every key.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = ["KeyFooter", "fitting_keys"]

HELP_ACTION = "help"
GAP = 1  # cells between two keys (the compact footer's margin; the last one may be cut)


def fitting_keys(labels: list[tuple[str, int]], width: int, keep_last: str | None) -> list[str]:
    """The ids of the labels (id, cells) that fit in `width` in order, `keep_last` kept at
    the end when anything had to go."""

    def total(ids: list[tuple[str, int]]) -> int:
        return sum(cells for _, cells in ids) + GAP * max(len(ids) - 1, 0)

    if total(labels) <= width:
        return [key for key, _ in labels]
    last = [label for label in labels if label[0] == keep_last]
    kept: list[tuple[str, int]] = []
    for label in labels:
        if label[0] == keep_last:
            continue
        if total([*kept, label, *last]) > width:
            break
        kept.append(label)
    if total(last) > width:
        last = []
    return [key for key, _ in [*kept, *last]]


class KeyFooter(Footer):
    """A compact footer that drops keys rather than cut one."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._width = 0

    def _shown_bindings(self) -> list[tuple[Binding, bool, str]]:
        """The screen's shown bindings, one per action, in the screen's order."""
        seen: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = (binding, enabled, tooltip)
        return list(seen.values())

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        bindings = self._shown_bindings()
        shown = {b.action: (b, self.app.get_key_display(b)) for b, _, _ in bindings}
        labels = [
            (action, cell_len(key) + 1 + cell_len(b.description))
            for action, (b, key) in shown.items()
        ]
        width = self.size.width or self.screen.size.width
        helps = [a for a in shown if a == HELP_ACTION]
        fits = set(fitting_keys(labels, width, helps[0] if helps else None))
        for binding, enabled, tooltip in bindings:
            if binding.action not in fits:
                continue
            yield FooterKey(
                binding.key,
                shown[binding.action][1],
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            if self._bindings_ready:
                self.call_after_refresh(self.recompose)
