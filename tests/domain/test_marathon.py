"""The Marathon: relationships by when they are due a touch."""

from __future__ import annotations

from datetime import date

from cockpit.domain.marathon import MarathonRow, marathon
from tests.domain.factory import BookFactory, at

TODAY = date(2026, 11, 25)  # a Wednesday


def rows_by_name(f: BookFactory) -> dict[str, MarathonRow]:
    return {row.record.name: row for row in marathon(f.book, TODAY)}


def test_tier_default_and_override_cadence() -> None:
    f = BookFactory()
    key = f.account("Keyco", tier="key")  # 14 days
    growth = f.account("Growco", tier="growth")  # 30 days
    nurture = f.account("Nurtco", tier="nurture", cadence_days=7)  # overrides 60
    f.activity("call", date(2026, 11, 1), account=key)
    f.activity("email", date(2026, 11, 10), account=growth)
    f.activity("meeting", date(2026, 11, 20), account=nurture)
    rows = rows_by_name(f)
    assert (rows["Keyco"].cadence, rows["Keyco"].due, rows["Keyco"].days_overdue) == (
        14,
        date(2026, 11, 15),
        10,
    )
    assert (rows["Growco"].cadence, rows["Growco"].due, rows["Growco"].days_overdue) == (
        30,
        date(2026, 12, 10),
        0,
    )
    assert (rows["Nurtco"].cadence, rows["Nurtco"].due, rows["Nurtco"].days_overdue) == (
        7,
        date(2026, 11, 27),
        0,
    )
    assert rows["Keyco"].last_touch == date(2026, 11, 1)
    assert rows["Keyco"].tier == "key"


def test_tier_cadences_are_settings() -> None:
    f = BookFactory()
    f.setting("cadence.key", 21)
    key = f.account("Keyco", tier="key")
    f.activity("call", date(2026, 11, 1), account=key)
    assert rows_by_name(f)["Keyco"].due == date(2026, 11, 22)


def test_tier_none_has_no_cadence_unless_the_account_sets_one() -> None:
    f = BookFactory()
    f.account("Nobody", tier="none")
    own = f.account("Own rhythm", tier="none", cadence_days=21)
    f.activity("call", date(2026, 11, 20), account=own)
    assert [row.record.name for row in marathon(f.book, TODAY)] == ["Own rhythm"]
    assert rows_by_name(f)["Own rhythm"].due == date(2026, 12, 11)


def test_never_touched_is_due_when_created_or_today() -> None:
    f = BookFactory()
    f.account("New", tier="key", created=at(date(2026, 11, 20)))
    f.account("Undated", tier="key")
    rows = rows_by_name(f)
    assert (rows["New"].due, rows["New"].days_overdue, rows["New"].last_touch) == (
        date(2026, 11, 20),
        5,
        None,
    )
    assert (rows["Undated"].due, rows["Undated"].days_overdue) == (TODAY, 0)


def test_a_touch_resets_the_cadence_and_a_note_does_not() -> None:
    f = BookFactory()
    key = f.account("Keyco", tier="key")
    f.activity("call", date(2026, 11, 1), account=key)
    f.activity("note", date(2026, 11, 20), account=key)
    row = rows_by_name(f)["Keyco"]
    assert (row.last_touch, row.due, row.days_overdue) == (
        date(2026, 11, 1),
        date(2026, 11, 15),
        10,
    )
    f.activity("social", date(2026, 11, 20), account=key)
    row = rows_by_name(f)["Keyco"]
    assert (row.last_touch, row.due, row.days_overdue) == (date(2026, 11, 20), date(2026, 12, 4), 0)


def test_a_touch_on_a_contact_or_deal_counts_for_the_account() -> None:
    f = BookFactory()
    key = f.account("Keyco", tier="key")
    jane = f.contact("Jane", key)
    deal = f.deal("Renewal", key)
    f.activity("call", date(2026, 11, 1), account=key)
    f.activity("email", date(2026, 11, 18), contact=jane)
    assert rows_by_name(f)["Keyco"].due == date(2026, 12, 2)
    f.activity("demo", date(2026, 11, 24), deal=deal)
    assert rows_by_name(f)["Keyco"].due == date(2026, 12, 8)


def test_overdue_first_most_overdue_first_then_by_due() -> None:
    f = BookFactory()
    names_and_touches = [
        ("Later", date(2026, 11, 20)),  # due 12-04
        ("Worst", date(2026, 10, 1)),  # due 10-15, 41 days overdue
        ("Today", date(2026, 11, 11)),  # due 11-25
        ("Bad", date(2026, 11, 5)),  # due 11-19, 6 days overdue
        ("Soon", date(2026, 11, 13)),  # due 11-27
    ]
    for name, touched in names_and_touches:
        account = f.account(name, tier="key")
        f.activity("call", touched, account=account)
    rows = marathon(f.book, TODAY)
    assert [(r.record.name, r.days_overdue) for r in rows] == [
        ("Worst", 41),
        ("Bad", 6),
        ("Today", 0),
        ("Soon", 0),
        ("Later", 0),
    ]


def test_contacts_with_their_own_cadence_get_rows() -> None:
    f = BookFactory()
    acme = f.account("Acme", tier="growth")
    jane = f.contact("Jane", acme, cadence_days=10)
    f.contact("Bob", acme)  # no cadence of his own: no row
    loner = f.contact("Loner", None, cadence_days=30, created=at(date(2026, 11, 1)))
    f.activity("call", date(2026, 11, 12), contact=jane, outcome="voicemail")
    f.activity("email", date(2026, 11, 13), contact=jane, outcome="sent")
    rows = rows_by_name(f)
    assert set(rows) == {"Acme", "Jane", "Loner"}
    row = rows["Jane"]
    assert (row.kind, row.contact, row.account, row.tier) == ("contact", jane, acme, "growth")
    assert (row.cadence, row.last_touch, row.due, row.days_overdue) == (
        10,
        date(2026, 11, 13),
        date(2026, 11, 23),
        2,
    )
    assert row.chase == 2
    lone = rows["Loner"]
    assert (lone.kind, lone.account, lone.tier, lone.contact) == ("contact", None, None, loner)
    assert (lone.due, lone.days_overdue, lone.last_touch) == (date(2026, 11, 1), 24, None)
    assert rows["Acme"].kind == "account" and rows["Acme"].contact is None


def test_pipeline_lifetime_won_and_chase_of_an_account() -> None:
    f = BookFactory()
    acme = f.account("Acme", tier="key")
    f.account("Other", tier="key")
    f.deal("Open A", acme, value=1_000_000, stage="qualified")
    f.deal("Open B", acme, value=500_000, stage="negotiation")
    f.deal("Won before", acme, value=2_000_000, stage="won")
    f.deal("Lost", acme, value=700_000, stage="lost")
    quiet_deal = f.deal("Chased", acme, value=0)
    jane = f.contact("Jane", acme)
    for day in (date(2026, 11, 16), date(2026, 11, 18), date(2026, 11, 20)):
        f.activity("call", day, contact=jane, outcome="no_answer")
    f.activity("email", date(2026, 11, 19), deal=quiet_deal, outcome="sent")
    rows = rows_by_name(f)
    assert (rows["Acme"].open_pipeline, rows["Acme"].lifetime_won) == (1_500_000, 2_000_000)
    assert rows["Acme"].chase == 3  # the highest of Jane's 3 and the deal's 1
    assert (rows["Other"].open_pipeline, rows["Other"].lifetime_won, rows["Other"].chase) == (
        0,
        0,
        0,
    )
