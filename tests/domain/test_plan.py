"""Weekly revenue targets, activity targets and plan validation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cockpit.domain.calendar import Calendar
from cockpit.domain.model import Plan
from cockpit.domain.plan import (
    PlanError,
    parse_target,
    quarter_weeks,
    target_kind,
    validate_plan_change,
    weekly_revenue_targets,
    weekly_target,
)

CAL = Calendar()
Q4 = CAL.parse_quarter("2026-Q4")  # Thu 2026-10-01 .. Thu 2026-12-31

# 2026-Q4 working days: W40 is clipped to Thu 1 - Sun 4 Oct (2 days), W41..W52 are full
# (12 x 5 = 60), W53 is clipped to Mon 28 - Thu 31 Dec (4 days): 2 + 60 + 4 = 66
# (October 22 + November 21 + December 23 = 66).
FULL_WEEKS = [f"2026-W{n}" for n in range(41, 53)]


def plan(quota: int | None, **week_revenue: int) -> Plan:
    return Plan(
        1,
        "2026-Q4",
        quota=quota,
        week_revenue={k.replace("_", "-"): v for k, v in week_revenue.items()},
    )


def test_quarter_weeks_are_clipped_to_the_quarter_with_their_working_days() -> None:
    weeks = quarter_weeks(Q4, CAL)
    assert [w.name for w in weeks] == ["2026-W40", *FULL_WEEKS, "2026-W53"]
    assert (weeks[0].start, weeks[0].end, weeks[0].working_days) == (
        date(2026, 10, 1),
        date(2026, 10, 4),
        2,
    )
    assert (weeks[-1].start, weeks[-1].end, weeks[-1].working_days) == (
        date(2026, 12, 28),
        date(2026, 12, 31),
        4,
    )
    assert sum(w.working_days for w in weeks) == 66


def test_quota_spread_by_working_days() -> None:
    # $66,000 = 6,600,000 cents over 66 working days = 100,000 a day.
    targets = weekly_revenue_targets(plan(6_600_000), Q4, CAL)
    assert targets["2026-W40"] == 200_000  # 2 days
    assert all(targets[w] == 500_000 for w in FULL_WEEKS)  # 5 days
    assert targets["2026-W53"] == 400_000  # 4 days
    assert sum(targets.values()) == 6_600_000


def test_spread_rounds_by_largest_remainder_and_sums_exactly() -> None:
    # $300,000 / 66 days, in whole dollars. Exact shares: W40 600,000/66 = 9,090 r 60; a
    # full week 1,500,000/66 = 22,727 r 18; W53 1,200,000/66 = 18,181 r 54.
    # Floors sum to 9,090 + 12 x 22,727 + 18,181 = 299,995: 5 dollars to hand out, to the
    # largest remainders W40 (60), W53 (54), then the earliest of the 18s: W41..W43.
    targets = weekly_revenue_targets(plan(30_000_000), Q4, CAL)
    assert targets["2026-W40"] == 909_100
    assert targets["2026-W53"] == 1_818_200
    assert [targets[f"2026-W{n}"] for n in (41, 42, 43, 44, 52)] == [
        2_272_800,
        2_272_800,
        2_272_800,
        2_272_700,
        2_272_700,
    ]
    assert sum(targets.values()) == 30_000_000


def test_a_quota_with_cents_keeps_them_in_the_last_week() -> None:
    targets = weekly_revenue_targets(plan(30_000_050), Q4, CAL)
    assert all(v % 100 == 0 for k, v in targets.items() if k != "2026-W53")
    assert targets["2026-W53"] % 100 == 50
    assert sum(targets.values()) == 30_000_050


def test_a_holiday_week_gets_a_smaller_share() -> None:
    # Thanksgiving Thu 26 and Fri 27 Nov off: W48 has 3 days, the quarter 64.
    # $64,000 = 6,400,000 cents / 64 days = 100,000 a day.
    cal = Calendar(days_off={date(2026, 11, 26), date(2026, 11, 27)})
    targets = weekly_revenue_targets(plan(6_400_000), Q4, cal)
    assert targets["2026-W48"] == 300_000
    assert targets["2026-W47"] == 500_000
    assert targets["2026-W40"] == 200_000
    assert sum(targets.values()) == 6_400_000


def test_a_week_without_working_days_gets_nothing() -> None:
    # W52 (21-27 Dec) all off: the other 61 days share 6,100,000 cents, 100,000 each.
    cal = Calendar(days_off={date(2026, 12, 21) + timedelta(days=i) for i in range(7)})
    targets = weekly_revenue_targets(plan(6_100_000), Q4, cal)
    assert targets["2026-W52"] == 0
    assert targets["2026-W51"] == 500_000
    assert sum(targets.values()) == 6_100_000


def test_overridden_weeks_keep_their_target_and_the_rest_share_the_remainder() -> None:
    # W40 fixed at 1,000,000; the other 64 days share 5,600,000 = 87,500 a day:
    # full weeks 437,500, W53 (4 days) 350,000. 1,000,000 + 12 x 437,500 + 350,000.
    targets = weekly_revenue_targets(plan(6_600_000, **{"2026_W40": 1_000_000}), Q4, CAL)
    assert targets["2026-W40"] == 1_000_000
    assert all(targets[w] == 437_500 for w in FULL_WEEKS)
    assert targets["2026-W53"] == 350_000
    assert sum(targets.values()) == 6_600_000


def test_holiday_weeks_overridden_to_zero() -> None:
    # W52 and W53 set to 0; 66 - 9 = 57 days share 5,700,000 = 100,000 a day.
    targets = weekly_revenue_targets(plan(5_700_000, **{"2026_W52": 0, "2026_W53": 0}), Q4, CAL)
    assert (targets["2026-W52"], targets["2026-W53"]) == (0, 0)
    assert targets["2026-W40"] == 200_000
    assert targets["2026-W51"] == 500_000
    assert sum(targets.values()) == 5_700_000


def test_no_quota_no_revenue_targets() -> None:
    assert weekly_revenue_targets(plan(None), Q4, CAL) == {}


def test_weekly_target_per_day_counts_working_weekdays() -> None:
    assert weekly_target(50, "w", CAL) == 50
    assert weekly_target(10, "d", CAL) == 50  # Mon-Fri
    assert weekly_target(10, "d", Calendar(working_weekdays={0, 1, 2, 3})) == 40


def test_parse_target_and_kind() -> None:
    assert parse_target("50/w") == (50, "w")
    assert parse_target("10/d") == (10, "d")
    assert parse_target("8") == (8, "w")
    assert target_kind("calls") == "call"
    assert target_kind("deals") == "deal"
    assert target_kind("meeting") == "meeting"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("/w", "target '/w' needs a number: like 50/w or 10/d"),
        ("lots", "target 'lots' needs a number: like 50/w or 10/d"),
        ("", "target '' needs a number: like 50/w or 10/d"),
        ("-5/w", "target '-5/w' is negative: use 0 or more"),
        ("5/m", "target '5/m': per week is /w, per working day is /d"),
    ],
)
def test_bad_targets_are_refused(text: str, message: str) -> None:
    with pytest.raises(PlanError) as error:
        parse_target(text)
    assert str(error.value) == message


def test_unknown_target_kind() -> None:
    with pytest.raises(PlanError, match="unknown target 'socials'"):
        target_kind("socials")


# -- validate_plan_change ------------------------------------------------------------


def test_a_sound_change_has_no_warnings() -> None:
    assert (
        validate_plan_change(
            None,
            Q4,
            CAL,
            quota=30_000_000,
            week_overrides={"2026-W53": 0},
            targets={"calls": "50/w", "meetings": 8},
            daily="20",
        )
        == []
    )


@pytest.mark.parametrize("quota", [0, -100])
def test_quota_zero_or_negative_is_refused(quota: int) -> None:
    with pytest.raises(PlanError, match="must be more than zero"):
        validate_plan_change(None, Q4, CAL, quota=quota)


def test_overrides_above_the_quota_name_the_weeks_and_amounts() -> None:
    current = Plan(1, "2026-Q4", quota=30_000_000)
    with pytest.raises(PlanError) as error:
        validate_plan_change(
            current, Q4, CAL, week_overrides={"2026-W49": 16_000_000, "2026-W50": 16_000_000}
        )
    assert str(error.value) == (
        "weeks 2026-W49..W50 add up to $320,000, more than the quota $300,000"
    )


def test_overrides_are_checked_against_the_new_quota_with_the_existing_ones() -> None:
    # Existing W49 $200,000 plus new W52 $60,000 = $260,000 > new quota $250,000.
    current = Plan(1, "2026-Q4", quota=30_000_000, week_revenue={"2026-W49": 20_000_000})
    with pytest.raises(PlanError) as error:
        validate_plan_change(
            current, Q4, CAL, quota=25_000_000, week_overrides={"2026-W52": 6_000_000}
        )
    assert str(error.value) == (
        "weeks 2026-W49, 2026-W52 add up to $260,000, more than the quota $250,000"
    )


def test_removing_an_override_makes_room() -> None:
    current = Plan(1, "2026-Q4", quota=30_000_000, week_revenue={"2026-W49": 20_000_000})
    assert (
        validate_plan_change(
            current, Q4, CAL, week_overrides={"2026-W49": None, "2026-W50": 25_000_000}
        )
        == []
    )


def test_one_week_above_the_quota() -> None:
    with pytest.raises(PlanError) as error:
        validate_plan_change(None, Q4, CAL, quota=100_000, week_overrides={"2026-W48": 150_050})
    assert str(error.value) == "week 2026-W48 is $1,500.50, more than the quota $1,000"


def test_override_outside_the_quarter_is_refused() -> None:
    with pytest.raises(PlanError) as error:
        validate_plan_change(None, Q4, CAL, quota=100_000, week_overrides={"2027-W02": 1})
    assert str(error.value) == "week 2027-W02 is not in 2026-Q4 (2026-W40..2026-W53)"


def test_malformed_week_is_refused() -> None:
    with pytest.raises(PlanError, match="expected an ISO week like 2026-W48"):
        validate_plan_change(None, Q4, CAL, quota=100_000, week_overrides={"week 48": 1})


def test_override_without_a_quota_is_refused() -> None:
    with pytest.raises(PlanError, match=r"set a quota for 2026-Q4 before a week's target"):
        validate_plan_change(None, Q4, CAL, week_overrides={"2026-W48": 1})


def test_negative_values_are_refused() -> None:
    with pytest.raises(PlanError, match="week 2026-W48 target -\\$1 is negative"):
        validate_plan_change(None, Q4, CAL, quota=100_000, week_overrides={"2026-W48": -100})
    with pytest.raises(PlanError, match="call target -3 is negative"):
        validate_plan_change(None, Q4, CAL, targets={"calls": -3})
    with pytest.raises(PlanError, match="daily minimum '-2' is negative"):
        validate_plan_change(None, Q4, CAL, daily="-2")


def test_target_and_daily_without_a_number_are_refused() -> None:
    with pytest.raises(PlanError, match="target '/w' needs a number"):
        validate_plan_change(None, Q4, CAL, targets={"emails": "/w"})
    with pytest.raises(PlanError, match="daily minimum 'many' needs a number"):
        validate_plan_change(None, Q4, CAL, daily="many")


def test_currency_shapes_the_message() -> None:
    with pytest.raises(PlanError) as error:
        validate_plan_change(None, Q4, CAL, quota=-5_000, currency="EUR")
    assert str(error.value) == "quota -EUR 50 must be more than zero"


def test_warns_when_no_week_is_left_to_carry_the_rest() -> None:
    # Every week overridden to 100,000 x 14 = 1,400,000 of a 2,000,000 quota.
    overrides: dict[str, int | None] = {w.name: 100_000 for w in Q4.weeks()}
    assert validate_plan_change(None, Q4, CAL, quota=2_000_000, week_overrides=overrides) == [
        "weeks add up to $14,000, $6,000 short of the quota $20,000: "
        "no other working week is left to carry the rest"
    ]


def test_warns_about_a_target_on_a_week_without_working_days() -> None:
    cal = Calendar(days_off={date(2026, 12, 28) + timedelta(days=i) for i in range(4)})
    assert validate_plan_change(
        None, Q4, cal, quota=2_000_000, week_overrides={"2026-W53": 50_000}
    ) == ["week 2026-W53 has no working days in 2026-Q4 but a target of $500"]
