"""The Sprint: which deals are in it, why, and in what order (default coefficients)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cockpit.domain.model import Account, Deal
from cockpit.domain.sprint import Reason, SprintRow, sprint
from tests.domain.factory import BookFactory, at

TODAY = date(2026, 11, 25)  # a Wednesday


def quiet(f: BookFactory, title: str = "Quiet", account: Account | None = None, **kw: Any) -> Deal:
    """A deal with no reason to be in the Sprint, unless `kw` gives it one."""
    fields: dict[str, Any] = {
        "next_step": "send pricing",
        "next_due": date(2026, 12, 31),
        "created": at(TODAY),
    }
    fields.update(kw)
    return f.deal(title, account, **fields)


def only_row(f: BookFactory) -> SprintRow:
    view = sprint(f.book, TODAY)
    assert len(view.rows) == 1 and view.more == 0
    return view.rows[0]


def test_a_deal_without_reasons_is_not_in_the_sprint() -> None:
    f = BookFactory()
    quiet(f)
    assert sprint(f.book, TODAY).rows == []


def test_focused() -> None:
    f = BookFactory()
    quiet(f, focus=True)
    row = only_row(f)
    assert row.reasons == [Reason("focus", "focused", None)]
    assert row.urgency == 15.0


@pytest.mark.parametrize(
    ("next_due", "text", "days", "urgency"),
    [
        (date(2026, 11, 24), "next step 1 day overdue", 1, 13.0),  # 12 + 1
        (date(2026, 11, 23), "next step 2 days overdue", 2, 14.0),  # 12 + 2
        (date(2026, 11, 5), "next step 20 days overdue", 20, 26.0),  # 12 + 14 (capped)
    ],
)
def test_next_step_overdue(next_due: date, text: str, days: int, urgency: float) -> None:
    f = BookFactory()
    quiet(f, next_due=next_due)
    row = only_row(f)
    assert row.reasons == [Reason("overdue", text, days)]
    assert row.urgency == urgency


def test_next_step_due_today() -> None:
    f = BookFactory()
    quiet(f, next_due=TODAY)
    row = only_row(f)
    assert row.reasons == [Reason("due_today", "next step due today", 0)]
    assert row.urgency == 10.0


@pytest.mark.parametrize(
    ("close", "text", "days", "urgency"),
    [
        (date(2026, 11, 25), "closes today", 0, 8.0),  # 8 x 1.0
        (date(2026, 11, 26), "closes tomorrow", 1, 7.5),  # 8 x (1 - 0.8 x 1/14) = 7.54
        (date(2026, 11, 28), "closes in 3 days", 3, 6.6),  # 8 x (1 - 0.8 x 3/14) = 6.63
        (date(2026, 12, 9), "closes in 14 days", 14, 1.6),  # 8 x 0.2, the window's edge
    ],
)
def test_closing_within_the_sprint_window(
    close: date, text: str, days: int, urgency: float
) -> None:
    f = BookFactory()
    quiet(f, close=close)
    row = only_row(f)
    assert row.reasons == [Reason("closing_soon", text, days)]
    assert row.urgency == urgency


def test_a_close_date_beyond_the_window_is_no_reason() -> None:
    f = BookFactory()
    quiet(f, close=date(2026, 12, 10))  # 15 days ahead
    assert sprint(f.book, TODAY).rows == []


def test_the_sprint_window_is_a_setting() -> None:
    f = BookFactory()
    f.setting("sprint_window", 30)
    quiet(f, close=date(2026, 12, 10))
    assert only_row(f).reasons == [Reason("closing_soon", "closes in 15 days", 15)]


@pytest.mark.parametrize(
    ("close", "text", "days"),
    [
        (date(2026, 11, 20), "close date passed 5 days ago — update it", 5),
        (date(2026, 11, 24), "close date passed 1 day ago — update it", 1),
        # pendulum's diff_for_humans, with the book's today (issue 14)
        (date(2026, 11, 11), "close date passed 2 weeks ago — update it", 14),
        (date(2026, 9, 20), "close date passed 2 months ago — update it", 66),
    ],
)
def test_close_date_passed(close: date, text: str, days: int) -> None:
    f = BookFactory()
    quiet(f, close=close)
    row = only_row(f)
    assert row.reasons == [Reason("close_passed", text, days)]
    assert row.urgency == 9.0


@pytest.mark.parametrize(
    ("stage", "changed", "text", "urgency"),
    [
        ("proposal", date(2026, 11, 13), "idle 12 days in proposal", 6.6),  # 6 + 0.3 x 2
        ("negotiation", date(2026, 11, 17), "idle 8 days in negotiation", 6.3),  # 6 + 0.3
        ("qualified", date(2026, 11, 10), "idle 15 days in qualified", 6.3),
        ("proposal", date(2026, 10, 6), "idle 50 days in proposal", 15.0),  # 6 + 0.3 x 30
    ],
)
def test_rotting_beyond_the_stage_threshold(
    stage: str, changed: date, text: str, urgency: float
) -> None:
    f = BookFactory()
    quiet(f, stage=stage, created=at(date(2026, 9, 1)), stage_changed=at(changed))
    row = only_row(f)
    idle = (TODAY - changed).days
    assert row.reasons == [Reason("rotting", text, idle)]
    assert row.urgency == urgency


@pytest.mark.parametrize(
    ("stage", "changed"),
    [
        ("proposal", date(2026, 11, 15)),  # idle 10: at the threshold, not beyond
        ("negotiation", date(2026, 11, 18)),  # idle 7
        ("prospect", date(2026, 11, 13)),  # idle 12 of 14
    ],
)
def test_not_rotting_up_to_the_threshold(stage: str, changed: date) -> None:
    f = BookFactory()
    quiet(f, stage=stage, created=at(date(2026, 9, 1)), stage_changed=at(changed))
    assert sprint(f.book, TODAY).rows == []


def test_idle_counts_from_creation_when_nothing_else_happened() -> None:
    f = BookFactory()
    quiet(f, stage="prospect", created=at(date(2026, 11, 1)))
    assert only_row(f).reasons == [Reason("rotting", "idle 24 days in prospect", 24)]


def test_an_activity_on_the_deal_resets_idle() -> None:
    f = BookFactory()
    changed = at(date(2026, 11, 13))
    deal = quiet(f, stage="proposal", created=at(date(2026, 9, 1)), stage_changed=changed)
    assert [r.code for r in only_row(f).reasons] == ["rotting"]
    f.activity("call", date(2026, 11, 20), deal=deal)  # idle 5 days now
    assert sprint(f.book, TODAY).rows == []


def test_working_the_deal_resets_idle() -> None:
    """Setting the next step, its due date or the close date through a command is work."""
    f = BookFactory()
    changed = at(date(2026, 11, 13))
    quiet(f, stage="proposal", created=at(date(2026, 9, 1)), stage_changed=changed)
    assert [r.code for r in only_row(f).reasons] == ["rotting"]
    f = BookFactory()
    worked = at(date(2026, 11, 20))  # idle 5 days since
    quiet(f, stage="proposal", created=at(date(2026, 9, 1)), stage_changed=changed, worked=worked)
    assert sprint(f.book, TODAY).rows == []


def test_rot_thresholds_are_settings() -> None:
    f = BookFactory()
    f.setting("rot.proposal", 20)
    quiet(f, stage="proposal", created=at(date(2026, 9, 1)), stage_changed=at(date(2026, 11, 13)))
    assert sprint(f.book, TODAY).rows == []


def test_no_next_step() -> None:
    f = BookFactory()
    quiet(f, next_step=None, next_due=None)
    row = only_row(f)
    assert row.reasons == [Reason("no_next_step", "no next step", None)]
    assert row.urgency == 5.0


def test_commit_category() -> None:
    f = BookFactory()
    quiet(f, forecast_category="commit")
    row = only_row(f)
    assert row.reasons == [Reason("commit", "commit", None)]
    assert row.urgency == 4.0


def test_best_case_is_no_reason() -> None:
    f = BookFactory()
    quiet(f, forecast_category="best_case")
    assert sprint(f.book, TODAY).rows == []


@pytest.mark.parametrize(
    ("value", "urgency"),
    [
        (4_000_000, 17.0),  # $40,000: 15 + 0.5 x 4
        (50_000_000, 20.0),  # $500,000: 15 + 0.5 x 10 (capped)
    ],
)
def test_value_adds_to_urgency_but_is_no_reason(value: int, urgency: float) -> None:
    f = BookFactory()
    quiet(f, focus=True, value=value)
    assert only_row(f).urgency == urgency
    quiet(f, "Big but quiet", value=value)
    assert len(sprint(f.book, TODAY).rows) == 1


def test_several_reasons_add_up_in_a_fixed_order() -> None:
    f = BookFactory()
    quiet(
        f,
        focus=True,
        next_due=date(2026, 11, 23),
        close=date(2026, 11, 20),
        forecast_category="commit",
    )
    row = only_row(f)
    assert [r.code for r in row.reasons] == ["focus", "overdue", "close_passed", "commit"]
    assert row.urgency == 42.0  # 15 + (12 + 2) + 9 + 4


def test_ranked_by_urgency_then_close_date_then_id() -> None:
    f = BookFactory()
    quiet(f, "Due today, commit", next_due=TODAY, forecast_category="commit")  # 14.0, no close
    quiet(f, "Close passed", next_step=None, close=date(2026, 11, 20))  # 9 + 5 = 14.0
    quiet(f, "Hot", focus=True, next_due=date(2026, 11, 23), value=4_000_000)  # 15 + 14 + 2
    quiet(f, "Twin A", next_step=None, close=date(2026, 11, 21))  # 14.0, later close
    quiet(f, "Twin B", next_step=None, close=date(2026, 11, 21))  # same: the lower id first
    rows = sprint(f.book, TODAY).rows
    assert [(r.deal.title, r.urgency) for r in rows] == [
        ("Hot", 31.0),
        ("Close passed", 14.0),
        ("Twin A", 14.0),
        ("Twin B", 14.0),
        ("Due today, commit", 14.0),
    ]


def test_urgency_coefficients_are_settings() -> None:
    f = BookFactory()
    f.setting("urgency.focus", 1.0)
    quiet(f, "Focused", focus=True)
    quiet(f, "Nothing next", next_step=None)
    assert [(r.deal.title, r.urgency) for r in sprint(f.book, TODAY).rows] == [
        ("Nothing next", 5.0),
        ("Focused", 1.0),
    ]


@pytest.mark.parametrize(
    ("until", "shown"),
    [(date(2026, 11, 26), False), (TODAY, True), (date(2026, 11, 24), True)],
)
def test_snoozed_until_a_later_day_is_hidden(until: date, shown: bool) -> None:
    f = BookFactory()
    quiet(f, focus=True, snoozed_until=until)
    assert len(sprint(f.book, TODAY).rows) == (1 if shown else 0)


def test_closed_deals_are_left_out() -> None:
    f = BookFactory()
    quiet(f, "Won", stage="won", focus=True, next_step=None, forecast_category="commit")
    quiet(f, "Lost", stage="lost", focus=True, close=date(2026, 11, 1))
    assert sprint(f.book, TODAY).rows == []


def test_limit_and_more() -> None:
    f = BookFactory()
    for n in range(5):
        quiet(f, f"Deal {n}", focus=True, value=(5 - n) * 1_000_000)
    view = sprint(f.book, TODAY, limit=3)
    assert [r.deal.title for r in view.rows] == ["Deal 0", "Deal 1", "Deal 2"]
    assert view.more == 2
    assert sprint(f.book, TODAY, limit=0).more == 5
    full = sprint(f.book, TODAY)
    assert (len(full.rows), full.more) == (5, 0)


def test_a_row_carries_its_account_and_chase() -> None:
    f = BookFactory()
    acme = f.account("Acme Corp")
    deal = quiet(f, "Renewal", acme, focus=True)
    orphan = quiet(f, "Orphan", focus=True)
    f.activity("call", date(2026, 11, 18), deal=deal, direction="in")  # a response
    f.activity("call", date(2026, 11, 19), deal=deal, outcome="voicemail")
    f.activity("email", date(2026, 11, 20), deal=deal, outcome="sent")
    f.activity("note", date(2026, 11, 21), deal=deal)  # not a touch
    rows = {r.deal.id: r for r in sprint(f.book, TODAY).rows}
    assert rows[deal.id].account == acme
    assert rows[deal.id].chase == 2
    assert rows[orphan.id].account is None
    assert rows[orphan.id].chase == 0
