"""Apply a parsed quick-log line to the book, inside one store transaction.

Each verb is a small function that reads the book, writes whole records through the
transaction and fills in the Outcome. Anything the user got wrong raises QuickLogError
before the transaction commits, so a bad line writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.codec import to_doc
from cockpit.domain.handles import deal_handle, slugify, unique_handle
from cockpit.domain.model import (
    Account,
    Activity,
    Contact,
    DayOff,
    Deal,
    FieldChange,
    Plan,
    Promise,
)
from cockpit.domain.money import format_money
from cockpit.domain.plan import PlanError, validate_plan_change, weekly_target
from cockpit.domain.promises import aim_date
from cockpit.quicklog import ParsedLine, QuickLogError, Resolved
from cockpit.services.outcome import Outcome, RecordRef
from cockpit.store import Transaction

__all__ = ["ACTIVITY_VERBS", "CommandContext", "apply_command"]

ACTIVITY_VERBS = frozenset({"call", "email", "meeting", "demo", "proposal", "social", "note"})
PAST_TENSE = {
    "call": "call",
    "email": "email",
    "meeting": "meeting",
    "demo": "demo",
    "proposal": "proposal",
    "social": "social touch",
    "note": "note",
}


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


# -- shared pieces -------------------------------------------------------------


def _deal(ctx: CommandContext, required: bool = True) -> Deal | None:
    if ctx.resolved.deal is not None:
        return ctx.book.deals[ctx.resolved.deal]
    if required:
        raise ctx.error(f"{ctx.parsed.verb} needs a deal: add #deal (e.g. #renewal or #12)")
    return None


def _date_note(ctx: CommandContext, key: str, day: date) -> None:
    ctx.outcome.dates[key] = day.isoformat()


def _change(deal: Deal, at: datetime, field: str, old: Any, new: Any) -> None:
    if old == new:
        return
    if isinstance(old, date):
        old = old.isoformat()
    if isinstance(new, date):
        new = new.isoformat()
    deal.history.append(FieldChange(at, field, old, new))


def _copy_deal(deal: Deal) -> Deal:
    return replace(deal, history=list(deal.history), extra=dict(deal.extra))


def _set_next_step(ctx: CommandContext, deal: Deal, text: str | None, due: date | None) -> None:
    """Move the deal's next step; a step without a date is due the next working day."""
    if text is not None and due is None:
        due = ctx.book.calendar.next_working_day(ctx.today)
    _change(
        deal, ctx.now, "next_step", deal.next_step, text if text is not None else deal.next_step
    )
    if text is not None:
        deal.next_step = text
    if due is not None:
        _change(deal, ctx.now, "next_due", deal.next_due, due)
        deal.next_due = due
        _date_note(ctx, "due", due)


def _set_close(ctx: CommandContext, deal: Deal, close: date) -> None:
    if deal.close is not None and close > deal.close:
        deal.slip_count += 1  # a later close date is a slip, and the review counts them
    _change(deal, ctx.now, "close", deal.close, close)
    deal.close = close
    _date_note(ctx, "close", close)


def _set_stage(ctx: CommandContext, deal: Deal, stage: str, at: datetime) -> None:
    if stage == deal.stage:
        return
    _change(deal, at, "stage", deal.stage, stage)
    if not deal.is_open and stage not in ("won", "lost"):
        # Reopened: the closing facts go, the history keeps them.
        deal.won_at = deal.lost_at = None
        deal.lost_reason = deal.lost_code = None
    deal.stage = stage
    deal.stage_changed = at


def _label(ctx: CommandContext, deal: Deal) -> str:
    return f"#{deal.id} {deal.handle}"


def _ref(table: str, record: Any) -> RecordRef:
    name = (
        record.title if table == "deals" else getattr(record, "name", getattr(record, "text", None))
    )
    return RecordRef(table, record.id, getattr(record, "handle", None), name)


