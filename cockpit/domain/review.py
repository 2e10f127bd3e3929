"""The end-of-week review: the week against the plan, the deals that moved, the forecast.

`weekly_review(book, week, now)` reads an ISO week as it stood at its end (or as of now,
for the week in progress): "D" below is that day, the week's Sunday or today.

Definitions a rep can check by hand:
- activities: per kind, what was logged Monday..D against the weekly target of the plan
  of the quarter holding the week, scaled to the week's working days (as the Quarter pane
  does). A week crossing a quarter boundary takes each quarter's plan for its own working
  days and adds them up: Mon-Thu in Q4 and Fri in Q1 ask 4/5 of Q4's target plus 1/5 of
  Q1's. "deal" counts deals created.
- touches: per day against that day's minimum (its quarter's plan, else the setting).
- created: deals created in the week. advanced: deals whose stage moved forward (first
  stage before the week's changes to the last one after them, both open). won / lost:
  deals won (won date) or lost (lost date) in the week, lost grouped by reason code.
- pipeline added: deals created in the week (their value at D, if open when created) plus
  value increases on older deals; removed: deals lost (their value) plus value decreases
  (each deal's value change over the week, netted).
- slipped: deals whose close date moved later over the week (first to last close date).
- commit moves: deals in commit (open, forecast category commit or closed) at D but not
  at the end of the day before the week, and the other way round.
- rotting: open deals at D idle beyond their stage's threshold (the Sprint pane's rule).
- missed cadence: accounts overdue a touch (the Marathon pane's rule) on some day Monday..D.
- promises: done in the week (early, on time, late) and due in the week but not done by
  D (missed; for the week in progress, only those due before today).
- momentum: the streak of days met as of D. quarters: each quarter the week touches, as
  of D: won, attainment, ahead/behind, commit and best case (as the Quarter pane shows).
- expected closes: open deals at D closing in the 14 days after the week.
- forecast accuracy: for each earlier saved review of the quarter, the commit and best
  case it froze against what was won in the quarter up to D; accuracy = won / commit.
- trend: touches and won value per week, for the 8 weeks ending with this one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.calendar import Quarter, Week, add_days, each_day, iso_weeks_in
from cockpit.domain.marathon import touch_due
from cockpit.domain.model import Account, Activity, Deal, Review
from cockpit.domain.momentum import daily_minimum, momentum, touches_on
from cockpit.domain.plan import TARGET_KINDS
from cockpit.domain.promises import PromiseRow, promise_status, promise_to
from cockpit.domain.quarter import quarter_report, won_on
from cockpit.domain.review_history import BookAsOf, deal_as_of
from cockpit.domain.settings import OPEN_STAGES
from cockpit.domain.sprint import deal_reasons

__all__ = [
    "ACTIVITY_ROWS",
    "CLOSES_AHEAD_DAYS",
    "NUDGE_FROM",
    "PROMPTS",
    "TREND_WEEKS",
    "ActivityCount",
    "AdvancedRow",
    "CadenceRow",
    "CloseRow",
    "CommitMove",
    "AccuracyRow",
    "DayTouches",
    "DealRow",
    "LostGroup",
    "PipelineItem",
    "QuarterStanding",
    "ReviewInputError",
    "RotRow",
    "SlipRow",
    "TargetSource",
    "TrendPoint",
    "WeeklyReview",
    "book_began",
    "freeze",
    "resolve_week",
    "review_due",
    "weekly_review",
]

# Rows of the activity table: the plan's target kinds, with social touches before "deal".
ACTIVITY_ROWS = ("call", "email", "meeting", "demo", "proposal", "social", "deal")
CLOSES_AHEAD_DAYS = 14
TREND_WEEKS = 8
NUDGE_FROM = time(15, 0)
# The four prompts: key -> the question the rep answers.
PROMPTS: dict[str, str] = {
    "what_worked": "What worked",
    "what_to_change": "What to change",
    "next_week_focus": "Next week's focus",
    "need_help": "Where I need help",
}
FREEZE_FORMAT = 1


class ReviewInputError(ValueError):
    """A week cockpit cannot review: the message says why and what to type instead."""


# -- rows ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TargetSource:
    """Which quarter's plan sets the targets for how many of the week's working days."""

    quarter: str
    working_days: int
    has_plan: bool


@dataclass(frozen=True, slots=True)
class ActivityCount:
    """An activity kind: the week's target (None without one) and what was done."""

    kind: str
    target: int | None
    done: int


