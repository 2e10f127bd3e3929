"""The plan starts when the rep starts (DESIGN §9.3): `start:` and `won:`, whole-unit weekly
targets that add up exactly to the quota. Figures worked out by hand below.

2026-Q4 runs Thu 1 Oct to Thu 31 Dec: ISO weeks W40..W53, 14 weeks. Week 10 is W49
(Mon 30 Nov to Sun 6 Dec). A plan started Wed 2 Dec paces over the working days left:
W49 Wed-Fri 3, W50 5, W51 5, W52 5, W53 Mon-Thu 4: 22 days.

quota 300,000 over 22 days, in whole dollars by largest remainders:
  W49 300000*3/22 = 40909.09  -> 40,909
  W50-52 300000*5/22 = 68181.82 -> 68,181 (+1 each: remainders 18/22 beat W49's 2 and W53's 10)
  W53 300000*4/22 = 54545.45  -> 54,545
  40,909 + 3 x 68,182 + 54,545 = 300,000
with won:120k the weeks share 180,000:
  W49 24545.45 -> 24,546 (the one dollar left goes to the largest remainder, 10/22)
  W50-52 40909.09 -> 40,909; W53 32727.27 -> 32,727
  24,546 + 3 x 40,909 + 32,727 = 180,000; + 120,000 won before cockpit = 300,000
Expected on Fri 4 Dec (Wed and Thu past, 2 of W49's 3 days):
  without won: 40,909 x 2/3 = 27,272.67 -> 27,273
  with won:    120,000 + 24,546 x 2/3 = 120,000 + 16,364 = 136,364
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.domain.money import format_money
from cockpit.domain.quarter import QuarterReport, cumulative_series, quarter_report
from cockpit.quicklog import QuickLogError
from cockpit.services.clock import fixed_clock
from cockpit.services.quarter_view import quarter_text
from cockpit.services.session import Session

FRIDAY = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
WEEKS = [f"2026-W{n}" for n in range(40, 54)]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    opened = Session.open(tmp_path / "cockpit.json", clock=fixed_clock(FRIDAY))
    yield opened
    opened.close()


def _report(session: Session) -> QuarterReport:
    book, today = session.book, FRIDAY.date()
    return quarter_report(book, book.calendar.quarter_of(today), today)


def _dollars(report: QuarterReport) -> dict[str, int]:
    return {w.week: (w.revenue_target or 0) // 100 for w in report.weeks}


def test_a_plan_started_in_week_10_paces_over_the_days_left(session: Session) -> None:
    outcome = session.execute("plan quota:300k start:2026-12-02")
    assert outcome.message == "plan 2026-Q4: quota $300,000, pacing from 2026-12-02"
    report = _report(session)
    assert report.week_number_of == "week 10 of 14"
    targets = _dollars(report)
    assert [targets[w] for w in WEEKS[:9]] == [0] * 9
    assert [targets[w] for w in WEEKS[9:]] == [40_909, 68_182, 68_182, 68_182, 54_545]
    assert sum(targets.values()) * 100 == report.quota == 300_000_00
    assert report.expected_to_date == 27_273_00
    assert report.ahead_by == -27_273_00


def test_won_before_cockpit_counts_and_the_rest_is_paced(session: Session) -> None:
    session.execute("plan quota:300k start:2026-12-02 won:120k")
    report = _report(session)
    targets = _dollars(report)
    assert [targets[w] for w in WEEKS[9:]] == [24_546, 40_909, 40_909, 40_909, 32_727]
    assert sum(targets.values()) == 180_000
    assert report.won == 120_000_00
    assert report.expected_to_date == 136_364_00
    assert report.ahead_by == 120_000_00 - 136_364_00
    # The chart's lines start at what was won before cockpit and end at the quota.
    series = cumulative_series(report)
    assert series[0][1:] == (120_000_00, 120_000_00)
    assert series[-1][1] == 300_000_00
    text = quarter_text(session.book, report.quarter, FRIDAY)
    assert "Behind by   $16,364 (expected to date $136,364)" in text
    assert "Before      $120,000 won before cockpit (in Won)" in text


def test_on_the_day_the_plan_starts_it_is_on_pace(session: Session) -> None:
    session.execute("plan quota:300k start:today won:120k")
    report = _report(session)
    assert report.expected_to_date == 120_000_00  # only what was won before
    assert report.ahead_by == 0


def test_without_start_the_quarter_paces_from_its_first_day_in_whole_units(
    session: Session,
) -> None:
    session.execute("plan quota:300k")
    report = _report(session)
    targets = _dollars(report)
    assert sum(targets.values()) == 300_000
    assert all(w.revenue_target % 100 == 0 for w in report.weeks)
    money = format_money(report.weeks[1].revenue_target or 0, "USD", 2)
    assert "." not in money


def test_a_start_outside_the_quarter_or_won_above_the_quota_is_refused(
    session: Session,
) -> None:
    with pytest.raises(QuickLogError, match="not in 2026-Q4"):
        session.execute("plan quota:300k start:2027-01-04")
    with pytest.raises(QuickLogError, match="more than the quota"):
        session.execute("plan quota:300k won:400k")
    assert not session.book.plans
