"""Momentum: touches against the daily minimum, and the streak of working days met."""

from __future__ import annotations

from datetime import date

from cockpit.domain.momentum import Momentum, momentum, touches_on
from tests.domain.factory import BookFactory, at

TODAY = date(2026, 11, 25)  # a Wednesday
MON, TUE = date(2026, 11, 23), date(2026, 11, 24)
LAST_WED, THU, FRI = date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 20)
SAT, SUN = date(2026, 11, 21), date(2026, 11, 22)


def book_with_minimum(minimum: int) -> BookFactory:
    f = BookFactory()
    f.setting("daily_minimum", minimum)
    return f


def test_touches_on_counts_every_kind_but_notes() -> None:
    f = BookFactory()
    acme = f.account("Acme")
    for kind in ("call", "email", "meeting", "demo", "proposal", "social", "note", "note"):
        f.activity(kind, at(TODAY, 11), account=acme)
    f.activity("call", at(TUE, 23, 59), account=acme)
    assert touches_on(f.book, TODAY) == 6
    assert touches_on(f.book, TUE) == 1
    assert touches_on(f.book, MON) == 0


def test_minimum_from_the_quarters_plan_else_the_setting() -> None:
    f = book_with_minimum(12)
    assert momentum(f.book, TODAY).minimum == 12
    plan = f.plan("2026-Q4", quota=30_000_000)  # a plan without a daily minimum
    assert momentum(f.book, TODAY).minimum == 12
    f.plan("2027-Q1", daily_minimum=30)  # another quarter's
    assert momentum(f.book, TODAY).minimum == 12
    plan.daily_minimum = 8
    f.save(plan)
    assert momentum(f.book, TODAY).minimum == 8


def test_default_minimum_is_twenty() -> None:
    assert momentum(BookFactory().book, TODAY) == Momentum(done=0, minimum=20, streak=0)


def test_streak_runs_across_a_weekend() -> None:
    f = book_with_minimum(2)
    f.touches(LAST_WED, 1)  # missed: the streak starts after it
    for day in (THU, FRI, MON, TUE):
        f.touches(day, 2)
    f.touches(TODAY, 1)  # not yet met
    assert momentum(f.book, TODAY) == Momentum(done=1, minimum=2, streak=4)


def test_today_counts_once_met() -> None:
    f = book_with_minimum(2)
    for day in (THU, FRI, MON, TUE):
        f.touches(day, 2)
    f.touches(TODAY, 3)
    assert momentum(f.book, TODAY) == Momentum(done=3, minimum=2, streak=5)


def test_an_unmet_today_does_not_break_the_streak() -> None:
    f = book_with_minimum(2)
    f.touches(TUE, 2)
    assert momentum(f.book, TODAY).streak == 1


def test_a_day_off_neither_counts_nor_breaks() -> None:
    f = book_with_minimum(2)
    f.day_off(MON, text="long weekend")
    for day in (THU, FRI, TUE):
        f.touches(day, 2)
    assert momentum(f.book, TODAY).streak == 3


def test_a_missed_working_day_breaks_the_streak() -> None:
    f = book_with_minimum(2)
    for day in (THU, FRI, TUE):
        f.touches(day, 2)
    f.touches(MON, 1)
    assert momentum(f.book, TODAY).streak == 1


def test_weekend_touches_do_not_count() -> None:
    f = book_with_minimum(2)
    f.touches(SAT, 5)
    f.touches(SUN, 5)
    for day in (MON, TUE):
        f.touches(day, 2)
    assert momentum(f.book, TODAY).streak == 2


def test_on_a_weekend_today_is_not_counted() -> None:
    f = book_with_minimum(2)
    saturday = date(2026, 11, 28)
    f.touches(saturday, 5)
    for day in (date(2026, 11, 26), date(2026, 11, 27)):
        f.touches(day, 2)
    assert momentum(f.book, saturday) == Momentum(done=5, minimum=2, streak=2)


def test_each_day_is_judged_by_its_own_quarters_minimum() -> None:
    f = book_with_minimum(3)
    f.plan("2026-Q4", daily_minimum=1)
    f.touches(date(2026, 9, 29), 3)  # Q3 (minimum 3): met
    f.touches(date(2026, 9, 30), 1)  # Q3: missed, the streak stops here
    f.touches(date(2026, 10, 1), 1)  # Q4 (minimum 1): met
    assert momentum(f.book, date(2026, 10, 2)) == Momentum(done=0, minimum=1, streak=1)
