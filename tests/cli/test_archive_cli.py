"""`cockpit archive [--before YEAR] | --restore YEAR` from the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli.helpers import Run

LAST_YEAR = "2025-{}T10:00:00+00:00"


@pytest.fixture
def history(cockpit: Run) -> Run:
    """A rep's 2025, logged as it happened, and a little of 2026."""
    steps = [
        ("01-06", 'account "Acme Corp" tier:key'),
        ("01-06", 'contact @acme "Jane Doe" role:CFO cadence:7d'),
        ("01-07", 'deal @acme "Pilot" value:20k close:2025-03-31 stage:qualified'),
        ("02-03", 'call ~jane #pilot out:connected "liked the demo"'),
        ("03-03", 'email ~jane #pilot out:sent "pricing"'),
        ("03-04", 'promise ~jane "references" due:2025-03-07'),
        ("03-05", "done !1"),
        ("03-10", "won #pilot value:22k"),
        ("11-03", 'call ~jane out:voicemail "renewal?"'),
    ]
    for day, line in steps:
        result = cockpit("log", line, now=LAST_YEAR.format(day))
        assert result.code == 0, result.err
    assert cockpit("log", 'deal @acme "Renewal" value:30k close:2026-12-18').code == 0
    assert cockpit("log", 'call ~jane out:no_answer "renewal call"').code == 0
    return cockpit


def test_archive_prints_what_moved_and_the_book_size(history: Run, book: Path) -> None:
    result = history("archive")
    assert result.code == 0, result.err
    assert re.fullmatch(
        r"archived 2025: 3 activities, 1 closed deal, 1 promise -> cockpit-2025\.json; "
        r"the book is now \d+ kB \(was \d+ kB\)\n",
        result.out,
    )
    assert (book.parent / "cockpit-2025.json").stat().st_mode & 0o777 == 0o600
    assert history("archive").out == "nothing to archive before 2026-01-01\n"


def test_today_and_this_quarter_read_the_same_after_archiving(history: Run) -> None:
    before = [history("today", "--json").out, history("quarter", "--json").out]
    history("archive")
    assert [history("today", "--json").out, history("quarter", "--json").out] == before
    (jane,) = history("today", "--json").json()["touches_due"]
    # Jane's chase since she connected in February: March's email and November's
    # voicemail, both archived, and today's unanswered call.
    assert (jane["contact"]["name"], jane["last_touch"], jane["chase"]) == (
        "Jane Doe",
        "2026-11-25",
        3,
    )


def test_past_weeks_and_quarters_read_the_archives(history: Run) -> None:
    asks = [
        ("review", "--week", "2025-W11", "--json"),
        ("review", "--week", "2025-W11", "--markdown"),
        ("quarter", "--quarter", "2025-Q1", "--json"),
    ]
    before = [history(*ask).out for ask in asks]
    history("archive")
    assert [history(*ask).out for ask in asks] == before
    assert history(*asks[0]).json()["deals_won"]["count"] == 1


def test_restore_brings_the_year_back(history: Run, book: Path) -> None:
    before = history("today", "--json").out
    history("archive")
    result = history("archive", "--restore", "2025")
    assert result.code == 0, result.err
    assert re.fullmatch(
        r"restored 2025: 3 activities, 1 closed deal, 1 promise from cockpit-2025\.json; "
        r"the book is now \d+ kB \(was \d+ kB\)\n",
        result.out,
    )
    assert not (book.parent / "cockpit-2025.json").exists()
    assert history("today", "--json").out == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--before", "2027"), "2027 is not a closed year: the current fiscal year is 2026"),
        (("--before", "next"), "expected a fiscal year like 2025, got 'next'"),
        (("--restore", "2026"), "2026 is not a closed year"),
        (("--restore", "2031"), "2031 is not a closed year"),
        (("--restore", "2024"), "no archive of 2024: cockpit-2024.json is not beside the book"),
    ],
)
def test_bad_years_exit_2_with_one_line(history: Run, args: tuple[str, ...], message: str) -> None:
    result = history("archive", *args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(f"cockpit: error: {message}")
    assert result.err.count("\n") == 1


def test_before_and_restore_together_is_a_usage_error(history: Run) -> None:
    with pytest.raises(SystemExit) as exit_info:
        history("archive", "--before", "2025", "--restore", "2025")
    assert exit_info.value.code == 2


def test_archive_needs_a_book(cockpit: Run, book: Path) -> None:
    result = cockpit("archive")
    assert result.code == 2
    assert "no book at" in result.err
    assert not book.exists()
