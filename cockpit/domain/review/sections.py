"""Each section of the review, computed from the book as of the review's day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.calendar import Quarter, Week, add_days, each_day
from cockpit.domain.marathon import touch_due
from cockpit.domain.model import Account, Activity, Deal
from cockpit.domain.momentum import daily_minimum, touches_on
from cockpit.domain.plan import TARGET_KINDS
from cockpit.domain.promises import PromiseRow, promise_status, promise_to
from cockpit.domain.quarter import quarter_report, won_on
from cockpit.domain.review.rows import (
    ACTIVITY_ROWS,
    CLOSES_AHEAD_DAYS,
    TREND_WEEKS,
    AccuracyRow,
    ActivityCount,
    AdvancedRow,
    CadenceRow,
    CloseRow,
    CommitMove,
    DayTouches,
    DealRow,
    LostGroup,
    PipelineItem,
    QuarterStanding,
    RotRow,
    SlipRow,
    TargetSource,
    TrendPoint,
)
from cockpit.domain.review_history import BookAsOf, deal_as_of
from cockpit.domain.settings import OPEN_STAGES
from cockpit.domain.sprint import deal_reasons

__all__ = [
    "activity_counts",
    "day_touches",
    "deal_sections",
    "expected_closes",
    "forecast_accuracy",
    "missed_cadence",
    "promise_rows",
    "rotting",
    "standing_and_targets",
    "trend",
]


def _account(book: Book, deal: Deal) -> Account | None:
    return book.accounts.get(deal.account_id) if deal.account_id is not None else None


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def _quarters(book: Book, week: Week) -> list[Quarter]:
    calendar = book.calendar
    first, last = calendar.quarter_of(week.start), calendar.quarter_of(week.end)
    return [first] if first == last else [first, last]


def standing_and_targets(
    view: BookAsOf, week: Week, as_of: date
) -> tuple[list[QuarterStanding], list[TargetSource], dict[str, int | None]]:
    """Each quarter the week touches as of `as_of`, and the week's activity targets."""
    standings: list[QuarterStanding] = []
    sources: list[TargetSource] = []
    targets: dict[str, int | None] = dict.fromkeys(TARGET_KINDS)
    for quarter in _quarters(view, week):
        report = quarter_report(view, quarter, as_of)
        part = next(w for w in report.weeks if w.week == week.name)
        sources.append(TargetSource(quarter.name, part.working_days, report.has_plan))
        for kind in TARGET_KINDS:
            target = part.activities[kind].target
            if target is not None:
                targets[kind] = (targets[kind] or 0) + target
        if as_of < quarter.start:
            continue  # the week in progress has not reached this quarter yet
        standings.append(
            QuarterStanding(
                quarter=quarter,
                as_of=min(as_of, quarter.end),
                has_plan=report.has_plan,
                quota=report.quota,
                won=report.won,
                attainment=report.attainment,
                expected_to_date=report.expected_to_date,
                ahead_by=report.ahead_by,
                commit=report.commit,
                best_case=report.best_case,
                dated_ahead=report.dated_ahead,
            )
        )
    return standings, sources, targets


def activity_counts(
    view: BookAsOf, week: Week, targets: Mapping[str, int | None], created: int
) -> list[ActivityCount]:
    done = Counter(a.kind for a in view.activities_between(week.start, week.end))
    done["deal"] = created
    return [ActivityCount(kind, targets.get(kind), done[kind]) for kind in ACTIVITY_ROWS]


def day_touches(book: Book, week: Week, today: date) -> list[DayTouches]:
    calendar = book.calendar
    return [
        DayTouches(
            day=day,
            touches=touches_on(book, day) if day <= today else 0,
            minimum=daily_minimum(book, day),
            working=calendar.is_working_day(day),
            future=day > today,
        )
        for day in week.days()
    ]


def _initial(deal: Deal, field: str) -> Any:
    """The value a field had when the deal was created."""
    for change in deal.history:
        if change.field == field:
            return change.old
    return getattr(deal, field)


def _stage_moves(deal: Deal, start: date, end: date) -> tuple[str, str] | None:
    moves = [c for c in deal.history if c.field == "stage" and _in(c.at.date(), start, end)]
    if not moves:
        return None
    return str(moves[0].old), str(moves[-1].new)


def _value_change(deal: Deal, start: date, end: date) -> int:
    changes = [c for c in deal.history if c.field == "value" and _in(c.at.date(), start, end)]
    if not changes:
        return 0
    return int(changes[-1].new or 0) - int(changes[0].old or 0)