def _note_refs(ctx: CommandContext) -> None:
    book, resolved = ctx.book, ctx.resolved
    if resolved.account is not None:
        ctx.outcome.refs["account"] = _ref("accounts", book.accounts[resolved.account])
    if resolved.deal is not None:
        ctx.outcome.refs["deal"] = _ref("deals", book.deals[resolved.deal])
    if resolved.contact is not None:
        ctx.outcome.refs["contact"] = _ref("contacts", book.contacts[resolved.contact])
    if resolved.promise is not None:
        p = book.promises[resolved.promise]
        ctx.outcome.refs["promise"] = RecordRef("promises", p.id, str(p.id), p.text)


# -- activities --------------------------------------------------------------------


def _activity(ctx: CommandContext) -> None:
    parsed, book, resolved = ctx.parsed, ctx.book, ctx.resolved
    if resolved.account is None and resolved.deal is None and resolved.contact is None:
        raise ctx.error(
            f"{parsed.verb} needs someone: add @account, #deal or ~contact"
            f" (e.g. {parsed.verb} @acme)"
        )
    deal = _deal(ctx, required=False)
    contact = book.contacts[resolved.contact] if resolved.contact is not None else None
    account_id = resolved.account
    if account_id is None and deal is not None:
        account_id = deal.account_id
    if account_id is None and contact is not None:
        account_id = contact.account_id
    at = ctx.attr("at", ctx.now)
    if at > ctx.now + timedelta(minutes=5):
        raise ctx.error("at: is in the future; log what happened, plan with next: and due:", "at")
    activity = Activity(
        id=0,
        kind=parsed.verb,
        at=at,
        direction=ctx.attr("dir", "out"),
        account_id=account_id,
        contact_id=contact.id if contact else None,
        deal_id=deal.id if deal else None,
        outcome=ctx.attr("out"),
        text=parsed.text,
    )
    ctx.insert("activities", activity)
    if ctx.has("at"):
        _date_note(ctx, "at", at.date())

    wants_next = ctx.has("next") or ctx.has("due")
    if wants_next and deal is None and account_id is not None:
        open_deals = [d for d in book.deals_of(account_id) if d.is_open]
        if len(open_deals) == 1:
            deal = open_deals[0]  # one open deal at the account: that's the one meant
    if wants_next and deal is None:
        key = "next" if ctx.has("next") else "due"
        raise ctx.error(f"{key}: moves a deal's next step: add #deal", key)
    where = ""
    if deal is not None:
        where = f" on {_label(ctx, deal)}"
    elif contact is not None:
        where = f" with ~{contact.handle}"
    elif account_id is not None:
        where = f" at @{book.accounts[account_id].handle}"
    message = f"logged {PAST_TENSE[parsed.verb]}{where}"
    if wants_next and deal is not None:
        if not ctx.has("next") and deal.next_step is None:
            raise ctx.error(
                f'{_label(ctx, deal)} has no next step to re-date: add next:"..."', "due"
            )
        updated = _copy_deal(deal)
        _set_next_step(ctx, updated, ctx.attr("next"), ctx.attr("due"))
        ctx.put("deals", updated)
        message += f'; next "{updated.next_step}" due {updated.next_due}'
        ctx.outcome.refs["deal"] = _ref("deals", updated)
    ctx.outcome.message = message


# -- accounts and contacts ----------------------------------------------------------


def _account(ctx: CommandContext) -> None:
    book, parsed = ctx.book, ctx.parsed
    if ctx.resolved.account is not None:
        account = replace(book.accounts[ctx.resolved.account])
        account.extra = dict(account.extra)
        if parsed.text:
            account.name = parsed.text
        if ctx.has("tier"):
            account.tier = ctx.attr("tier")
        if ctx.has("cadence"):
            account.cadence_days = ctx.attr("cadence")
        ctx.put("accounts", account)
        ctx.outcome.message = f"updated @{account.handle}{_account_summary(ctx, account)}"
        return
    if not parsed.text:
        raise ctx.error('account needs a name: account "Acme Corp" tier:key')
    handle = unique_handle(slugify(parsed.text), lambda h: book.handle_taken("accounts", h))
    account = Account(
        id=0,
        handle=handle,
        name=parsed.text,
        tier=ctx.attr("tier", "none"),
        cadence_days=ctx.attr("cadence"),
        created=ctx.now,
    )
    ctx.insert("accounts", account)
    ctx.outcome.message = f"created account @{handle}{_account_summary(ctx, account)}"


