"""Deal verbs: deal, next, stage, won, lost, focus/unfocus, snooze; and the deal-field moves
an activity line's next:/due: shares with them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from cockpit.domain.handles import deal_handle, unique_handle
from cockpit.domain.model import Deal, FieldChange
from cockpit.services.verbs.context import (
    CommandContext,
    Verb,
    date_note,
    need_deal,
    optional_deal,
)

__all__ = ["VERBS", "copy_deal", "label", "set_next_step"]


def change(deal: Deal, at: datetime, field: str, old: Any, new: Any) -> None:
    """Record a field's change in the deal's history (nothing when it did not change)."""
    if old == new:
        return
    if isinstance(old, date):
        old = old.isoformat()
    if isinstance(new, date):
        new = new.isoformat()
    deal.history.append(FieldChange(at, field, old, new))


def copy_deal(deal: Deal) -> Deal:
    """A copy to change and put, leaving the book's record as it is."""
    return replace(deal, history=list(deal.history), extra=dict(deal.extra))


def set_next_step(ctx: CommandContext, deal: Deal, text: str | None, due: date | None) -> None:
    """Move the deal's next step; a step without a date is due the next working day."""
    if text is not None and due is None:
        due = ctx.book.calendar.next_working_day(ctx.today)
    change(deal, ctx.now, "next_step", deal.next_step, text if text is not None else deal.next_step)
    if text is not None:
        deal.next_step = text
    if due is not None:
        change(deal, ctx.now, "next_due", deal.next_due, due)
        deal.next_due = due
        date_note(ctx, "due", due)
        warn_past(ctx, "next step due", due)
    deal.worked = ctx.now


def warn_past(ctx: CommandContext, what: str, day: date) -> None:
    """Accepted, with a word: a date that has already passed (DESIGN §9.2)."""
    if day < ctx.today:
        ctx.outcome.warnings.append(f"{what} {day} is in the past")


def _warn_future(ctx: CommandContext, what: str, at: datetime) -> None:
    if at.date() > ctx.today:
        ctx.outcome.warnings.append(f"{what} dated {at.date()}, in the future")


def _warn_won_without_value(ctx: CommandContext, deal: Deal) -> None:
    # However the deal got to won (won, stage, deal stage:), a $0 win skews the quarter.
    if deal.stage == "won" and not deal.value:
        ctx.outcome.warnings.append(f"won with value {ctx.money(0)}: add value:48k if it had one")


def _set_close(ctx: CommandContext, deal: Deal, close: date) -> None:
    if deal.close is not None and close > deal.close:
        deal.slip_count += 1  # a later close date is a slip, and the review counts them
    change(deal, ctx.now, "close", deal.close, close)
    deal.close = close
    deal.worked = ctx.now
    date_note(ctx, "close", close)


def _set_stage(ctx: CommandContext, deal: Deal, stage: str, at: datetime) -> None:
    if stage == deal.stage:
        return
    change(deal, at, "stage", deal.stage, stage)
    if not deal.is_open and stage not in ("won", "lost"):
        # Reopened: the closing facts go, the history keeps them.
        deal.won_at = deal.lost_at = None
        deal.lost_reason = deal.lost_code = None
    deal.stage = stage
    deal.stage_changed = at


def label(deal: Deal) -> str:
    """How a message names a deal: #12 acme-renewal."""
    return f"#{deal.id} {deal.handle}"


def _deal_verb(ctx: CommandContext) -> None:
    book, parsed = ctx.book, ctx.parsed
    stage = ctx.attr("stage")
    if stage == "lost":
        raise ctx.error('a lost deal needs its reason: lost #deal reason:"..." code:price', "stage")
    existing = optional_deal(ctx)
    if existing is not None:
        deal = copy_deal(existing)
        if parsed.text and parsed.text != deal.title:
            deal.title = parsed.text  # the handle stays: scripts and habits use it
        _update_deal_fields(ctx, deal)
        ctx.put("deals", deal)
        ctx.outcome.message = f"updated {label(deal)}{_deal_summary(ctx, deal)}"
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
    ctx.outcome.message = f"created deal {label(deal)}{_deal_summary(ctx, deal)}"