def _slip(deal: Deal, start: date, end: date) -> tuple[date, date] | None:
    changes = [
        c
        for c in deal.history
        if c.field == "close" and c.old is not None and _in(c.at.date(), start, end)
    ]
    if not changes or changes[-1].new is None:
        return None
    old, new = date.fromisoformat(str(changes[0].old)), date.fromisoformat(str(changes[-1].new))
    return (old, new) if new > old else None


def _lost_day(deal: Deal) -> date | None:
    if deal.lost_at is not None:
        return deal.lost_at.date()
    return deal.close


def _category(book: Book, deal: Deal | None) -> str:
    if deal is None:
        return "new"
    if not deal.is_open:
        return deal.stage
    return book.forecast_category(deal)


def _in_commit(category: str) -> bool:
    # An open deal the rep calls "closed" counts as committed, as in the quarter's totals.
    return category in ("commit", "closed")


@dataclass(slots=True)
class _DealSections:
    created: list[DealRow]
    advanced: list[AdvancedRow]
    won: list[DealRow]
    lost: list[LostGroup]
    pipeline: list[PipelineItem]
    slipped: list[SlipRow]
    into_commit: list[CommitMove]
    out_of_commit: list[CommitMove]


def deal_sections(book: Book, view: BookAsOf, week: Week, as_of: date) -> _DealSections:
    start = week.start
    before = add_days(start, -1)
    open_rank = {stage: i for i, stage in enumerate(OPEN_STAGES)}
    created: list[DealRow] = []
    advanced: list[AdvancedRow] = []
    won: list[DealRow] = []
    lost: dict[str, list[DealRow]] = {}
    pipeline: list[PipelineItem] = []
    slipped: list[SlipRow] = []
    into: list[CommitMove] = []
    out: list[CommitMove] = []
    for deal_id in sorted(view.deals):
        deal = view.deals[deal_id]
        account = _account(book, deal)
        created_on = deal.created.date() if deal.created is not None else None
        is_new = _in(created_on, start, as_of)
        if is_new:
            created.append(DealRow(deal, account, deal.value, created_on))
            if _initial(deal, "stage") in open_rank and deal.value:
                pipeline.append(PipelineItem(deal, account, "new", deal.value))
        else:
            change = _value_change(deal, start, as_of)
            if change:
                kind = "increase" if change > 0 else "decrease"
                pipeline.append(PipelineItem(deal, account, kind, abs(change)))
        moves = _stage_moves(deal, start, as_of)
        if moves is not None and moves[0] in open_rank and moves[1] in open_rank:
            if open_rank[moves[1]] > open_rank[moves[0]]:
                advanced.append(AdvancedRow(deal, account, moves[0], moves[1], deal.value))
        day_won = won_on(deal)
        if _in(day_won, start, as_of):
            won.append(DealRow(deal, account, deal.value, day_won))
        if deal.stage == "lost" and _in(_lost_day(deal), start, as_of):
            row = DealRow(deal, account, deal.value, _lost_day(deal))
            lost.setdefault(deal.lost_code or "other", []).append(row)
            if deal.value:
                pipeline.append(PipelineItem(deal, account, "lost", deal.value))
        slip = _slip(deal, start, as_of)
        if slip is not None:
            slipped.append(SlipRow(deal, account, slip[0], slip[1], deal.slip_count, deal.value))
        was = _category(book, deal_as_of(book.deals[deal_id], before))
        now = _category(book, deal)
        if _in_commit(was) != _in_commit(now):
            move = CommitMove(deal, account, was, now, deal.value, deal.close)
            (into if _in_commit(now) else out).append(move)
    won.sort(key=lambda r: (r.day or date.min, -r.value, r.deal.id))
    groups = [LostGroup(code, rows) for code, rows in lost.items()]
    groups.sort(key=lambda g: (-g.value, g.code))
    slipped.sort(key=lambda r: (-r.days, r.deal.id))
    return _DealSections(created, advanced, won, groups, pipeline, slipped, into, out)


def rotting(book: Book, view: BookAsOf, as_of: date) -> list[RotRow]:
    rows: list[RotRow] = []
    for deal in view.open_deals():
        for reason in deal_reasons(view, deal, as_of):
            if reason.code == "rotting" and reason.days is not None:
                threshold = view.settings.rot_days(deal.stage) or 0
                account = _account(book, deal)
                rows.append(RotRow(deal, account, deal.stage, reason.days, threshold, deal.value))
    rows.sort(key=lambda r: (-(r.idle_days - r.threshold), -r.value, r.deal.id))
    return rows


