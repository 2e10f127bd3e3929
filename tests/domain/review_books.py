"""Hand-built books the review tests read: 2026-W48 (every section worked out by hand in
the comments) and a week crossing the quarter boundary."""

from __future__ import annotations

from datetime import UTC, date, datetime

from cockpit.domain.book import Book
from cockpit.domain.calendar import Week
from cockpit.domain.model import FieldChange
from tests.domain.factory import BookFactory, at

__all__ = ["CROSSING_NOW", "NOW", "W48", "at", "change", "crossing_book", "d", "week48_book"]

W48 = Week.parse("2026-W48")
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)  # Thursday of the next week: W48 is over


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def change(month: int, day: int, field: str, old: object, new: object) -> FieldChange:
    return FieldChange(at(d(month, day)), field, old, new)


def week48_book() -> Book:
    """The book of the W48 tests (also read by the services tests).

    Q4 2026 has 66 weekdays (Oct 22, Nov 21, Dec 23); Fri 27 Nov is a day off, so 65
    working days and a quota of $650,000 is $10,000 a working day. W48 has 4 working days.
    """
    f = BookFactory()
    f.day_off(d(11, 27), text="Thanksgiving")
    f.plan(
        "2026-Q4",
        quota=650_000_00,
        weekly_targets={"call": 50, "email": 25, "meeting": 5, "deal": 2},
        daily_minimum=10,
    )
    acme = f.account("Acme Corp", "key", created=at(d(9, 1)))  # cadence 14
    globex = f.account("Globex", "growth", created=at(d(9, 1)))  # cadence 30
    initech = f.account("Initech", created=at(d(9, 1)))  # tier none: no cadence
    umbrella = f.account("Umbrella", "nurture", created=at(d(9, 1)))  # cadence 60
    hooli = f.account("Hooli", created=at(d(9, 1)))
    stark = f.account("Stark", created=at(d(9, 1)))
    wayne = f.account("Wayne", created=at(d(8, 1)))

    # 1 Acme renewal: committed since 10 Nov, won Thu 26 Nov for $45,000 (was $40,000).
    f.deal(
        "Renewal",
        acme,
        value=45_000_00,
        stage="won",
        forecast_category="commit",
        close=d(11, 26),
        created=at(d(10, 5)),
        won_at=at(d(11, 26)),
        stage_changed=at(d(11, 26)),
        history=[
            change(11, 10, "forecast_category", None, "commit"),
            change(11, 26, "value", 40_000_00, 45_000_00),
            change(11, 26, "stage", "negotiation", "won"),
        ],
    )
    # 2 Globex pilot: lost Wed 25 Nov, budget.
    f.deal(
        "Pilot",
        globex,
        value=12_000_00,
        stage="lost",
        close=d(12, 10),
        created=at(d(10, 12)),
        lost_at=at(d(11, 25)),
        lost_code="budget",
        lost_reason="budget frozen until Q3",
        stage_changed=at(d(11, 25)),
        history=[change(11, 25, "stage", "proposal", "lost")],
    )
    # 3 Initech expansion: qualified -> proposal and $30,000 -> $25,000 on Tue 24 Nov.
    f.deal(
        "Expansion",
        initech,
        value=25_000_00,
        stage="proposal",
        forecast_category="best_case",
        close=d(12, 4),
        created=at(d(10, 20)),
        stage_changed=at(d(11, 24)),
        history=[
            change(11, 24, "value", 30_000_00, 25_000_00),
            change(11, 24, "stage", "qualified", "proposal"),
        ],
    )
    # 4 Umbrella migration: close 30 Nov -> 18 Dec and commit -> best case on Wed 25 Nov;
    # idle since its call on 2 Nov (the call on 2 Dec came after the week).
    migration = f.deal(
        "Migration",
        umbrella,
        value=20_000_00,
        stage="negotiation",
        forecast_category="best_case",
        close=d(12, 18),
        slip_count=2,
        created=at(d(9, 15)),
        stage_changed=at(d(10, 1)),
        history=[
            change(11, 25, "close", "2026-11-30", "2026-12-18"),
            change(11, 25, "forecast_category", "commit", "best_case"),
        ],
    )
    # 5 Hooli: created Mon 23 Nov, prospect, closes 10 Dec.
    f.deal("New logo", hooli, value=15_000_00, close=d(12, 10), created=at(d(11, 23)))
    # 6 Stark: created Tue 24 Nov straight into commit, closes 20 Dec.
    f.deal(
        "Big one",
        stark,
        value=50_000_00,
        stage="qualified",
        forecast_category="commit",
        close=d(12, 20),
        created=at(d(11, 24)),
    )
    # 7 Wayne: prospect since 20 Nov, closes 1 Dec.
    f.deal(
        "Old friend",
        wayne,
        value=8_000_00,
        close=d(12, 1),
        created=at(d(8, 1)),
        stage_changed=at(d(11, 20)),
    )
    # 8 Hooli add-on: committed, won on Tue 1 Dec, after the week: open at the week's end.
    addon = f.deal(
        "Add-on",
        hooli,
        value=10_000_00,
        stage="won",
        forecast_category="commit",
        close=d(12, 1),
        created=at(d(10, 1)),
        won_at=at(d(12, 1)),
        stage_changed=at(d(12, 1)),
        history=[change(12, 1, "stage", "negotiation", "won")],
    )
    # 9 Globex early win in October; 10 a deal created after the week.
    f.deal(
        "Early",
        globex,
        value=100_000_00,
        stage="won",
        close=d(10, 15),
        created=at(d(9, 1)),
        won_at=at(d(10, 15)),
    )
    f.deal("Later", hooli, value=99_000_00, created=at(d(12, 2)), close=d(12, 5))

    # Touches before the week: one per week in W43, W45, W46, W47 plus 3 calls on Sun 22.
    f.activity("call", d(10, 20), account=globex)
    f.activity("call", d(11, 2), deal=migration)
    f.activity("call", d(11, 10), account=acme)
    f.activity("call", d(11, 20), deal=addon)
    f.touches(d(11, 22), 3)
    # The week: Mon 12 calls, Tue 8 emails, Wed 6 calls + 4 meetings, Thu 11 calls,
    # Fri (day off) 2 social touches, one at Acme; Sat a note (not a touch).
    f.touches(d(11, 23), 12)
    f.touches(d(11, 24), 8, "email")
    f.touches(d(11, 25), 6)
    f.touches(d(11, 25), 4, "meeting")
    f.touches(d(11, 26), 11)
    f.activity("social", d(11, 27), account=acme)
    f.activity("social", d(11, 27))
    f.activity("note", d(11, 28))
    # After the week: not this week's.
    f.touches(d(11, 30), 5)
    f.activity("call", d(12, 2), deal=migration)

    # Promises of the week.
    f.promise("P1 deck", d(11, 25), done_at=at(d(11, 24)), account=acme)  # early
    f.promise("P2 pricing", d(11, 26), done_at=at(d(11, 26), 17))  # on time
    f.promise("P3 references", d(11, 24), done_at=at(d(11, 25)))  # late
    f.promise("P4 case study", d(11, 25))  # missed
    f.promise("P5 contract", d(11, 26), done_at=at(d(12, 1)))  # missed by the week's end
    f.promise("P6 old", d(11, 20))  # missed the week before: not this week's
    f.promise("P7 early bird", d(12, 4), done_at=at(d(11, 27)))  # early
    f.promise("P8 sunday", d(11, 29))  # due Sunday, the week is over: missed
    return f.book


