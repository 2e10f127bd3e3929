"""The book in segments: big tables last, an index of byte ranges and crcs, partial reads.

`cockpit log` reads every table but activities and undo when the index matches the book;
a damaged segment it reads is refused (exit 3); a stale or missing index means a full
load; a partly read book is never written back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
import tinydb

from cockpit.demo import write_demo
from cockpit.services.session import LINE_TABLES, Session
from cockpit.store import BookRefused, FileBackend, Store
from cockpit.store.partial import PartialStore
from cockpit.store.segments import ORDER, index_path, read_segments

from .helpers import Clock

NOW = "2026-11-25T10:30:00+00:00"
ENV = {**os.environ, "COCKPIT_NOW": NOW, "TZ": "UTC"}
LINES = [
    'call #22 out:connected "segments" next:"send pricing" due:fri',
    'account "Segment Test" tier:key',
    'deal "Segment pilot" @segment-test value:12k close:2026-12-18',
    'promise #22 "the pricing sheet" due:mon',
    'note #22 "a note"',
    "stage #22 negotiation",
]


def cockpit(book: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *args, "--db", str(book)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )


def journal(book: Path) -> list[dict[str, object]]:
    path = book.with_name(book.name + ".journal")
    return [json.loads(line) for line in path.read_bytes().splitlines()] if path.exists() else []


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A demo book checkpointed once, so it has its index."""
    book = tmp_path / "cockpit.json"
    write_demo(book, datetime.fromisoformat(NOW), seed=7)
    session = Session.open(book)
    session.execute('account "Indexed"')
    session.close()  # checkpoints: book and index
    assert index_path(book).exists()
    return book


def damage(book: Path, table: str, old: bytes = b'"', new: bytes = b"!") -> None:
    """Change one byte inside a table's segment; the size and mtime stay (bit rot)."""
    got = read_segments(book, [table])
    assert got is not None
    start = json.loads(index_path(book).read_bytes())["tables"][table][0]
    data = bytearray(book.read_bytes())
    at = data.index(old, start + 10)
    assert len(new) == len(old)
    data[at : at + len(old)] = new
    st = os.stat(book)
    with open(book, "r+b") as handle:  # in place: same inode
        handle.write(data)
    os.utime(book, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_the_book_is_one_tinydb_file_with_the_big_tables_last(book: Path) -> None:
    raw = orjson.loads(book.read_bytes())
    assert list(raw)[-2:] == ["activities", "undo"]
    with tinydb.TinyDB(book, access_mode="r") as db:
        assert len(db.table("activities")) == len(raw["activities"]) > 1000
    got = read_segments(book, ORDER)
    assert got is not None
    parts, _st = got
    assert {name: orjson.loads(part) for name, part in parts.items()} == raw


def test_log_reads_only_what_it_needs_and_writes_what_a_full_load_writes(
    book: Path, tmp_path: Path
) -> None:
    full = tmp_path / "full" / "cockpit.json"
    full.parent.mkdir()
    shutil.copy2(book, full)  # no index beside it: a full load
    partial = PartialStore.open_only(book, LINE_TABLES, now=datetime.now, create=False)
    assert len(partial.tables["activities"]) == 0 and len(partial.tables["deals"]) == 60
    partial.close(checkpoint=False)
    for line in LINES:
        a, b = cockpit(book, "log", line), cockpit(full, "log", line)
        assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr)
        assert a.returncode == 0, a.stderr
    assert journal(book) == journal(full)
    undo = cockpit(book, "undo")  # needs the undo table and the records: loads them
    assert (undo.returncode, undo.stdout) == (0, 'undid "stage #22 negotiation"\n')


def test_a_partly_read_book_loads_the_rest_before_it_is_written_back(
    book: Path, tmp_path: Path
) -> None:
    before = orjson.loads(book.read_bytes())
    session = Session.open(book, only=LINE_TABLES)
    assert len(session.book.activities) == 0
    session.execute('call #22 "then a checkpoint"')
    session.checkpoint()
    after = orjson.loads(book.read_bytes())
    assert len(after["activities"]) == len(before["activities"]) + 1
    assert len(session.book.activities) == len(after["activities"])  # loaded, not lost
    session.close()


def test_a_damaged_segment_the_command_reads_is_refused(book: Path) -> None:
    damage(book, "deals")
    done = cockpit(book, "log", 'call #22 "on a damaged book"')
    assert done.returncode == 3
    assert "table 'deals' is damaged" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert journal(book) == []


