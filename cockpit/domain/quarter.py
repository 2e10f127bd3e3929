"""The quarter's numbers: won against quota, pacing, forecast totals and weekly goals.

Everything is computed from the book and a given date (never the wall clock). Money is
integer minor units, fractions are floats; figures that need a plan are None without one.

Definitions a rep can check by hand:
- won: value of deals won on a date inside the quarter (won_at, else the close date).
- won includes the plan's `won:` (revenue won before cockpit, not in the book).
- expected to date: `won:`, the full targets of the weeks before this one, plus this week's
  target times the share of its working days (inside the quarter, from the plan's
  `start:`) already past: Monday morning 0/5, Wednesday 2/5, Saturday 5/5; in whole
  currency units. Before the quarter 0, after it the quota.
- weighted pipeline: value x probability of open deals closing in the quarter, leaving out
  those the rep marked "omitted" (close
  dates already passed but still in the quarter included).
- commit = closed (won in the quarter) + open deals in the commit category closing in the
  quarter; best case = commit + open best_case deals closing in the quarter.
- coverage = open pipeline closing in the quarter / quota still to win (None once met).
- projection = won + weighted pipeline: where the quarter lands if every open deal
  closes at its probability.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from cockpit.domain.book import Book
from cockpit.domain.calendar import Calendar, Quarter, add_days, each_day
from cockpit.domain.model import Deal, Plan
from cockpit.domain.plan import (
    TARGET_KINDS,
    QuarterWeek,
    paced_days,
    plan_start,
    quarter_weeks,
    weekly_revenue_targets,
)

__all__ = [
    "Count",
    "QuarterReport",
    "WeekReport",
    "cumulative_series",
    "quarter_report",
    "won_on",
]


class Count(NamedTuple):
    """An activity target for a week (None without one) and what was done."""

    target: int | None
    done: int


@dataclass(frozen=True, slots=True)
class WeekReport:
    """One week of the quarter: revenue target against won, activity targets against done."""

    week: str  # "2026-W48"
    start: date  # clipped to the quarter
    end: date
    working_days: int
    revenue_target: int | None
    revenue_won: int
    activities: dict[str, Count]  # kind (TARGET_KINDS) -> Count
    is_current: bool


@dataclass(frozen=True, slots=True)
class QuarterReport:
    """Where the quarter stands on a given day."""

    quarter: Quarter
    today: date
    has_plan: bool
    quota: int | None
    won: int
    attainment: float | None
    expected_to_date: int | None
    ahead_by: int | None  # negative when behind
    weighted_pipeline: int
    commit: int
    best_case: int
    pipeline: int  # open deals closing in the quarter, unweighted
    coverage: float | None
    projection: int
    weeks: list[WeekReport]
    current_week: int | None  # index into weeks; None outside the quarter
    won_before: int = 0  # the plan's `won:`, in `won` too: revenue won before cockpit
    won_count: int = 0  # deals won in the quarter
    lost_count: int = 0  # deals lost in the quarter
    dated_ahead: int = 0  # won or lost deals dated after `today` (imports): likely wrong

    @property
    def week_number_of(self) -> str | None:
        """ "week 9 of 14", or None when the day is outside the quarter."""
        if self.current_week is None:
            return None
        return f"week {self.current_week + 1} of {len(self.weeks)}"

    @property
    def remaining(self) -> int | None:
        """Quota still to win (0 once met; None without a quota)."""
        return None if self.quota is None else max(self.quota - self.won, 0)


def won_on(deal: Deal) -> date | None:
    """The day a won deal was won: its won_at date, else its close date."""
    if deal.stage != "won":
        return None
    if deal.won_at is not None:
        return deal.won_at.date()
    return deal.close


def _round_div(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up (non-negative operands)."""
    return (2 * numerator + denominator) // (2 * denominator)