def crossing_book() -> BookFactory:
    """2026-W53 is Mon 28 Dec 2026 - Sun 3 Jan 2027: Mon-Thu in 2026-Q4, Fri in 2027-Q1.

    Q4 has 66 working days, quota 660,000: 10,000 a day. Q1 2027 has 64 (Jan 21, Feb 20,
    Mar 23), quota 640,000: 10,000 a day.
    """
    f = BookFactory()
    f.plan("2026-Q4", quota=660_000_00, weekly_targets={"call": 50}, daily_minimum=20)
    f.plan("2027-Q1", quota=640_000_00, weekly_targets={"call": 100, "email": 10}, daily_minimum=5)
    acme = f.account("Acme", created=at(date(2026, 10, 1)))
    f.deal(
        "Q4 win",
        acme,
        value=20_000_00,
        stage="won",
        close=date(2026, 12, 30),
        created=at(date(2026, 10, 1)),
        won_at=at(date(2026, 12, 30)),
    )
    f.deal(
        "Q1 win",
        acme,
        value=5_000_00,
        stage="won",
        close=date(2027, 1, 1),
        created=at(date(2026, 10, 1)),
        won_at=at(date(2027, 1, 1)),
    )
    f.deal(
        "Q1 commit",
        acme,
        value=30_000_00,
        stage="negotiation",
        forecast_category="commit",
        close=date(2027, 1, 15),
        created=at(date(2026, 10, 1)),
    )
    f.touches(date(2026, 12, 28), 20)
    f.touches(date(2027, 1, 1), 5, "email")
    return f


CROSSING_NOW = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
