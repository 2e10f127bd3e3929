"""`cockpit archive`: closed years move out, today's views read the same, the newest year
comes back whole, a crash loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from cockpit.demo import write_demo
from cockpit.domain.book import Book
from cockpit.domain.codec import RECORD_TYPES
from cockpit.domain.marathon import account_money
from cockpit.domain.sprint import idle_days
from cockpit.services.archive import (
    ArchiveInputError,
    archive_book,
    archive_info,
    parse_year,
    restore_year,
)
from cockpit.services.archive.view import book_for_week, book_with_archives
from cockpit.services.quarter_view import quarter_json
from cockpit.services.review import review_json
from cockpit.services.session import Session
from cockpit.services.today import today_json
from cockpit.store import NothingToUndo, Store
from cockpit.store.archive import archive_path, list_archives
from tests.domain.factory import BookFactory, at

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)  # a Wednesday
TODAY = NOW.date()
MOVABLE = ("activities", "deals", "promises")
REPO = Path(__file__).resolve().parents[2]


def hand_book() -> BookFactory:
    """Two accounts over three fiscal years; what each record is for is said beside it."""
    f = BookFactory()
    f.setting("timezone", "UTC")
    acme = f.account("Acme Corp", tier="key", created=at(date(2024, 1, 10)))
    globex = f.account("Globex", tier="growth", created=at(date(2024, 2, 1)))
    jane = f.contact("Jane Doe", acme, cadence_days=10, created=at(date(2024, 1, 10)))
    bob = f.contact("Bob Stone", globex, cadence_days=30, created=at(date(2024, 2, 1)))
    renewal = f.deal(  # open: stays, its 2025 activities go
        "Renewal 2027",
        acme,
        value=4_500_000,
        stage="proposal",
        close=date(2026, 12, 15),
        next_step="send pricing",
        next_due=date(2026, 11, 30),
        created=at(date(2025, 6, 2)),
        stage_changed=at(date(2025, 11, 3)),
    )
    pilot = f.deal(  # won in 2024: goes to the 2024 archive
        "Pilot",
        acme,
        value=3_000_000,
        stage="won",
        close=date(2024, 6, 14),
        created=at(date(2024, 3, 1)),
        won_at=at(date(2024, 6, 14)),
        stage_changed=at(date(2024, 6, 14)),
    )
    expansion = f.deal(  # lost in 2025, but called again in 2026: stays
        "Expansion",
        acme,
        value=1_000_000,
        stage="lost",
        lost_reason="budget",
        lost_code="budget",
        created=at(date(2025, 2, 3)),
        lost_at=at(date(2025, 9, 1)),
        stage_changed=at(date(2025, 9, 1)),
    )
    support = f.deal(  # won in 2025 with a promise still open: stays
        "Support",
        globex,
        value=500_000,
        stage="won",
        created=at(date(2025, 1, 6)),
        won_at=at(date(2025, 5, 5)),
        stage_changed=at(date(2025, 5, 5)),
    )
    starter = f.deal(  # won in 2025: goes, leaving $2,000 on Globex's lifetime won
        "Starter",
        globex,
        value=200_000,
        stage="won",
        created=at(date(2025, 2, 10)),
        won_at=at(date(2025, 4, 1)),
        stage_changed=at(date(2025, 4, 1)),
    )
    f.activity("call", date(2024, 6, 10), contact=jane, deal=pilot, outcome="connected")
    f.activity("email", date(2025, 2, 1), contact=bob, direction="in", outcome="replied")
    f.activity("call", date(2025, 3, 10), contact=bob, outcome="voicemail")
    f.activity("call", date(2025, 11, 3), contact=jane, deal=renewal, outcome="voicemail")
    f.activity("email", date(2025, 12, 1), contact=jane, deal=renewal, outcome="sent")
    f.activity("note", date(2025, 12, 10), deal=renewal, text="waiting on legal")
    f.activity("call", date(2026, 2, 2), deal=expansion, outcome="connected")
    f.activity("call", date(2026, 11, 20), contact=jane, outcome="no_answer")
    f.activity("meeting", date(2025, 4, 1), account=globex, deal=starter, outcome="connected")
    f.promise("pricing to Jane", date(2025, 3, 3), contact=jane, done_at=at(date(2025, 3, 1)))
    f.promise("deck to Jane", date(2026, 1, 5), contact=jane, done_at=at(date(2025, 12, 30)))
    f.promise("references to Bob", date(2025, 6, 1), contact=bob, deal=support)
    f.promise("case study", date(2026, 11, 27), contact=jane)
    f.plan("2026-Q4", quota=10_000_000, daily_minimum=2)
    return f


def write_book(path: Path, f: BookFactory) -> None:
    """Put a factory's records on disk through the store, ids unchanged."""
    store = Store.open(path, now=lambda: NOW)
    with store.transaction("setup") as tx:
        for key, value in f.book.stored_settings.items():
            tx.insert("settings", {"key": key, "value": value})
        for table in RECORD_TYPES:
            docs = getattr(f.book, table).docs
            for doc_id in sorted(docs):
                assert tx.insert(table, dict(docs[doc_id])) == doc_id
    store.checkpoint(clear_undo=True)
    store.close()