def missed_cadence(book: Book, week: Week, as_of: date) -> list[CadenceRow]:
    rows: list[CadenceRow] = []
    for account in book.accounts.values():
        cadence = book.cadence(account)
        created = account.created.date() if account.created is not None else None
        if cadence is None or (created is not None and created > as_of):
            continue
        touches = [a for a in book.activities_of("account_id", account.id) if a.is_touch]
        last: Activity | None = None
        index = 0
        missed: date | None = None
        caught_up: date | None = None
        for day in each_day(week.start, as_of):
            while index < len(touches) and touches[index].at.date() <= day:
                last = touches[index]
                index += 1
                if missed is not None and last.at.date() >= week.start:
                    caught_up = last.at.date()
            due = touch_due(last, cadence, created, day)
            if due < day and missed is None:
                missed = due
        if missed is None:
            continue
        due_now = touch_due(last, cadence, created, as_of)
        overdue = max((as_of - due_now).days, 0)
        rows.append(CadenceRow(account, cadence, missed, overdue, None if overdue else caught_up))
    rows.sort(key=lambda r: (-r.days_overdue, r.due, r.account.name.lower(), r.account.id))
    return rows


def promise_rows(book: Book, week: Week, as_of: date, complete: bool) -> list[PromiseRow]:
    rows: list[PromiseRow] = []
    # A promise due on the last day of a finished week is missed if not done by then.
    missed_before = add_days(week.end, 1) if complete else as_of
    for promise in book.promises.values():
        done = promise.done_at.date() if promise.done_at is not None else None
        if _in(done, week.start, as_of):
            status = promise_status(promise, as_of)
        elif (done is None or done > as_of) and week.start <= promise.due < missed_before:
            status = "missed"
        else:
            continue
        rows.append(PromiseRow(promise, status, promise_to(book, promise)))
    order = {"missed": 0, "late": 1, "on_time": 2, "early": 3}
    rows.sort(key=lambda r: (order[r.status], r.promise.due, r.promise.id))
    return rows


def expected_closes(book: Book, view: BookAsOf, week: Week) -> list[CloseRow]:
    first, last = add_days(week.end, 1), add_days(week.end, CLOSES_AHEAD_DAYS)
    rows: list[CloseRow] = []
    for deal in view.open_deals():
        if deal.close is None or not first <= deal.close <= last:
            continue
        probability = view.probability(deal)
        rows.append(
            CloseRow(
                deal=deal,
                account=_account(book, deal),
                close=deal.close,
                value=deal.value,
                probability=probability,
                weighted=(2 * deal.value * probability + 100) // 200,
                forecast_category=view.forecast_category(deal),
            )
        )
    rows.sort(key=lambda r: (r.close, -r.value, r.deal.id))
    return rows


def _frozen_quarter(metrics: Mapping[str, Any], quarter: str) -> tuple[int, int] | None:
    for entry in metrics.get("quarters") or []:
        if isinstance(entry, Mapping) and entry.get("quarter") == quarter:
            commit, best = entry.get("commit"), entry.get("best_case")
            if isinstance(commit, int) and isinstance(best, int):
                return commit, best
    return None


def forecast_accuracy(
    book: Book, week: Week, standings: list[QuarterStanding]
) -> list[AccuracyRow]:
    rows: list[AccuracyRow] = []
    for standing in standings:
        name = standing.quarter.name
        for review in book.reviews.values():
            try:
                reviewed = Week.parse(review.week)
            except ValueError:
                continue  # a damaged review names no week we can place
            if reviewed.start >= week.start:
                continue
            frozen = _frozen_quarter(review.metrics, name)
            if frozen is not None:
                rows.append(AccuracyRow(name, reviewed.name, frozen[0], frozen[1], standing.won))
    rows.sort(key=lambda r: (r.quarter, r.week))
    return rows


def trend(book: Book, view: BookAsOf, week: Week, as_of: date) -> list[TrendPoint]:
    weeks = [week.shifted(-i) for i in range(TREND_WEEKS - 1, -1, -1)]
    won: Counter[str] = Counter()
    first = weeks[0].start
    for deal in view.deals.values():
        day = won_on(deal)
        if day is not None and first <= day <= as_of:
            won[Week.of(day).name] += deal.value
    points = []
    for each in weeks:
        touches = sum(touches_on(book, d) for d in each.days() if d <= as_of)
        points.append(TrendPoint(each.name, touches, won[each.name]))
    return points