def _update_deal_fields(ctx: CommandContext, deal: Deal, creating: bool = False) -> None:
    now = ctx.now
    if ctx.resolved.account is not None and ctx.resolved.account != deal.account_id:
        deal.account_id = ctx.resolved.account
    if ctx.has("value"):
        value = ctx.attr("value")
        if not creating:
            change(deal, now, "value", deal.value, value)
        deal.value = value
    if ctx.has("close"):
        if creating:
            deal.close = ctx.attr("close")
            date_note(ctx, "close", ctx.attr("close"))
            if deal.close < ctx.today:
                ctx.outcome.warnings.append(f"close {deal.close} has already passed")
        else:
            _set_close(ctx, deal, ctx.attr("close"))
    if ctx.has("prob"):
        if not creating:
            change(deal, now, "probability", deal.probability, ctx.attr("prob"))
        deal.probability = ctx.attr("prob")
    if ctx.has("fc"):
        if not creating:
            change(deal, now, "forecast_category", deal.forecast_category, ctx.attr("fc"))
        deal.forecast_category = ctx.attr("fc")
    if ctx.has("stage"):
        stage = ctx.attr("stage")
        if creating:
            deal.stage = stage
        else:
            _set_stage(ctx, deal, stage, now)
        if stage == "won":
            deal.won_at = now
            _warn_won_without_value(ctx, deal)
    if ctx.has("next") or ctx.has("due"):
        if not ctx.has("next") and deal.next_step is None:
            raise ctx.error('no next step to re-date: add next:"..."', "due")
        if creating:
            deal.next_step = ctx.attr("next")
            due = ctx.attr("due") or ctx.book.calendar.next_working_day(ctx.today)
            deal.next_due = due
            date_note(ctx, "due", due)
            warn_past(ctx, "next step due", due)
        else:
            set_next_step(ctx, deal, ctx.attr("next"), ctx.attr("due"))


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
    deal = copy_deal(need_deal(ctx))
    text = ctx.parsed.text or None
    if text is None and not ctx.has("due"):
        raise ctx.error('next needs the step: next #deal "send pricing" due:thu')
    if text is None and deal.next_step is None:
        raise ctx.error(f'{label(deal)} has no next step to re-date: next #deal "..."', "due")
    set_next_step(ctx, deal, text, ctx.attr("due"))
    ctx.put("deals", deal)
    ctx.outcome.message = f'{label(deal)}: next "{deal.next_step}" due {deal.next_due}'


def _stage(ctx: CommandContext) -> None:
    deal = copy_deal(need_deal(ctx))
    stage = ctx.parsed.arg
    if stage == "lost":
        raise ctx.error('a lost deal needs its reason: lost #deal reason:"..." code:price')
    was_open = deal.is_open
    _set_stage(ctx, deal, stage, ctx.now)
    if stage == "won":
        deal.won_at = ctx.now
        _warn_won_without_value(ctx, deal)
    ctx.put("deals", deal)
    verb = "reopened" if not was_open and deal.is_open else "moved"
    ctx.outcome.message = f"{verb} {label(deal)} to {stage}"


def _won(ctx: CommandContext) -> None:
    deal = copy_deal(need_deal(ctx))
    at = ctx.attr("at", ctx.now)
    if ctx.has("value"):
        change(deal, at, "value", deal.value, ctx.attr("value"))
        deal.value = ctx.attr("value")
    _set_stage(ctx, deal, "won", at)
    deal.won_at = at
    deal.focus = False
    ctx.put("deals", deal)
    date_note(ctx, "at", at.date())
    _warn_won_without_value(ctx, deal)
    _warn_future(ctx, "won", at)
    ctx.outcome.message = f"won {label(deal)} for {ctx.money(deal.value)}"


def _lost(ctx: CommandContext) -> None:
    deal = copy_deal(need_deal(ctx))
    at = ctx.attr("at", ctx.now)
    _set_stage(ctx, deal, "lost", at)
    deal.lost_at = at
    deal.lost_reason = ctx.attr("reason")
    deal.lost_code = ctx.attr("code", "other")
    deal.focus = False
    ctx.put("deals", deal)
    date_note(ctx, "at", at.date())
    _warn_future(ctx, "lost", at)
    ctx.outcome.message = f'lost {label(deal)} ({deal.lost_code}: "{deal.lost_reason}")'


def _focus(ctx: CommandContext) -> None:
    deal = copy_deal(need_deal(ctx))
    deal.focus = ctx.parsed.verb == "focus"
    ctx.put("deals", deal)
    state = "pinned to the top of Sprint" if deal.focus else "no longer pinned"
    ctx.outcome.message = f"{label(deal)} {state}"


def _snooze(ctx: CommandContext) -> None:
    deal = copy_deal(need_deal(ctx))
    # The default lands on a working day: snoozed on a Friday, back on Monday.
    until = ctx.attr("until") or ctx.book.calendar.next_working_day(ctx.today)
    if until <= ctx.today:
        raise ctx.error("until: must be after today", "until")
    deal.snoozed_until = until
    ctx.put("deals", deal)
    date_note(ctx, "until", until)
    ctx.outcome.message = f"snoozed {label(deal)} until {until}"


VERBS = {
    "deal": Verb(_deal_verb),
    "next": Verb(_next),
    "stage": Verb(_stage),
    "won": Verb(_won),
    "lost": Verb(_lost),
    "focus": Verb(_focus),
    "unfocus": Verb(_focus),
    "snooze": Verb(_snooze),
}