def _elapsed_working_days(week: QuarterWeek, start: date, today: date, calendar: Calendar) -> int:
    """Working days of the (clipped) week from the plan's start, strictly before `today`."""
    first, last = max(week.start, start), min(week.end, add_days(today, -1))
    return calendar.count_working_days(first, last) if last >= first else 0


def lost_on(deal: Deal) -> date | None:
    """The day a lost deal was lost: its lost_at date, else its close date."""
    if deal.stage != "lost":
        return None
    return deal.lost_at.date() if deal.lost_at is not None else deal.close


def _expected_to_date(
    plan: Plan,
    quarter: Quarter,
    weeks: list[QuarterWeek],
    targets: dict[str, int],
    today: date,
    calendar: Calendar,
    unit: int,
) -> int:
    """What was won before cockpit, the targets of the weeks gone, and the current week's
    target times the share of its working days (from the plan's start) already past, in
    whole currency units."""
    quota = plan.quota or 0
    if today > quarter.end:
        return quota
    start = plan_start(plan, quarter)
    expected = plan.won_before
    for week in weeks:
        target = targets.get(week.name, 0)
        if week.end < today:
            expected += target
        elif week.start <= today and (days := paced_days(week, start, calendar)):
            elapsed = _elapsed_working_days(week, start, today, calendar)
            expected += _round_div(target * elapsed, days * unit) * unit
    return expected


def _activity_target(
    plan: Plan | None, kind: str, week: QuarterWeek, calendar: Calendar
) -> int | None:
    """The plan's weekly target scaled to the week's working days (a 2-day week asks 2/5)."""
    if plan is None or kind not in plan.weekly_targets:
        return None
    per_week = plan.weekly_targets[kind]
    full_week = len(calendar.working_weekdays)
    if full_week == 0:
        return 0
    return _round_div(per_week * week.working_days, full_week)


class _DealSums(NamedTuple):
    """What the quarter's report adds up from the deals alone."""

    won: int
    weighted_sum: int
    pipeline: int
    commit_open: int
    best_case_open: int
    won_count: int
    lost_count: int
    dated_ahead: int
    won_by_week: Counter[str]
    created_by_week: Counter[str]


def _deal_sums(book: Book, quarter: Quarter, weeks: list[QuarterWeek], now_date: date) -> _DealSums:
    """The deals' sums for the quarter, kept on the deals table until a deal changes (or
    the settings or calendar do): a logged call or note leaves them as they were, so the
    board after it does not go over every deal of a 10-year book again."""
    key = ("quarter", quarter.name, now_date)
    kept = book.deals.derived.get(key)
    if kept is not None and kept[0] is book.settings and kept[1] is book.calendar:
        return kept[2]  # type: ignore[no-any-return]
    settings, calendar = book.settings, book.calendar
    won_by_week: Counter[str] = Counter()
    created_by_week: Counter[str] = Counter()
    week_of_day: dict[date, str] = {}
    for week in weeks:
        week_of_day.update(dict.fromkeys(each_day(week.start, week.end), week.name))

    won = weighted_sum = pipeline = commit_open = best_case_open = 0
    won_count = lost_count = dated_ahead = 0
    for deal in book.deals.values():
        created = deal.created.date() if deal.created is not None else None
        if created is not None and created in week_of_day:
            created_by_week[week_of_day[created]] += 1
        day_won = won_on(deal)
        day_lost = lost_on(deal)
        if day_won is not None and quarter.contains(day_won):
            won += deal.value
            won_count += 1
            won_by_week[week_of_day[day_won]] += deal.value
        elif day_lost is not None and quarter.contains(day_lost):
            lost_count += 1
        closed_on = day_won or day_lost
        if closed_on is not None and quarter.contains(closed_on) and closed_on > now_date:
            dated_ahead += 1
        if not deal.is_open or deal.close is None or not quarter.contains(deal.close):
            continue
        category = book.forecast_category(deal)
        if category == "omitted":
            continue  # the rep has taken it out of the forecast: no pipeline, no coverage
        pipeline += deal.value
        weighted_sum += deal.value * book.probability(deal)
        # An open deal the rep calls "closed" is as good as committed.
        if category in ("commit", "closed"):
            commit_open += deal.value
        elif category == "best_case":
            best_case_open += deal.value
    sums = _DealSums(
        won,
        weighted_sum,
        pipeline,
        commit_open,
        best_case_open,
        won_count,
        lost_count,
        dated_ahead,
        won_by_week,
        created_by_week,
    )
    book.deals.derived[key] = (settings, calendar, sums)
    return sums