def records(session: Session) -> dict[str, dict[int, Any]]:
    """Every record table of the book (and its settings), as stored."""
    return {table: dict(session.store.tables[table]) for table in ("settings", *RECORD_TYPES)}


def views(book: Book) -> tuple[Any, Any]:
    quarter = book.calendar.quarter_of(TODAY)
    return today_json(book, NOW, schema_version=1), quarter_json(book, quarter, NOW, 1)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cockpit.json"


@pytest.fixture
def session(path: Path) -> Iterator[Session]:
    write_book(path, hand_book())
    opened = Session.open(path, clock=lambda: NOW, create=False)
    yield opened
    opened.close()


def archived_ids(path: Path) -> dict[str, list[int]]:
    """Ids held by the archive files, duplicates kept (as a list)."""
    import orjson

    found: dict[str, list[int]] = {table: [] for table in MOVABLE}
    for archive in list_archives(path).values():
        raw = orjson.loads(archive.read_bytes())
        for table in MOVABLE:
            found[table] += [int(key) for key in raw.get(table, {})]
    return found


# -- what moves, and what today's views read --------------------------------------------


def test_closed_years_move_and_today_reads_the_same(session: Session, path: Path) -> None:
    before = views(session.book)
    result = archive_book(session)
    assert [(y.year, y.activities, y.deals, y.promises) for y in result.years] == [
        (2024, 1, 1, 0),
        (2025, 6, 1, 1),
    ]
    assert result.cut == date(2026, 1, 1)
    assert views(session.book) == before
    assert sorted(session.book.activities) == [7, 8]  # the 2026 calls
    assert sorted(session.book.deals) == [1, 3, 4]  # open; called in 2026; open promise
    assert sorted(session.book.promises) == [2, 3, 4]  # due 2026; open; open
    assert archive_info(session.store.tables) == ([2024, 2025], date(2026, 1, 1))
    assert sorted(list_archives(path)) == [2024, 2025]


def test_summaries_carry_chase_last_touch_idle_days_and_lifetime_won(session: Session) -> None:
    archive_book(session)
    book = session.book
    # Jane: no answer on 20 Nov (in the book), sent 1 Dec and voicemail 3 Nov 2025
    # (archived), connected in June 2024 (archived): three outbound since a response.
    assert book.chase("contact_id", 1) == 3
    assert book.chase("deal_id", 1) == 2  # the renewal: voicemail and email, both archived
    assert book.chase("contact_id", 2) == 1  # Bob: the voicemail after his reply
    assert book.owner_summary("account_id", 2).last_touch is None  # nothing of Globex left
    assert book.last_touch_at("account_id", 2) == at(date(2025, 4, 1))  # the meeting
    assert book.last_touch_at("contact_id", 2) == at(date(2025, 3, 10))
    assert book.last_touch_at("account_id", 1) == at(date(2026, 11, 20))
    renewal = book.deals[1]
    assert idle_days(book, renewal, TODAY) == 350  # since the note of 10 Dec 2025
    assert account_money(book, 1) == (4_500_000, 3_000_000)  # the Pilot, archived
    assert account_money(book, 2) == (0, 700_000)  # Support in the book + Starter archived


