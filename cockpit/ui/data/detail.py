"""The detail of one deal, account or contact: facts, next step, chase, promises,
change history and the timeline of activities, newest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cockpit.domain.book import Book
from cockpit.domain.marathon import account_money, touch_due
from cockpit.domain.model import Account, Activity, Contact, Deal, FieldChange
from cockpit.domain.money import format_money
from cockpit.domain.promises import PromiseRow, promise_status, promise_to
from cockpit.domain.sprint import Reason, deal_reasons
from cockpit.ui.data.lines import Target, ref

__all__ = ["Detail", "TimelineItem", "build_detail"]

TIMELINE_LIMIT = 2000  # a key account over ten years; older ones are one search away


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One activity as the timeline shows it."""

    activity: Activity
    about: str  # the deal or contact it concerns, when not the record itself
    target: Target | None  # what Enter opens (another deal, the contact...)


@dataclass(slots=True)
class Detail:
    """What the detail screen shows about one record."""

    target: Target
    ref: str  # "#12", "@acme-corp", "~jane-doe"
    title: str
    subtitle: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    next_step: str | None = None
    next_due: date | None = None
    chase: int = 0
    history: list[FieldChange] = field(default_factory=list)
    promises: list[PromiseRow] = field(default_factory=list)
    related: list[tuple[Target, str, str]] = field(default_factory=list)  # (target, ref, text)
    timeline: list[TimelineItem] = field(default_factory=list)
    timeline_total: int = 0
    timeline_loading: bool = False  # the book's activities are not read yet (§9.7)
    is_open: bool = True
    focus: bool = False


def _money(book: Book, minor: int) -> str:
    s = book.settings
    return format_money(minor, s.currency, s.minor_digits)


def _promises(book: Book, today: date, key: str, owner: int) -> list[PromiseRow]:
    rows = [
        PromiseRow(p, promise_status(p, today), promise_to(book, p))
        for p in book.promises.values()
        if getattr(p, key) == owner
    ]
    rows.sort(key=lambda r: (r.promise.done_at is not None, r.promise.aim, r.promise.id))
    return rows


def _timeline(book: Book, key: str, owner: int, detail: Detail) -> None:
    if not book.activities_loaded:
        detail.timeline_loading = True
        return
    activities = book.activities_of(key, owner)
    detail.timeline_total = len(activities)
    items = []
    for activity in reversed(activities[-TIMELINE_LIMIT:]):
        about = ""
        target: Target | None = None
        if key != "deal_id" and activity.deal_id is not None:
            about = f"#{activity.deal_id} {book.name_of('deals', activity.deal_id) or ''}"
            target = Target("deal", activity.deal_id)
        elif key != "contact_id" and activity.contact_id is not None:
            contact = book.contacts.get(activity.contact_id)
            about = contact.name if contact else ""
            target = Target("contact", activity.contact_id)
        items.append(TimelineItem(activity, about.strip(), target))
    detail.timeline = items


def _deal(book: Book, deal: Deal, today: date) -> Detail:
    account = book.accounts.get(deal.account_id) if deal.account_id is not None else None
    detail = Detail(
        target=Target("deal", deal.id),
        ref=ref(deal),
        title=deal.title,
        subtitle=f"{account.name} @{account.handle}" if account else "(no account)",
        next_step=deal.next_step,
        next_due=deal.next_due,
        chase=book.chase("deal_id", deal.id),
        history=sorted(deal.history, key=lambda h: h.at, reverse=True),
        is_open=deal.is_open,
        focus=deal.focus,
    )
    category = book.forecast_category(deal)
    detail.facts = [
        ("value", _money(book, deal.value)),
        ("stage", f"{deal.stage} ({book.probability(deal)} %)"),
        ("forecast", category.replace("_", " ")),
        ("close", deal.close.isoformat() if deal.close else "—"),
        ("handle", f"#{deal.handle}"),
    ]
    if deal.snoozed_until is not None and deal.snoozed_until > today:
        detail.facts.append(("snoozed", f"until {deal.snoozed_until.isoformat()}"))
    if deal.slip_count:
        detail.facts.append(("slipped", f"{deal.slip_count}×"))
    if deal.stage == "lost":
        detail.facts.append(("lost", f"{deal.lost_code or 'other'}: {deal.lost_reason or ''}"))
    if deal.won_at is not None:
        detail.facts.append(("won", deal.won_at.date().isoformat()))
    if deal.is_open:
        detail.reasons = deal_reasons(book, deal, today)
    if account is not None:
        detail.related.append((Target("account", account.id), ref(account), account.name))
        for contact in book.contacts_of(account.id):
            role = f" ({contact.role})" if contact.role else ""
            detail.related.append(
                (Target("contact", contact.id), ref(contact), contact.name + role)
            )
    detail.promises = _promises(book, today, "deal_id", deal.id)
    _timeline(book, "deal_id", deal.id, detail)
    return detail


