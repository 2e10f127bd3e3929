"""A quarter's plan: weekly revenue targets, activity targets and their validation.

Weeks are the ISO weeks overlapping the quarter, clipped to it: the first and last week
may be short. By default the quota is spread over the weeks by their working days inside
the quarter, so a holiday week asks for less; a week's target may be overridden and the
other weeks then share what is left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from cockpit.domain.calendar import Calendar, Quarter, Week
from cockpit.domain.model import Plan
from cockpit.domain.money import format_money

__all__ = [
    "TARGET_KINDS",
    "PlanError",
    "QuarterWeek",
    "paced_days",
    "parse_target",
    "plan_start",
    "quarter_weeks",
    "target_kind",
    "validate_plan_change",
    "weekly_revenue_targets",
    "weekly_target",
]

# Activity kinds a plan sets weekly targets for; "deal" counts new deals created.
TARGET_KINDS = ("call", "email", "meeting", "demo", "proposal", "deal")

_TARGET_RE = re.compile(r"^\s*(-?\d+)\s*(?:/\s*([a-zA-Z]+))?\s*$")
_PERIODS = {"w": "w", "wk": "w", "week": "w", "d": "d", "day": "d"}


class PlanError(ValueError):
    """A plan change cockpit refuses: the message says what is wrong and how to fix it."""


@dataclass(frozen=True, slots=True)
class QuarterWeek:
    """An ISO week of a quarter, clipped to the quarter, with its working days in it."""

    name: str  # "2026-W48"
    start: date
    end: date
    working_days: int


def quarter_weeks(quarter: Quarter, calendar: Calendar) -> list[QuarterWeek]:
    """The quarter's ISO weeks, clipped to the quarter, in order."""
    result = []
    for week in quarter.weeks():
        start, end = max(week.start, quarter.start), min(week.end, quarter.end)
        result.append(QuarterWeek(week.name, start, end, calendar.count_working_days(start, end)))
    return result


def _share(total: int, weights: Mapping[str, int], unit: int = 1) -> dict[str, int]:
    """Split `total` by integer weights, exactly, by largest remainders (ties: earlier key),
    in whole `unit`s; what is left under a unit goes to the last week with a weight."""
    weight_sum = sum(weights.values())
    if weight_sum == 0:
        return dict.fromkeys(weights, 0)
    units, cents = divmod(total, unit)
    shares: dict[str, int] = {}
    remainders: list[tuple[int, int, str]] = []
    for order, (key, weight) in enumerate(weights.items()):
        share, remainder = divmod(units * weight, weight_sum)
        shares[key] = share
        remainders.append((-remainder, order, key))
    left = units - sum(shares.values())
    for _, _, key in sorted(remainders)[:left]:
        shares[key] += 1
    shares = {key: share * unit for key, share in shares.items()}
    if cents:  # a quota with cents: the cents stay, so the weeks still add up to it
        shares[[k for k, w in weights.items() if w][-1]] += cents
    return shares


def plan_start(plan: Plan, quarter: Quarter) -> date:
    """The day pacing starts: the plan's `start:` inside the quarter, else its first day."""
    if plan.start is None:
        return quarter.start
    return min(max(plan.start, quarter.start), quarter.end)


def paced_days(week: QuarterWeek, start: date, calendar: Calendar) -> int:
    """Working days of the (clipped) week from the plan's start on."""
    first = max(week.start, start)
    return calendar.count_working_days(first, week.end) if first <= week.end else 0


def weekly_revenue_targets(
    plan: Plan, quarter: Quarter, calendar: Calendar, minor_digits: int = 2
) -> dict[str, int]:
    """Revenue target per week ("2026-W48" -> minor units) in whole currency units; with
    what was won before cockpit (`won:`) they add up exactly to the quota.

    Overridden weeks keep their override; the other weeks share the rest of the quota, less
    `won:`, in proportion to their working days from the plan's `start:` on (a week before
    it, or without any working day, gets 0). When no week is left to share the rest (all
    overridden, or only days off), the weeks add up to less than the quota;
    `validate_plan_change` warns about it. Without a quota: {}.
    """
    if plan.quota is None:
        return {}
    weeks = quarter_weeks(quarter, calendar)
    start = plan_start(plan, quarter)
    overrides = {w.name: plan.week_revenue[w.name] for w in weeks if w.name in plan.week_revenue}
    rest = max(plan.quota - plan.won_before - sum(overrides.values()), 0)
    weights = {w.name: paced_days(w, start, calendar) for w in weeks if w.name not in overrides}
    shared = _share(rest, weights, 10**minor_digits)
    return {w.name: overrides[w.name] if w.name in overrides else shared[w.name] for w in weeks}


def target_kind(key: str) -> str:
    """The activity kind a plan attribute names: "calls" and "call" are both "call"."""
    kind = key.strip().lower()
    if kind not in TARGET_KINDS and kind.endswith("s") and kind[:-1] in TARGET_KINDS:
        kind = kind[:-1]
    if kind not in TARGET_KINDS:
        raise PlanError(
            f"unknown target {key!r}: use calls, emails, meetings, demos, proposals or deals"
        )
    return kind