@dataclass(frozen=True, slots=True)
class DayTouches:
    """Touches on one day against that day's minimum."""

    day: date
    touches: int
    minimum: int
    working: bool
    future: bool  # after today: nothing to judge yet

    @property
    def met(self) -> bool:
        """The minimum was met on a working day that has passed or is today."""
        return self.working and not self.future and self.touches >= self.minimum


@dataclass(frozen=True, slots=True)
class DealRow:
    """A deal (as of the week's end), its account, value and the day it happened."""

    deal: Deal
    account: Account | None
    value: int
    day: date | None = None


@dataclass(frozen=True, slots=True)
class AdvancedRow:
    """A deal whose stage moved forward during the week."""

    deal: Deal
    account: Account | None
    from_stage: str
    to_stage: str
    value: int


@dataclass(frozen=True, slots=True)
class LostGroup:
    """Deals lost in the week for one reason code."""

    code: str
    rows: list[DealRow]

    @property
    def value(self) -> int:
        """Their total value, minor units."""
        return sum(r.value for r in self.rows)


@dataclass(frozen=True, slots=True)
class PipelineItem:
    """One change to the open pipeline: kind new, increase, lost or decrease."""

    deal: Deal
    account: Account | None
    kind: str
    amount: int  # minor units, positive


@dataclass(frozen=True, slots=True)
class SlipRow:
    """A deal whose close date moved later during the week."""

    deal: Deal
    account: Account | None
    old_close: date
    new_close: date
    slip_count: int
    value: int

    @property
    def days(self) -> int:
        """How many days later it now closes."""
        return (self.new_close - self.old_close).days


@dataclass(frozen=True, slots=True)
class CommitMove:
    """A deal that moved into or out of commit: its category before and after the week.

    The words are forecast categories, or "new" (did not exist), "won", "lost".
    """

    deal: Deal
    account: Account | None
    before: str
    after: str
    value: int
    close: date | None


@dataclass(frozen=True, slots=True)
class RotRow:
    """An open deal idle beyond its stage's threshold at the week's end."""

    deal: Deal
    account: Account | None
    stage: str
    idle_days: int
    threshold: int
    value: int


@dataclass(frozen=True, slots=True)
class CadenceRow:
    """An account that went overdue a touch during the week."""

    account: Account
    cadence: int
    due: date  # the first due date missed in the week
    days_overdue: int  # at the week's end; 0 once caught up
    caught_up: date | None  # the touch that caught up, if any


@dataclass(frozen=True, slots=True)
class QuarterStanding:
    """A quarter at the week's end: won against quota, pacing and the forecast totals."""

    quarter: Quarter
    as_of: date
    has_plan: bool
    quota: int | None
    won: int
    attainment: float | None
    expected_to_date: int | None
    ahead_by: int | None
    commit: int
    best_case: int


@dataclass(frozen=True, slots=True)
class CloseRow:
    """An open deal expected to close in the two weeks after the reviewed one."""

    deal: Deal
    account: Account | None
    close: date
    value: int
    probability: int
    weighted: int
    forecast_category: str


@dataclass(frozen=True, slots=True)
class AccuracyRow:
    """An earlier review's frozen forecast against what was won in the quarter since."""

    quarter: str
    week: str
    committed: int
    best_case: int
    closed: int

    @property
    def accuracy(self) -> float | None:
        """Won / committed (None when nothing was committed)."""
        return self.closed / self.committed if self.committed else None


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """Touches and won value of one week."""

    week: str
    touches: int
    won: int