def _account_summary(ctx: CommandContext, account: Account) -> str:
    cadence = ctx.book.cadence(account)
    if cadence is None:
        return f" (tier {account.tier}, no cadence)"
    return f" (tier {account.tier}, touch every {cadence} days)"


def _contact(ctx: CommandContext) -> None:
    book, parsed = ctx.book, ctx.parsed
    fields = {"role": "role", "email": "email", "phone": "phone", "cadence": "cadence_days"}
    if ctx.resolved.contact is not None:
        contact = replace(book.contacts[ctx.resolved.contact])
        contact.extra = dict(contact.extra)
        if parsed.text:
            contact.name = parsed.text
        if ctx.resolved.account is not None:
            contact.account_id = ctx.resolved.account
        for key, name in fields.items():
            if ctx.has(key):
                setattr(contact, name, ctx.attr(key))
        ctx.put("contacts", contact)
        ctx.outcome.message = f"updated ~{contact.handle}"
        return
    if not parsed.text:
        raise ctx.error('contact needs a name: contact @acme "Jane Doe" role:CFO')
    if ctx.resolved.account is None:
        raise ctx.error('contact needs an account: contact @acme "Jane Doe"')
    handle = unique_handle(slugify(parsed.text), lambda h: book.handle_taken("contacts", h))
    contact = Contact(
        id=0,
        handle=handle,
        name=parsed.text,
        account_id=ctx.resolved.account,
        created=ctx.now,
    )
    for key, name in fields.items():
        if ctx.has(key):
            setattr(contact, name, ctx.attr(key))
    ctx.insert("contacts", contact)
    account = book.accounts[ctx.resolved.account]
    ctx.outcome.message = f"created contact ~{handle} at @{account.handle}"


# -- deals ---------------------------------------------------------------------------


def _deal_verb(ctx: CommandContext) -> None:
    book, parsed = ctx.book, ctx.parsed
    stage = ctx.attr("stage")
    if stage == "lost":
        raise ctx.error('a lost deal needs its reason: lost #deal reason:"..." code:price', "stage")
    existing = _deal(ctx, required=False)
    if existing is not None:
        deal = _copy_deal(existing)
        if parsed.text and parsed.text != deal.title:
            deal.title = parsed.text  # the handle stays: scripts and habits use it
        _update_deal_fields(ctx, deal)
        ctx.put("deals", deal)
        ctx.outcome.message = f"updated {_label(ctx, deal)}{_deal_summary(ctx, deal)}"
        return
    if not parsed.text:
        raise ctx.error('deal needs a title: deal @acme "Renewal 2027" value:45k')
    account = book.accounts[ctx.resolved.account] if ctx.resolved.account is not None else None
    base = deal_handle(account.handle if account else None, parsed.text)
    handle = unique_handle(base, lambda h: book.handle_taken("deals", h))
    deal = Deal(
        id=0,
        handle=handle,
        title=parsed.text,
        account_id=account.id if account else None,
        created=ctx.now,
        stage_changed=ctx.now,
    )
    if account is None:
        ctx.outcome.warnings.append("deal has no account: add one later with deal #id @account")
    _update_deal_fields(ctx, deal, creating=True)
    ctx.insert("deals", deal)
    ctx.outcome.message = f"created deal {_label(ctx, deal)}{_deal_summary(ctx, deal)}"


