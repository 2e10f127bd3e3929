"""Build small books for tests: records constructed directly and applied to a Book."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.codec import TABLE_OF, to_doc
from cockpit.domain.model import Account, Activity, Contact, DayOff, Deal, Plan, Promise

__all__ = ["BookFactory", "at"]


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A timestamp on `day` (UTC, so its date is `day`)."""
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class BookFactory:
    """A Book plus helpers that add records with fresh ids, as the store would."""

    def __init__(self) -> None:
        self.book = Book()
        self._next_id: dict[str, int] = {}

    def _id(self, table: str) -> int:
        self._next_id[table] = self._next_id.get(table, 0) + 1
        return self._next_id[table]

    def save(self, record: Any) -> Any:
        """Apply a new or changed record to the book (returns it)."""
        self.book.apply(TABLE_OF[type(record)], record.id, to_doc(record))
        return record

    def setting(self, key: str, value: Any) -> None:
        """Store one setting."""
        doc_id = self.book.setting_id(key) or self._id("settings")
        self.book.apply("settings", doc_id, {"id": doc_id, "key": key, "value": value})

    def account(
        self, name: str, tier: str = "none", cadence_days: int | None = None, **kw: Any
    ) -> Account:
        """An account; `tier` and `cadence_days` as the rep would set them."""
        record = Account(self._id("accounts"), _slug(name), name, tier, cadence_days, **kw)
        saved: Account = self.save(record)
        return saved

    def contact(self, name: str, account: Account | None = None, **kw: Any) -> Contact:
        """A contact, at `account` when given."""
        account_id = account.id if account else None
        record = Contact(self._id("contacts"), _slug(name), name, account_id, **kw)
        saved: Contact = self.save(record)
        return saved

    def deal(self, title: str, account: Account | None = None, **kw: Any) -> Deal:
        """A deal (prospect stage, value 0 unless given), at `account` when given."""
        handle = _slug(f"{account.handle if account else ''} {title}")
        account_id = account.id if account else None
        record = Deal(self._id("deals"), handle, title, account_id, **kw)
        saved: Deal = self.save(record)
        return saved

    def activity(
        self,
        kind: str,
        when: datetime | date,
        *,
        account: Account | None = None,
        contact: Contact | None = None,
        deal: Deal | None = None,
        **kw: Any,
    ) -> Activity:
        """An activity; like the logger, it carries the account of its contact or deal."""
        moment = when if isinstance(when, datetime) else at(when)
        account_id = account.id if account else None
        if account_id is None and deal is not None:
            account_id = deal.account_id
        if account_id is None and contact is not None:
            account_id = contact.account_id
        record = Activity(
            self._id("activities"),
            kind,
            moment,
            account_id=account_id,
            contact_id=contact.id if contact else None,
            deal_id=deal.id if deal else None,
            **kw,
        )
        saved: Activity = self.save(record)
        return saved

    def touches(self, day: date, count: int, kind: str = "call") -> None:
        """`count` touches on `day`, linked to nothing in particular."""
        for i in range(count):
            self.activity(kind, at(day, 9, i % 60))

    def promise(
        self,
        text: str,
        due: date,
        aim: date | None = None,
        *,
        contact: Contact | None = None,
        account: Account | None = None,
        deal: Deal | None = None,
        done_at: datetime | None = None,
    ) -> Promise:
        """A promise; its aim defaults to one working day before due, as logging sets it."""
        record = Promise(
            self._id("promises"),
            text,
            due,
            aim if aim is not None else self.book.calendar.previous_working_day(due),
            account_id=account.id if account else None,
            contact_id=contact.id if contact else None,
            deal_id=deal.id if deal else None,
            done_at=done_at,
        )
        saved: Promise = self.save(record)
        return saved

    def plan(self, quarter: str, **kw: Any) -> Plan:
        """A quarter's plan ("2026-Q4")."""
        saved: Plan = self.save(Plan(self._id("plans"), quarter, **kw))
        return saved

    def day_off(self, start: date, end: date | None = None, text: str = "") -> DayOff:
        """Days off from `start` to `end` (one day by default)."""
        saved: DayOff = self.save(DayOff(self._id("days_off"), start, end or start, text))
        return saved
