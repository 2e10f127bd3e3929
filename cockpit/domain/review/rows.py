"""The review's row types and settings: what each section of a weekly review holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from cockpit.domain.calendar import Quarter, Week
from cockpit.domain.model import Account, Deal, Review
from cockpit.domain.plan import TARGET_KINDS
from cockpit.domain.promises import PromiseRow

__all__ = [
    "ACTIVITY_ROWS",
    "CLOSES_AHEAD_DAYS",
    "FREEZE_FORMAT",
    "NUDGE_FROM",
    "PROMPTS",
    "TREND_WEEKS",
    "AccuracyRow",
    "ActivityCount",
    "AdvancedRow",
    "CadenceRow",
    "CloseRow",
    "CommitMove",
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
]

# Rows of the activity table: the plan's target kinds, with social touches before "deal".
ACTIVITY_ROWS = (*(kind for kind in TARGET_KINDS if kind != "deal"), "social", "deal")
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
    dated_ahead: int = 0  # won or lost deals dated after `as_of` (an import's dates?)


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