def _update_deal_fields(ctx: CommandContext, deal: Deal, creating: bool = False) -> None:
    now = ctx.now
    if ctx.resolved.account is not None and ctx.resolved.account != deal.account_id:
        deal.account_id = ctx.resolved.account
    if ctx.has("value"):
        value = ctx.attr("value")
        if not creating:
            _change(deal, now, "value", deal.value, value)
        deal.value = value
    if ctx.has("close"):
        if creating:
            deal.close = ctx.attr("close")
            _date_note(ctx, "close", deal.close)
        else:
            _set_close(ctx, deal, ctx.attr("close"))
    if ctx.has("prob"):
        if not creating:
            _change(deal, now, "probability", deal.probability, ctx.attr("prob"))
        deal.probability = ctx.attr("prob")
    if ctx.has("fc"):
        if not creating:
            _change(deal, now, "forecast_category", deal.forecast_category, ctx.attr("fc"))
        deal.forecast_category = ctx.attr("fc")
    if ctx.has("stage"):
        stage = ctx.attr("stage")
        if creating:
            deal.stage = stage
        else:
            _set_stage(ctx, deal, stage, now)
        if stage == "won":
            deal.won_at = now
    if ctx.has("next") or ctx.has("due"):
        if not ctx.has("next") and deal.next_step is None:
            raise ctx.error('no next step to re-date: add next:"..."', "due")
        if creating:
            deal.next_step = ctx.attr("next")
            deal.next_due = ctx.attr("due") or ctx.book.calendar.next_working_day(ctx.today)
            _date_note(ctx, "due", deal.next_due)
        else:
            _set_next_step(ctx, deal, ctx.attr("next"), ctx.attr("due"))


def _deal_summary(ctx: CommandContext, deal: Deal) -> str:
    parts = [deal.stage]
    if deal.value:
        parts.append(ctx.money(deal.value))
    if deal.close:
        parts.append(f"close {deal.close}")
    if deal.next_step:
        parts.append(f'next "{deal.next_step}" due {deal.next_due}')
    return " (" + ", ".join(parts) + ")"


def _next(ctx: CommandContext) -> None:
    deal = _copy_deal(_deal(ctx) or _never())
    text = ctx.parsed.text or None
    if text is None and not ctx.has("due"):
        raise ctx.error('next needs the step: next #deal "send pricing" due:thu')
    if text is None and deal.next_step is None:
        raise ctx.error(f'{_label(ctx, deal)} has no next step to re-date: next #deal "..."', "due")
    _set_next_step(ctx, deal, text, ctx.attr("due"))
    ctx.put("deals", deal)
    ctx.outcome.message = f'{_label(ctx, deal)}: next "{deal.next_step}" due {deal.next_due}'


def _stage(ctx: CommandContext) -> None:
    deal = _copy_deal(_deal(ctx) or _never())
    stage = ctx.parsed.arg
    if stage == "lost":
        raise ctx.error('a lost deal needs its reason: lost #deal reason:"..." code:price')
    was_open = deal.is_open
    _set_stage(ctx, deal, stage, ctx.now)
    if stage == "won":
        deal.won_at = ctx.now
    ctx.put("deals", deal)
    verb = "reopened" if not was_open and deal.is_open else "moved"
    ctx.outcome.message = f"{verb} {_label(ctx, deal)} to {stage}"


def _won(ctx: CommandContext) -> None:
    deal = _copy_deal(_deal(ctx) or _never())
    at = ctx.attr("at", ctx.now)
    if ctx.has("value"):
        _change(deal, at, "value", deal.value, ctx.attr("value"))
        deal.value = ctx.attr("value")
    _set_stage(ctx, deal, "won", at)
    deal.won_at = at
    deal.focus = False
    ctx.put("deals", deal)
    _date_note(ctx, "at", at.date())
    ctx.outcome.message = f"won {_label(ctx, deal)} for {ctx.money(deal.value)}"


def _lost(ctx: CommandContext) -> None:
    deal = _copy_deal(_deal(ctx) or _never())
    at = ctx.attr("at", ctx.now)
    _set_stage(ctx, deal, "lost", at)
    deal.lost_at = at
    deal.lost_reason = ctx.attr("reason")
    deal.lost_code = ctx.attr("code", "other")
    deal.focus = False
    ctx.put("deals", deal)
    _date_note(ctx, "at", at.date())
    ctx.outcome.message = f'lost {_label(ctx, deal)} ({deal.lost_code}: "{deal.lost_reason}")'