@dataclass(frozen=True, slots=True)
class WeeklyReview:
    """Everything the end-of-week review shows for one ISO week."""

    week: Week
    now: datetime
    as_of: date  # the week's end, or today for the week in progress
    target_sources: list[TargetSource]
    activities: list[ActivityCount]
    days: list[DayTouches]
    created: list[DealRow]
    advanced: list[AdvancedRow]
    won: list[DealRow]
    lost: list[LostGroup]
    pipeline: list[PipelineItem]
    slipped: list[SlipRow]
    into_commit: list[CommitMove]
    out_of_commit: list[CommitMove]
    rotting: list[RotRow]
    missed_cadence: list[CadenceRow]
    promises: list[PromiseRow]
    streak: int
    quarters: list[QuarterStanding]
    expected_closes: list[CloseRow]
    accuracy: list[AccuracyRow]
    trend: list[TrendPoint]
    saved: Review | None

    @property
    def complete(self) -> bool:
        """True once the week is over."""
        return self.as_of >= self.week.end

    @property
    def touches(self) -> int:
        """Touches logged in the week."""
        return sum(d.touches for d in self.days)

    @property
    def working_days(self) -> int:
        """Working days of the week up to its end (or today)."""
        return sum(1 for d in self.days if d.working and not d.future)

    @property
    def days_met(self) -> int:
        """Working days on which the minimum was met."""
        return sum(1 for d in self.days if d.met)

    @property
    def won_value(self) -> int:
        """Value won in the week."""
        return sum(r.value for r in self.won)

    @property
    def lost_count(self) -> int:
        """Deals lost in the week."""
        return sum(len(g.rows) for g in self.lost)

    @property
    def lost_value(self) -> int:
        """Value lost in the week."""
        return sum(g.value for g in self.lost)

    @property
    def pipeline_added(self) -> int:
        """New deals plus value increases."""
        return sum(i.amount for i in self.pipeline if i.kind in ("new", "increase"))

    @property
    def pipeline_removed(self) -> int:
        """Lost deals plus value decreases."""
        return sum(i.amount for i in self.pipeline if i.kind in ("lost", "decrease"))

    def promise_counts(self) -> dict[str, int]:
        """Promises kept early, on time, late, and missed in the week."""
        counts = dict.fromkeys(("early", "on_time", "late", "missed"), 0)
        for row in self.promises:
            counts[row.status] += 1
        return counts

    @property
    def answers(self) -> dict[str, str]:
        """The saved answers to the prompts (empty until the review is saved)."""
        return dict(self.saved.answers) if self.saved is not None else {}


# -- the week asked for -------------------------------------------------------------


def book_began(book: Book) -> date | None:
    """The date of the book's earliest record (None for an empty book)."""
    days: list[date] = []
    for records in (book.accounts, book.contacts, book.promises):
        days += [r.created.date() for r in records.values() if r.created is not None]
    if book.activities:
        days.append(min(a.at for a in book.activities.values()).date())
    for deal in book.deals.values():
        days += [m.date() for m in (deal.created, deal.won_at, deal.lost_at) if m is not None]
        if deal.history:
            days.append(deal.history[0].at.date())
    return min(days, default=None)


def _week_error(text: str, error: ValueError) -> str:
    match = re.match(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$", text)
    if match is None:
        return f"expected a week like 2026-W48, got {text!r}"
    year = int(match[1])
    weeks = iso_weeks_in(year)
    return f"{text.strip()} does not exist: {year} has ISO weeks 1 to {weeks}"


def resolve_week(book: Book, text: str | Week | None, now: datetime) -> Week:
    """The week to review ("2026-W48"; None: the week holding `now`), or ReviewInputError
    for a malformed week, a week in the future or a week before the book began."""
    today = now.date()
    if text is None:
        return Week.of(today)
    if isinstance(text, Week):
        week = text
    else:
        try:
            week = Week.parse(text)
        except ValueError as error:
            raise ReviewInputError(_week_error(text, error)) from None
    current = Week.of(today)
    if week.start > today:
        raise ReviewInputError(
            f"week {week.name} has not started yet: the latest week to review is "
            f"{current.name} (today is {today.isoformat()})"
        )
    began = book_began(book) or today
    if week.end < began:
        first = Week.of(began)
        raise ReviewInputError(
            f"week {week.name} is before the book began ({began.isoformat()}, in "
            f"{first.name}): nothing to review"
        )
    return week


def review_due(book: Book, now: datetime) -> bool:
    """The header's nudge: on the week's last working day from 15:00 (local time, `now`
    being in the book's time zone), until this week's review is saved."""
    today = now.date()
    if book.calendar.last_working_day_of_week(today) != today:
        return False
    if now.time() < NUDGE_FROM:
        return False
    return book.review_for(Week.of(today).name) is None


# -- sections -----------------------------------------------------------------------


def _account(book: Book, deal: Deal) -> Account | None:
    return book.accounts.get(deal.account_id) if deal.account_id is not None else None


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def _quarters(book: Book, week: Week) -> list[Quarter]:
    calendar = book.calendar
    first, last = calendar.quarter_of(week.start), calendar.quarter_of(week.end)
    return [first] if first == last else [first, last]


def _standing_and_targets(
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
            )
        )
    return standings, sources, targets


