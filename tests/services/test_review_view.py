"""`cockpit review` output (JSON, Markdown, text) and saving a review through a session."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cockpit.domain.book import Book
from cockpit.domain.codec import to_doc
from cockpit.domain.model import Review
from cockpit.services.clock import fixed_clock
from cockpit.services.review import (
    ReviewExists,
    ReviewInputError,
    review_json,
    review_markdown,
    review_text,
    save_review,
    sparkline,
)
from cockpit.services.session import Session
from cockpit.store import MemoryBackend, Store
from tests.domain.review_books import NOW, week48_book
from tests.services.sessions import BOOK_PATH, session_on

EXPECTED = Path(__file__).parent / "expected"
ANSWERS = {
    "what_worked": "Thursday call block: 11 calls, two meetings booked",
    "what_to_change": "fewer emails, more calls",
    "next_week_focus": "close the add-on; get Stark's pricing signed off",
    "need_help": "pricing approval for Stark",
}


# -- JSON -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return review_json(week48_book(), "2026-W48", NOW, 1)


def test_json_has_the_contracts_top_level_keys_and_one_key_per_section(
    doc: dict[str, Any],
) -> None:
    assert (doc["now"], doc["currency"], doc["schema_version"]) == (
        "2026-12-03T10:00:00+00:00",
        "USD",
        1,
    )
    assert (doc["week"], doc["start"], doc["end"], doc["as_of"], doc["complete"]) == (
        "2026-W48",
        "2026-11-23",
        "2026-11-29",
        "2026-11-29",
        True,
    )
    assert list(doc)[8:] == [
        "activities",
        "touches",
        "deals_created",
        "deals_advanced",
        "deals_won",
        "deals_lost",
        "pipeline",
        "slipped",
        "commit_moves",
        "rotting",
        "missed_cadence",
        "promises",
        "momentum",
        "quarters",
        "expected_closes",
        "forecast_accuracy",
        "trend",
        "answers",
        "saved_at",
    ]


def test_json_money_is_in_major_units_and_dates_are_iso(doc: dict[str, Any]) -> None:
    # The figures of tests/domain/test_review.py, in dollars.
    assert doc["deals_won"]["value"] == 45_000
    assert doc["deals_won"]["deals"][0]["deal"] == {
        "id": 1,
        "handle": "acme-corp-renewal",
        "name": "Renewal",
    }
    assert doc["deals_won"]["deals"][0]["won"] == "2026-11-26"
    assert doc["deals_lost"]["by_code"][0]["code"] == "budget"
    assert doc["deals_lost"]["by_code"][0]["deals"][0]["reason"] == "budget frozen until Q3"
    assert (doc["pipeline"]["added"], doc["pipeline"]["removed"], doc["pipeline"]["net"]) == (
        70_000,
        17_000,
        53_000,
    )
    assert doc["slipped"][0] | {"deal": None, "account": None} == {
        "deal": None,
        "account": None,
        "value": 20_000,
        "from": "2026-11-30",
        "to": "2026-12-18",
        "days": 18,
        "slip_count": 2,
    }
    assert doc["quarters"][0] | {"attainment": None} == {
        "quarter": "2026-Q4",
        "as_of": "2026-11-29",
        "quota": 650_000,
        "won": 145_000,
        "attainment": None,
        "expected_to_date": 410_000,
        "ahead_by": -265_000,
        "commit": 205_000,
        "best_case": 250_000,
    }
    assert doc["touches"]["days"][0] == {
        "date": "2026-11-23",
        "weekday": "mon",
        "touches": 12,
        "minimum": 10,
        "working": True,
        "future": False,
        "met": True,
    }
    assert doc["activities"]["kinds"]["call"] == {"target": 40, "done": 29}
    assert doc["promises"] | {"items": []} == {
        "early": 2,
        "on_time": 1,
        "late": 1,
        "missed": 3,
        "items": [],
    }
    assert doc["momentum"] == {"streak": 2}
    assert doc["expected_closes"][0]["weighted"] == 7_500
    assert doc["trend"][-1] == {"week": "2026-W48", "touches": 43, "won": 45_000}
    assert doc["answers"] is None and doc["saved_at"] is None


def test_no_week_means_the_week_holding_now() -> None:
    doc = review_json(week48_book(), None, datetime(2026, 11, 25, 16, tzinfo=UTC), 1)
    assert (doc["week"], doc["as_of"], doc["complete"]) == ("2026-W48", "2026-11-25", False)


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ("2026-W60", "2026-W60 does not exist: 2026 has ISO weeks 1 to 53"),
        ("last week", "expected a week like 2026-W48, got 'last week'"),
        ("2026-W50", "week 2026-W50 has not started yet"),
        ("2025-W10", "week 2025-W10 is before the book began (2026-08-01, in 2026-W31)"),
    ],
)
def test_bad_weeks_raise_review_input_error(week: str, message: str) -> None:
    with pytest.raises(ReviewInputError) as caught:
        review_markdown(week48_book(), week, NOW)
    assert str(caught.value).startswith(message)


# -- Markdown and text ------------------------------------------------------------------


def reviewed_book() -> Book:
    """The W48 book with three earlier reviews of Q4 and W48's own answers saved."""
    book = week48_book()
    saved = datetime(2026, 11, 20, 16, tzinfo=UTC)
    for review_id, week, commit, best in (
        (1, "2026-W45", 300_000_00, 400_000_00),
        (2, "2026-W46", 200_000_00, 260_000_00),
        (3, "2026-W47", 160_000_00, 180_000_00),
    ):
        metrics = {"quarters": [{"quarter": "2026-Q4", "commit": commit, "best_case": best}]}
        book.apply("reviews", review_id, to_doc(Review(review_id, week, saved, metrics)))
    mine = Review(4, "2026-W48", datetime(2026, 11, 27, 16, 5, tzinfo=UTC), {}, ANSWERS)
    book.apply("reviews", 4, to_doc(mine))
    return book


