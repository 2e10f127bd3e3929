"""Command-palette providers (ctrl+p): jump to any record, or run any key's action.

Opened with nothing typed, the palette lists the records the rep worked on last, then
cockpit's own actions; Textual's generic commands (scrolling, screenshots, themes) are
not offered: the app's COMMANDS holds these two providers only.
"""

from __future__ import annotations

import heapq
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from cockpit.domain.book import Book
from cockpit.ui.data.lines import Target

if TYPE_CHECKING:
    from cockpit.ui.app import CockpitApp

__all__ = ["ActionsProvider", "RecordsProvider", "recent_targets"]

RECENT = 5
# Binding namespaces that are moves inside a widget, not actions worth a palette entry.
_NOT_ACTIONS = frozenset({"list", "log"})
_OWNERS = (("deal", "deal_id"), ("contact", "contact_id"), ("account", "account_id"))


def recent_targets(book: Book, limit: int = RECENT) -> list[Target]:
    """The deals, accounts and contacts of the last activities logged, newest first."""
    docs = book.activities.docs
    seen: list[Target] = []
    for activity_id in heapq.nlargest(limit * 8, docs):
        doc = docs[activity_id]
        for kind, key in (
            ("deal", "deal_id"),
            ("contact", "contact_id"),
            ("account", "account_id"),
        ):
            owner = doc.get(key)
            if owner is not None and Target(kind, owner) not in seen:
                seen.append(Target(kind, owner))
                break
        if len(seen) == limit:
            break
    return seen


def _item(book: Book, target: Target) -> tuple[str, str] | None:
    """How the palette shows a record: its text and its help line."""
    if target.kind == "deal" and target.id in book.deals:
        deal = book.deals[target.id]
        account = book.name_of("accounts", deal.account_id) or "no account"
        state = "open" if deal.is_open else deal.stage
        return f"#{deal.id} {deal.title} · {account}", f"deal · {state}"
    if target.kind == "account" and target.id in book.accounts:
        acct = book.accounts[target.id]
        return f"@{acct.handle} {acct.name}", f"account · {acct.tier}"
    if target.kind == "contact" and target.id in book.contacts:
        contact = book.contacts[target.id]
        where = book.name_of("accounts", contact.account_id) or ""
        return f"~{contact.handle} {contact.name}", f"contact · {where}"
    return None


def _open(provider: Provider, target: Target) -> None:
    from cockpit.ui.screens.detail import DetailScreen

    provider.app.push_screen(DetailScreen(target))


class RecordsProvider(Provider):
    """Accounts, deals and contacts by fuzzy name: the chosen one's detail opens."""

    async def startup(self) -> None:
        app = cast("CockpitApp", self.app)
        session = app.session
        items: list[tuple[str, str, Target]] = []
        with session.lock:
            book = session.book
            targets = [
                *(Target("deal", i) for i in book.deals),
                *(Target("account", i) for i in book.accounts),
                *(Target("contact", i) for i in book.contacts),
            ]
            for target in targets:
                shown = _item(book, target)
                if shown is not None:
                    items.append((*shown, target))
        self.items = [(text, help, target, frozenset(text.lower())) for text, help, target in items]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        needed = frozenset(query.lower().replace(" ", ""))
        for text, help, target, letters in self.items:
            # A cheap pre-check: every letter typed must appear somewhere in the name.
            if not needed <= letters:
                continue
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(_open, self, target), text, help)


class ActionsProvider(Provider):
    """Every key of the screen the palette was opened on, by its description."""

    def _actions(self) -> list[tuple[str, str, partial[Any]]]:
        actions = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.system or not binding.description or binding.description in seen:
                continue
            namespace = (binding.id or "").partition(".")[0]
            if not binding.id or namespace in _NOT_ACTIONS:
                continue  # Textual's own keys (scrolling, moving a cursor): not actions
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
        # One provider yields both, so the order holds: recent records, then actions.
        app = cast("CockpitApp", self.app)
        with app.session.lock:
            book = app.session.book
            recent = [(t, _item(book, t)) for t in recent_targets(book)]
        for target, shown in recent:
            if shown is not None:
                yield DiscoveryHit(
                    shown[0], partial(_open, self, target), help=f"recent {shown[1]}"
                )
        for title, help, run in self._actions():
            yield DiscoveryHit(title, run, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help, run in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, title, help)
