"""What every verb handler works with: the line's context, and the Verb record itself.

A verb either writes (its `write` runs inside the line's one store transaction) or answers
without a transaction (`direct`: undo, and a bare `set` that lists the settings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from cockpit.domain.book import Book
from cockpit.domain.codec import to_doc
from cockpit.domain.model import Deal
from cockpit.domain.money import format_money
from cockpit.quicklog import ParsedLine, QuickLogError, Resolved
from cockpit.services.outcome import Outcome, RecordRef
from cockpit.store import Transaction

__all__ = [
    "CommandContext",
    "Direct",
    "SessionLike",
    "Verb",
    "Write",
    "date_note",
    "need_deal",
    "note_refs",
    "record_ref",
]


@dataclass
class CommandContext:
    """Everything a verb needs: the parsed line, its references, the book and the clock."""

    parsed: ParsedLine
    resolved: Resolved
    book: Book
    tx: Transaction
    now: datetime
    outcome: Outcome

    @property
    def today(self) -> date:
        return self.now.date()

    def attr(self, key: str, default: Any = None) -> Any:
        attr = self.parsed.attrs.get(key)
        return default if attr is None else attr.value

    def has(self, key: str) -> bool:
        return key in self.parsed.attrs

    def error(
        self, message: str, key: str | None = None, sigil: str | None = None
    ) -> QuickLogError:
        """A positioned error on an attribute, a reference, or else the verb."""
        column, token = 1, self.parsed.verb
        if key is not None and key in self.parsed.attrs:
            attr = self.parsed.attrs[key]
            column, token = attr.column, f"{key}:{attr.raw}"
        elif sigil is not None and sigil in self.parsed.refs:
            ref = self.parsed.refs[sigil]
            column, token = ref.column, f"{sigil}{ref.text}"
        return QuickLogError(message, column=column, token=token, suggestions=[])

    def money(self, minor: int) -> str:
        settings = self.book.settings
        return format_money(minor, settings.currency, settings.minor_digits)

    # -- writing --------------------------------------------------------------

    def insert(self, table: str, record: Any) -> int:
        doc = to_doc(record)
        doc.pop("id", None)
        new_id = self.tx.insert(table, doc)
        record.id = new_id
        self.outcome.created.append(RecordRef(table, new_id, getattr(record, "handle", None)))
        return new_id

    def put(self, table: str, record: Any) -> None:
        self.tx.put(table, to_doc(record))
        ref = RecordRef(table, record.id, getattr(record, "handle", None))
        if ref not in self.outcome.updated and not any(
            c.table == table and c.id == record.id for c in self.outcome.created
        ):
            self.outcome.updated.append(ref)


class SessionLike(Protocol):
    """What a verb answered without a transaction may use of the session."""

    book: Book

    def undo(self) -> Outcome: ...

    def preview_undo(self) -> Outcome: ...


Write = Callable[[CommandContext], None]
# Returns the answer, or None when the line must be written after all.
Direct = Callable[[ParsedLine, SessionLike, bool], "Outcome | None"]


@dataclass(frozen=True)
class Verb:
    """One quick-log verb: how it writes, and how it answers without writing (if it can)."""

    write: Write | None = None
    direct: Direct | None = None


# -- shared pieces -------------------------------------------------------------


def need_deal(ctx: CommandContext) -> Deal:
    """The line's deal; an error when the line names none."""
    deal = optional_deal(ctx)
    if deal is None:
        raise ctx.error(f"{ctx.parsed.verb} needs a deal: add #deal (e.g. #renewal or #12)")
    return deal


def optional_deal(ctx: CommandContext) -> Deal | None:
    """The line's deal, if it names one."""
    if ctx.resolved.deal is not None:
        return ctx.book.deals[ctx.resolved.deal]
    return None


def date_note(ctx: CommandContext, key: str, day: date) -> None:
    """Tell the caller which date a relative word (fri, eoq) was read as."""
    ctx.outcome.dates[key] = day.isoformat()


def record_ref(table: str, record: Any) -> RecordRef:
    """A reference to a record, named by its title, name or text."""
    name = (
        record.title if table == "deals" else getattr(record, "name", getattr(record, "text", None))
    )
    return RecordRef(table, record.id, getattr(record, "handle", None), name)


def note_refs(ctx: CommandContext) -> None:
    """Name the records the line refers to in the outcome."""
    book, resolved = ctx.book, ctx.resolved
    if resolved.account is not None:
        ctx.outcome.refs["account"] = record_ref("accounts", book.accounts[resolved.account])
    if resolved.deal is not None:
        ctx.outcome.refs["deal"] = record_ref("deals", book.deals[resolved.deal])
    if resolved.contact is not None:
        ctx.outcome.refs["contact"] = record_ref("contacts", book.contacts[resolved.contact])
    if resolved.promise is not None:
        p = book.promises[resolved.promise]
        ctx.outcome.refs["promise"] = RecordRef("promises", p.id, str(p.id), p.text)
