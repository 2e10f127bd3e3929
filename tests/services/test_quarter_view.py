"""`cockpit quarter` output: the JSON contract of DESIGN §5 and the plain-text report."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from cockpit.services.quarter_view import quarter_json, quarter_text
from tests.domain.quarter_factory import QuarterBook

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)  # Wednesday of 2026-W48, week 9 of 14
WED = NOW.date()

TOP_KEYS = [
    "now",
    "currency",
    "schema_version",
    "quarter",
    "start",
    "end",
    "quota",
    "won",
    "won_before",
    "won_count",
    "lost_count",
    "dated_ahead",
    "attainment",
    "expected_to_date",
    "ahead_by",
    "weighted_pipeline",
    "commit",
    "best_case",
    "coverage",
    "projection",
    "weeks",
]
WEEK_KEYS = ["week", "start", "end", "revenue_target", "revenue_won", "activities"]
KINDS = ["call", "email", "meeting", "demo", "proposal", "deal"]


def book(**settings: object) -> QuarterBook:
    # Quota $66,000 over 66 working days: $1,000 a day, $5,000 a full week.
    qb = QuarterBook(**settings)
    qb.plan(quota=6_600_000, weekly_targets={"call": 50, "meeting": 8})
    qb.won(1_000_050, date(2026, 10, 15))  # $10,000.50 in W42
    qb.deal(800_000, "negotiation", close=date(2026, 12, 15), forecast_category="commit")
    qb.deal(1_200_000, "proposal", close=date(2027, 2, 1))  # next quarter: not counted
    qb.activity("call", date(2026, 11, 23))
    qb.activity("call", WED)
    return qb


def test_json_has_exactly_the_contract_keys_and_dumps() -> None:
    qb = book()
    doc = quarter_json(qb.book, qb.book.calendar.parse_quarter("2026-Q4"), NOW, 3)
    assert list(doc) == TOP_KEYS
    assert all(list(week) == WEEK_KEYS for week in doc["weeks"])
    assert all(list(week["activities"]) == KINDS for week in doc["weeks"])
    assert json.loads(json.dumps(doc)) == doc


def test_json_values_in_major_units() -> None:
    qb = book()
    doc = quarter_json(qb.book, qb.book.calendar.parse_quarter("2026-Q4"), NOW, 3)
    assert doc["now"] == "2026-11-25T09:30:00+00:00"
    assert (doc["currency"], doc["schema_version"], doc["quarter"]) == ("USD", 3, "2026-Q4")
    assert (doc["start"], doc["end"]) == ("2026-10-01", "2026-12-31")
    assert doc["quota"] == 66000 and isinstance(doc["quota"], int)
    assert doc["won"] == 10000.5
    assert doc["attainment"] == pytest.approx(1_000_050 / 6_600_000)
    # Expected: W40 $2,000 + W41..W47 7 x $5,000 + 2/5 of W48's $5,000 = $39,000.
    assert doc["expected_to_date"] == 39000
    assert doc["ahead_by"] == 10000.5 - 39000  # -28,999.50: behind
    assert doc["weighted_pipeline"] == 6000  # $8,000 x 75 %
    assert doc["commit"] == 18000.5  # won $10,000.50 + commit $8,000
    assert doc["best_case"] == 18000.5
    assert doc["coverage"] == pytest.approx(800_000 / (6_600_000 - 1_000_050))
    assert doc["projection"] == 16000.5  # won + weighted


def test_json_weeks() -> None:
    qb = book()
    weeks = quarter_json(qb.book, qb.book.calendar.parse_quarter("2026-Q4"), NOW, 3)["weeks"]
    assert len(weeks) == 14
    assert weeks[0] == {
        "week": "2026-W40",
        "start": "2026-10-01",
        "end": "2026-10-04",
        "revenue_target": 2000,
        "revenue_won": 0,
        "activities": {  # a 2-day week: 50 x 2/5 = 20 calls, 8 x 2/5 = 3.2 -> 3 meetings
            "call": {"target": 20, "done": 0},
            "email": {"target": None, "done": 0},
            "meeting": {"target": 3, "done": 0},
            "demo": {"target": None, "done": 0},
            "proposal": {"target": None, "done": 0},
            "deal": {"target": None, "done": 0},
        },
    }
    assert weeks[2]["revenue_won"] == 10000.5
    assert weeks[8]["week"] == "2026-W48"
    assert weeks[8]["activities"]["call"] == {"target": 50, "done": 2}


def test_json_without_a_plan_has_nulls_for_plan_figures() -> None:
    qb = book()
    qb.book.apply("plans", 1, None)
    doc = quarter_json(qb.book, qb.book.calendar.parse_quarter("2026-Q4"), NOW, 3)
    for key in ("quota", "attainment", "expected_to_date", "ahead_by", "coverage"):
        assert doc[key] is None, key
    assert (doc["won"], doc["commit"], doc["projection"]) == (10000.5, 18000.5, 16000.5)
    assert all(week["revenue_target"] is None for week in doc["weeks"])
    assert doc["weeks"][8]["activities"]["call"] == {"target": None, "done": 2}
    assert json.loads(json.dumps(doc)) == doc


def test_json_money_follows_the_currency_minor_digits() -> None:
    qb = book(currency="JPY")  # no minor unit: 6,600,000 is ¥6,600,000
    doc = quarter_json(qb.book, qb.book.calendar.parse_quarter("2026-Q4"), NOW, 3)
    assert (doc["currency"], doc["quota"], doc["won"]) == ("JPY", 6_600_000, 1_000_050)


def test_text_report() -> None:
    qb = book()
    text = quarter_text(qb.book, qb.book.calendar.parse_quarter("2026-Q4"), NOW)
    lines = text.splitlines()
    assert lines[0] == "2026-Q4 · week 9 of 14 · 2026-10-01..2026-12-31"
    assert lines[1] == "Won         $10,000.50 of $66,000 (15 %)"  # 10,000.50 / 66,000 = 15.2 %
    assert lines[2] == "Behind by   $28,999.50 (expected to date $39,000)"
    assert lines[3] == "Forecast    commit $18,000.50 · best case $18,000.50 · weighted $6,000"
    assert lines[4] == "Projection  $16,000.50 (won + weighted pipeline)"
    # $8,000 open for $66,000 - $10,000.50 = $55,999.50 to go: 0.14x
    assert lines[5] == "Coverage    0.14x (open $8,000 for $55,999.50 to go)"
    assert "  2026-W40  Oct 01-Oct 04  $2,000          $0" in lines
    assert "  2026-W42  Oct 12-Oct 18  $5,000  $10,000.50" in lines
    assert "  2026-W48  Nov 23-Nov 29  $5,000          $0  < this week" in lines
    assert sum("< this week" in line for line in lines) == 1
    this_week = lines.index("This week 2026-W48")
    assert lines[this_week + 1 : this_week + 4] == [
        "  call      2/50  48 to go",
        "  email        0",
        "  meeting    0/8  8 to go",
    ]
    # Momentum: 1 touch today against the default minimum of 20; no day met, no streak.
    assert lines[-1] == "  1/20 touches today · streak 0 days"


def test_text_when_ahead_and_the_quota_is_met() -> None:
    qb = book()
    qb.won(6_000_000, date(2026, 11, 2))  # $70,000.50 won of $66,000
    lines = quarter_text(qb.book, qb.book.calendar.parse_quarter("2026-Q4"), NOW).splitlines()
    assert lines[1] == "Won         $70,000.50 of $66,000 (106 %)"
    assert lines[2] == "Ahead by    $31,000.50 (expected to date $39,000)"
    assert "Coverage    quota met (open $8,000)" in lines


def test_text_for_a_past_quarter_without_a_plan() -> None:
    qb = book()
    lines = quarter_text(qb.book, qb.book.calendar.parse_quarter("2026-Q3"), NOW).splitlines()
    assert lines[0] == "2026-Q3 · ended 2026-09-30 · 2026-07-01..2026-09-30"
    assert "No plan for 2026-Q3 yet: plan 2026-Q3 quota:300k calls:50/w daily:20" in lines
    assert not any(line.startswith("This week") or line == "Momentum" for line in lines)
    assert "< this week" not in "\n".join(lines)


def test_won_and_lost_counts_and_deals_dated_after_today() -> None:
    qb = book()
    qb.deal(500_000, "lost", lost_at=datetime(2026, 11, 2, 10, tzinfo=UTC), close=date(2026, 11, 2))
    # An import's won deal dated next month: counted, and flagged.
    qb.won(300_000, date(2026, 12, 10))
    quarter = qb.book.calendar.parse_quarter("2026-Q4")
    doc = quarter_json(qb.book, quarter, NOW, 3)
    assert (doc["won_count"], doc["lost_count"], doc["dated_ahead"]) == (2, 1, 1)
    text = quarter_text(qb.book, quarter, NOW).splitlines()
    assert "Closed      2 won · 1 lost" in text
    assert "Check       1 won/lost deal is dated after today" in text
