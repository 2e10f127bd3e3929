"""The demo book: believable, consistent, deterministic, and written through the store."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pendulum
import pytest

from cockpit.demo import (
    TABLES,
    demo_counts,
    demo_summary,
    generate_demo,
    write_demo,
)
from cockpit.domain.book import Book
from cockpit.domain.calendar import Calendar
from cockpit.domain.codec import from_doc, to_doc
from cockpit.domain.marathon import marathon
from cockpit.domain.model import LOST_CODES, OUTCOMES, Deal, FieldChange
from cockpit.domain.momentum import momentum
from cockpit.domain.promises import promise_status
from cockpit.domain.sprint import deal_reasons, idle_days
from cockpit.store import Store

TZ = ZoneInfo("Europe/Berlin")  # summer time ends on 2026-10-25, inside the default book
NOW = datetime(2026, 11, 25, 14, 10, tzinfo=TZ)  # a Wednesday afternoon
TODAY = NOW.date()
HANDLE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ROOT = Path(__file__).resolve().parents[2]

Tables = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def demo() -> Tables:
    return generate_demo(NOW)


@pytest.fixture(scope="module")
def one_year() -> Tables:
    return generate_demo(NOW, years=1)


@pytest.fixture(scope="module", params=["default", "one-year"])
def any_book(request: pytest.FixtureRequest, demo: Tables, one_year: Tables) -> Tables:
    return demo if request.param == "default" else one_year


@pytest.fixture(scope="module")
def book(demo: Tables) -> Book:
    return as_book(demo)


def as_book(tables: Tables) -> Book:
    return Book.from_tables({t: {d["id"]: d for d in docs} for t, docs in tables.items()})


def moments(tables: Tables) -> Iterator[tuple[str, datetime]]:
    """Every timestamp in the book, with where it was found."""
    keys = ("at", "created", "stage_changed", "won_at", "lost_at", "done_at")
    for table in TABLES[1:]:
        for doc in tables[table]:
            for key in keys:
                if doc.get(key) is not None:
                    yield f"{table} #{doc['id']} {key}", datetime.fromisoformat(doc[key])
            for change in doc.get("history", []):
                yield f"{table} #{doc['id']} history", datetime.fromisoformat(change["at"])


def digest(tables: Tables) -> str:
    return hashlib.sha256(json.dumps(tables, sort_keys=True).encode()).hexdigest()


# -- determinism -------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_book(demo: Tables) -> None:
    assert generate_demo(NOW, seed=7) == demo


def test_another_seed_gives_another_book(demo: Tables) -> None:
    other = generate_demo(NOW, seed=8)
    assert [a["name"] for a in other["accounts"]] != [a["name"] for a in demo["accounts"]]
    assert other["activities"] != demo["activities"]


def test_the_book_does_not_depend_on_the_hash_seed(demo: Tables) -> None:
    script = (
        "import hashlib, json; from datetime import datetime; from zoneinfo import ZoneInfo;"
        "from cockpit.demo import generate_demo;"
        "t = generate_demo(datetime(2026, 11, 25, 14, 10, tzinfo=ZoneInfo('Europe/Berlin')));"
        "print(hashlib.sha256(json.dumps(t, sort_keys=True).encode()).hexdigest())"
    )
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == digest(demo)


def test_a_pendulum_clock_gives_the_same_book(demo: Tables) -> None:
    assert generate_demo(pendulum.datetime(2026, 11, 25, 14, 10, tz="Europe/Berlin")) == demo


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 28, 11, 0, tzinfo=TZ),  # a Saturday
        datetime(2026, 11, 23, 7, 45, tzinfo=TZ),  # Monday, before work
        datetime(2026, 12, 29, 10, 0, tzinfo=TZ),  # in the year-end days off
        datetime(2027, 1, 4, 9, 0, tzinfo=UTC),  # first day of a quarter and a year
        datetime(2028, 2, 29, 16, 0, tzinfo=ZoneInfo("America/New_York")),  # leap day
    ],
)
def test_any_clock_gives_a_book_with_its_story(now: datetime) -> None:
    tables = generate_demo(now)
    book = as_book(tables)
    today = now.date()
    assert [where for where, at in moments(tables) if at > now] == []
    found = {r.code for d in book.open_deals() for r in deal_reasons(book, d, today)}
    assert {"overdue", "due_today", "no_next_step", "rotting", "focus"} <= found
    assert Counter(promise_status(p, today) for p in book.promises.values())["missed"] == 1
    if now.hour < 8 or not book.calendar.is_working_day(today):
        assert book.activities_on(today) == []


# -- the format --------------------------------------------------------------------------


def test_every_table_is_there_with_ids_from_one(any_book: Tables) -> None:
    assert list(any_book) == list(TABLES)
    for table, docs in any_book.items():
        assert [d["id"] for d in docs] == list(range(1, len(docs) + 1)), table


def test_every_document_round_trips_through_the_codec(any_book: Tables) -> None:
    for table in TABLES[1:]:
        for doc in any_book[table]:
            assert to_doc(from_doc(table, doc)) == doc


def test_the_demo_runs_on_default_settings(demo: Tables) -> None:
    assert demo["settings"] == []


def test_references_point_at_records_that_exist(any_book: Tables) -> None:
    ids = {t: {d["id"] for d in any_book[t]} for t in ("accounts", "contacts", "deals")}
    links = {"account_id": "accounts", "contact_id": "contacts", "deal_id": "deals"}
    for table in ("contacts", "deals", "activities", "promises"):
        for doc in any_book[table]:
            for key, target in links.items():
                if doc.get(key) is not None:
                    assert doc[key] in ids[target], f"{table} #{doc['id']} {key}"
    contacts = {c["id"]: c for c in any_book["contacts"]}
    deals = {d["id"]: d for d in any_book["deals"]}
    for doc in any_book["activities"] + any_book["promises"]:
        # A contact or deal named on an activity belongs to the account named with it.
        if doc["contact_id"] is not None:
            assert contacts[doc["contact_id"]]["account_id"] == doc["account_id"]
        if doc["deal_id"] is not None:
            assert deals[doc["deal_id"]]["account_id"] == doc["account_id"]


def test_handles_are_unique_and_slug_shaped(any_book: Tables) -> None:
    for table in ("accounts", "contacts", "deals"):
        handles = [d["handle"] for d in any_book[table]]
        assert len(set(handles)) == len(handles), table
        assert all(HANDLE.match(h) for h in handles), table
    accounts = {a["id"]: a["handle"] for a in any_book["accounts"]}
    for deal in any_book["deals"]:
        assert deal["handle"].startswith(accounts[deal["account_id"]] + "-")


def test_acme_corps_handle_is_made_from_its_name(one_year: Tables) -> None:
    handles = {a["name"]: a["handle"] for a in one_year["accounts"]}  # every built-in name
    assert handles["Acme Corp"] == "acme-corp"
    assert handles["City Power & Light"] == "city-power-light"


# -- time ----------------------------------------------------------------------------------


def test_nothing_happens_after_now(any_book: Tables) -> None:
    late = [(where, at) for where, at in moments(any_book) if at > NOW]
    assert late == []


def test_timestamps_carry_the_zones_offset_for_their_local_time(demo: Tables) -> None:
    offsets = set()
    for where, at in moments(demo):
        local = at.astimezone(TZ)
        assert local.replace(tzinfo=None) == at.replace(tzinfo=None), where
        offsets.add(at.utcoffset())
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}  # both sides of 25 October


def test_activities_fall_in_working_hours_on_working_days(any_book: Tables) -> None:
    holidays = [
        (date.fromisoformat(d["start"]), date.fromisoformat(d["end"])) for d in any_book["days_off"]
    ]
    calendar = Calendar()
    for activity in any_book["activities"]:
        at = datetime.fromisoformat(activity["at"])
        assert calendar.is_working_day(at.date()), activity
        assert not any(start <= at.date() <= end for start, end in holidays), activity
        assert time(8, 30) <= at.time() < time(17, 30), activity


def test_today_is_under_way(book: Book) -> None:
    today = book.activities_on(TODAY)
    assert 5 <= len(today) < 26  # a partial day: the rep logs ~26 a day
    assert all(a.at <= NOW for a in today)
    assert momentum(book, TODAY).streak >= 5  # a good run behind the rep


def test_activities_are_numbered_in_time_order(any_book: Tables) -> None:
    moments_ = [datetime.fromisoformat(a["at"]) for a in any_book["activities"]]
    assert moments_ == sorted(moments_)


def test_the_default_book_covers_about_four_months(demo: Tables) -> None:
    first = datetime.fromisoformat(demo["activities"][0]["at"]).date()
    assert date(2026, 7, 29) <= first <= date(2026, 8, 3)  # 17 weeks before today


def test_the_one_year_book_spans_the_year(one_year: Tables) -> None:
    first = datetime.fromisoformat(one_year["activities"][0]["at"]).date()
    last = datetime.fromisoformat(one_year["activities"][-1]["at"]).date()
    assert date(2025, 11, 25) <= first <= date(2025, 12, 1)
    assert last == TODAY


# -- sizes ---------------------------------------------------------------------------------


def sizes(tables: Tables) -> tuple[int, ...]:
    return tuple(
        len(tables[t]) for t in ("accounts", "contacts", "deals", "activities", "promises")
    )


def test_the_one_year_book_has_the_benchmark_sizes(one_year: Tables) -> None:
    assert sizes(one_year) == (300, 1_200, 700, 12_000, 800)


def test_benchmark_sizes_follow_design_and_scale_linearly_between() -> None:
    assert demo_counts(3) == (1_000, 4_000, 2_000, 36_000, 2_400)
    assert demo_counts(10) == (2_500, 10_000, 6_000, 120_000, 8_000)
    assert demo_counts(2) == (650, 2_600, 1_350, 24_000, 1_600)  # halfway from 1 to 3
    assert demo_counts(20) == (5_000, 20_000, 12_000, 240_000, 16_000)  # twice 10


def test_the_default_book_is_a_reps_few_months(demo: Tables) -> None:
    assert sizes(demo)[:3] == (40, 120, 60)
    assert sizes(demo)[4] == 30
    assert 1_800 <= sizes(demo)[3] <= 2_600  # ~26 a working day for 17 weeks
    assert Counter(a["tier"] for a in demo["accounts"]) == {
        "key": 6,
        "growth": 10,
        "nurture": 12,
        "none": 12,
    }


def test_summary_counts_what_a_rep_reads() -> None:
    tables: Tables = {
        "accounts": [{}],
        "contacts": [{}, {}],
        "deals": [],
        "activities": [{}] * 1_523,
        "promises": [{}] * 30,
    }
    assert demo_summary(tables) == "1 account, 2 contacts, 0 deals, 1,523 activities, 30 promises"


def test_generate_demo_refuses_a_naive_clock_and_odd_sizes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        generate_demo(datetime(2026, 11, 25, 14, 10))
    for years in (0, -1):
        with pytest.raises(ValueError, match="positive"):
            generate_demo(NOW, years=years)


# -- the story -----------------------------------------------------------------------------


def reasons(book: Book) -> dict[int, set[str]]:
    return {d.id: {r.code for r in deal_reasons(book, d, TODAY)} for d in book.open_deals()}


def test_the_sprint_has_every_kind_of_reason(book: Book) -> None:
    found = Counter(code for codes in reasons(book).values() for code in codes)
    for code in ("overdue", "due_today", "no_next_step", "rotting", "focus", "commit"):
        assert found[code] >= 1, code
    assert found["close_passed"] >= 1 and found["closing_soon"] >= 1
    assert found["focus"] == 2


def test_one_deal_is_clearly_stale(book: Book) -> None:
    def rot(deal: Deal) -> int:
        return book.settings.rot_days(deal.stage) or 0

    stale = [d for d in book.open_deals() if (idle_days(book, d, TODAY) or 0) > 2 * rot(d)]
    assert len(stale) == 1
    assert stale[0].next_due is not None and stale[0].next_due < TODAY - timedelta(days=14)


def test_one_deal_is_snoozed_until_after_today(book: Book) -> None:
    snoozed = [d for d in book.deals.values() if d.snoozed_until is not None]
    assert len(snoozed) == 1
    until = snoozed[0].snoozed_until
    assert snoozed[0].is_open and until is not None and until > TODAY


def test_deals_span_the_stages_values_and_forecast(book: Book) -> None:
    stages = Counter(d.stage for d in book.deals.values())
    assert set(stages) == {"prospect", "qualified", "proposal", "negotiation", "won", "lost"}
    assert all(500_000 <= d.value <= 25_000_000 for d in book.deals.values())
    categories = Counter(book.forecast_category(d) for d in book.open_deals())
    assert categories["commit"] >= 2 and categories["best_case"] >= 2
    titles = {d.title for d in book.deals.values()}
    assert "Renewal 2027" in titles and "Pilot" in titles


def test_won_and_lost_deals_carry_their_facts(book: Book) -> None:
    quarter = book.calendar.quarter_of(TODAY)
    won = [d for d in book.deals.values() if d.stage == "won"]
    for deal in won:
        assert deal.won_at is not None and deal.stage_changed == deal.won_at
        assert deal.close == deal.won_at.date()
    assert any(quarter.contains(d.close) for d in won if d.close)
    assert any(d.close < quarter.start for d in won if d.close)
    lost = [d for d in book.deals.values() if d.stage == "lost"]
    assert lost
    for deal in lost:
        assert deal.lost_at is not None and deal.stage_changed == deal.lost_at
        assert deal.lost_code in LOST_CODES and deal.lost_reason


def changes(deal: Deal, field: str) -> list[FieldChange]:
    return [c for c in deal.history if c.field == field]


def test_history_tells_the_same_story_as_the_fields(any_book: Tables) -> None:
    for doc in any_book["deals"]:
        deal: Deal = from_doc("deals", doc)
        moments_ = [c.at for c in deal.history]
        assert moments_ == sorted(moments_)
        assert deal.created is not None and all(at >= deal.created for at in moments_)
        stages = changes(deal, "stage")
        for before, after in zip(stages, stages[1:], strict=False):
            assert before.new == after.old, deal.handle
        if stages:
            assert stages[-1].new == deal.stage and stages[-1].at == deal.stage_changed
        closes = changes(deal, "close")
        assert deal.slip_count == sum(1 for c in closes if c.new > c.old)
        if closes:
            assert deal.close is not None and closes[-1].new == deal.close.isoformat()
        values = changes(deal, "value")
        if values:
            assert values[-1].new == deal.value
        steps, dues = changes(deal, "next_step"), changes(deal, "next_due")
        if steps:
            assert steps[-1].new == deal.next_step
            assert deal.next_due is not None and dues[-1].new == deal.next_due.isoformat()
        if deal.forecast_category is not None:
            assert changes(deal, "forecast_category")[-1].new == deal.forecast_category


def test_some_follow_ups_go_unanswered(book: Book) -> None:
    deal_chases = [book.chase("deal_id", d.id) for d in book.open_deals()]
    contact_chases = [book.chase("contact_id", c) for c in book.contacts]
    assert sum(3 <= n <= 7 for n in deal_chases) >= 3
    assert sum(3 <= n <= 7 for n in contact_chases) >= 3


def test_a_few_accounts_are_overdue_on_their_cadence(book: Book) -> None:
    overdue = [r for r in marathon(book, TODAY) if r.days_overdue > 0]
    assert [r.kind for r in overdue] == ["account"] * 3
    assert {r.tier for r in overdue} == {"key", "growth", "nurture"}


def test_activities_use_the_closed_lists(any_book: Tables) -> None:
    kinds = Counter(a["kind"] for a in any_book["activities"])
    assert set(kinds) == {"call", "email", "meeting", "demo", "proposal", "social", "note"}
    assert {a["outcome"] for a in any_book["activities"]} <= {*OUTCOMES, None}
    inbound = [a for a in any_book["activities"] if a["direction"] == "in"]
    assert inbound and all(a["outcome"] in ("connected", "replied") for a in inbound)


def test_promises_due_this_week_one_missed_and_a_score(book: Book) -> None:
    statuses = Counter(promise_status(p, TODAY) for p in book.promises.values())
    assert statuses["missed"] == 1
    assert statuses["early"] and statuses["on_time"] and statuses["late"]
    this_week = [
        p
        for p in book.promises.values()
        if p.done_at is None and TODAY <= p.due <= date(2026, 11, 29)
    ]
    assert len(this_week) >= 3
    for promise in book.promises.values():
        # As `promise` sets it: a working day early, but not before the day it was made.
        assert promise.created is not None
        made = promise.created.date()
        aim = max(book.calendar.previous_working_day(promise.due), made)
        assert promise.aim == (aim if promise.due >= made else promise.due)


def test_a_plan_for_the_current_quarter(demo: Tables) -> None:
    # The quota leaves the demo rep a little behind the pace on 2026-11-25: the quarter
    # pane then has something to say. Won this quarter $444,500; 39 of 60 working days
    # gone (65 %, the holidays are days off); 444,500 / (0.65 - 0.08) = 779.8k, rounded
    # to 25k steps: 775k.
    assert demo["plans"] == [
        {
            "id": 1,
            "quarter": "2026-Q4",
            "quota": 77_500_000,
            "weekly_targets": {
                "call": 50,
                "email": 100,
                "meeting": 8,
                "demo": 3,
                "proposal": 2,
                "deal": 5,
            },
            "daily_minimum": 20,
            "week_revenue": {},
            "start": None,
            "won_before": 0,
        }
    ]


def test_the_year_end_holidays_are_days_off(demo: Tables) -> None:
    assert demo["days_off"] == [
        {"id": 1, "start": "2026-12-24", "end": "2027-01-01", "text": "Holidays"}
    ]


# -- writing it ----------------------------------------------------------------------------


def stored(path: Path) -> dict[str, list[dict[str, Any]]]:
    store = Store.open(path, now=lambda: NOW, create=False)
    try:
        return {t: [store.tables[t][i] for i in sorted(store.tables[t])] for t in TABLES}
    finally:
        store.close()


def test_write_demo_writes_a_book_the_store_reads_back(tmp_path: Path, demo: Tables) -> None:
    path = tmp_path / "books" / "cockpit.json"
    summary = write_demo(path, NOW)
    assert summary == demo_summary(demo)
    assert summary.startswith("40 accounts, 120 contacts, 60 deals, ")
    assert stored(path) == demo
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["cockpit.json", "cockpit.json.index"]


def test_write_demo_refuses_an_existing_book(tmp_path: Path) -> None:
    path = tmp_path / "cockpit.json"
    path.write_text('{"accounts": {}}')
    with pytest.raises(FileExistsError, match="cockpit.json already exists; use --force"):
        write_demo(path, NOW)
    assert path.read_text() == '{"accounts": {}}'


def test_write_demo_refuses_a_journal_left_without_its_book(tmp_path: Path) -> None:
    path = tmp_path / "cockpit.json"
    (tmp_path / "cockpit.json.journal").write_text("{}\n")
    with pytest.raises(FileExistsError, match="journal already exists"):
        write_demo(path, NOW)
    assert not path.exists()


def test_force_replaces_the_book_and_keeps_its_backups(tmp_path: Path) -> None:
    path = tmp_path / "cockpit.json"
    write_demo(path, NOW)
    backup = tmp_path / "backups" / "cockpit-2026-11-25.json"
    backup.parent.mkdir()
    backup.write_text("yesterday's book")
    (tmp_path / "cockpit.json.journal").write_text("not for the new book\n")
    (tmp_path / "cockpit.json.lock").write_text("")
    write_demo(path, NOW, seed=8, force=True)
    assert stored(path) == generate_demo(NOW, seed=8)
    assert backup.read_text() == "yesterday's book"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "backups",
        "cockpit.json",
        "cockpit.json.index",
    ]


def test_the_word_lists_ship_with_the_package() -> None:
    """names.json is package data: a wheel without it could not make a demo book."""
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["cockpit"]
    assert any((ROOT / "cockpit").glob(p) for p in patterns if p.startswith("demo/"))
    assert (ROOT / "cockpit" / "demo" / "names.json").exists()
