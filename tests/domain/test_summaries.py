"""Summaries of the activities: the one recount, the rules that follow a change, and the
fall-back to counting an owner again when a change is not one they can follow."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from cockpit.domain.book import Book
from cockpit.domain.summaries import Summaries, follow, from_meta, recount

DAY = date(2026, 11, 24)


def act(
    id_: int,
    hour: int,
    kind: str = "call",
    direction: str = "out",
    outcome: str | None = None,
    day: date = DAY,
    deal: int | None = 1,
    contact: int | None = None,
) -> dict[str, Any]:
    at = datetime(day.year, day.month, day.day, hour, tzinfo=UTC).isoformat()
    return {
        "id": id_,
        "kind": kind,
        "at": at,
        "direction": direction,
        "outcome": outcome,
        "deal_id": deal,
        "contact_id": contact,
        "account_id": None,
        "text": "",
    }


def following(docs: list[dict[str, Any]], *changes: tuple[Any, Any]) -> Summaries:
    """Summaries of `docs`, then each (before, after) applied to them."""
    summaries = recount(docs)
    for before, after in changes:
        summaries.apply(before, after)
    return summaries


def test_recount_sums_up_each_owner_and_each_day() -> None:
    docs = [
        act(1, 9, outcome="voicemail"),
        act(2, 10, "email", direction="in", contact=7),
        act(3, 11, "call"),
        act(4, 12, "note"),
        act(5, 13, "email", outcome="sent", day=date(2026, 11, 25)),
    ]
    deal = recount(docs).owner("deal_id", 1)
    assert deal.last_touch == (datetime(2026, 11, 25, 13, tzinfo=UTC), 5)
    assert deal.last_activity == deal.last_touch  # the note came before
    assert deal.last_response == (datetime(2026, 11, 24, 10, tzinfo=UTC), 2)
    assert deal.chase == 2  # the call at 11 and the email on the 25th; the note is no touch
    assert recount(docs).owner("contact_id", 7).chase == 0
    assert recount(docs).owner("contact_id", 8).last_activity is None
    assert dict(recount(docs).kinds_on("2026-11-24")) == {"call": 2, "email": 1, "note": 1}
    assert recount([act(1, 9, outcome="connected")]).owner("deal_id", 1).chase == 0


@pytest.mark.parametrize(
    ("name", "docs", "change"),
    [
        ("the newest out touch adds one", [act(1, 9)], (None, act(2, 10))),
        ("the newest reply ends the run", [act(1, 9)], (None, act(2, 10, direction="in"))),
        (
            "a backdated out touch after the reply adds one",
            [act(1, 9, direction="in"), act(2, 12)],
            (None, act(3, 10)),
        ),
        (
            "a backdated touch before the reply changes no chase",
            [act(1, 9), act(2, 10, outcome="replied"), act(3, 12)],
            (None, act(4, 8)),
        ),
        (
            "a backdated reply before the last reply changes no chase",
            [act(1, 10, direction="in"), act(2, 12)],
            (None, act(3, 9, direction="in")),
        ),
        (
            "a touch in the run deleted takes one off",
            [act(1, 9, direction="in"), act(2, 10), act(3, 11)],
            (act(2, 10), None),
        ),
        ("a note on another day moves only day counts", [act(1, 9)], (None, act(2, 8, "note"))),
    ],
)
def test_a_change_the_rules_can_follow_is_followed_exactly(
    name: str, docs: list[dict[str, Any]], change: tuple[Any, Any]
) -> None:
    summaries = following(docs, change)
    assert summaries.exact, name
    after = [d for d in docs if change[0] is None or d["id"] != change[0]["id"]]
    assert summaries == recount(after + ([change[1]] if change[1] else [])), name


@pytest.mark.parametrize(
    ("name", "docs", "change"),
    [
        ("the newest deleted", [act(1, 9), act(2, 10)], (act(2, 10), None)),
        (
            "the last reply deleted",
            [act(1, 9, direction="in"), act(2, 10)],
            (act(1, 9, "call", "in"), None),
        ),
        (
            "a backdated reply newer than the last reply",
            [act(1, 8, direction="in"), act(2, 9), act(3, 11)],
            (None, act(4, 10, "email", "in")),
        ),
        (
            "the newest moved back a day",
            [act(1, 9), act(2, 10)],
            (act(2, 10), act(2, 10, day=date(2026, 11, 23))),
        ),
    ],
)
def test_a_change_the_rules_cannot_follow_is_counted_again(
    name: str, docs: list[dict[str, Any]], change: tuple[Any, Any]
) -> None:
    summaries = following(docs, change)
    assert summaries.stale == {("deal_id", 1)}, name
    after = [d for d in docs if change[0] is None or d["id"] != change[0]["id"]]
    after += [change[1]] if change[1] else []
    summaries.refresh(after)
    assert summaries.exact and summaries == recount(after), name


def test_day_counts_move_with_every_change_even_when_an_owner_is_stale() -> None:
    moved = act(2, 10, day=date(2026, 11, 23))
    summaries = following([act(1, 9), act(2, 10)], (act(2, 10), moved))
    assert summaries.days == recount([act(1, 9), moved]).days


def test_a_line_logged_and_undone_since_the_checkpoint_leaves_no_trace() -> None:
    kept = recount([act(1, 9), act(2, 10)])
    logged = act(3, 11, direction="in")
    follow(kept, [(3, None, logged), (3, logged, None)])
    assert kept.exact and kept == recount([act(1, 9), act(2, 10)])
    # Two lines since: added oldest first, the reply at 12 is the newest when it comes.
    follow(kept, [(5, None, act(5, 13)), (4, None, act(4, 12, outcome="connected"))])
    expected = [act(1, 9), act(2, 10), act(4, 12, outcome="connected"), act(5, 13)]
    assert kept.exact and kept == recount(expected)


def test_summaries_kept_in_meta_read_back_only_as_of_their_checkpoint() -> None:
    summaries = recount([act(1, 9), act(2, 10, "email", "in", contact=4), act(3, 11, "note")])
    doc = {**summaries.to_doc(), "journal_seq": 12}
    assert from_meta({"journal_seq": 12, "summaries": doc}) == summaries
    assert from_meta({"journal_seq": 13, "summaries": doc}) is None  # written by an older cockpit
    assert from_meta({"journal_seq": 12}) is None
    broken = {**doc, "owners": {"deal_id": {"1": [1, 2, 3]}}}
    assert from_meta({"journal_seq": 12, "summaries": broken}) is None
    assert from_meta({"journal_seq": 12, "summaries": {**doc, "format": 99}}) is None


def test_a_book_read_without_activities_reads_them_when_a_count_needs_them() -> None:
    docs = {1: act(1, 9), 2: act(2, 10, direction="in"), 3: act(3, 11)}
    calls: list[int] = []

    def load() -> dict[int, dict[str, Any]]:
        calls.append(1)
        return docs

    kept = recount(docs.values())
    book = Book.from_tables({"activities": {}}, summaries=lambda: kept, load=load)
    assert not book.activities_loaded and book.chase("deal_id", 1) == 1
    book.apply("activities", 4, act(4, 12))  # the newest: followed
    docs[4] = act(4, 12)
    assert book.chase("deal_id", 1) == 2 and calls == []
    book.apply("activities", 4, act(4, 12))  # the same change again: no double count
    assert book.chase("deal_id", 1) == 2
    book.apply("activities", 2, None, docs.pop(2))  # the last reply undone: counted again
    assert not book.summaries_ready
    assert book.chase("deal_id", 1) == 3 and calls == [1]
    assert book.activities_loaded and book.summaries() == recount(docs.values())
