"""`cockpit log`: a rep records the day one line at a time (DESIGN §3, §5)."""

from __future__ import annotations

from pathlib import Path

from cockpit.services.session import Session
from tests.cli.helpers import Run


def open_book(book: Path) -> Session:
    return Session.open(book, create=False)


def test_account_deal_call_and_promise(acme: Run, book: Path) -> None:
    line = 'call #renewal out:connected "CFO wants 2-year price" next:"send 2y pricing" due:thu'
    result = acme("log", line)
    assert result.code == 0, result.err
    assert result.out.strip() == (
        'logged call on #1 acme-corp-renewal-2027; next "send 2y pricing" due 2026-11-26'
    )
    result = acme("log", 'promise ~jane "pricing sheet to Jane" due:fri')
    assert result.code == 0
    assert result.out.strip() == (
        'promised !1 "pricing sheet to Jane" due 2026-11-27 (aim 2026-11-26)'
    )

    session = open_book(book)
    deal = session.book.deals[1]
    assert (deal.title, deal.value, deal.stage, str(deal.close)) == (
        "Renewal 2027",
        4_500_000,
        "qualified",
        "2026-12-31",
    )
    assert deal.next_step == "send 2y pricing" and str(deal.next_due) == "2026-11-26"
    (call,) = session.book.activities.values()
    assert (call.kind, call.outcome, call.text, call.account_id) == (
        "call",
        "connected",
        "CFO wants 2-year price",
        1,
    )
    promise = session.book.promises[1]
    assert promise.contact_id == 1 and promise.account_id == 1


def test_json_output_matches_the_contract(acme: Run) -> None:
    result = acme("log", "--json", 'call #renewal out:voicemail next:"call again" due:+2d')
    data = result.json()
    assert result.code == 0
    assert data["ok"] is True and data["dry_run"] is False and data["command"] == "call"
    assert data["created"] == [{"type": "activity", "id": 1, "handle": None}]
    assert data["updated"] == [{"type": "deal", "id": 1, "handle": "acme-corp-renewal-2027"}]
    assert data["resolved"]["refs"]["deal"] == {
        "id": 1,
        "handle": "acme-corp-renewal-2027",
        "name": "Renewal 2027",
    }
    assert data["resolved"]["dates"] == {"due": "2026-11-27"}
    assert data["warnings"] == []


def test_dry_run_shows_and_writes_nothing(acme: Run, book: Path) -> None:
    before = dict(open_book(book).book.activities)
    result = acme("log", "--dry-run", "--json", "call @acme out:connected")
    assert result.code == 0
    assert result.json()["dry_run"] is True
    assert result.json()["created"][0]["type"] == "activity"
    assert dict(open_book(book).book.activities) == before


def test_bad_line_exit_2_one_line_and_nothing_written(acme: Run, book: Path) -> None:
    journal = Path(str(book) + ".journal")
    size = journal.stat().st_size if journal.exists() else 0
    result = acme("log", "call #renwal out:connected")
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("cockpit: error: col 6: ")
    assert "#renwal" in lines[0]
    assert (journal.stat().st_size if journal.exists() else 0) == size


def test_bad_line_json_error(acme: Run) -> None:
    result = acme("log", "--json", "call @acme ot:connected")
    assert result.code == 2
    error = result.json()["error"]
    assert result.json()["ok"] is False
    assert error["column"] == 12 and error["token"].startswith("ot:")
    assert "out:" in error["message"]


def test_undo_reverses_the_last_command(acme: Run, book: Path) -> None:
    acme("log", 'call #renewal next:"send pricing" due:fri')
    result = acme("undo")
    assert result.code == 0
    assert "undid" in result.out
    session = open_book(book)
    assert session.book.activities == {}
    assert session.book.deals[1].next_step is None


def test_undo_with_nothing_to_undo_exits_5(cockpit: Run) -> None:
    cockpit("log", 'account "Solo"')
    assert cockpit("undo").code == 0
    assert cockpit("undo").code == 5