def test_a_stale_or_missing_index_means_a_full_load(book: Path) -> None:
    # Activities broken: `log` does not read them while the index matches the book...
    damage(book, "activities", b'"text":', b'"text"!')
    fresh = cockpit(book, "log", 'call #22 "activities unread"')
    assert fresh.returncode == 0, fresh.stderr
    # ...the book changed since the index (its mtime moved): everything is read.
    os.utime(book)
    stale = cockpit(book, "log", 'call #22 "read it all"')
    assert stale.returncode == 3, stale.stderr
    assert "not valid JSON" in stale.stderr
    os.utime(book, ns=(0, json.loads(index_path(book).read_bytes())["book"][2]))
    index_path(book).unlink()
    missing = cockpit(book, "log", 'call #22 "read it all"')
    assert missing.returncode == 3


def test_a_checkpoint_leaves_an_index_that_matches_the_book(tmp_path: Path) -> None:
    book = tmp_path / "b.json"
    store = Store.open(book, now=Clock(), backend=FileBackend())
    with store.transaction("one") as tx:
        tx.insert("activities", {"n": 1})
    store.checkpoint()
    got = read_segments(book, ORDER)
    assert got is not None
    assert orjson.loads(got[0]["activities"]) == {"1": {"id": 1, "n": 1}}
    store.close()


def test_a_session_opened_without_activities_says_so_and_loads_them_when_asked(
    book: Path,
) -> None:
    whole = Session.open(book)
    session = Session.open(book, only=LINE_TABLES)
    assert whole.book.activities_loaded
    assert not session.book.activities_loaded and not session.book.activities

    session.load_activities()

    assert session.book.activities_loaded
    assert session.book.activities.docs == whole.book.activities.docs
    session.load_activities()  # already there: nothing to do
    assert session.book.activities_loaded


def test_today_and_quarter_read_no_activities_and_print_what_a_full_load_prints(
    book: Path, tmp_path: Path
) -> None:
    # Since the checkpoint: a logged touch, a backdated reply, a line logged and undone.
    for line in (
        'call #22 out:voicemail "left word"',
        'email #22 in "they wrote back" at:2026-11-20',
        'email #22 "one more"',
    ):
        assert cockpit(book, "log", line).returncode == 0
    assert cockpit(book, "undo").returncode == 0
    full = tmp_path / "full" / "cockpit.json"
    full.parent.mkdir()
    shutil.copy2(book, full)  # no index beside it: everything is read
    shutil.copy2(book.with_name("cockpit.json.journal"), full.with_name("cockpit.json.journal"))
    # A byte of the activities changed: any command that read them would be refused.
    damage(book, "activities", b'"text":', b'"text"!')
    for command in (["today"], ["today", "--json", "--all"], ["quarter", "--json"]):
        partial, whole = cockpit(book, *command), cockpit(full, *command)
        assert partial.returncode == whole.returncode == 0, partial.stderr
        assert (partial.stdout, partial.stderr) == (whole.stdout, whole.stderr)
    assert "touches due" in cockpit(book, "today").stdout.lower()
    assert cockpit(book, "export", "--format", "json").returncode == 3  # reads them: refused


def test_a_failed_read_of_the_rest_never_lets_a_partly_read_book_be_written(book: Path) -> None:
    store = PartialStore.open_only(book, LINE_TABLES, now=datetime.now, create=False)
    damage(book, "activities")
    damaged = book.read_bytes()
    with pytest.raises(BookRefused):
        store.load_all()
    assert store.partial  # still only the small tables in memory
    with pytest.raises(BookRefused):
        store.checkpoint()  # tries the read again; never writes the small tables alone
    assert book.read_bytes() == damaged
    store.close(checkpoint=False)


class _PreemptedLock:
    """The store's mutex, with the loader thread pre-empted just before it takes it."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.waiting = threading.Event()
        self.resume = threading.Event()

    def __enter__(self) -> None:
        if threading.current_thread().name == "loader" and not self.waiting.is_set():
            self.waiting.set()
            assert self.resume.wait(30)
        self.inner.__enter__()

    def __exit__(self, *exc: object) -> None:
        self.inner.__exit__(*exc)

    def acquire(self, blocking: bool = True) -> bool:
        return bool(self.inner.acquire(blocking))

    def release(self) -> None:
        self.inner.release()


def test_a_checkpoint_while_the_rest_is_being_read_never_writes_the_small_tables_alone(
    book: Path,
) -> None:
    activities = len(orjson.loads(book.read_bytes())["activities"])
    store = PartialStore.open_only(book, LINE_TABLES, now=datetime.now, create=False)
    with store.transaction('call #22 "during the load"') as tx:
        tx.insert("activities", {"deal_id": 22, "kind": "call", "at": NOW, "note": "x"})
    lock = store._mutex = _PreemptedLock(store._mutex)  # type: ignore[assignment]
    loader = threading.Thread(target=store.load_all, name="loader")
    loader.start()
    assert lock.waiting.wait(30)
    store.checkpoint()  # the TUI's idle checkpoint, while its worker is between two steps
    lock.resume.set()
    loader.join(30)
    written = orjson.loads(book.read_bytes())["activities"]
    assert len(written) == activities + 1
    store.close(checkpoint=False)
