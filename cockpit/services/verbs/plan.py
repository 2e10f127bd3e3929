"""Plan and settings verbs: plan (targets, quota, week revenue), off (days off), set."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cockpit.domain.calendar import Calendar
from cockpit.domain.currencies import ISO_4217
from cockpit.domain.model import DayOff, Plan
from cockpit.domain.plan import PlanError, validate_plan_change, weekly_target
from cockpit.quicklog import ParsedLine
from cockpit.quicklog.grammar import TARGET_KINDS
from cockpit.services.outcome import Outcome
from cockpit.services.verbs.context import CommandContext, SessionLike, Verb, date_note

__all__ = ["VERBS"]


def _plan(ctx: CommandContext) -> None:
    book = ctx.book
    calendar = book.calendar
    quarter = (
        calendar.parse_quarter(ctx.parsed.arg) if ctx.parsed.arg else calendar.quarter_of(ctx.today)
    )
    targets: dict[str, int] = {}
    for key, kind in TARGET_KINDS.items():
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
        culprit = next((k for k in ("quota", "week", "daily", *TARGET_KINDS) if ctx.has(k)), None)
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
    if ctx.has("start"):
        start = ctx.attr("start")
        if not quarter.contains(start):
            span = f"{quarter.start}..{quarter.end}"
            raise ctx.error(f"start:{start} is not in {quarter.name} ({span})", "start")
        plan.start = start
        date_note(ctx, "start", start)
    if ctx.has("won"):
        plan.won_before = ctx.attr("won")
    if plan.quota is not None and plan.won_before > plan.quota:
        key = "won" if ctx.has("won") else "quota"
        raise ctx.error(
            f"won {ctx.money(plan.won_before)} is more than the quota {ctx.money(plan.quota)}",
            key,
        )
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
    if plan.start is not None:
        parts.append(f"pacing from {plan.start}")
    if plan.won_before:
        parts.append(f"won before cockpit {ctx.money(plan.won_before)}")
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
    date_note(ctx, "start", start)
    date_note(ctx, "end", end)
    span = f"{start}" if start == end else f"{start}..{end}"
    ctx.outcome.message = f"day off {span}: not a working day for targets, streaks and aims"


_MOVERS = ("fiscal_start", "timezone", "week_start")
"""Settings that change which days a saved plan or review stands for."""


def _what_moves(ctx: CommandContext, key: str, value: object) -> str | None:
    """What `set key:value` would move, said in words; None when nothing does."""
    book = ctx.book
    if key not in _MOVERS or book.settings[key] == value:
        return None
    plans = sorted(p.quarter for p in book.plans.values())
    reviews = sorted(r.week for r in book.reviews.values())
    if key == "fiscal_start":
        if not plans:
            return None
        old, new = book.calendar, Calendar(fiscal_start=int(str(value)))
        moved = []
        for name in plans:
            before, after = old.parse_quarter(name), new.parse_quarter(name)
            moved.append(
                f"{name} {_span(before.start, before.end)} -> {_span(after.start, after.end)}"
            )
        return "plans move to other months: " + "; ".join(moved)
    if not plans and not reviews:
        return None
    what = []
    if plans:
        what.append("plans " + ", ".join(plans))
    if reviews:
        what.append("reviews " + ", ".join(reviews))
    return f"{' and '.join(what)} would be read with the new {key}"


def _span(start: date, end: date) -> str:
    return f"{start:%b %Y}-{end:%b %Y}" if start.year != end.year else f"{start:%b}-{end:%b %Y}"


def _set(ctx: CommandContext) -> None:
    book = ctx.book
    changed = []
    for key, attr in ctx.parsed.attrs.items():
        if key == "confirm":
            continue
        moves = _what_moves(ctx, key, attr.value)
        if moves is not None and not ctx.has("confirm"):
            raise ctx.error(f"set {key}:{attr.value}: {moves}; add confirm:yes to go ahead", key)
        if moves is not None:
            ctx.outcome.warnings.append(moves)
        doc_id = book.setting_id(key)
        doc = {"key": key, "value": attr.value}
        if doc_id is None:
            ctx.tx.insert("settings", doc)
        else:
            ctx.tx.put("settings", {"id": doc_id, **doc})
        changed.append(f"{key}: {attr.value}")
        if key == "currency" and attr.value not in ISO_4217:
            ctx.outcome.warnings.append(f"{attr.value} is not an ISO 4217 currency code")
    ctx.outcome.message = "set " + ", ".join(changed)


def _list_settings(parsed: ParsedLine, session: SessionLike, dry_run: bool) -> Outcome | None:
    """A bare `set` lists the settings: a read, so no transaction (and no journal line)."""
    if parsed.attrs:
        return None
    outcome = Outcome(command="set", dry_run=dry_run)
    values = session.book.settings.values
    outcome.message = "\n".join(f"{key}: {values[key]}" for key in sorted(values))
    return outcome


VERBS = {"plan": Verb(_plan), "off": Verb(_off), "set": Verb(_set, _list_settings)}