def test_markdown_matches_the_expected_document() -> None:
    expected_file = EXPECTED / "review_2026-W48.md"
    markdown = review_markdown(reviewed_book(), "2026-W48", NOW)
    if os.environ.get("REVIEW_UPDATE_EXPECTED"):
        expected_file.write_text(markdown, encoding="utf-8")
    assert markdown == expected_file.read_text(encoding="utf-8")


def test_markdown_reads_as_a_one_on_one_document() -> None:
    markdown = review_markdown(week48_book(), "2026-W48", NOW)
    lines = markdown.splitlines()
    assert lines[0] == "# Weekly review — 2026-W48 (23–29 Nov 2026)"
    assert "| Calls | 40 | 29 | 73% |" in lines  # 29/40 = 72.5 % -> 73 %
    assert "Mon 23 ██████████ 12/10  ✓" in lines
    assert "Tue 24 ████████░░  8/10" in lines
    assert "Fri 27 ██████████  2     not a working day" not in lines  # 2 of 10: two blocks
    assert "Fri 27 ██░░░░░░░░  2     not a working day" in lines


def test_text_output_drops_the_markdown_marks() -> None:
    text = review_text(week48_book(), "2026-W48", NOW)
    lines = text.splitlines()
    assert lines[:2] == ["Weekly review — 2026-W48 (23–29 Nov 2026)", "=" * 41]
    assert "AT A GLANCE" in lines
    assert not any(line.startswith(("#", "|", "```")) for line in lines)
    assert "  Activity   Target  Done  Of target" in lines
    assert "  Calls          40    29        73%" in lines


def test_sparkline_scales_to_the_highest_value() -> None:
    # 8 is the top (█, the 8th block); 4 is half way: block 1 + round(4/8 x 7) = the 5th.
    assert sparkline([0, 1, 2, 4, 8]) == "▁▂▃▅█"
    assert sparkline([0, 0, 0]) == "▁▁▁"
    assert sparkline([]) == ""


# -- saving -------------------------------------------------------------------------------


