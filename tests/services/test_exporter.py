"""`cockpit export`: the book as JSON, CSV files and a calendar a rep can subscribe to."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from cockpit.domain.model import FieldChange
from cockpit.exports import CSV_TABLES, export_csv, export_ics, export_json, fold
from cockpit.imports import ImportOptions, import_file
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from tests.domain.factory import BookFactory, at
from tests.services.sessions import one_agents_deals

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
DATA = Path(__file__).parent / "data" / "crm_sample.csv"
STEP = "send 2y pricing, with terms; then call the CFO back about the multi-year discount"


def small_book() -> BookFactory:
    f = BookFactory()
    acme = f.account("Acme Corp", tier="key")
    jane = f.contact("Jane Doe", acme, role="CFO")
    renewal = f.deal(
        "Renewal 2027",
        acme,
        value=4_500_000,
        stage="proposal",
        close=date(2026, 12, 18),
        next_step=STEP,
        next_due=date(2026, 11, 26),
        history=[FieldChange(at(date(2026, 11, 2)), "value", 4_000_000, 4_500_000)],
    )
    f.deal("Pilot", None, value=120_050)
    f.deal(
        "Won already",
        acme,
        value=1_000_000,
        stage="won",
        close=date(2026, 11, 20),
        next_step="thank them",
        next_due=date(2026, 11, 30),
    )
    f.activity("call", date(2026, 11, 24), contact=jane, deal=renewal, outcome="connected")
    f.promise("pricing sheet to Jane", date(2026, 11, 27), contact=jane)
    f.promise("old promise", date(2026, 11, 10), contact=jane, done_at=at(date(2026, 11, 9)))
    f.plan("2026-Q4", quota=30_000_000, week_revenue={"2026-W48": 1_000_050})
    return f


# -- JSON ------------------------------------------------------------------------------------


def test_json_holds_every_table_in_the_json_conventions() -> None:
    data = export_json(small_book().book, NOW, 1)

    assert (data["now"], data["currency"], data["schema_version"]) == (
        "2026-11-25T10:30:00+00:00", "USD", 1,
    )  # fmt: skip
    assert data["counts"] == {
        "accounts": 1, "contacts": 1, "deals": 3, "activities": 1, "promises": 2, "plans": 1,
        "days_off": 0, "reviews": 0,
    }  # fmt: skip
    acme = {"id": 1, "handle": "acme-corp", "name": "Acme Corp"}
    renewal, pilot, _ = data["deals"]
    assert (renewal["value"], pilot["value"]) == (45_000, 1200.5)
    assert (renewal["account"], pilot["account"]) == (acme, None)
    assert "account_id" not in renewal
    assert (renewal["close"], renewal["next_due"]) == ("2026-12-18", "2026-11-26")
    assert renewal["history"] == [
        {"at": "2026-11-02T10:00:00+00:00", "field": "value", "from": 40_000, "to": 45_000}
    ]
    call = data["activities"][0]
    assert call["contact"] == {"id": 1, "handle": "jane-doe", "name": "Jane Doe"}
    assert call["deal"] == {"id": 1, "handle": "acme-corp-renewal-2027", "name": "Renewal 2027"}
    plan = data["plans"][0]
    assert (plan["quota"], plan["week_revenue"]) == (300_000, {"2026-W48": 10_000.5})
    assert data["settings"]["currency"] == "USD"
    json.dumps(data)  # plain JSON all the way down


# -- CSV -------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_writes_one_file_per_table(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    written = export_csv(small_book().book, folder)

    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in CSV_TABLES)
    assert written["deals.csv"] == 3 and written["deal_history.csv"] == 1
    renewal, pilot, won = read_csv(folder / "deals.csv")
    assert (renewal["value"], renewal["account"], renewal["close"], renewal["focus"]) == (
        "45000", "Acme Corp", "2026-12-18", "false",
    )  # fmt: skip
    assert renewal["next_step"] == STEP
    assert (pilot["value"], pilot["account"], pilot["account_id"]) == ("1200.50", "", "")
    assert won["stage"] == "won"
    (change,) = read_csv(folder / "deal_history.csv")
    assert (change["deal"], change["field"], change["from"], change["to"]) == (
        "Renewal 2027", "value", "40000", "45000",
    )  # fmt: skip
    (plan,) = read_csv(folder / "plans.csv")
    assert (plan["quota"], json.loads(plan["week_revenue"])) == ("300000", {"2026-W48": 10000.5})
    (promise, _) = read_csv(folder / "promises.csv")
    assert (promise["contact"], promise["due"], promise["aim"]) == (
        "Jane Doe", "2026-11-27", "2026-11-26",
    )  # fmt: skip


# -- iCalendar -------------------------------------------------------------------------------


def unfold(text: str) -> list[str]:
    """The logical content lines of an iCalendar text."""
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def components(lines: list[str]) -> list[dict[str, str]]:
    """Each VEVENT/VTODO as {property (with parameters): value}; asserts BEGIN/END nest."""
    stack: list[str] = []
    found: list[dict[str, str]] = []
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value in ("VEVENT", "VTODO"):
                found.append({})
        elif name == "END":
            assert stack.pop() == value
        elif stack and stack[-1] in ("VEVENT", "VTODO"):
            found[-1][name] = value
    assert stack == []
    return found


def test_ics_is_a_well_formed_calendar_of_what_is_coming() -> None:
    text = export_ics(small_book().book, NOW, key="k")

    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical)  # the long next step was folded
    lines = unfold(text)
    assert (lines[0], lines[1], lines[-1]) == ("BEGIN:VCALENDAR", "VERSION:2.0", "END:VCALENDAR")
    events = components(lines)
    # The won deal's next step and the done promise are not coming any more; Pilot has no dates.
    assert [(e["DTSTART;VALUE=DATE"], e["DTEND;VALUE=DATE"], e["UID"]) for e in events] == [
        ("20261126", "20261127", "next-1-k@cockpit"),
        ("20261126", "20261128", "promise-1-k@cockpit"),
        ("20261218", "20261219", "close-1-k@cockpit"),
    ]
    assert all(e["DTSTAMP"] == "20261125T103000Z" for e in events)
    assert events[0]["SUMMARY"] == (
        "Next: send 2y pricing\\, with terms\\; then call the CFO back about the"
        " multi-year discount — Renewal 2027 (Acme Corp)"
    )
    assert events[1]["SUMMARY"] == "Promise: pricing sheet to Jane → Jane Doe"
    assert events[2]["SUMMARY"] == "Close: Renewal 2027 (Acme Corp) · $45\\,000"
    assert events[2]["DESCRIPTION"].startswith(
        "Deal #1 acme-corp-renewal-2027\\nStage: proposal\\nValue: $45\\,000"
    )


def test_folding_counts_octets_and_never_splits_a_character() -> None:
    ascii_lines = fold("S" * 160).split("\r\n")
    assert [len(line) for line in ascii_lines] == [75, 75, 12]  # 75 + (1 + 74) + (1 + 11) octets
    assert all(line.startswith(" ") for line in ascii_lines[1:])
    accented = fold("é" * 100).split("\r\n")  # two octets each
    assert [len(line.encode("utf-8")) for line in accented] == [
        74,
        75,
        53,
    ]  # 37 + 37 + 26 characters
    assert "".join(line.removeprefix(" ") for line in accented) == "é" * 100
    assert fold("short") == "short"


# -- a real export, round trip -----------------------------------------------------------------


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    """A book holding Darcel Schlecht's 22 deals from the crm-sample fixture."""
    monkeypatch.setenv("TZ", "UTC")
    session = one_agents_deals(tmp_path / "cockpit.json", DATA, NOW)
    yield session
    session.close()


