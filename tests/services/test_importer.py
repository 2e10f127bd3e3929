"""`cockpit import`: a rep brings a CRM export into the book (DESIGN §5 Import).

The fixture data/crm_sample.csv holds 30 rows copied from the crm-sample export: 22 of
Darcel Schlecht's (8 won, 5 lost, 5 engaging, 4 prospecting; 15 accounts) and 8 of others.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from cockpit.domain.model import Deal
from cockpit.imports import (
    ImportInputError,
    ImportOptions,
    ImportReport,
    import_file,
    report_json,
    report_text,
)
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
DATA = Path(__file__).parent / "data" / "crm_sample.csv"
DARCEL = "sales_agent=Darcel Schlecht"
STAGES = ["Prospecting=prospect", "Engaging=qualified"]


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    monkeypatch.setenv("TZ", "UTC")  # the book's time zone is the system's: fix it
    opened = Session.open(tmp_path / "cockpit.json", clock=fixed_clock(NOW))
    yield opened
    opened.close()


def run(session: Session, path: Path = DATA, kind: str = "deals", **options: Any) -> ImportReport:
    return import_file(session, kind, path, ImportOptions.parse(**options))


def darcel(session: Session, path: Path = DATA, **options: Any) -> ImportReport:
    return run(session, path, where=[DARCEL], stage_map=STAGES, **options)


def write(tmp_path: Path, text: str, name: str = "deals.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def by_external(session: Session) -> dict[str | None, Deal]:
    return {deal.external_id: deal for deal in session.book.deals.values()}


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


# -- the crm-sample subset -----------------------------------------------------------------


def test_one_reps_book_of_business_imports_with_the_stage_map(session: Session) -> None:
    report = darcel(session)

    assert report.written and not report.refused
    assert report.summary == (
        "imported 22 deals (22 new, 0 updated) into 15 accounts (15 new); 0 bad rows; 9 warnings"
    )
    book = session.book
    assert (len(book.deals), len(book.accounts)) == (22, 15)
    deals = by_external(session)

    won = deals["Z063OYW0"]
    isdom = book.accounts[won.account_id or 0]
    assert (isdom.name, isdom.handle) == ("Isdom", "isdom")
    assert (won.title, won.handle, won.value, won.stage) == (
        "GTXPro — Isdom", "isdom-gtxpro", 451_400, "won",
    )  # fmt: skip
    assert won.close == date(2017, 3, 11) and won.won_at == noon(date(2017, 3, 11))
    assert won.created == noon(date(2016, 10, 25)) and won.source == "import"
    assert sum(d.value for d in book.deals.values() if d.stage == "won") == 1_799_100

    lost = deals["TCHFT25B"]
    assert (lost.stage, lost.lost_at, lost.lost_code, lost.lost_reason, lost.value) == (
        "lost", noon(date(2017, 3, 8)), "other", "imported as lost", 0,
    )  # fmt: skip

    engaging = deals["X8M3SCVF"]  # no account, no value, no close date
    assert (engaging.stage, engaging.account_id, engaging.value, engaging.close) == (
        "qualified", None, 0, None,
    )  # fmt: skip
    assert engaging.title == "GTX Basic" and engaging.handle == "gtx-basic"
    prospect = deals["5ZATE1WV"]  # not even an engage date: its stage starts now
    assert (prospect.stage, prospect.created, prospect.stage_changed) == ("prospect", None, NOW)
    assert prospect.handle == "gtx-basic-3"  # after X8M3SCVF and CPEYUW7V
    # Two GTXPro deals at Funholding: handles stay unique.
    assert (deals["ONYNTUCG"].handle, deals["TZCAQWL3"].handle) == (
        "funholding-gtxpro", "funholding-gtxpro-2",
    )  # fmt: skip
    assert len(book.deals_of(isdom.id)) == 2


def test_open_deals_lacking_fields_import_with_a_warning_each(session: Session) -> None:
    report = darcel(session)

    lacks_all = (
        "open deal without value, close date, account:"
        " imported with value 0, no close date, no account"
    )
    lacks_two = "open deal without value, close date: imported with value 0, no close date"
    assert [(w.line, w.message) for w in report.plan.warnings] == [
        (23, lacks_all),
        (24, lacks_two),
        (25, lacks_all),
        (26, lacks_two),
        (27, lacks_two),
        (28, lacks_two),
        (29, lacks_two),
        (30, lacks_all),
        (31, lacks_all),
    ]
    text = report_text(report)
    assert f"  4 rows: {lacks_all} (lines 23, 25, 30, 31)" in text
    assert f"  5 rows: {lacks_two} (lines 24, 26, 27, 28, 29)" in text


UNKNOWN_STAGES = """external_id,title,stage,value
U1,Pilot,Demo Booked,100
U2,Renewal,Demo Booked,200
U3,Upsell,Qualifyed,300
U4,Expansion,proposal,400
"""


def test_unknown_stage_values_are_bad_rows_naming_the_value_and_the_fix(
    session: Session, tmp_path: Path
) -> None:
    report = run(session, write(tmp_path, UNKNOWN_STAGES))

    assert report.refused and not report.written
    assert (len(session.book.deals), len(session.book.accounts)) == (0, 0)
    assert report.plan.bad_lines == [2, 3, 4]
    first = report.plan.problems[0]
    assert (first.line, first.column, first.value) == (2, "stage", "Demo Booked")
    assert first.message == (
        'unknown stage "Demo Booked": map it with --stage-map "Demo Booked=STAGE"'
        " (stages: prospect, qualified, proposal, negotiation, won, lost)"
    )
    text = report_text(report)
    assert "fix: --stage-map 'Demo Booked=STAGE' --stage-map Qualifyed=qualified" in text
    assert "stages: proposal -> proposal" in text
    assert text.endswith(
        "nothing imported: 3 bad rows; fix them, or add --skip-bad to import the other"
        " 1 deal (1 new, 0 updated) into 0 accounts; 1 warning"
    )


def test_the_sample_exports_stage_names_map_themselves_and_are_reported(
    session: Session,
) -> None:
    report = run(session, where=[DARCEL])

    assert report.written and report.columns.profile.name == "the sample export"
    assert report.plan.stages == {
        "Won": ("won", "same name"),
        "Lost": ("lost", "same name"),
        "Engaging": ("qualified", "the sample export"),
        "Prospecting": ("prospect", "the sample export"),
    }
    text = report_text(report)
    assert text.splitlines()[0] == "import deals from crm_sample.csv (the sample export)"
    assert (
        "owner column: sales_agent (not imported; keep one owner's rows with"
        " --where sales_agent=NAME)"
    ) in text


def test_where_keeps_rows_matching_every_filter_ignoring_case(session: Session) -> None:
    report = run(session, where=["sales_agent=darcel schlecht", "deal_stage=Won"])

    assert report.plan.filtered == 22
    assert sorted(d.value for d in session.book.deals.values()) == [
        4_900, 5_000, 56_100, 117_000, 356_300, 372_500, 435_900, 451_400,
    ]  # fmt: skip
    assert "rows: 30 in the file, 22 left out by --where 'sales_agent=darcel schlecht'" in (
        report_text(report)
    )


def test_a_where_matching_no_row_is_refused_with_the_nearest_value(session: Session) -> None:
    with pytest.raises(ImportInputError, match='no row matches \\(did you mean "Darcel Schlecht"'):
        run(session, where=["sales_agent=Darcel Schlect"])
    with pytest.raises(ImportInputError, match='the file has no column "agent"'):
        run(session, where=["agent=Darcel Schlecht"])


# -- values --------------------------------------------------------------------------------

US_DATES = """id,name,account,stage,amount,close date
A1,Renewal,Acme Corp,won,"1,054",03/11/2017
A2,Upsell,Acme Corp,proposal,1054.50,12/24/2026
"""


def test_date_format_reads_the_files_dates_and_money_reads_like_the_log(
    session: Session, tmp_path: Path
) -> None:
    report = run(session, write(tmp_path, US_DATES), date_format="%m/%d/%Y")

    assert [(u.column, u.field, u.how) for u in report.columns.uses] == [
        ("id", "external_id", "guessed"),
        ("name", "title", "guessed"),
        ("account", "account", "same name"),
        ("stage", "stage", "same name"),
        ("amount", "value", "guessed"),
        ("close date", "close", "guessed"),
    ]
    deals = by_external(session)
    assert (deals["A1"].value, deals["A1"].close, deals["A1"].won_at) == (
        105_400, date(2017, 3, 11), noon(date(2017, 3, 11)),
    )  # fmt: skip
    assert (deals["A2"].value, deals["A2"].close, deals["A2"].stage) == (
        105_450, date(2026, 12, 24), "proposal",
    )  # fmt: skip
    assert deals["A2"].handle == "acme-corp-upsell"


def test_the_day_month_order_is_read_from_the_columns_unambiguous_values(
    session: Session, tmp_path: Path
) -> None:
    report = run(session, write(tmp_path, US_DATES))  # 12/24/2026 can only be month first

    assert not report.refused
    assert by_external(session)["A1"].close == date(2017, 3, 11)
    assert report.plan.notes[-1] == (
        'close date: dates read month first (%m/%d/%Y), as "12/24/2026" on line 3 shows'
    )


def test_bad_money_is_a_bad_row(session: Session, tmp_path: Path) -> None:
    path = write(tmp_path, "title,stage,value\nDeal,qualified,12.345\nOther,qualified,-5\n")
    report = run(session, path)

    assert [(p.line, p.column, p.value, p.message) for p in report.plan.problems] == [
        (
            2,
            "value",
            "12.345",
            'bad amount "12.345": USD takes at most 2 decimals (or add --decimal-comma)',
        ),
        (3, "value", "-5", 'bad amount "-5": amounts cannot be negative'),
    ]


# -- bad rows, --skip-bad, --dry-run -------------------------------------------------------

WON_WITHOUT = """external_id,title,account,stage,value,close
W1,Big win,Acme,won,5000,
W2,Fine,Acme,won,,2026-11-20
W3,Open,Acme,qualified,,
"""


def test_a_won_deal_without_close_date_or_value_writes_nothing(
    session: Session, tmp_path: Path
) -> None:
    report = run(session, write(tmp_path, WON_WITHOUT))

    assert report.refused and not report.written
    assert (len(session.book.deals), len(session.book.accounts)) == (0, 0)
    assert [(p.line, p.column, p.value, p.message) for p in report.plan.problems] == [
        (2, "close", "", "a won deal needs its close date (the day it was won)"),
        (3, "value", "", "a won deal needs its value (the final amount)"),
    ]
    text = report_text(report)
    assert "  line 2, close (empty): a won deal needs its close date (the day it was won)" in text
    assert session.store.last_command() is None


def test_skip_bad_imports_the_good_rows_and_reports_the_bad(
    session: Session, tmp_path: Path
) -> None:
    report = run(session, write(tmp_path, WON_WITHOUT), skip_bad=True)

    assert report.written and not report.refused
    assert [d.external_id for d in session.book.deals.values()] == ["W3"]
    assert report.summary == (
        "imported 1 deal (1 new, 0 updated) into 1 account (1 new); 2 bad rows skipped; 1 warning"
    )
    assert report_json(report, NOW, "USD", 1)["skipped"] == [2, 3]


def test_dry_run_reports_what_would_happen_and_writes_nothing(session: Session) -> None:
    report = darcel(session, dry_run=True)

    assert not report.written
    assert report.summary == (
        "would import 22 deals (22 new, 0 updated) into 15 accounts (15 new); 0 bad rows;"
        " 9 warnings"
    )
    assert (len(session.book.deals), len(session.book.accounts)) == (0, 0)
    assert session.store.last_command() is None
    created = report_json(report, NOW, "USD", 1)["created"]
    assert created[0] == {
        "line": 3, "type": "deal", "id": None, "handle": "isdom-gtxpro", "name": "GTXPro — Isdom",
    }  # fmt: skip


# -- importing again, and undo -------------------------------------------------------------


def test_importing_again_updates_with_history_instead_of_duplicating(
    session: Session, tmp_path: Path
) -> None:
    darcel(session)
    ids = {d.external_id: d.id for d in session.book.deals.values()}
    text = DATA.read_text(encoding="utf-8")
    text = text.replace(
        "Isdom,Won,2016-10-25,2017-03-11,4514", "Isdom,Won,2016-10-25,2017-03-11,4600"
    )
    text = text.replace("Isdom,Engaging,2017-07-19,,", "Isdom,Won,2017-07-19,2017-09-01,5000")

    report = darcel(session, write(tmp_path, text))

    assert report.summary == (
        "imported 22 deals (0 new, 2 updated, 20 unchanged) into 15 accounts; 0 bad rows;"
        " 0 warnings"
    )
    assert {d.external_id: d.id for d in session.book.deals.values()} == ids
    assert len(session.book.accounts) == 15
    deals = by_external(session)
    repriced = deals["Z063OYW0"]
    assert repriced.value == 460_000
    assert [(c.at, c.field, c.old, c.new) for c in repriced.history] == [
        (NOW, "value", 451_400, 460_000)
    ]
    closed = deals["I3KQNE9V"]
    assert (closed.stage, closed.value, closed.close, closed.won_at) == (
        "won", 500_000, date(2017, 9, 1), noon(date(2017, 9, 1)),
    )  # fmt: skip
    assert [(c.field, c.old, c.new) for c in closed.history] == [
        ("value", 0, 500_000),
        ("close", None, "2017-09-01"),
        ("stage", "qualified", "won"),
    ]
    updated = report_json(report, NOW, "USD", 1)["updated"]
    assert [(u["line"], u["fields"]) for u in updated] == [
        (3, ["value"]),
        (24, ["value", "close", "stage", "won_at"]),
    ]


def test_the_same_file_again_changes_nothing(session: Session) -> None:
    darcel(session)
    report = darcel(session)

    assert report.summary == (
        "imported 22 deals (0 new, 0 updated, 22 unchanged) into 15 accounts; 0 bad rows;"
        " 0 warnings"
    )
    assert len(session.book.deals) == 22


def test_undo_takes_back_the_whole_import(session: Session, tmp_path: Path) -> None:
    darcel(session)
    assert session.undo().message == 'undid "import deals crm_sample.csv"'
    assert (len(session.book.deals), len(session.book.accounts)) == (0, 0)


def test_undo_of_a_reimport_restores_the_values_it_changed(
    session: Session, tmp_path: Path
) -> None:
    darcel(session)
    text = DATA.read_text(encoding="utf-8").replace("2017-03-11,4514", "2017-03-11,9999")
    darcel(session, write(tmp_path, text))
    assert by_external(session)["Z063OYW0"].value == 999_900

    session.undo()
    restored = by_external(session)["Z063OYW0"]
    assert (restored.value, restored.history) == (451_400, [])
    assert len(session.book.deals) == 22


# -- accounts --------------------------------------------------------------------------------


def test_deals_join_accounts_the_book_has_by_name_then_handle(session: Session) -> None:
    session.execute('account "ISDOM" tier:key')  # same name, other case
    session.execute('account "Bubba-Gump"')  # other name, same handle (bubba-gump)

    report = darcel(session)

    assert "into 15 accounts (13 new)" in report.summary
    deals = by_external(session)
    assert deals["Z063OYW0"].account_id == 1
    assert deals["WLDFQR7Z"].account_id == 2


def test_a_write_made_elsewhere_after_planning_is_planned_again(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = Session.open(session.store.path, clock=fixed_clock(NOW))
    other.execute('account "Isdom" tier:key')  # another process, after our last look
    monkeypatch.setattr(session, "refresh", lambda: False)

    report = darcel(session)

    other.close()
    assert "into 15 accounts (14 new)" in report.summary
    assert len(session.book.accounts) == 15
    assert by_external(session)["Z063OYW0"].account_id == 1


ACCOUNTS = """Account,Sector,Tier
Isdom,medical,key
acme corp,technolgy,Growth
Globex,,gold
"""


def test_accounts_import_creates_updates_and_refuses_a_bad_tier(
    session: Session, tmp_path: Path
) -> None:
    session.execute('account "Acme Corp"')

    report = run(session, write(tmp_path, ACCOUNTS, "accounts.csv"), "accounts", skip_bad=True)

    assert report.summary == "imported 2 accounts (1 new, 1 updated); 1 bad row skipped; 0 warnings"
    (problem,) = report.plan.problems
    assert (problem.line, problem.column, problem.value, problem.message) == (
        4, "Tier", "gold", 'unknown tier "gold" (tiers: key, growth, nurture, none)',
    )  # fmt: skip
    acme, isdom = session.book.accounts[1], session.book.accounts[2]
    assert (acme.name, acme.tier, acme.industry) == ("Acme Corp", "growth", "technolgy")
    assert (isdom.name, isdom.handle, isdom.tier, isdom.industry) == (
        "Isdom", "isdom", "key", "medical",
    )  # fmt: skip


CONTACTS = """First Name,Last Name,Company,Title,Email,Phone
Jane,Doe,Acme Corp,CFO,jane@acme.com,+1 555 0100
John,Smith,Initech,CTO,john@initech.com,
"""


def test_contacts_import_names_accounts_and_matches_by_email_again(
    session: Session, tmp_path: Path
) -> None:
    session.execute('account "Acme Corp"')
    path = write(tmp_path, CONTACTS, "contacts.csv")

    first = run(session, path, "contacts")

    assert first.summary == (
        "imported 2 contacts (2 new, 0 updated) into 2 accounts (1 new); 0 bad rows; 0 warnings"
    )
    jane = session.book.contacts[1]
    assert (jane.name, jane.handle, jane.account_id, jane.role, jane.email, jane.phone) == (
        "Jane Doe", "jane-doe", 1, "CFO", "jane@acme.com", "+1 555 0100",
    )  # fmt: skip
    assert session.book.accounts[2].name == "Initech"

    path.write_text(CONTACTS.replace("CFO,jane@", "CEO,jane@"), encoding="utf-8")
    again = run(session, path, "contacts")
    assert again.summary == (
        "imported 2 contacts (0 new, 1 updated, 1 unchanged) into 2 accounts; 0 bad rows;"
        " 0 warnings"
    )
    assert session.book.contacts[1].role == "CEO" and len(session.book.contacts) == 2


# -- the file and the options ----------------------------------------------------------------


def test_a_bom_and_semicolons_are_read(session: Session, tmp_path: Path) -> None:
    path = write(tmp_path, "\ufefftitle;stage;value\nPilot;proposal;12500\n")
    report = run(session, path)

    assert report.delimiter == ";"
    (deal,) = session.book.deals.values()
    assert (deal.title, deal.stage, deal.value) == ("Pilot", "proposal", 1_250_000)
    assert report.plan.notes == [
        "no external_id column: each row's key is a hash of its values, so importing"
        " the file again adds nothing; a row changed in the CRM comes in as a new deal"
        " (map the CRM's id column: --map COLUMN=external_id)"
    ]


def test_map_overrides_guesses_and_unknown_fields_or_columns_are_refused(
    session: Session, tmp_path: Path
) -> None:
    path = write(tmp_path, "deal,amount,budget\nPilot,100,250\n")
    report = run(session, path, maps=["deal=title", "budget=value"])
    (deal,) = session.book.deals.values()
    assert (deal.title, deal.value) == ("Pilot", 25_000)
    assert report.columns.ignored == ["amount"]

    with pytest.raises(ImportInputError, match='"valeu" is no deal field \\(did you mean "value"'):
        run(session, path, maps=["budget=valeu"])
    with pytest.raises(ImportInputError, match='the file has no column "bugdet"'):
        run(session, path, maps=["bugdet=value"])
    with pytest.raises(ImportInputError, match='"done" is no stage'):
        ImportOptions.parse(stage_map=["Won=done"])


def test_files_that_cannot_be_read_are_input_errors(session: Session, tmp_path: Path) -> None:
    with pytest.raises(ImportInputError, match="no file"):
        run(session, tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("title\nCafé\n".encode("latin-1"))
    with pytest.raises(ImportInputError, match="not UTF-8 text \\(line 2\\)"):
        run(session, latin)
    with pytest.raises(ImportInputError, match="no column for the account's name"):
        run(session, write(tmp_path, "sector\nmedical\n"), "accounts")


def test_the_json_report_has_the_contract_keys(session: Session) -> None:
    data = report_json(darcel(session), NOW, "USD", 1)

    assert set(data) == {
        "ok", "dry_run", "written", "now", "currency", "schema_version", "kind", "file",
        "columns", "ignored_columns", "where", "counts", "created", "updated", "unchanged",
        "accounts_created", "skipped", "bad_rows", "warnings", "notes", "summary", "error",
        "profile", "owner_columns", "stages", "not_records", "repeated",
    }  # fmt: skip
    assert data["counts"] == {
        "rows": 30, "filtered": 8, "created": 22, "updated": 0, "unchanged": 0, "skipped": 0,
        "bad_rows": 0, "warnings": 9, "accounts": 15, "accounts_created": 15,
        "not_records": 0, "repeated": 0,
    }  # fmt: skip
    assert data["created"][0] == {
        "line": 3, "type": "deal", "id": 1, "handle": "isdom-gtxpro", "name": "GTXPro — Isdom",
    }  # fmt: skip
    assert data["accounts_created"][0] == {"line": 3, "id": 1, "handle": "isdom", "name": "Isdom"}
    assert data["warnings"][0] == {
        "line": 23,
        "column": None,
        "message": "open deal without value, close date, account:"
        " imported with value 0, no close date, no account",
    }
    assert (data["ok"], data["error"], data["now"]) == (True, None, "2026-11-25T10:30:00+00:00")