def test_won_and_lost(acme: Run, book: Path) -> None:
    acme("log", 'deal @acme "Pilot" value:10k')
    assert acme("log", "won #renewal value:48k").code == 0
    result = acme("log", 'lost #pilot code:budget reason:"budget frozen until Q3"')
    assert result.code == 0, result.err
    lost_without_reason = acme("log", "lost #pilot")
    assert lost_without_reason.code == 2
    deals = open_book(book).book.deals
    assert deals[1].stage == "won" and deals[1].value == 4_800_000
    assert deals[2].stage == "lost" and deals[2].lost_code == "budget"
    assert deals[2].lost_reason == "budget frozen until Q3"


def test_plan_and_set(cockpit: Run, book: Path) -> None:
    assert cockpit("log", "plan quota:300k calls:50/w meetings:8/w daily:20").code == 0
    assert cockpit("log", "set currency:EUR").code == 0
    session = open_book(book)
    plan = session.book.plan_for("2026-Q4")
    assert plan is not None and plan.quota == 30_000_000 and plan.daily_minimum == 20
    assert plan.weekly_targets == {"call": 50, "meeting": 8}
    assert session.book.settings.currency == "EUR"
    assert cockpit("log", "plan quota:0").code == 2


def test_every_design_example_runs_in_order(cockpit: Run) -> None:
    lines = [
        'account "Acme Corp" tier:key cadence:14d',
        'account "Globex"',
        'account "Initech"',
        'contact @acme "Jane Doe"',
        'deal @acme "Renewal 2027" value:45k close:eoq stage:qualified',
        'deal @initech "Pilot" value:12,500',
        'call #renewal out:voicemail next:"call again" due:+2d',
        'email @globex "sent case study" out:sent',
        'call ~jane dir:in "asked for references" at:yesterday',
        'promise @acme "pricing sheet to Jane" due:fri',
        "done !1",
        "won #acme-corp-renewal value:48k",
        'lost #initech-pilot code:budget reason:"budget frozen until Q3"',
        "plan quota:300k calls:50/w meetings:8/w daily:20",
    ]
    for line in lines:
        result = cockpit("log", line)
        assert result.code == 0, (line, result.err)


def test_missing_book_for_read_commands(cockpit: Run, tmp_path: Path) -> None:
    result = cockpit("undo", "--db", str(tmp_path / "nope.json"))
    assert result.code == 2
    assert "no book" in result.err


def test_plan_week_override_and_its_bad_input(cockpit: Run, book: Path) -> None:
    assert cockpit("log", "plan quota:300k").code == 0
    result = cockpit("log", "plan week:2026-W52 revenue:5k")
    assert result.code == 0, result.err
    assert "2026-W52 $5,000" in result.out
    plan = open_book(book).book.plan_for("2026-Q4")
    assert plan is not None and plan.week_revenue == {"2026-W52": 500_000}

    too_much = cockpit("log", "plan week:2026-W51 revenue:400k")
    assert too_much.code == 2 and "more than the quota" in too_much.err
    outside = cockpit("log", "plan week:2027-W05 revenue:1k")
    assert outside.code == 2 and "2027-W05" in outside.err
    half = cockpit("log", "plan revenue:1k")
    assert half.code == 2 and "week:2026-W52 revenue:10k" in half.err
    no_number = cockpit("log", "plan calls:lots")
    assert no_number.code == 2 and "bad target" in no_number.err
    assert cockpit("log", "plan week:2026-W52 revenue:auto").code == 0
    plan = open_book(book).book.plan_for("2026-Q4")
    assert plan is not None and plan.week_revenue == {}
    assert cockpit("log", "plan 2027-Q9 quota:1k").code == 2


def test_a_closed_pipe_is_not_an_internal_error(acme: Run, book: Path) -> None:
    import os
    import subprocess
    import sys

    # `cockpit quarter | head -1`: the reader has gone before cockpit writes.
    read_end, write_end = os.pipe()
    os.close(read_end)
    code = (
        "import sys; from cockpit.cli import main; "
        f"sys.exit(main(['quarter', '--db', {str(book)!r}]))"
    )
    try:
        writer = subprocess.run(
            [sys.executable, "-c", code], stdout=write_end, stderr=subprocess.PIPE, timeout=60
        )
    finally:
        os.close(write_end)
    assert "internal error" not in writer.stderr.decode()
    assert writer.returncode == 0