def test_today_json_shows_the_carried_figures(session: Session) -> None:
    archive_book(session)
    doc = today_json(session.book, NOW, schema_version=1)
    due = {(r["account"]["name"], (r["contact"] or {}).get("name")): r for r in doc["touches_due"]}
    assert due[("Globex", None)]["last_touch"] == "2025-04-01"
    assert due[("Globex", None)]["days_overdue"] == 573  # due 1 May 2025
    assert due[("Globex", "Bob Stone")]["last_touch"] == "2025-03-10"
    assert due[("Globex", "Bob Stone")]["days_overdue"] == 595  # due 9 Apr 2025
    assert due[("Globex", "Bob Stone")]["chase"] == 1
    (row,) = doc["sprint"]
    reasons = {r["code"]: r["days"] for r in row["reasons"]}
    assert reasons["rotting"] == 350


def test_a_second_run_moves_nothing(session: Session, path: Path) -> None:
    archive_book(session)
    files = {year: p.read_bytes() for year, p in list_archives(path).items()}
    book_bytes = path.read_bytes()
    again = archive_book(session)
    assert again.years == []
    assert again.message == "nothing to archive before 2026-01-01"
    assert path.read_bytes() == book_bytes
    assert {year: p.read_bytes() for year, p in list_archives(path).items()} == files


def test_archive_forgets_undo_and_leaves_no_journal(session: Session, path: Path) -> None:
    session.execute('call ~jane out:voicemail "one more try"')
    archive_book(session)
    assert path.with_name("cockpit.json.journal").read_bytes() == b""
    with pytest.raises(NothingToUndo):
        session.undo()


def test_archive_files_are_private_tinydb_files(session: Session, path: Path) -> None:
    from tinydb import TinyDB

    archive_book(session)
    for archive in list_archives(path).values():
        assert os.stat(archive).st_mode & 0o777 == 0o600
    with TinyDB(archive_path(path, 2025)) as db:
        assert sorted(doc["id"] for doc in db.table("activities").all()) == [2, 3, 4, 5, 6, 9]
        assert [doc["title"] for doc in db.table("deals").all()] == ["Starter"]


# -- restore ------------------------------------------------------------------------------


def test_restore_brings_the_year_back_record_for_record(session: Session, path: Path) -> None:
    original = records(session)
    archive_book(session, before=2025)  # 2024 only
    result = restore_year(session, 2024)
    assert (result.moved.activities, result.moved.deals, result.moved.promises) == (1, 1, 0)
    assert records(session) == original
    assert list_archives(path) == {}
    assert archive_info(session.store.tables) == ([], None)


def test_years_come_back_newest_first(session: Session, path: Path) -> None:
    original = records(session)
    archive_book(session, before=2025)
    archive_book(session)  # then 2025, in a second run
    with pytest.raises(ArchiveInputError, match="restore 2025 first"):
        restore_year(session, 2024)
    restore_year(session, 2025)
    assert views(session.book) == views(Book.from_tables(original))
    restore_year(session, 2024)
    assert records(session) == original


def test_a_restored_deal_whose_handle_was_taken_is_renamed(session: Session) -> None:
    archive_book(session)
    session.execute('deal @acme "Pilot" value:10k')  # the archived Pilot's handle is free
    taken = session.book.by_handle("deals", "acme-corp-pilot")
    result = restore_year(session, 2025)
    result = restore_year(session, 2024)
    assert result.renamed == [(2, "acme-corp-pilot", "acme-corp-pilot-2")]
    assert "renamed #2 acme-corp-pilot -> acme-corp-pilot-2" in result.message
    assert session.book.by_handle("deals", "acme-corp-pilot") == taken
    assert session.book.by_handle("deals", "acme-corp-pilot-2") == 2


