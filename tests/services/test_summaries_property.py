"""Summaries stay equal to a recount of the activities, whatever the rep does (DESIGN §9.7).

Random runs of commands (calls, emails, meetings and notes, in and out, answered or not,
backdated, on deals, contacts and accounts; undo; checkpoints; `cockpit archive`; an
import; a backup restored) on a book, with a second process following it without its
activities. After every step: each session's summaries equal `recount` over the whole
activities table, and a fresh open that reads no activities shows the same Sprint,
touches due, momentum and quarter as a fresh open that reads everything.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.domain.summaries import OWNER_KEYS, recount
from cockpit.imports import ImportOptions, import_file
from cockpit.quicklog import QuickLogError
from cockpit.services.archive import ArchiveInputError, archive_book
from cockpit.services.clock import fixed_clock
from cockpit.services.quarter_view import quarter_json
from cockpit.services.session import LINE_TABLES, Session
from cockpit.services.today import today_json, today_text
from cockpit.store import MemoryBackend, NothingToUndo, Store, StoreError, list_backups
from cockpit.store import restore_backup as restore_file
from cockpit.store.partial import PartialStore

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # a Wednesday
BOOK = Path("/memory/cockpit.json")
DEALS = Path(__file__).resolve().parents[1] / "imports" / "data" / "semicolon_deals.csv"
SETUP = [
    "set timezone:UTC",
    'account "Acme Corp" tier:key cadence:14d',
    'account "Globex" cadence:30d',
    'contact @acme "Jane Doe"',
    'contact @globex "Bob Stone" cadence:7d',
    'deal @acme "Renewal" value:45k close:2026-12-18 next:"send pricing" due:fri',
    'deal @globex "Pilot" value:12k close:2027-01-15',
]
TARGETS = ["#1", "#2", "~jane-doe", "~bob-stone", "@acme", "@globex", "#1 ~jane-doe"]
WHEN = ["", "", "at:-1h", "at:-2h", "at:yesterday", "at:-3d", "at:2025-06-03"]

log_lines = st.builds(
    lambda verb, target, direction, outcome, when: " ".join(
        part for part in (verb, target, direction, outcome, when, '"x"') if part
    ),
    st.sampled_from(["call", "email", "meeting", "note"]),
    st.sampled_from(TARGETS),
    st.sampled_from(["", "dir:in", "dir:out"]),
    st.sampled_from(["", "", "out:connected", "out:voicemail", "out:replied"]),
    st.sampled_from(WHEN),
)
logs = st.tuples(st.just("log"), log_lines, st.booleans())
steps = st.one_of(
    logs,
    logs,
    logs,
    st.tuples(st.sampled_from(["undo", "undo", "checkpoint", "archive", "import", "restore"])),
)


def opened(backend: MemoryBackend, *, partial: bool) -> Session:
    if partial:
        store: Store = PartialStore.open_only(
            BOOK, LINE_TABLES, now=lambda: NOW, create=False, backend=backend
        )
    else:
        store = Store.open(BOOK, now=lambda: NOW, backend=backend)
    return Session(store, fixed_clock(NOW))


def figures(session: Session) -> Any:
    """What today's views and the quarter show, and every owner's counts."""
    book = session.book
    owners = {
        (key, owner): (book.chase(key, owner), book.last_touch_at(key, owner))
        for key, table in zip(OWNER_KEYS, ("deals", "contacts", "accounts"), strict=True)
        for owner in session.store.tables[table]
    }
    idle = {deal: book.last_activity_at("deal_id", deal) for deal in book.deals}
    quarter = quarter_json(book, book.calendar.quarter_of(NOW.date()), NOW, 1)
    today = today_json(book, NOW, 50, schema_version=1), today_text(book, NOW, 50)
    return today, quarter, owners, idle


def run(session: Session, step: tuple[Any, ...], backend: MemoryBackend) -> None:
    what = step[0]
    try:
        if what == "log":
            session.execute(step[1])
        elif what == "undo":
            session.undo()
        elif what == "checkpoint":
            session.checkpoint()
        elif what == "archive":
            archive_book(session)
        elif what == "import":
            import_file(session, "deals", DEALS, ImportOptions())
        elif what == "restore":
            backups = list_backups(BOOK, backend=backend)
            if backups:
                restore_file(BOOK, backups[-1].path, now=lambda: NOW, backend=backend)
    except (NothingToUndo, StoreError, QuickLogError, ArchiveInputError):
        pass  # refused as a whole: the book is as it was


def check(sessions: list[Session], backend: MemoryBackend) -> None:
    for session in sessions:
        session.refresh()
    whole = opened(backend, partial=False)
    expected = recount(whole.store.tables["activities"].values())
    for session in sessions:
        assert session.book.summaries() == expected
    fresh = opened(backend, partial=True)  # reads all only after a restore (no index)
    assert fresh.book.summaries() == expected
    assert figures(fresh) == figures(whole)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(steps, min_size=1, max_size=14))
def test_summaries_equal_a_recount_after_every_command(run_steps: list[tuple[Any, ...]]) -> None:
    backend = MemoryBackend()
    live = opened(backend, partial=False)
    for line in SETUP:
        live.execute(line)
    # Undo stops here; the book keeps its summaries: a partial open can start from them.
    live.store.checkpoint(clear_undo=True)
    for backup in list_backups(BOOK, backend=backend):
        backend.remove_file(backup.path)  # the empty book: the day's backup is a later one
    follower = opened(backend, partial=True)
    for step in run_steps:
        # A logged line comes from either process; the follower has no activities.
        by_follower = step[0] == "log" and step[2]
        run(follower if by_follower else live, step, backend)
        check([live, follower], backend)
        if follower.book.activities_loaded:
            follower = opened(backend, partial=True)  # back to reading none


def test_a_process_without_activities_follows_another_undoing_what_it_never_read() -> None:
    backend = MemoryBackend()
    live = opened(backend, partial=False)
    for line in [*SETUP, 'email #1 dir:in "they wrote"', 'call #1 out:voicemail "again"']:
        live.execute(line)
    live.checkpoint()
    follower = opened(backend, partial=True)
    assert follower.book.chase("deal_id", 1) == 1
    live.undo()  # deletes the call, which the follower never read
    live.undo()  # and the reply: the deal's run of chases is gone with it
    live.execute('call #1 at:-1h "earlier"')
    follower.refresh()
    assert not follower.book.summaries_ready  # its last reply went: counted again
    assert follower.book.chase("deal_id", 1) == 1
    assert follower.book.summaries() == recount(live.store.tables["activities"].values())


def test_a_repaint_mid_command_waits_when_the_counts_need_activities_not_yet_read() -> None:
    backend = MemoryBackend()
    live = opened(backend, partial=False)
    for line in [*SETUP, 'call #1 at:-2h "first"', 'call #1 at:-2h "second"']:
        live.execute(line)
    live.checkpoint()
    session = opened(backend, partial=True)
    painted: list[int] = []

    def repaint() -> None:
        painted.append(session.book.chase("deal_id", 1))

    session.execute('call #1 "third"', applied=repaint)  # the newest: counted as it comes
    # A reply logged between the calls: the count needs them; no reading mid-command.
    session.execute('email #1 dir:in at:-1h "they wrote back"', applied=repaint)
    assert painted == [3]
    assert session.book.chase("deal_id", 1) == 1  # read after the command: the third call
    assert session.book.activities_loaded


def test_a_restored_backup_is_read_without_its_activities_and_counts_as_its_own() -> None:
    backend = MemoryBackend()
    live = opened(backend, partial=False)
    for line in [*SETUP, 'call #1 "kept in the backup"']:
        live.execute(line)
    live.checkpoint()
    for backup in list_backups(BOOK, backend=backend):
        backend.remove_file(backup.path)  # the empty book's
    live.execute('email #1 dir:in "gone with the restore"')
    live.checkpoint()  # the day's backup: the book with the call only
    restore_file(
        BOOK, list_backups(BOOK, backend=backend)[0].path, now=lambda: NOW, backend=backend
    )
    restored = opened(backend, partial=True)
    assert not restored.book.activities_loaded
    assert restored.book.chase("deal_id", 1) == 1
    whole = opened(backend, partial=False)
    assert restored.book.summaries() == recount(whole.store.tables["activities"].values())