def test_saving_freezes_the_metrics_with_the_answers() -> None:
    backend = MemoryBackend()
    session = session_on(week48_book(), NOW, backend)
    outcome = save_review(session, "2026-W48", ANSWERS)
    assert outcome.message == "saved the review of 2026-W48"
    review = session.book.review_for("2026-W48")
    assert review is not None
    assert review.answers == ANSWERS
    assert review.saved_at == NOW
    assert review.metrics["quarters"][0]["commit"] == 205_000_00
    assert review.metrics["touches"] == 43
    # It is in the book on disk: a second session on the same files sees it.
    again = Session(Store.open(BOOK_PATH, now=lambda: NOW, backend=backend), fixed_clock(NOW))
    stored = again.book.review_for("2026-W48")
    assert stored is not None and stored.answers == ANSWERS
    # And the review shows the saved answers.
    assert review_json(session.book, "2026-W48", NOW, 1)["answers"] == ANSWERS


def test_saving_twice_asks_before_replacing() -> None:
    session = session_on(week48_book(), NOW)
    first = save_review(session, "2026-W48", ANSWERS)
    with pytest.raises(ReviewExists) as caught:
        save_review(session, "2026-W48", {"what_worked": "something else"})
    assert caught.value.week == "2026-W48"
    assert str(caught.value) == "a review of 2026-W48 was saved Thu 03 Dec 10:00: replace it?"
    assert session.book.review_for("2026-W48").answers == ANSWERS  # type: ignore[union-attr]
    second = save_review(session, "2026-W48", {"what_worked": "something else"}, replace=True)
    assert second.message == "replaced the review of 2026-W48"
    assert [r.week for r in session.book.reviews.values()] == ["2026-W48"]
    review = session.book.review_for("2026-W48")
    assert review is not None and review.id == first.created[0].id
    assert review.answers == {
        "what_worked": "something else",
        "what_to_change": "",
        "next_week_focus": "",
        "need_help": "",
    }


def test_saving_refuses_unknown_prompts_and_bad_weeks() -> None:
    session = session_on(week48_book(), NOW)
    with pytest.raises(ReviewInputError, match="unknown answer mood"):
        save_review(session, "2026-W48", {"mood": "great"})
    with pytest.raises(ReviewInputError, match="has not started yet"):
        save_review(session, "2026-W51", ANSWERS)
    assert session.book.reviews == {}


def test_saving_without_a_week_saves_this_week() -> None:
    session = session_on(week48_book(), datetime(2026, 11, 26, 16, tzinfo=UTC))
    save_review(session, None, ANSWERS)
    review = session.book.review_for("2026-W48")
    assert review is not None and review.metrics["as_of"] == "2026-11-26"


def test_markdown_of_a_week_crossing_quarters_says_which_plans() -> None:
    from tests.domain.review_books import CROSSING_NOW, crossing_book

    lines = review_markdown(crossing_book().book, "2026-W53", CROSSING_NOW).splitlines()
    assert lines[0] == "# Weekly review — 2026-W53 (28 Dec 2026 – 3 Jan 2027)"
    assert (
        "The week crosses quarters: targets from the 2026-Q4 plan for 4 working days and "
        "the 2027-Q1 plan for 1 working day." in lines
    )
    assert "| Calls | 60 | 20 | 33% |" in lines
    assert "25 touches; the daily minimum (5 to 20) met on 2 of 5 working days." in lines
    assert "Fri  1 ██████████  5/5  ✓" in lines
    assert "|  | 2026-Q4 (as of Thu 31 Dec) | 2027-Q1 (as of Sun 3 Jan) |" in lines


def test_a_won_deal_dated_after_the_week_is_flagged() -> None:
    from datetime import date

    from cockpit.domain.model import Deal

    book = week48_book()
    won = Deal(
        900, "imported", "Imported", None, stage="won", value=10_000_00, close=date(2026, 12, 15)
    )
    book.apply("deals", 900, to_doc(won))
    lines = review_markdown(book, "2026-W48", NOW).splitlines()
    assert (
        "2026-Q4: 1 won/lost deal is dated after Sun 29 Nov (an import's dates?): check them."
        in lines
    )
    plain = review_markdown(week48_book(), "2026-W48", NOW)
    assert "dated after" not in plain