# -- on demand -------------------------------------------------------------------------


def test_a_review_of_an_archived_week_reads_the_archives(session: Session) -> None:
    original = Book.from_tables(records(session))
    expected = review_json(original, "2025-W11", NOW, 1)
    archive_book(session)
    book = book_for_week(session, "2025-W11")
    assert book is not session.book
    assert review_json(book, "2025-W11", NOW, 1) == expected
    assert expected["touches"]["total"] == 1  # Bob's voicemail, read back from 2025


def test_this_weeks_review_needs_the_archive_only_for_a_dormant_account(
    session: Session,
) -> None:
    original = Book.from_tables(records(session))
    expected = review_json(original, None, NOW, 1)
    archive_book(session)
    # Globex's last touch before this week is archived: its missed cadence reads it.
    assert book_for_week(session, None) is not session.book
    assert review_json(book_for_week(session, None), None, NOW, 1) == expected
    session.execute('call @globex out:connected "back in touch" at:2026-11-02')
    assert book_for_week(session, None) is session.book


def test_the_book_with_archives_is_the_book_before_archiving(session: Session) -> None:
    original = records(session)
    archive_book(session, before=2025)
    archive_book(session)
    whole = book_with_archives(session)
    for table in MOVABLE + ("accounts", "contacts"):
        assert getattr(whole, table).docs == original[table]


# -- crashes ----------------------------------------------------------------------------


def _everything_once(path: Path, session: Session, original: dict[str, dict[int, Any]]) -> None:
    """Each record is in the book or in one archive, exactly once, unchanged."""
    in_files = archived_ids(path)
    for table in MOVABLE:
        in_book = sorted(session.store.tables[table])
        assert sorted(in_book + in_files[table]) == sorted(original[table])
    whole = book_with_archives(session)
    for table in MOVABLE:
        assert getattr(whole, table).docs == original[table]


