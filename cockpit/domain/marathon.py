"""The Marathon: relationships due a touch, most overdue first.

An account with a cadence (its own or its tier's) is due `cadence` days after its last
touch; so is a contact with a cadence of its own. Never touched: due on the day it was
created (today when that is unknown). Any touch resets the clock; a note does not.
An account's touches include those logged on its contacts and deals, because activities
carry the account id when they are logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from cockpit.domain.book import Book
from cockpit.domain.calendar import add_days
from cockpit.domain.model import CLOSED_STAGES, Account, Activity, Contact

__all__ = ["MarathonRow", "account_money", "marathon", "touch_due"]


@dataclass(frozen=True, slots=True)
class MarathonRow:
    """One relationship and when it is due a touch."""

    kind: str  # "account" or "contact"
    account: Account | None  # the account itself, or the contact's account
    contact: Contact | None  # None on an account row
    tier: str | None  # the account's tier (None for a contact without an account)
    cadence: int  # days between touches
    last_touch: date | None
    due: date
    days_overdue: int  # 0 unless overdue
    open_pipeline: int  # minor units, open deals at the account
    lifetime_won: int  # minor units, won deals at the account
    chase: int

    @property
    def record(self) -> Account | Contact:
        """The account or contact this row is about."""
        if self.contact is not None:
            return self.contact
        assert self.account is not None  # an account row always has its account
        return self.account


def touch_due(
    last_touch: Activity | datetime | None, cadence: int, created: date | None, today: date
) -> date:
    """When the next touch is due: last touch (the activity or its moment) + cadence;
    never touched, on creation."""
    if last_touch is not None:
        moment = last_touch.at if isinstance(last_touch, Activity) else last_touch
        return add_days(moment.date(), cadence)
    return created if created is not None else today


def account_money(book: Book, account_id: int | None) -> tuple[int, int]:
    """Open pipeline and lifetime won at an account (archived won deals included), in
    minor units."""
    if account_id is None:
        return 0, 0
    pipeline = 0
    carried = book.archived("account_id", account_id).get("won", 0)
    won = carried if isinstance(carried, int) else 0
    # From the documents: the Marathon and the pipeline screen sum every account's deals.
    for doc in book.deal_docs_of(account_id):
        if doc["stage"] not in CLOSED_STAGES:
            pipeline += doc.get("value", 0)
        elif doc["stage"] == "won":
            won += doc.get("value", 0)
    return pipeline, won


def _row(
    book: Book,
    today: date,
    account: Account | None,
    contact: Contact | None,
    cadence: int,
) -> MarathonRow:
    if contact is not None:
        touch = book.last_touch_at("contact_id", contact.id)
        created = contact.created
        chase = book.chase("contact_id", contact.id)
    else:
        assert account is not None
        touch = book.last_touch_at("account_id", account.id)
        created = account.created
        chase = book.account_chase(account.id)
    due = touch_due(touch, cadence, created.date() if created else None, today)
    pipeline, won = account_money(book, account.id if account else None)
    return MarathonRow(
        kind="contact" if contact is not None else "account",
        account=account,
        contact=contact,
        tier=account.tier if account else None,
        cadence=cadence,
        last_touch=touch.date() if touch else None,
        due=due,
        days_overdue=max((today - due).days, 0),
        open_pipeline=pipeline,
        lifetime_won=won,
        chase=chase,
    )


Cadenced = tuple[Account | None, Contact | None, int]


def _cadenced(book: Book) -> list[Cadenced]:
    """Every account and contact with a cadence, and its cadence: kept on the accounts
    table until an account, a contact or the settings change, so the board after a
    logged call does not go over a 10-year book's every account and contact again."""
    kept = book.accounts.derived.get("cadenced")
    if kept is not None and kept[0] is book.settings and kept[1] == book.contacts.version:
        return kept[2]  # type: ignore[no-any-return]
    found: list[Cadenced] = []
    for account in book.accounts.values():
        cadence = book.cadence(account)
        if cadence is not None:
            found.append((account, None, cadence))
    for contact_id, doc in book.contacts.docs.items():
        if doc.get("cadence_days") is None:
            continue  # told from the document: contacts without a cadence stay undecoded
        contact = book.contacts[contact_id]
        if contact.cadence_days is not None:
            at = book.accounts.get(contact.account_id) if contact.account_id is not None else None
            found.append((at, contact, contact.cadence_days))
    book.accounts.derived["cadenced"] = (book.settings, book.contacts.version, found)
    return found


def marathon(book: Book, today: date) -> list[MarathonRow]:
    """Every account and contact with a cadence, by touch due date (most overdue first)."""
    rows = [_row(book, today, a, c, cadence) for a, c, cadence in _cadenced(book)]
    # Earlier due is more overdue, so one key puts overdue rows first, worst first.
    rows.sort(key=lambda r: (r.due, r.kind != "account", r.record.name.lower(), r.record.id))
    return rows
