"""The book seen as a directory of references for the quick-log resolver."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from cockpit.domain.book import Book
from cockpit.domain.handles import slugify
from cockpit.quicklog import RefTarget

__all__ = ["BookDirectory"]


@lru_cache(maxsize=65536)
def _title_handle(title: str) -> str:
    return slugify(title)


class BookDirectory:
    """Adapts a Book to the quick-log `Directory` protocol."""

    def __init__(self, book: Book) -> None:
        self.book = book

    # Read from the documents, not the decoded records: resolving one reference should not
    # decode every deal in the book.

    def accounts(self) -> Iterable[RefTarget]:
        """Every account as a reference target."""
        for a in self.book.accounts.docs.values():
            yield RefTarget(a["id"], a["handle"], None, a["id"], True, a["name"])

    def deals(self) -> Iterable[RefTarget]:
        """Every deal; its title's own handle lets `#renewal` find it."""
        for d in self.book.deals.docs.values():
            is_open = d.get("stage") not in ("won", "lost")
            title = d["title"]
            yield RefTarget(
                d["id"], d["handle"], _title_handle(title), d.get("account_id"), is_open, title
            )

    def contacts(self) -> Iterable[RefTarget]:
        """Every contact as a reference target."""
        for c in self.book.contacts.docs.values():
            yield RefTarget(c["id"], c["handle"], None, c.get("account_id"), True, c["name"])

    def promise(self, id: int) -> RefTarget | None:
        """The promise with this id, if any."""
        p = self.book.promises.get(id)
        if p is None:
            return None
        return RefTarget(p.id, str(p.id), None, p.account_id, p.done_at is None, p.text)
