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

from cockpit.domain.review.build import freeze, weekly_review
from cockpit.domain.review.rows import (
    ACTIVITY_ROWS,
    CLOSES_AHEAD_DAYS,
    FREEZE_FORMAT,
    NUDGE_FROM,
    PROMPTS,
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
    ReviewInputError,
    RotRow,
    SlipRow,
    TargetSource,
    TrendPoint,
    WeeklyReview,
)
from cockpit.domain.review.week import book_began, resolve_week, review_due

__all__ = [
    "ACTIVITY_ROWS",
    "CLOSES_AHEAD_DAYS",
    "FREEZE_FORMAT",
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
