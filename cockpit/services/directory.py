"""The book seen as a directory of references for the quick-log resolver, and how its
candidates read and rank (DESIGN §9.1): `#37 Renewal 2027 · City Power & Light · $119k`,
open deals first, the most urgent of them first."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.handles import slugify
from cockpit.domain.money import format_money
from cockpit.domain.sprint import deal_reasons, urgency
from cockpit.quicklog import RefTarget

__all__ = ["BookDirectory"]


@lru_cache(maxsize=65536)
def _title_handle(title: str) -> str:
    return slugify(title)


_TABLES = {"@": "accounts", "#": "deals", "~": "contacts"}


def _account(a: dict[str, Any]) -> RefTarget:
    return RefTarget(a["id"], a["handle"], None, a["id"], True, a["name"])


def _deal(d: dict[str, Any]) -> RefTarget:
    is_open = d.get("stage") not in ("won", "lost")
    title = d["title"]
    return RefTarget(
        d["id"], d["handle"], _title_handle(title), d.get("account_id"), is_open, title
    )


def _contact(c: dict[str, Any]) -> RefTarget:
    return RefTarget(c["id"], c["handle"], None, c.get("account_id"), True, c["name"])


class BookDirectory:
    """Adapts a Book to the quick-log `Directory` protocol."""

    def __init__(self, book: Book, today: date | None = None) -> None:
        self.book = book
        self.today = today  # for the urgency that ranks open deals (None: by close date)

    # Read from the documents, not the decoded records: resolving one reference should not
    # decode every deal in the book.

    def accounts(self) -> Iterable[RefTarget]:
        """Every account as a reference target."""
        return map(_account, self.book.accounts.docs.values())

    def deals(self) -> Iterable[RefTarget]:
        """Every deal; its title's own handle lets `#renewal` find it."""
        return map(_deal, self.book.deals.docs.values())

    def contacts(self) -> Iterable[RefTarget]:
        """Every contact as a reference target."""
        return map(_contact, self.book.contacts.docs.values())

    def named(self, sigil: str, handle: str) -> RefTarget | None:
        """The account, deal or contact with exactly this handle (the book's handle index)."""
        table = _TABLES.get(sigil)
        found = self.book.by_handle(table, handle) if table else None
        return None if found is None else self._target(table, found)

    def prefixed(self, sigil: str, prefix: str) -> Sequence[RefTarget]:
        """Those whose handle starts with `prefix`: a range of the table's handles in
        order, sorted once and kept until one of its records changes."""
        table = _TABLES.get(sigil)
        if table is None:
            return []
        records = getattr(self.book, table)
        kept: tuple[list[str], list[RefTarget]] | None = records.derived.get("handles")
        if kept is None:
            make = {"accounts": _account, "deals": _deal, "contacts": _contact}[table]
            targets = sorted(map(make, records.docs.values()), key=lambda t: t.handle.lower())
            kept = records.derived["handles"] = ([t.handle.lower() for t in targets], targets)
        keys, targets = kept
        start = end = bisect_left(keys, prefix)
        while end < len(keys) and keys[end].startswith(prefix):
            end += 1
        return targets[start:end]

    def deal(self, id: int) -> RefTarget | None:
        """The deal with this id, if any."""
        return self._target("deals", id)

    def _target(self, table: str | None, id: int) -> RefTarget | None:
        if table == "accounts":
            a = self.book.accounts.docs.get(id)
            return None if a is None else _account(a)
        if table == "deals":
            d = self.book.deals.docs.get(id)
            return None if d is None else _deal(d)
        c = self.book.contacts.docs.get(id)
        return None if c is None else _contact(c)

    def promise(self, id: int) -> RefTarget | None:
        """The promise with this id, if any."""
        p = self.book.promises.get(id)
        if p is None:
            return None
        return RefTarget(p.id, str(p.id), None, p.account_id, p.done_at is None, p.text)

    # -- candidates ------------------------------------------------------------------

    def urgency(self, deal_id: int) -> float:
        """How urgent an open deal is today (0 when unknown or closed)."""
        deal = self.book.deals.get(deal_id)
        if deal is None or not deal.is_open or self.today is None:
            return 0.0
        return urgency(self.book, deal, deal_reasons(self.book, deal, self.today))

    def rank(self, sigil: str, targets: Sequence[RefTarget]) -> list[RefTarget]:
        """Open first; deals by urgency, then the nearest close date; then by handle."""
        if sigil != "#":
            return sorted(targets, key=lambda t: (not t.is_open, t.handle))
        deals = self.book.deals

        def key(t: RefTarget) -> tuple[bool, float, date, str]:
            deal = deals.get(t.id)
            close = deal.close if deal is not None and deal.close is not None else date.max
            return (not t.is_open, -self.urgency(t.id), close, t.handle)

        return sorted(targets, key=key)

    def describe(self, sigil: str, target: RefTarget) -> str:
        """`#37 Renewal 2027 · City Power & Light · $119k`, `@acme-corp Acme Corp · key`,
        `~jane-ortiz Jane Ortiz · Acme Corp`."""
        book = self.book
        if sigil == "#" and target.id in book.deals:
            deal = book.deals[target.id]
            parts = [f"#{deal.id} {deal.title}", book.name_of("accounts", deal.account_id) or "—"]
            if deal.value:
                settings = book.settings
                parts.append(
                    format_money(deal.value, settings.currency, settings.minor_digits, compact=True)
                )
            if not deal.is_open:
                parts.append(deal.stage)
            return " · ".join(parts)
        if sigil == "@" and target.id in book.accounts:
            account = book.accounts[target.id]
            tier = f" · {account.tier}" if account.tier != "none" else ""
            return f"@{account.handle} {account.name}{tier}"
        if sigil == "~" and target.id in book.contacts:
            contact = book.contacts[target.id]
            where = book.name_of("accounts", contact.account_id)
            return f"~{contact.handle} {contact.name}" + (f" · {where}" if where else "")
        return f"{sigil}{target.handle}"