def test_json_export_round_trips_the_imported_counts_and_money(imported: Session) -> None:
    data = json.loads(json.dumps(export_json(imported.book, NOW, 1)))

    assert (data["counts"]["deals"], data["counts"]["accounts"]) == (22, 15)
    won = [d for d in data["deals"] if d["stage"] == "won"]
    assert (len(won), sum(d["value"] for d in won)) == (8, 17_991)
    isdom = next(d for d in data["deals"] if d["external_id"] == "Z063OYW0")
    assert (isdom["value"], isdom["close"], isdom["won_at"]) == (
        4514, "2017-03-11", "2017-03-11T12:00:00+00:00",
    )  # fmt: skip


def test_csv_export_imports_straight_back(imported: Session, tmp_path: Path) -> None:
    export_csv(imported.book, tmp_path / "out")
    fresh = Session.open(tmp_path / "fresh.json", clock=fixed_clock(NOW))
    try:
        report = import_file(fresh, "deals", tmp_path / "out" / "deals.csv", ImportOptions())
        assert report.summary.startswith(
            "imported 22 deals (22 new, 0 updated) into 15 accounts (15 new); 0 bad rows"
        )

        def facts(session: Session) -> list[tuple[object, ...]]:
            return sorted(
                (d.external_id, d.title, d.value, d.stage, d.close, d.won_at, d.lost_at)
                for d in session.book.deals.values()
            )

        assert facts(fresh) == facts(imported)
    finally:
        fresh.close()