def parse_target(text: str) -> tuple[int, str]:
    """Parse a target "50/w", "10/d" or "50" (per week) into (number, "w" or "d")."""
    match = _TARGET_RE.match(text)
    if match is None:
        raise PlanError(f"target {text!r} needs a number: like 50/w or 10/d")
    number, period = int(match[1]), (match[2] or "w").lower()
    if period not in _PERIODS:
        raise PlanError(f"target {text!r}: per week is /w, per working day is /d")
    if number < 0:
        raise PlanError(f"target {text!r} is negative: use 0 or more")
    return number, _PERIODS[period]


def weekly_target(n: int, per: str, calendar: Calendar) -> int:
    """A target as a number per week: N/w is N, N/d is N times the working weekdays."""
    if per == "w":
        return n
    if per == "d":
        return n * len(calendar.working_weekdays)
    raise PlanError(f"a target is per week (w) or per working day (d), not {per!r}")


def _week_list(names: list[str]) -> str:
    """Weeks as runs: "2026-W49..W50, 2026-W52"."""
    weeks = sorted((Week.parse(name) for name in names), key=lambda w: w.start)
    runs: list[list[Week]] = []
    for week in weeks:
        if runs and runs[-1][-1].shifted(1) == week:
            runs[-1].append(week)
        else:
            runs.append([week])
    parts = []
    for run in runs:
        first, last = run[0].name, run[-1].name
        if first == last:
            parts.append(first)
        else:
            same_year = first[:4] == last[:4]
            parts.append(f"{first}..{last[5:] if same_year else last}")
    return ", ".join(parts)


def _number(value: int | str, what: str) -> int:
    if isinstance(value, int):
        number = value
    else:
        text = value.strip().removesuffix("/d").removesuffix("/D")
        if not text.lstrip("-").isdigit():
            raise PlanError(f"{what} {value!r} needs a number, like 20")
        number = int(text)
    if number < 0:
        raise PlanError(f"{what} {value!r} is negative: use 0 or more")
    return number


def validate_plan_change(
    current: Plan | None,
    quarter: Quarter,
    calendar: Calendar,
    *,
    quota: int | None = None,
    week_overrides: Mapping[str, int | None] | None = None,
    targets: Mapping[str, int | str] | None = None,
    daily: int | str | None = None,
    currency: str = "USD",
    minor_digits: int = 2,
) -> list[str]:
    """Check a change to a quarter's plan; raise PlanError if it is refused, else return
    warnings (a change that is allowed but probably not meant).

    `week_overrides` maps "2026-W48" to minor units (None removes the override); `targets`
    maps a kind ("calls" or "call") to an int per week or a text "50/w" / "10/d".
    """

    def money(minor: int) -> str:
        return format_money(minor, currency, minor_digits)

    if quota is not None and quota <= 0:
        raise PlanError(f"quota {money(quota)} must be more than zero")
    new_quota = quota if quota is not None else (current.quota if current else None)

    for key, target in (targets or {}).items():
        kind = target_kind(key)
        if isinstance(target, str):
            parse_target(target)
        elif target < 0:
            raise PlanError(f"{kind} target {target} is negative: use 0 or more")
    if daily is not None:
        _number(daily, "daily minimum")

    weeks = {w.name: w for w in quarter_weeks(quarter, calendar)}
    merged = dict(current.week_revenue) if current else {}
    for name, override in (week_overrides or {}).items():
        try:
            week = Week.parse(name)
        except ValueError as error:
            raise PlanError(str(error)) from None
        if week.name not in weeks:
            first, last = quarter.weeks()[0].name, quarter.weeks()[-1].name
            raise PlanError(f"week {week.name} is not in {quarter.name} ({first}..{last})")
        if override is None:
            merged.pop(week.name, None)
        elif override < 0:
            raise PlanError(f"week {week.name} target {money(override)} is negative")
        else:
            merged[week.name] = override
    merged = {name: amount for name, amount in merged.items() if name in weeks}
    if not merged:
        return []
    if new_quota is None:
        raise PlanError(f"set a quota for {quarter.name} before a week's target (plan quota:300k)")

    total = sum(merged.values())
    names = _week_list(list(merged))
    if total > new_quota:
        if len(merged) == 1:
            raise PlanError(
                f"week {names} is {money(total)}, more than the quota {money(new_quota)}"
            )
        raise PlanError(
            f"weeks {names} add up to {money(total)}, more than the quota {money(new_quota)}"
        )

    warnings = [
        f"week {name} has no working days in {quarter.name} but a target of {money(value)}"
        for name, value in sorted(merged.items())
        if value > 0 and weeks[name].working_days == 0
    ]
    sharing_days = sum(w.working_days for n, w in weeks.items() if n not in merged)
    if total < new_quota and sharing_days == 0:
        warnings.append(
            f"weeks add up to {money(total)}, {money(new_quota - total)} short of the quota "
            f"{money(new_quota)}: no other working week is left to carry the rest"
        )
    return warnings