def _focus(ctx: CommandContext) -> None:
    deal = _copy_deal(_deal(ctx) or _never())
    deal.focus = ctx.parsed.verb == "focus"
    ctx.put("deals", deal)
    state = "pinned to the top of Sprint" if deal.focus else "no longer pinned"
    ctx.outcome.message = f"{_label(ctx, deal)} {state}"


def _snooze(ctx: CommandContext) -> None:
    deal = _copy_deal(_deal(ctx) or _never())
    until = ctx.attr("until", ctx.today + timedelta(days=1))
    if until <= ctx.today:
        raise ctx.error("until: must be after today", "until")
    deal.snoozed_until = until
    ctx.put("deals", deal)
    _date_note(ctx, "until", until)
    ctx.outcome.message = f"snoozed {_label(ctx, deal)} until {until}"


def _never() -> Deal:
    raise AssertionError("_deal(required=True) raises when no deal was given")


# -- promises ------------------------------------------------------------------------


def _promise(ctx: CommandContext) -> None:
    book, resolved = ctx.book, ctx.resolved
    if not ctx.parsed.text:
        raise ctx.error('promise needs what you promised: promise ~jane "pricing sheet" due:fri')
    calendar = book.calendar
    due = ctx.attr("due")
    if due is None:
        due = calendar.next_working_day(ctx.today)
        ctx.outcome.warnings.append(f"no due: given, so it is due {due} (next working day)")
    aim = max(aim_date(due, calendar), ctx.today) if due >= ctx.today else due
    account_id = resolved.account
    if account_id is None and resolved.deal is not None:
        account_id = book.deals[resolved.deal].account_id
    if account_id is None and resolved.contact is not None:
        account_id = book.contacts[resolved.contact].account_id
    promise = Promise(
        id=0,
        text=ctx.parsed.text,
        due=due,
        aim=aim,
        account_id=account_id,
        contact_id=resolved.contact,
        deal_id=resolved.deal,
        created=ctx.now,
    )
    new_id = ctx.insert("promises", promise)
    ctx.outcome.created[-1] = RecordRef("promises", new_id, str(new_id), promise.text)
    _date_note(ctx, "due", due)
    _date_note(ctx, "aim", aim)
    ctx.outcome.message = f'promised !{new_id} "{promise.text}" due {due} (aim {aim})'


def _done(ctx: CommandContext) -> None:
    if ctx.resolved.promise is None:
        raise ctx.error("done needs a promise: done !3")
    promise = replace(ctx.book.promises[ctx.resolved.promise])
    if promise.done_at is not None:
        raise ctx.error(
            f"promise !{promise.id} was already done on {promise.done_at.date()}", sigil="!"
        )
    at = ctx.attr("at", ctx.now)
    promise.done_at = at
    ctx.put("promises", promise)
    done = at.date()
    if done < promise.due:
        score = "kept early"
    elif done == promise.due:
        score = "kept on time"
    else:
        score = f"kept late ({(done - promise.due).days} days)"
    ctx.outcome.message = f'done !{promise.id} "{promise.text}": {score}'


# -- plan, days off, settings --------------------------------------------------------