def test_a_failed_checkpoint_keeps_the_book_and_a_rerun_finishes(
    session: Session, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = records(session)
    before = path.read_bytes()

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(Store, "_checkpoint_locked", crash)
        with pytest.raises(OSError, match="disk full"):
            archive_book(session)
    assert path.read_bytes() == before  # the book still holds everything...
    assert records(session) == original  # ...and so does the session
    assert sorted(list_archives(path)) == [2024, 2025]  # copies are already out
    result = archive_book(session)
    assert [y.year for y in result.years] == [2024, 2025]
    _everything_once(path, session, original)
    assert views(session.book) == views(Book.from_tables(original))


def test_killed_between_the_archive_and_the_book_nothing_is_lost(
    session: Session, path: Path
) -> None:
    original = records(session)
    session.close()
    child = textwrap.dedent(
        f"""
        import os, signal
        from datetime import datetime, UTC
        from pathlib import Path
        from cockpit.services.archive import archive_book
        from cockpit.services.session import Session
        from cockpit.store import Store

        def die(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)

        Store._checkpoint_locked = die
        now = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
        session = Session.open(Path({str(path)!r}), clock=lambda: now)
        archive_book(session)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", child], env=env, cwd=REPO, timeout=60)
    assert done.returncode == -signal.SIGKILL
    reopened = Session.open(path, clock=lambda: NOW, create=False)
    try:
        assert records(reopened) == original
        archive_book(reopened)
        _everything_once(path, reopened, original)
    finally:
        reopened.close()


def test_a_crash_before_the_restored_archive_is_deleted_is_harmless(
    session: Session, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = records(session)
    archive_book(session)

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("killed")

    with monkeypatch.context() as patch:
        patch.setattr("cockpit.services.archive.moves.remove_archive", crash)
        with pytest.raises(OSError):
            restore_year(session, 2025)
    assert archive_info(session.store.tables) == ([2024], date(2025, 1, 1))
    assert archive_path(path, 2025).exists()  # a leftover copy of what the book holds
    assert book_with_archives(session).activities.docs == original["activities"]
    again = restore_year(session, 2025)  # the leftover goes, nothing doubles
    assert (again.moved.activities, again.moved.deals, again.moved.promises) == (0, 0, 0)
    assert not archive_path(path, 2025).exists()
    restore_year(session, 2024)
    assert records(session) == original


# -- bad years ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["20x5", "25", "2025-01", ""])
def test_a_year_is_four_digits(text: str) -> None:
    with pytest.raises(ArchiveInputError, match="expected a fiscal year like 2025"):
        parse_year(text)


def test_the_current_and_future_years_are_refused(session: Session) -> None:
    with pytest.raises(ArchiveInputError, match="2027 is not a closed year"):
        archive_book(session, before=2027)
    with pytest.raises(ArchiveInputError, match="2026 is not a closed year"):
        restore_year(session, 2026)
    with pytest.raises(ArchiveInputError, match="no archive of 2023"):
        restore_year(session, 2023)


# -- the cut -------------------------------------------------------------------------------


def test_a_streak_reaching_back_keeps_its_quarter_in_the_book(path: Path) -> None:
    f = BookFactory()
    f.setting("timezone", "UTC")
    f.setting("daily_minimum", 1)
    day = date(2025, 11, 3)  # a Monday; one touch every working day since
    while day < TODAY:
        if day.weekday() < 5:
            f.touches(day, 1)
        day = date.fromordinal(day.toordinal() + 1)
    f.touches(date(2025, 6, 2), 1)  # before the streak: this one may go
    write_book(path, f)
    session = Session.open(path, clock=lambda: NOW, create=False)
    try:
        before = views(session.book)
        result = archive_book(session)
        # The streak starts on 3 Nov 2025: the walk back stops at Fri 31 Oct, missed.
        assert result.cut == date(2025, 10, 1)
        assert [(y.year, y.activities) for y in result.years] == [(2025, 1)]
        assert "kept in the book from 2025-10-01" in result.message
        assert views(session.book) == before
        assert views(session.book)[0]["momentum"]["streak"] == 277
    finally:
        session.close()


def test_the_three_year_demo_book_archived_the_way_a_rep_would(tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    write_demo(path, NOW, years=3, seed=7)
    session = Session.open(path, clock=lambda: NOW, create=False)
    try:
        original = records(session)
        before = views(session.book)
        this_week = review_json(session.book, None, NOW, 1)
        archived_week = review_json(session.book, "2025-W10", NOW, 1)
        archive_book(session)
        assert len(session.book.activities) < len(original["activities"]) // 2
        assert views(session.book) == before
        assert review_json(book_for_week(session, None), None, NOW, 1) == this_week
        assert review_json(book_for_week(session, "2025-W10"), "2025-W10", NOW, 1) == archived_week
        for year in reversed(archive_info(session.store.tables)[0]):
            restore_year(session, year)
        assert records(session) == original
    finally:
        session.close()


def test_a_touch_backdated_into_an_archived_year_joins_that_year(session: Session) -> None:
    archive_book(session)
    session.execute('call @globex out:voicemail "found an old note" at:2025-06-02')
    assert session.book.last_touch_at("account_id", 2) == datetime(2025, 6, 2, 12, tzinfo=UTC)
    result = archive_book(session)
    assert [(y.year, y.activities) for y in result.years] == [(2025, 1)]
    assert archive_info(session.store.tables) == ([2024, 2025], date(2026, 1, 1))
    assert session.book.last_touch_at("account_id", 2) == datetime(2025, 6, 2, 12, tzinfo=UTC)
    restore_year(session, 2025)  # still the newest archived year, and it can come back
    restore_year(session, 2024)
    assert len(session.book.activities) == 10
