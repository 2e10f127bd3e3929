"""Momentum: today's touches against the daily minimum, and the streak of days met.

The streak counts consecutive working days, up to yesterday, on which the minimum was
met, plus today once it is met. Weekends, holidays and days off neither count nor break
it. Each day is judged by its own quarter's minimum (the plan's, else the setting).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cockpit.domain.book import Book
from cockpit.domain.calendar import add_days

__all__ = ["MAX_STREAK_WALK_DAYS", "Momentum", "daily_minimum", "momentum", "touches_on"]

# The walk back stops at the first missed working day; this bounds it when the minimum is
# 0 (every day is met) or the book is nothing but met days.
MAX_STREAK_WALK_DAYS = 400


@dataclass(frozen=True, slots=True)
class Momentum:
    """Touches done today, the daily minimum and the streak in working days."""

    done: int
    minimum: int
    streak: int


def touches_on(book: Book, day: date) -> int:
    """How many touches (activities other than notes) were logged on `day`."""
    return book.touches_on(day)


def daily_minimum(book: Book, day: date) -> int:
    """The minimum of touches for `day`: its quarter's plan if it sets one, else the
    `daily_minimum` setting."""
    plan = book.plan_for(book.calendar.quarter_of(day).name)
    if plan is not None and plan.daily_minimum is not None:
        return plan.daily_minimum
    return int(book.settings["daily_minimum"])


def momentum(book: Book, today: date) -> Momentum:
    """Today's touches, today's minimum and the streak of working days met."""
    calendar = book.calendar
    minimums: dict[str, int] = {}

    def met(day: date) -> bool:
        quarter = calendar.quarter_of(day).name
        if quarter not in minimums:
            minimums[quarter] = daily_minimum(book, day)
        return touches_on(book, day) >= minimums[quarter]

    streak = 0
    day = today
    for _ in range(MAX_STREAK_WALK_DAYS):
        day = add_days(day, -1)
        if not calendar.is_working_day(day):
            continue
        if not met(day):
            break
        streak += 1
    done = touches_on(book, today)
    minimum = daily_minimum(book, today)
    if calendar.is_working_day(today) and done >= minimum:
        streak += 1
    return Momentum(done=done, minimum=minimum, streak=streak)