def _plan(ctx: CommandContext) -> None:
    book = ctx.book
    calendar = book.calendar
    quarter = (
        calendar.parse_quarter(ctx.parsed.arg) if ctx.parsed.arg else calendar.quarter_of(ctx.today)
    )
    targets: dict[str, int] = {}
    kinds = {
        "calls": "call",
        "emails": "email",
        "meetings": "meeting",
        "demos": "demo",
        "proposals": "proposal",
        "deals": "deal",
    }
    for key, kind in kinds.items():
        if ctx.has(key):
            n, per = ctx.attr(key)
            targets[kind] = weekly_target(n, per, calendar)
    current = book.plan_for(quarter.name)
    overrides: dict[str, int | None] | None = None
    if ctx.has("week") != ctx.has("revenue"):
        present = "week" if ctx.has("week") else "revenue"
        raise ctx.error("a week's revenue target takes both: week:2026-W52 revenue:10k", present)
    if ctx.has("week"):
        overrides = {ctx.attr("week"): ctx.attr("revenue")}
    if not ctx.parsed.attrs:
        raise ctx.error("plan needs something to set: plan quota:300k calls:50/w daily:20")
    try:
        validate_plan_change(
            current,
            quarter,
            calendar,
            quota=ctx.attr("quota"),
            targets=targets or None,
            daily=ctx.attr("daily"),
            week_overrides=overrides,
            currency=book.settings.currency,
            minor_digits=book.settings.minor_digits,
        )
    except PlanError as exc:
        culprit = next((k for k in ("quota", "week", "daily", *kinds) if ctx.has(k)), None)
        raise ctx.error(str(exc), culprit) from None
    plan = (
        replace(
            current,
            weekly_targets=dict(current.weekly_targets),
            week_revenue=dict(current.week_revenue),
            extra=dict(current.extra),
        )
        if current
        else Plan(id=0, quarter=quarter.name)
    )
    for week_name, revenue in (overrides or {}).items():
        if revenue is None:
            plan.week_revenue.pop(week_name, None)
        else:
            plan.week_revenue[week_name] = revenue
    if ctx.has("quota"):
        plan.quota = ctx.attr("quota")
    plan.weekly_targets.update(targets)
    if ctx.has("daily"):
        plan.daily_minimum = ctx.attr("daily")
    if current:
        ctx.put("plans", plan)
    else:
        ctx.insert("plans", plan)
    parts = []
    if plan.quota is not None:
        parts.append(f"quota {ctx.money(plan.quota)}")
    parts += [f"{kind} {n}/w" for kind, n in plan.weekly_targets.items()]
    if plan.daily_minimum is not None:
        parts.append(f"daily minimum {plan.daily_minimum}")
    parts += [f"{week} {ctx.money(amount)}" for week, amount in sorted(plan.week_revenue.items())]
    ctx.outcome.message = f"plan {quarter.name}: " + ", ".join(parts)


def _off(ctx: CommandContext) -> None:
    start, end = ctx.parsed.arg
    if (end - start).days > 366:
        raise ctx.error("a day-off range of more than a year is surely a typo")
    day_off = DayOff(id=0, start=start, end=end)
    ctx.insert("days_off", day_off)
    _date_note(ctx, "start", start)
    _date_note(ctx, "end", end)
    span = f"{start}" if start == end else f"{start}..{end}"
    ctx.outcome.message = f"day off {span}: not a working day for targets, streaks and aims"


def _set(ctx: CommandContext) -> None:
    book = ctx.book
    if not ctx.parsed.attrs:
        values = book.settings.values
        ctx.outcome.message = "\n".join(f"{key}: {values[key]}" for key in sorted(values))
        return
    changed = []
    for key, attr in ctx.parsed.attrs.items():
        doc_id = book.setting_id(key)
        doc = {"key": key, "value": attr.value}
        if doc_id is None:
            ctx.tx.insert("settings", doc)
        else:
            ctx.tx.put("settings", {"id": doc_id, **doc})
        changed.append(f"{key}: {attr.value}")
    ctx.outcome.message = "set " + ", ".join(changed)


VERB_HANDLERS: dict[str, Callable[[CommandContext], None]] = {
    **{verb: _activity for verb in ACTIVITY_VERBS},
    "account": _account,
    "contact": _contact,
    "deal": _deal_verb,
    "next": _next,
    "stage": _stage,
    "won": _won,
    "lost": _lost,
    "focus": _focus,
    "unfocus": _focus,
    "snooze": _snooze,
    "promise": _promise,
    "done": _done,
    "plan": _plan,
    "off": _off,
    "set": _set,
}


def apply_command(ctx: CommandContext) -> None:
    """Apply the parsed line through the transaction, filling in ctx.outcome."""
    _note_refs(ctx)
    VERB_HANDLERS[ctx.parsed.verb](ctx)
