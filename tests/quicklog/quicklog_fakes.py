"""Test helpers for the quick-log tests: a fixed clock and a small fake book directory."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from cockpit.domain.calendar import Calendar
from cockpit.quicklog import ParseContext, RefTarget

TZ = ZoneInfo("Europe/Berlin")
# Wednesday 2026-11-25, 10:15 local: DESIGN §3's worked example.
NOW = datetime(2026, 11, 25, 10, 15, tzinfo=TZ)

ACME, GLOBEX, INITECH = 1, 2, 3


@dataclass
class FakeDirectory:
    """A Directory over plain lists, shaped like the book's."""

    account_list: list[RefTarget] = field(default_factory=list)
    deal_list: list[RefTarget] = field(default_factory=list)
    contact_list: list[RefTarget] = field(default_factory=list)
    promises: dict[int, RefTarget] = field(default_factory=dict)

    def accounts(self) -> Iterable[RefTarget]:
        return iter(self.account_list)

    def deals(self) -> Iterable[RefTarget]:
        return iter(self.deal_list)

    def contacts(self) -> Iterable[RefTarget]:
        return iter(self.contact_list)

    def promise(self, id: int) -> RefTarget | None:
        return self.promises.get(id)

    def named(self, sigil: str, handle: str) -> RefTarget | None:
        listed = {"@": self.account_list, "#": self.deal_list, "~": self.contact_list}[sigil]
        return next((t for t in listed if t.handle.lower() == handle), None)

    def deal(self, id: int) -> RefTarget | None:
        return next((t for t in self.deal_list if t.id == id), None)

    def prefixed(self, sigil: str, prefix: str) -> Sequence[RefTarget]:
        listed = {"@": self.account_list, "#": self.deal_list, "~": self.contact_list}[sigil]
        return [t for t in listed if t.handle.lower().startswith(prefix)]

    def rank(self, sigil: str, targets: Sequence[RefTarget]) -> list[RefTarget]:
        return sorted(targets, key=lambda t: (not t.is_open, t.handle))

    def describe(self, sigil: str, target: RefTarget) -> str:
        return f"{sigil}{target.handle}"


def account(id: int, handle: str, label: str) -> RefTarget:
    return RefTarget(id, handle, None, id, True, label)


def deal(
    id: int, handle: str, alt: str, account_id: int | None, label: str, is_open: bool = True
) -> RefTarget:
    return RefTarget(id, handle, alt, account_id, is_open, label)


def contact(id: int, handle: str, account_id: int | None, label: str) -> RefTarget:
    return RefTarget(id, handle, None, account_id, True, label)


def small_book() -> FakeDirectory:
    """Acme Corp, Globex, Initech; Jane at Acme; deals "Renewal 2027" (Acme), "Pilot" (Initech)."""
    return FakeDirectory(
        account_list=[
            account(ACME, "acme-corp", "Acme Corp"),
            account(GLOBEX, "globex", "Globex"),
            account(INITECH, "initech", "Initech"),
        ],
        deal_list=[
            deal(11, "acme-corp-renewal-2027", "renewal-2027", ACME, "Renewal 2027"),
            deal(12, "initech-pilot", "pilot", INITECH, "Pilot"),
        ],
        contact_list=[contact(21, "jane-doe", ACME, "Jane Doe")],
        promises={3: RefTarget(3, "3", None, ACME, True, "pricing sheet to Jane")},
    )


def make_ctx(**calendar: object) -> ParseContext:
    """The context at NOW, with a calendar built from `calendar` keywords."""
    return ParseContext(now=NOW, calendar=Calendar(**calendar))  # type: ignore[arg-type]