def _activities(
    view: BookAsOf, week: Week, targets: Mapping[str, int | None], created: int
) -> list[ActivityCount]:
    done = Counter(a.kind for a in view.activities_between(week.start, week.end))
    done["deal"] = created
    return [ActivityCount(kind, targets.get(kind), done[kind]) for kind in ACTIVITY_ROWS]


def _days(book: Book, week: Week, today: date) -> list[DayTouches]:
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


def _deal_sections(book: Book, view: BookAsOf, week: Week, as_of: date) -> _DealSections:
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


def _rotting(book: Book, view: BookAsOf, as_of: date) -> list[RotRow]:
    rows: list[RotRow] = []
    for deal in view.open_deals():
        for reason in deal_reasons(view, deal, as_of):
            if reason.code == "rotting" and reason.days is not None:
                threshold = view.settings.rot_days(deal.stage) or 0
                account = _account(book, deal)
                rows.append(RotRow(deal, account, deal.stage, reason.days, threshold, deal.value))
    rows.sort(key=lambda r: (-(r.idle_days - r.threshold), -r.value, r.deal.id))
    return rows


def _missed_cadence(book: Book, week: Week, as_of: date) -> list[CadenceRow]:
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


def _promises(book: Book, week: Week, as_of: date, complete: bool) -> list[PromiseRow]:
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


def _expected_closes(book: Book, view: BookAsOf, week: Week) -> list[CloseRow]:
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


def _accuracy(book: Book, week: Week, standings: list[QuarterStanding]) -> list[AccuracyRow]:
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


def _trend(book: Book, view: BookAsOf, week: Week, as_of: date) -> list[TrendPoint]:
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


# -- the review ---------------------------------------------------------------------


def weekly_review(book: Book, week: Week, now: datetime) -> WeeklyReview:
    """The review of `week` as it stood at its end (as of `now` for the current week)."""
    week = resolve_week(book, week, now)
    today = now.date()
    as_of = min(week.end, today)
    view = BookAsOf(book, as_of)
    standings, sources, targets = _standing_and_targets(view, week, as_of)
    deals = _deal_sections(book, view, week, as_of)
    return WeeklyReview(
        week=week,
        now=now,
        as_of=as_of,
        target_sources=sources,
        activities=_activities(view, week, targets, len(deals.created)),
        days=_days(book, week, today),
        created=deals.created,
        advanced=deals.advanced,
        won=deals.won,
        lost=deals.lost,
        pipeline=deals.pipeline,
        slipped=deals.slipped,
        into_commit=deals.into_commit,
        out_of_commit=deals.out_of_commit,
        rotting=_rotting(book, view, as_of),
        missed_cadence=_missed_cadence(book, week, as_of),
        promises=_promises(book, week, as_of, today > week.end),
        streak=momentum(book, as_of).streak,
        quarters=standings,
        expected_closes=_expected_closes(book, view, week),
        accuracy=_accuracy(book, week, standings),
        trend=_trend(book, view, week, as_of),
        saved=book.review_for(week.name),
    )


def freeze(review: WeeklyReview) -> dict[str, Any]:
    """The review's figures as stored in Review.metrics: JSON-able, money in minor units,
    dates ISO. Later reviews read each quarter's commit and best case from it."""
    return {
        "format": FREEZE_FORMAT,
        "week": review.week.name,
        "as_of": review.as_of.isoformat(),
        "complete": review.complete,
        "activities": {a.kind: {"target": a.target, "done": a.done} for a in review.activities},
        "touches": review.touches,
        "days_met": review.days_met,
        "working_days": review.working_days,
        "created": len(review.created),
        "advanced": len(review.advanced),
        "won": {"count": len(review.won), "value": review.won_value},
        "lost": {"count": review.lost_count, "value": review.lost_value},
        "pipeline": {"added": review.pipeline_added, "removed": review.pipeline_removed},
        "slipped": len(review.slipped),
        "into_commit": len(review.into_commit),
        "out_of_commit": len(review.out_of_commit),
        "rotting": len(review.rotting),
        "missed_cadence": len(review.missed_cadence),
        "promises": review.promise_counts(),
        "streak": review.streak,
        "quarters": [
            {
                "quarter": q.quarter.name,
                "as_of": q.as_of.isoformat(),
                "quota": q.quota,
                "won": q.won,
                "expected_to_date": q.expected_to_date,
                "ahead_by": q.ahead_by,
                "commit": q.commit,
                "best_case": q.best_case,
            }
            for q in review.quarters
        ],
    }