def quarter_report(book: Book, quarter: Quarter, now_date: date) -> QuarterReport:
    """The quarter's report as seen on `now_date`."""
    calendar = book.calendar
    plan = book.plan_for(quarter.name)
    quota = plan.quota if plan is not None else None
    weeks = quarter_weeks(quarter, calendar)
    digits = book.settings.minor_digits
    targets = weekly_revenue_targets(plan, quarter, calendar, digits) if plan is not None else {}
    won_before = plan.won_before if plan is not None else 0

    sums = _deal_sums(book, quarter, weeks, now_date)
    won, weighted_sum, pipeline = sums.won, sums.weighted_sum, sums.pipeline
    commit_open, best_case_open = sums.commit_open, sums.best_case_open
    won_count, lost_count, dated_ahead = sums.won_count, sums.lost_count, sums.dated_ahead
    won_by_week, created_by_week = sums.won_by_week, sums.created_by_week
    weighted = _round_div(weighted_sum, 100)

    week_reports = []
    current_week = None
    for index, week in enumerate(weeks):
        is_current = week.start <= now_date <= week.end
        if is_current:
            current_week = index
        kinds = book.kinds_between(week.start, week.end)
        kinds["deal"] = created_by_week[week.name]
        activities = {
            kind: Count(_activity_target(plan, kind, week, calendar), kinds[kind])
            for kind in TARGET_KINDS
        }
        week_reports.append(
            WeekReport(
                week=week.name,
                start=week.start,
                end=week.end,
                working_days=week.working_days,
                revenue_target=targets.get(week.name) if quota is not None else None,
                revenue_won=won_by_week[week.name],
                activities=activities,
                is_current=is_current,
            )
        )

    won += won_before
    expected = None
    if plan is not None and quota is not None:
        expected = 0
        if now_date >= quarter.start:
            unit = 10**digits
            expected = _expected_to_date(plan, quarter, weeks, targets, now_date, calendar, unit)
    to_win = None if quota is None else quota - won
    return QuarterReport(
        quarter=quarter,
        today=now_date,
        has_plan=plan is not None,
        quota=quota,
        won=won,
        attainment=won / quota if quota else None,
        expected_to_date=expected,
        ahead_by=won - expected if expected is not None else None,
        weighted_pipeline=weighted,
        commit=won + commit_open,
        best_case=won + commit_open + best_case_open,
        pipeline=pipeline,
        coverage=pipeline / to_win if to_win is not None and to_win > 0 else None,
        projection=won + weighted,
        weeks=week_reports,
        current_week=current_week,
        won_before=won_before,
        won_count=won_count,
        lost_count=lost_count,
        dated_ahead=dated_ahead,
    )


def cumulative_series(report: QuarterReport) -> list[tuple[str, int | None, int]]:
    """Per week: (week, cumulative revenue target or None without a quota, cumulative won),
    for the chart of won against the plan line."""
    series: list[tuple[str, int | None, int]] = []
    # Both lines start from what was won before cockpit (the plan's `won:`).
    target: int | None = report.won_before if report.quota is not None else None
    won = report.won_before
    for week in report.weeks:
        if target is not None:
            target += week.revenue_target or 0
        won += week.revenue_won
        series.append((week.week, target, won))
    return series
