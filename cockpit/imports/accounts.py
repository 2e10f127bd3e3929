"""Find the accounts an import names, or plan them: by name (any case), then by handle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cockpit.domain.book import Book
from cockpit.domain.handles import slugify, unique_handle
from cockpit.domain.model import Account

__all__ = ["AccountDirectory", "NewAccount", "name_key"]


def name_key(name: str) -> str:
    """How names compare: case and runs of spaces do not matter."""
    return " ".join(name.split()).casefold()


@dataclass(slots=True)
class NewAccount:
    """An account the import will create (its id is set once inserted)."""

    record: Account
    line: int


class AccountDirectory:
    """The book's accounts plus those this import plans, looked up by name or handle.

    The book learns of inserts only after the transaction, so handles planned here are
    kept in a set of their own.
    """

    def __init__(self, book: Book, now: datetime) -> None:
        self._book = book
        self._now = now
        self._by_name: dict[str, int] = {}
        for account_id, doc in book.accounts.docs.items():
            self._by_name.setdefault(name_key(str(doc.get("name", ""))), account_id)
        self._new_by_name: dict[str, NewAccount] = {}
        self._new_by_handle: dict[str, NewAccount] = {}
        self.created: list[NewAccount] = []

    def find(self, name: str) -> int | NewAccount | None:
        """The existing account id, or the planned account, for `name`; None if neither."""
        key = name_key(name)
        found = self._by_name.get(key)
        if found is not None:
            return found
        planned = self._new_by_name.get(key)
        if planned is not None:
            return planned
        handle = slugify(name)
        found = self._book.by_handle("accounts", handle)
        if found is not None:
            return found
        return self._new_by_handle.get(handle)

    def handle_of(self, ref: int | NewAccount) -> str:
        """The handle of an existing or planned account."""
        if isinstance(ref, NewAccount):
            return ref.record.handle
        return str(self._book.accounts.docs[ref]["handle"])

    def plan(
        self, name: str, line: int, tier: str = "none", industry: str | None = None
    ) -> NewAccount:
        """Plan a new account with a handle no other account has or will have."""
        handle = unique_handle(
            slugify(name),
            lambda h: self._book.handle_taken("accounts", h) or h in self._new_by_handle,
        )
        record = Account(
            id=0, handle=handle, name=name, tier=tier, industry=industry, created=self._now
        )
        planned = NewAccount(record, line)
        self._new_by_name[name_key(name)] = planned
        self._new_by_handle[handle] = planned
        self.created.append(planned)
        return planned

    def ensure(self, name: str, line: int) -> int | NewAccount:
        """The account named `name`, planned when the book does not have it yet."""
        found = self.find(name)
        return found if found is not None else self.plan(name, line)
