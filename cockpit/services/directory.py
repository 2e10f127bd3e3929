"""The book seen as a directory of references for the quick-log resolver."""

from __future__ import annotations

from collections.abc import Iterable

from cockpit.domain.book import Book
from cockpit.domain.handles import slugify
from cockpit.quicklog import RefTarget

__all__ = ["BookDirectory"]


class BookDirectory:
    """Adapts a Book to the quick-log `Directory` protocol."""

    def __init__(self, book: Book) -> None:
        self.book = book

    def accounts(self) -> Iterable[RefTarget]:
        """Every account as a reference target."""
        for a in self.book.accounts.values():
            yield RefTarget(a.id, a.handle, None, a.id, True, a.name)

    def deals(self) -> Iterable[RefTarget]:
        """Every deal; its title's own handle lets `#renewal` find it."""
        for d in self.book.deals.values():
            yield RefTarget(d.id, d.handle, slugify(d.title), d.account_id, d.is_open, d.title)

    def contacts(self) -> Iterable[RefTarget]:
        """Every contact as a reference target."""
        for c in self.book.contacts.values():
            yield RefTarget(c.id, c.handle, None, c.account_id, True, c.name)

    def promise(self, id: int) -> RefTarget | None:
        """The promise with this id, if any."""
        p = self.book.promises.get(id)
        if p is None:
            return None
        return RefTarget(p.id, str(p.id), None, p.account_id, p.done_at is None, p.text)
