"""Reading the files into state: a whole snapshot at open, the new lines at catch-up."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import undo as undo_rules
from .backend import NO_JOURNAL, Backend
from .errors import BookRefused
from .journal import scan
from .load import Loaded, Unreadable, dump_book, new_book, parse_book
from .model import Change, Committed, Doc, Token
from .paths import backups_dir, journal_path
from .transaction import apply_changes

__all__ = [
    "JournalPos",
    "RecordCheck",
    "Refuse",
    "BookReader",
    "Snapshot",
    "cut_torn",
    "read_new_lines",
]

Refuse = Callable[[Path, str], BookRefused]
"""Builds the refusal for a file and a reason (naming the newest backup)."""

RecordCheck = Callable[[Mapping[str, Mapping[int, Doc]]], str | None]
"""Checks loaded records; a reason ("accounts #3: name is not text") refuses the book."""


@dataclass
class JournalPos:
    """How far into the journal our state goes."""

    token: Token = NO_JOURNAL
    """The journal as last seen (its identity, and its size including a torn tail)."""
    end: int = 0
    """Offset after the last good line."""
    lines: int = 0
    """Good lines read so far."""

    @property
    def torn(self) -> bool:
        """Bytes follow the last good line: a torn line, never acknowledged."""
        return self.token.size > self.end


@dataclass
class Snapshot:
    """Everything one read of book + journal yields, before it replaces the live state."""

    loaded: Loaded
    book_token: Token | None
    journal: JournalPos = field(default_factory=JournalPos)
    last_seq: int = 0
    history: undo_rules.History = field(default_factory=undo_rules.History)
    replayed: list[Change] = field(default_factory=list)
    """The journal's changes replayed onto the book's checkpoint, in order."""


def _read_pair(backend: Backend, path: Path) -> tuple[tuple[bytes, Token] | None, bytes, Token]:
    for _attempt in range(5):
        got = backend.read_book(path)
        data, jtoken = backend.read_journal(path, 0)
        # A checkpoint between the two reads would pair an old book with a new
        # journal (missing lines): read again. Catch-up repairs the rare leftover.
        if backend.book_token(path) == (None if got is None else got[1]):
            break
    return got, data, jtoken


@dataclass
class BookReader:
    """Reads one book's files into snapshots."""

    backend: Backend
    path: Path
    now: Callable[[], datetime]
    refuse: Refuse
    check: RecordCheck | None = None

    def open(self, create: bool, lock_timeout: float) -> Snapshot:
        """Read the book; with ``create``, write a new empty one (under the lock) if missing."""
        snap = self.read(allow_missing=create)
        if snap.book_token is None:
            with self.backend.lock(self.path, lock_timeout):
                snap = self.read(allow_missing=True)
                if snap.book_token is None:
                    fresh = new_book(self.now().isoformat())
                    self.backend.write_book(self.path, dump_book(fresh.tables, fresh.extra))
                    self.backend.reset_journal(self.path)
                    snap = self.read(allow_missing=False)
        return snap

    def read(self, allow_missing: bool) -> Snapshot:
        """Read book + journal into a new snapshot; BookRefused leaves everything untouched.

        ``allow_missing``: no book (and an empty journal) reads as a new empty book.
        """
        path, refuse, now_iso = self.path, self.refuse, self.now().isoformat()
        got, data, jtoken = _read_pair(self.backend, path)
        found = scan(data)
        jpath = journal_path(path)
        if got is None:
            if data:
                raise refuse(path, "the book is missing but its journal is not empty")
            if not allow_missing:
                raise refuse(path, "the book is missing")
            loaded, token = new_book(now_iso), None
        else:
            try:
                loaded = parse_book(got[0], now_iso)
            except Unreadable as exc:
                raise refuse(path, str(exc)) from None
            token = got[1]
        if found.error is not None:
            raise refuse(jpath, found.error)
        book_seq: int = loaded.meta["journal_seq"]
        history = undo_rules.History(loaded.tables["undo"])
        last = book_seq
        replayed: list[Change] = []
        for number, (entry, _end) in enumerate(found.entries, start=1):
            if entry.seq <= book_seq and last == book_seq:
                continue  # already folded in by a checkpoint that crashed before emptying
            if entry.seq != last + 1:
                raise refuse(
                    jpath, f"journal line {number} has seq {entry.seq}, expected {last + 1}"
                )
            apply_changes(loaded.tables, entry.changes)
            replayed.extend(entry.changes)
            history.append(entry)
            last = entry.seq
        if self.check is not None and (reason := self.check(loaded.tables)) is not None:
            raise refuse(path, reason)
        pos = JournalPos(jtoken, found.end, len(found.entries))
        return Snapshot(loaded, token, pos, last, history, replayed)


def read_new_lines(
    backend: Backend, path: Path, pos: JournalPos, last_seq: int, book_seq: int, refuse: Refuse
) -> tuple[list[Committed], JournalPos] | None:
    """The journal lines written since ``pos`` and the new position; None: read it all.

    None when the journal was replaced or cut meanwhile (another process checkpointed or
    restored), or its new lines do not follow our state.
    """
    jtoken = backend.journal_token(path)
    if jtoken.identity != pos.token.identity:
        return None
    if jtoken.size == pos.token.size:
        return [], pos
    data, jtoken = backend.read_journal(path, pos.end)
    if jtoken.identity != pos.token.identity or jtoken.size < pos.end:
        return None
    found = scan(data, pos.end, pos.lines + 1)
    if found.error is not None:
        raise refuse(journal_path(path), found.error)
    fresh: list[Committed] = []
    expect = last_seq + 1
    for entry, _end in found.entries:
        if entry.seq <= book_seq and last_seq == book_seq and not fresh:
            continue  # folded in by a checkpoint that crashed before emptying the journal
        if entry.seq != expect:
            return None  # a journal emptied and regrown meanwhile
        fresh.append(entry)
        expect += 1
    return fresh, JournalPos(jtoken, found.end, pos.lines + len(found.entries))


def cut_torn(backend: Backend, path: Path, pos: JournalPos, name: str) -> None:
    """Under the lock: keep a torn last line's bytes as ``backups/<name>``, then cut them.

    A torn line was never acknowledged, but its bytes are the only trace of what the
    rep typed: they are saved first. A crash between the two steps saves them twice.
    """
    if not pos.torn:
        return
    data, _token = backend.read_journal(path, pos.end)
    if data:
        backend.write_file(backups_dir(path) / name, data)
    pos.token = backend.truncate_journal(path, pos.end)
