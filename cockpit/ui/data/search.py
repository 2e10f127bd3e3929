"""Search as you type over accounts, contacts, deals and activity notes.

The index is built once per book revision (lowercase haystacks, records first, then
activities newest first); a query keeps the entries holding every word. Typing more
only narrows, so a longer query filters the previous hits instead of the whole book.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.domain.book import Book
from cockpit.domain.money import format_money
from cockpit.ui.data.lines import Target

__all__ = ["SearchEntry", "SearchIndex", "SearchResult"]


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """One searchable thing and what opens when it is chosen."""

    kind: str  # deal, account, contact, activity
    ref: str  # "#12", "@acme-corp", "~jane-doe", or the activity's date
    label: str
    detail: str
    target: Target | None  # the record whose detail opens
    hay: str


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The first hits of a query and how many there are in all."""

    query: str
    hits: list[SearchEntry]
    total: int


def _words(query: str) -> list[str]:
    return query.lower().split()


class SearchIndex:
    """A precomputed, lowercase index of one book."""

    def __init__(self, entries: list[SearchEntry]) -> None:
        self.entries = entries
        self._last: tuple[list[str], list[SearchEntry]] | None = None

    @classmethod
    def build(cls, book: Book) -> SearchIndex:
        """Index the book (callers hold the session lock)."""
        money = book.settings
        entries: list[SearchEntry] = []
        deals = sorted(book.deals.values(), key=lambda d: (not d.is_open, -d.id))
        for deal in deals:
            account = book.accounts.get(deal.account_id) if deal.account_id else None
            at = account.name if account else "(no account)"
            value = format_money(deal.value, money.currency, money.minor_digits, compact=True)
            entries.append(
                SearchEntry(
                    "deal",
                    f"#{deal.id}",
                    f"{deal.title} · {at}",
                    f"{deal.stage} · {value}",
                    Target("deal", deal.id),
                    f"#{deal.id} {deal.handle} {deal.title} {at}".lower(),
                )
            )
        for account in sorted(book.accounts.values(), key=lambda a: a.name.lower()):
            entries.append(
                SearchEntry(
                    "account",
                    f"@{account.handle}",
                    account.name,
                    f"{account.tier} · {account.industry or ''}".rstrip(" ·"),
                    Target("account", account.id),
                    f"@{account.handle} {account.name} {account.industry or ''}".lower(),
                )
            )
        for contact in sorted(book.contacts.values(), key=lambda c: c.name.lower()):
            account = book.accounts.get(contact.account_id) if contact.account_id else None
            where = " · ".join(x for x in (contact.role, account.name if account else None) if x)
            entries.append(
                SearchEntry(
                    "contact",
                    f"~{contact.handle}",
                    contact.name,
                    where,
                    Target("contact", contact.id),
                    f"~{contact.handle} {contact.name} {where} {contact.email or ''}".lower(),
                )
            )
        for activity in sorted(book.activities.values(), key=lambda a: (a.at, a.id), reverse=True):
            if not activity.text:
                continue
            if activity.deal_id is not None:
                target: Target | None = Target("deal", activity.deal_id)
            elif activity.account_id is not None:
                target = Target("account", activity.account_id)
            elif activity.contact_id is not None:
                target = Target("contact", activity.contact_id)
            else:
                target = None
            owner = (
                book.name_of("deals", activity.deal_id)
                or book.name_of("accounts", activity.account_id)
                or book.name_of("contacts", activity.contact_id)
                or ""
            )
            entries.append(
                SearchEntry(
                    "activity",
                    activity.at.date().isoformat(),
                    activity.text,
                    f"{activity.kind} · {owner}",
                    target,
                    activity.text.lower(),
                )
            )
        return cls(entries)

    def search(self, query: str, limit: int = 200) -> SearchResult:
        """Entries holding every word of `query`, in index order; all when it is empty."""
        words = _words(query)
        if not words:
            return SearchResult(query, self.entries[:limit], len(self.entries))
        pool = self.entries
        if self._last is not None:
            last_words, last_hits = self._last
            # Each old word grown or kept, new words only added: the old hits hold them all.
            if len(words) >= len(last_words) and all(
                old in new for old, new in zip(last_words, words, strict=False)
            ):
                pool = last_hits
        hits = [e for e in pool if all(w in e.hay for w in words)]
        self._last = (words, hits)
        return SearchResult(query, hits[:limit], len(hits))