def _account(book: Book, account: Account, today: date) -> Detail:
    cadence = book.cadence(account)
    touch = book.last_touch_at("account_id", account.id)
    pipeline, won = account_money(book, account.id)
    detail = Detail(
        target=Target("account", account.id),
        ref=ref(account),
        title=account.name,
        subtitle=" · ".join(x for x in (f"tier {account.tier}", account.industry) if x),
        chase=book.account_chase(account.id),
    )
    detail.facts = [
        ("cadence", f"every {cadence} days" if cadence else "none"),
        ("last touch", touch.date().isoformat() if touch else "never"),
    ]
    if cadence:
        created = account.created.date() if account.created else None
        detail.facts.append(("touch due", touch_due(touch, cadence, created, today).isoformat()))
    detail.facts += [("pipeline", _money(book, pipeline)), ("won", _money(book, won))]
    for deal in sorted(book.deals_of(account.id), key=lambda d: (not d.is_open, -d.id)):
        state = f"{deal.stage} · {_money(book, deal.value)}"
        detail.related.append((Target("deal", deal.id), ref(deal), f"{deal.title} ({state})"))
    for contact in book.contacts_of(account.id):
        role = f" ({contact.role})" if contact.role else ""
        detail.related.append((Target("contact", contact.id), ref(contact), contact.name + role))
    detail.promises = _promises(book, today, "account_id", account.id)
    _timeline(book, "account_id", account.id, detail)
    return detail


def _contact(book: Book, contact: Contact, today: date) -> Detail:
    account = book.accounts.get(contact.account_id) if contact.account_id is not None else None
    touch = book.last_touch_at("contact_id", contact.id)
    detail = Detail(
        target=Target("contact", contact.id),
        ref=ref(contact),
        title=contact.name,
        subtitle=" · ".join(x for x in (contact.role, account.name if account else None) if x),
        chase=book.chase("contact_id", contact.id),
    )
    detail.facts = [
        ("email", contact.email or "—"),
        ("phone", contact.phone or "—"),
        ("last touch", touch.date().isoformat() if touch else "never"),
    ]
    if contact.cadence_days:
        created = contact.created.date() if contact.created else None
        due = touch_due(touch, contact.cadence_days, created, today)
        detail.facts.append(("touch due", due.isoformat()))
    if account is not None:
        detail.related.append((Target("account", account.id), ref(account), account.name))
    detail.promises = _promises(book, today, "contact_id", contact.id)
    _timeline(book, "contact_id", contact.id, detail)
    return detail


def build_detail(book: Book, target: Target, today: date) -> Detail | None:
    """The detail of a deal, account or contact (None once it no longer exists)."""
    if target.kind == "deal" and target.id in book.deals:
        return _deal(book, book.deals[target.id], today)
    if target.kind == "account" and target.id in book.accounts:
        return _account(book, book.accounts[target.id], today)
    if target.kind == "contact" and target.id in book.contacts:
        return _contact(book, book.contacts[target.id], today)
    return None
