"""The quarter report: boundaries, pacing, forecast totals and weekly goals, by hand."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.domain.quarter import Count, QuarterReport, cumulative_series, quarter_report
from tests.domain.quarter_factory import QuarterBook, at

MON, WED, SAT, SUN = date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 28), date(2026, 11, 29)


def report(qb: QuarterBook, today: date, quarter: str = "2026-Q4") -> QuarterReport:
    return quarter_report(qb.book, qb.book.calendar.parse_quarter(quarter), today)


# -- boundaries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fiscal_start", "quarter", "start", "end", "first_week", "last_week"),
    [
        # January: fiscal 2026 is calendar 2026; Q4 is October to December.
        (1, "2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "2026-W40", "2026-W53"),
        # February: fiscal 2027 runs Feb 2026 - Jan 2027 (named by the year it ends in);
        # Q1 is Feb-Apr 2026, Q4 is Nov 2026 - Jan 2027.
        (2, "2027-Q1", date(2026, 2, 1), date(2026, 4, 30), "2026-W05", "2026-W18"),
        # Sun 1 Nov 2026 ends W44; Sun 31 Jan 2027 ends W04 (W01 starts Mon 4 Jan).
        (2, "2027-Q4", date(2026, 11, 1), date(2027, 1, 31), "2026-W44", "2027-W04"),
        # July: fiscal 2027 runs Jul 2026 - Jun 2027; Q2 is October to December 2026.
        (7, "2027-Q1", date(2026, 7, 1), date(2026, 9, 30), "2026-W27", "2026-W40"),
        (7, "2027-Q2", date(2026, 10, 1), date(2026, 12, 31), "2026-W40", "2026-W53"),
    ],
)
def test_quarter_boundaries_by_fiscal_start(
    fiscal_start: int, quarter: str, start: date, end: date, first_week: str, last_week: str
) -> None:
    rep = report(QuarterBook(fiscal_start=fiscal_start), start, quarter)
    assert (rep.quarter.start, rep.quarter.end) == (start, end)
    assert (rep.weeks[0].week, rep.weeks[0].start) == (first_week, start)
    assert (rep.weeks[-1].week, rep.weeks[-1].end) == (last_week, end)


def test_a_quarter_of_14_iso_weeks() -> None:
    # 2026-Q4: Thu 1 Oct is in W40, Thu 31 Dec in W53 (2026 has 53 ISO weeks): 14 weeks,
    # the first and the last clipped to the quarter.
    rep = report(QuarterBook(), WED)
    assert len(rep.weeks) == 14
    assert [(w.start, w.end) for w in (rep.weeks[0], rep.weeks[-1])] == [
        (date(2026, 10, 1), date(2026, 10, 4)),
        (date(2026, 12, 28), date(2026, 12, 31)),
    ]
    assert rep.week_number_of == "week 9 of 14"  # W48 is the 9th: W40..W48


def test_a_quarter_of_13_iso_weeks() -> None:
    # 2024-Q2 starts Monday 1 April (W14) and ends Sunday 30 June (W26): 13 whole weeks.
    rep = report(QuarterBook(), date(2024, 4, 1), "2024-Q2")
    assert [w.week for w in rep.weeks] == [f"2024-W{n}" for n in range(14, 27)]
    assert all(w.working_days == 5 for w in rep.weeks)
    assert rep.week_number_of == "week 1 of 13"


def test_outside_the_quarter_there_is_no_current_week() -> None:
    rep = report(QuarterBook(), date(2027, 1, 4))
    assert rep.current_week is None
    assert rep.week_number_of is None
    assert not any(w.is_current for w in rep.weeks)


# -- expected to date ---------------------------------------------------------------
# Quota $66,000 = 6,600,000 cents over 66 working days: 100,000 a day. W40 (2 days)
# 200,000, W41..W52 500,000, W53 (4 days) 400,000. Before W48: 200,000 + 7 x 500,000 =
# 3,700,000.


def paced_book() -> QuarterBook:
    qb = QuarterBook()
    qb.plan(quota=6_600_000)
    return qb


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (MON, 3_700_000),  # Monday morning: 0/5 of W48
        (WED, 3_900_000),  # Mon, Tue past: 2/5 x 500,000 = 200,000
        (SAT, 4_200_000),  # the whole working week past: 5/5
        (SUN, 4_200_000),
        (date(2026, 10, 1), 0),  # first day of the quarter, morning
        (date(2026, 10, 2), 100_000),  # Friday: 1/2 of W40's 200,000
        (date(2026, 9, 30), 0),  # before the quarter
        # last day, morning: W40..W52 200,000 + 12 x 500,000 = 6,200,000, plus W53's
        # Mon-Wed past: 3/4 x 400,000 = 300,000
        (date(2026, 12, 31), 6_500_000),
        (date(2027, 1, 1), 6_600_000),  # after it: the quota
    ],
)
def test_expected_to_date(today: date, expected: int) -> None:
    rep = report(paced_book(), today)
    assert rep.expected_to_date == expected
    assert rep.ahead_by == -expected  # nothing won yet


def test_expected_to_date_skips_a_day_off() -> None:
    # Tuesday 24 Nov off: W48 has 4 working days, the quarter 65. $65,000 = 100,000 a day:
    # W48's target is 400,000; on Wednesday only Monday is past: 1/4 x 400,000 = 100,000.
    qb = QuarterBook()
    qb.plan(quota=6_500_000)
    qb.day_off(date(2026, 11, 24))
    rep = report(qb, WED)
    assert rep.weeks[8].revenue_target == 400_000
    assert rep.expected_to_date == 3_700_000 + 100_000


def test_ahead_by_is_won_minus_expected() -> None:
    qb = paced_book()
    qb.won(4_000_000, date(2026, 10, 20))
    rep = report(qb, WED)
    assert rep.ahead_by == 4_000_000 - 3_900_000


# -- forecast on a hand-built book --------------------------------------------------


def forecast_book() -> QuarterBook:
    qb = QuarterBook()
    qb.plan(quota=6_600_000)
    qb.won(1_000_000, date(2026, 10, 15))  # won in Q4 (W42)
    qb.won(2_000_000, date(2026, 9, 30))  # won in Q3: not this quarter
    # Open, closing in Q4:
    qb.deal(800_000, "negotiation", close=date(2026, 12, 15), forecast_category="commit")
    qb.deal(1_200_000, "proposal", close=date(2026, 12, 20), forecast_category="best_case")
    qb.deal(1_600_000, "qualified", close=date(2026, 11, 20))  # passed, pipeline by default
    # Excluded everywhere: closes next quarter; lost; no close date.
    qb.deal(
        1_000_000, "prospect", probability=40, close=date(2027, 1, 15), forecast_category="commit"
    )
    qb.deal(3_000_000, "lost", close=date(2026, 12, 1), lost_reason="budget")
    qb.deal(500_000, "prospect")
    return qb


def test_forecast_totals() -> None:
    rep = report(forecast_book(), WED)
    assert rep.quota == 6_600_000
    assert rep.won == 1_000_000
    assert rep.attainment == pytest.approx(1_000_000 / 6_600_000)
    # 800,000 x 75 % + 1,200,000 x 50 % + 1,600,000 x 25 % = 600,000 + 600,000 + 400,000
    assert rep.weighted_pipeline == 1_600_000
    assert rep.commit == 1_000_000 + 800_000  # closed + commit
    assert rep.best_case == 1_000_000 + 800_000 + 1_200_000  # + best case
    assert rep.pipeline == 800_000 + 1_200_000 + 1_600_000
    # 3,600,000 open / (6,600,000 - 1,000,000) still to win
    assert rep.coverage == pytest.approx(3_600_000 / 5_600_000)
    assert rep.projection == 1_000_000 + 1_600_000
    assert rep.expected_to_date == 3_900_000
    assert rep.ahead_by == 1_000_000 - 3_900_000


def test_won_goes_to_its_week() -> None:
    rep = report(forecast_book(), WED)
    won = {w.week: w.revenue_won for w in rep.weeks if w.revenue_won}
    assert won == {"2026-W42": 1_000_000}


def test_weighted_pipeline_rounds_once_to_the_cent() -> None:
    # 333 x 25 % + 333 x 25 % = 166.5 -> 167 (rounded once, half up, not 83 + 83)
    qb = QuarterBook()
    qb.deal(333, "qualified", close=date(2026, 12, 1))
    qb.deal(333, "qualified", close=date(2026, 12, 2))
    assert report(qb, WED).weighted_pipeline == 167


def test_an_open_deal_marked_closed_counts_as_commit() -> None:
    qb = QuarterBook()
    qb.deal(700_000, "negotiation", close=date(2026, 12, 1), forecast_category="closed")
    qb.deal(300_000, "negotiation", close=date(2026, 12, 1), forecast_category="omitted")
    rep = report(qb, WED)
    assert (rep.commit, rep.best_case) == (700_000, 700_000)


def test_coverage_is_none_once_the_quota_is_met() -> None:
    qb = forecast_book()
    qb.won(5_600_000, date(2026, 11, 2))  # 1,000,000 + 5,600,000 = the quota
    rep = report(qb, WED)
    assert rep.attainment == 1.0
    assert rep.coverage is None
    assert rep.remaining == 0


def test_a_deal_won_without_won_at_uses_its_close_date() -> None:
    qb = QuarterBook()
    qb.deal(250_000, "won", close=date(2026, 11, 3))
    assert report(qb, WED).won == 250_000


def test_without_a_plan_actuals_are_reported_and_plan_figures_are_none() -> None:
    qb = forecast_book()
    qb.book.apply("plans", 1, None)
    rep = report(qb, WED)
    assert not rep.has_plan
    assert (rep.won, rep.weighted_pipeline, rep.commit, rep.projection) == (
        1_000_000,
        1_600_000,
        1_800_000,
        2_600_000,
    )
    assert rep.quota is None
    assert rep.attainment is None
    assert rep.expected_to_date is None
    assert rep.ahead_by is None
    assert rep.coverage is None
    assert all(w.revenue_target is None for w in rep.weeks)
    assert rep.weeks[8].activities["call"] == Count(None, 0)


# -- weekly activities --------------------------------------------------------------


def test_week_activity_targets_against_done() -> None:
    qb = QuarterBook()
    qb.plan(quota=6_600_000, weekly_targets={"call": 50, "meeting": 8, "deal": 5})
    for day in (MON, MON, WED):
        qb.activity("call", day)
    qb.activity("call", date(2026, 11, 22))  # Sunday: W47
    qb.activity("meeting", WED, direction="in")
    qb.activity("note", WED)
    qb.deal(100_000, created=at(WED))
    qb.deal(100_000, created=at(date(2026, 11, 16)))  # W47
    rep = report(qb, WED)
    week = rep.weeks[rep.current_week or 0]
    assert week.week == "2026-W48" and week.is_current
    assert week.activities == {
        "call": Count(50, 3),
        "email": Count(None, 0),
        "meeting": Count(8, 1),
        "demo": Count(None, 0),
        "proposal": Count(None, 0),
        "deal": Count(5, 1),
    }
    assert rep.weeks[7].activities["call"] == Count(50, 1)
    assert rep.weeks[7].activities["deal"] == Count(5, 1)


def test_short_weeks_scale_activity_targets_by_working_days() -> None:
    # W40 has 2 of 5 working days: 50 x 2/5 = 20 calls, 8 x 2/5 = 3.2 -> 3 meetings;
    # W53 has 4: 40 calls, 8 x 4/5 = 6.4 -> 6 meetings.
    qb = QuarterBook()
    qb.plan(weekly_targets={"call": 50, "meeting": 8})
    rep = report(qb, WED)
    assert rep.weeks[0].activities["call"].target == 20
    assert rep.weeks[0].activities["meeting"].target == 3
    assert rep.weeks[-1].activities["call"].target == 40
    assert rep.weeks[-1].activities["meeting"].target == 6
    # A plan without a quota still has no revenue figures.
    assert rep.expected_to_date is None
    assert rep.weeks[0].revenue_target is None


# -- cumulative series --------------------------------------------------------------


def test_cumulative_series_for_the_chart() -> None:
    rep = report(forecast_book(), WED)
    series = cumulative_series(rep)
    assert len(series) == 14
    assert series[0] == ("2026-W40", 200_000, 0)
    assert series[2] == ("2026-W42", 200_000 + 2 * 500_000, 1_000_000)
    assert series[-1] == ("2026-W53", 6_600_000, 1_000_000)


def test_cumulative_series_without_a_plan_has_no_target_line() -> None:
    rep = report(QuarterBook(), WED)
    assert cumulative_series(rep)[-1] == ("2026-W53", None, 0)


def test_omitted_deals_leave_the_pipeline_and_coverage() -> None:
    # Only the 400,000 qualified deal counts: 400,000 x 25 % = 100,000 weighted.
    qb = QuarterBook()
    qb.plan(quota=1_000_000)
    qb.deal(400_000, "qualified", close=date(2026, 12, 1))
    qb.deal(900_000, "negotiation", close=date(2026, 12, 1), forecast_category="omitted")
    rep = report(qb, WED)
    assert (rep.pipeline, rep.weighted_pipeline) == (400_000, 100_000)
    assert rep.coverage == 0.4
