"""Command-palette providers (ctrl+p): jump to any record, or run any key's action."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from cockpit.ui.data.lines import Target

if TYPE_CHECKING:
    from cockpit.ui.app import CockpitApp

__all__ = ["ActionsProvider", "RecordsProvider"]


class RecordsProvider(Provider):
    """Accounts, deals and contacts by fuzzy name: the chosen one's detail opens."""

    async def startup(self) -> None:
        app = cast("CockpitApp", self.app)
        session = app.session
        items: list[tuple[str, str, Target]] = []
        with session.lock:
            book = session.book
            for deal in book.deals.values():
                account = book.name_of("accounts", deal.account_id) or "no account"
                state = "open" if deal.is_open else deal.stage
                items.append(
                    (
                        f"#{deal.id} {deal.title} · {account}",
                        f"deal · {state}",
                        Target("deal", deal.id),
                    )
                )
            for acct in book.accounts.values():
                items.append(
                    (
                        f"@{acct.handle} {acct.name}",
                        f"account · {acct.tier}",
                        Target("account", acct.id),
                    )
                )
            for contact in book.contacts.values():
                where = book.name_of("accounts", contact.account_id) or ""
                items.append(
                    (
                        f"~{contact.handle} {contact.name}",
                        f"contact · {where}",
                        Target("contact", contact.id),
                    )
                )
        self.items = [(text, help, target, frozenset(text.lower())) for text, help, target in items]

    def _open(self, target: Target) -> None:
        from cockpit.ui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(target))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        needed = frozenset(query.lower().replace(" ", ""))
        for text, help, target, letters in self.items:
            # A cheap pre-check: every letter typed must appear somewhere in the name.
            if not needed <= letters:
                continue
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._open, target), text, help)


class ActionsProvider(Provider):
    """Every key of the screen the palette was opened on, by its description."""

    def _actions(self) -> list[tuple[str, str, partial[Any]]]:
        actions = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.system or not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            shown = binding.key_display or self.app.get_key_display(binding)
            actions.append(
                (
                    binding.description,
                    f"key {shown}",
                    partial(self.app.run_action, binding.action, active.node),
                )
            )
        return actions

    async def discover(self) -> Hits:
        for title, help, run in self._actions():
            yield DiscoveryHit(title, run, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help, run in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, title, help)
