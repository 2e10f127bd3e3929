"""Search as you type over accounts, contacts, deals and activity notes.

The index is built once per book revision: every entry's lowercase haystack, records
first, then activities newest first, joined into one text. A query finds its longest
word with `str.find` over that text (C speed, no Python loop over 40,000 entries),
checks the other words on each entry found, and stops once it has a screenful more
than it shows: a one-letter query costs as little as a rare word.
"""

from __future__ import annotations

import bisect
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
    """The first hits of a query and how many there are (`more`: at least that many)."""

    query: str
    hits: list[SearchEntry]
    total: int
    more: bool = False


def _words(query: str) -> list[str]:
    return query.lower().split()


def _hay(*parts: str | None) -> str:
    """Lowercase, single-spaced, one line: what a query is matched against."""
    return " ".join(" ".join(p for p in parts if p).lower().split())


class SearchIndex:
    """A precomputed, lowercase index of one book."""

    def __init__(self, entries: list[SearchEntry], *, notes: bool = True) -> None:
        self.entries = entries
        self.notes = notes
        """False when the book's activities were not read yet: no notes in it (§9.7)."""
        # Haystacks hold no newline (see _hay), so a match never spans two entries.
        self._text = "\n".join(e.hay for e in entries)
        self._starts: list[int] = []
        at = 0
        for entry in entries:
            self._starts.append(at)
            at += len(entry.hay) + 1

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
                    _hay(f"#{deal.id}", deal.handle, deal.title, at),
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
                    _hay(f"@{account.handle}", account.name, account.industry),
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
                    _hay(f"~{contact.handle}", contact.name, where, contact.email),
                )
            )
        if not book.activities_loaded:
            return cls(entries, notes=False)
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
                    _hay(activity.text),
                )
            )
        return cls(entries)

    def search(self, query: str, limit: int = 200) -> SearchResult:
        """Entries holding every word of `query`, in index order; all when it is empty.
        Counts up to `limit` + 1 and says `more` past that."""
        words = sorted(set(_words(query)), key=len, reverse=True)
        if not words:
            total = len(self.entries)
            return SearchResult(query, self.entries[:limit], total, False)
        first, others = words[0], words[1:]
        text, starts, entries = self._text, self._starts, self.entries
        hits: list[SearchEntry] = []
        at = text.find(first)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            entry = entries[index]
            if all(word in entry.hay for word in others):
                hits.append(entry)
                if len(hits) > limit:
                    return SearchResult(query, hits[:limit], limit, True)
            # On to the next entry: one hit per entry.
            if index + 1 >= len(starts):
                break
            at = text.find(first, starts[index + 1])
        return SearchResult(query, hits, len(hits), False)
