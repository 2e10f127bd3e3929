"""The Store facade: load, catch up, commit commands to the journal, checkpoint, undo."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import undo as undo_rules
from .backend import NO_JOURNAL, Backend, FileBackend, Token
from .backups import list_backups, prune_backups, save_backup
from .errors import BookRefused, StoreError
from .journal import encode_entry, scan
from .load import Loaded, Unreadable, dump_book, new_book, parse_book, write_book
from .lock import LOCK_TIMEOUT
from .model import SCHEMA_VERSION, TABLES, Change, Committed, Doc, Listener
from .paths import backups_dir, journal_path
from .transaction import Transaction, apply_changes

__all__ = ["CHECKPOINT_BYTES", "CHECKPOINT_LINES", "Store"]

CHECKPOINT_LINES = 1000
"""``maybe_checkpoint`` folds the journal into the book past this many lines..."""

CHECKPOINT_BYTES = 1 << 20
"""...or past this many bytes."""


@dataclass
class _Snapshot:
    """Everything one read of book + journal yields, before it replaces the live state."""

    loaded: Loaded
    book_token: Token | None
    journal_id: Token
    journal_size: int
    journal_end: int
    journal_lines: int
    last_seq: int
    history: undo_rules.History


class Store:
    """The book in memory, kept in step with its files; the only writer of those files."""

    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime],
        backend: Backend,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        """Use ``Store.open``; this only sets up an empty, unloaded store."""
        self.path = path
        self._now = now
        self._backend = backend
        self._lock_timeout = lock_timeout
        self.checkpoint_lines = CHECKPOINT_LINES
        self.checkpoint_bytes = CHECKPOINT_BYTES
        self._tables: dict[str, dict[int, Doc]] = {name: {} for name in TABLES}
        self._extra: dict[str, Any] = {}
        self._version = SCHEMA_VERSION
        self._book_token: Token | None = None
        self._journal_id: Token = NO_JOURNAL[:-1]
        self._journal_size = 0
        self._journal_end = 0
        self._journal_lines = 0
        self._last_seq = 0
        self._history = undo_rules.History()
        self._listeners: list[Listener] = []
        self._pending: list[Sequence[Change] | None] = []
        self._mutex = threading.RLock()
        self._in_tx = False
        self._closed = False

    # -- opening and reading -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        now: Callable[[], datetime],
        create: bool = True,
        backend: Backend | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> Store:
        """Load the book strictly and replay its journal; create it if missing and ``create``."""
        backend = backend or FileBackend()
        # Resolved once: a symlinked book keeps its journal, lock and backups beside the
        # real file, so every way of naming it shares them (and a checkpoint replaces the
        # real file, never the link).
        store = cls(
            backend.real_path(Path(path)), now=now, backend=backend, lock_timeout=lock_timeout
        )
        snap = store._read(allow_missing=create)
        if snap.book_token is None:
            with store._backend.lock(store.path, lock_timeout):
                snap = store._read(allow_missing=True)
                if snap.book_token is None:
                    store._create()
                    snap = store._read(allow_missing=False)
        store._adopt(snap)
        return store

    def _refuse(self, file: Path, reason: str) -> BookRefused:
        newest = list_backups(self.path, backend=self._backend)
        return BookRefused(file, reason, newest[0].path if newest else None)

    def _create(self) -> None:
        """Write a new empty book and journal (under the lock)."""
        fresh = new_book(self._now().isoformat())
        self._backend.write_book(self.path, dump_book(fresh.tables, fresh.extra))
        self._backend.reset_journal(self.path)

    def _read(self, *, allow_missing: bool) -> _Snapshot:
        """Read book + journal into a new snapshot; BookRefused leaves everything untouched."""
        for _attempt in range(5):
            got = self._backend.read_book(self.path)
            data, jtoken = self._backend.read_journal(self.path, 0)
            # A checkpoint between the two reads would pair an old book with a new
            # journal (missing lines): read again. Catch-up repairs the rare leftover.
            if self._backend.book_token(self.path) == (None if got is None else got[1]):
                break
        found = scan(data)
        jpath = journal_path(self.path)
        if got is None:
            if data:
                raise self._refuse(self.path, "the book is missing but its journal is not empty")
            if not allow_missing:
                raise self._refuse(self.path, "the book is missing")
            loaded, token = new_book(self._now().isoformat()), None
        else:
            try:
                loaded = parse_book(got[0], self._now().isoformat())
            except Unreadable as exc:
                raise self._refuse(self.path, str(exc)) from None
            token = got[1]
        if found.error is not None:
            raise self._refuse(jpath, found.error)
        book_seq: int = loaded.meta["journal_seq"]
        history = undo_rules.History(loaded.tables["undo"])
        last = book_seq
        for number, (entry, _end) in enumerate(found.entries, start=1):
            if entry.seq <= book_seq and last == book_seq:
                continue  # already folded in by a checkpoint that crashed before emptying
            if entry.seq != last + 1:
                raise self._refuse(
                    jpath, f"journal line {number} has seq {entry.seq}, expected {last + 1}"
                )
            apply_changes(loaded.tables, entry.changes)
            history.append(entry)
            last = entry.seq
        return _Snapshot(
            loaded=loaded,
            book_token=token,
            journal_id=jtoken[:-1],
            journal_size=jtoken[-1],
            journal_end=found.end,
            journal_lines=len(found.entries),
            last_seq=last,
            history=history,
        )

    def _adopt(self, snap: _Snapshot) -> None:
        """Make a snapshot the live state; table dicts keep their identity for callers."""
        for name in TABLES:
            live = self._tables[name]
            live.clear()
            live.update(snap.loaded.tables[name])
        self._extra = snap.loaded.extra
        self._version = snap.loaded.version
        self._book_token = snap.book_token
        self._journal_id = snap.journal_id
        self._journal_size = snap.journal_size
        self._journal_end = snap.journal_end
        self._journal_lines = snap.journal_lines
        self._last_seq = snap.last_seq
        self._history = snap.history

    @property
    def tables(self) -> Mapping[str, Mapping[int, Doc]]:
        """Current state by table and int id; read-only for callers (do not mutate docs)."""
        return MappingProxyType(self._tables)

    @property
    def journal_lines(self) -> int:
        """Lines in the journal as of our last read (folded into the book at checkpoint)."""
        return self._journal_lines

    @property
    def last_seq(self) -> int:
        """Seq of the last command applied to our state."""
        return self._last_seq

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` after every state change (None: rebuild from ``tables``).

        Listeners run on the thread that changed the state, after the lock is released.
        If one raises, the others still run and the first error propagates; a commit it
        follows is durable all the same (``tx.committed`` is set). A rolled-back
        transaction reports its touched records with ``after`` = their restored image.
        """
        self._listeners.append(listener)

    def _flush(self, *, caught_up: bool = False) -> None:
        """Tell listeners what changed, outside the lock; or, with `caught_up`, inside a
        command: what other processes wrote, before the command reads the state."""
        with self._mutex:
            if (self._in_tx and not caught_up) or not self._pending:
                return
            pending, self._pending = self._pending, []
        payload: Sequence[Change] | None
        if any(p is None for p in pending):
            payload = None
        elif len(pending) == 1:
            payload = pending[0]
        else:
            payload = [c for p in pending if p is not None for c in p]
        failed: BaseException | None = None
        for listener in list(self._listeners):
            # One broken listener must not keep the others uninformed.
            try:
                listener(payload)
            except Exception as exc:
                failed = failed or exc
        if failed is not None:
            raise failed

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError(f"the store for {self.path} is closed")

    # -- catching up ---------------------------------------------------------------------

    def refresh(self) -> bool:
        """Catch up on other processes' writes (a stat when nothing changed); True if changed."""
        self._check_open()
        # Never wait for another thread's command: it catches up itself.
        if not self._mutex.acquire(blocking=False):
            return False
        try:
            changed = self._catch_up()
        finally:
            self._mutex.release()
        self._flush()
        return changed

    def _reload(self) -> None:
        self._adopt(self._read(allow_missing=False))
        self._pending.append(None)

    def _catch_up(self) -> bool:
        """Bring the state up to the files; queue listener notices."""
        book_token = self._backend.book_token(self.path)
        jtoken = self._backend.journal_token(self.path)
        if book_token != self._book_token or jtoken[:-1] != self._journal_id:
            # Another process checkpointed or restored: the book was replaced.
            self._reload()
            return True
        if jtoken[-1] == self._journal_size:
            return False
        data, jtoken = self._backend.read_journal(self.path, self._journal_end)
        if jtoken[:-1] != self._journal_id or jtoken[-1] < self._journal_end:
            self._reload()
            return True
        found = scan(data, self._journal_end, self._journal_lines + 1)
        if found.error is not None:
            raise self._refuse(journal_path(self.path), found.error)
        book_seq = self._book_seq
        fresh: list[Committed] = []
        expect = self._last_seq + 1
        for entry, _end in found.entries:
            if entry.seq <= book_seq and self._last_seq == book_seq and not fresh:
                continue
            if entry.seq != expect:
                # Not what follows our state (a journal emptied and regrown): read it all.
                self._reload()
                return True
            fresh.append(entry)
            expect += 1
        changes: list[Change] = []
        for entry in fresh:
            apply_changes(self._tables, entry.changes)
            self._history.append(entry)
            changes.extend(entry.changes)
        if fresh:
            self._last_seq = fresh[-1].seq
        self._journal_end = found.end
        self._journal_size = jtoken[-1]
        self._journal_lines += len(found.entries)
        if changes:
            self._pending.append(changes)
        return bool(fresh)

    @property
    def _book_seq(self) -> int:
        seq: int = self._tables["meta"][1]["journal_seq"]
        return seq

    def _cut_torn(self) -> None:
        """Under the lock: keep a torn last line's bytes in backups/, then cut them off.

        A torn line was never acknowledged, but its bytes are the only trace of what the
        rep typed: they are saved first. A crash between the two steps saves them twice.
        """
        if self._journal_size <= self._journal_end:
            return
        data, _token = self._backend.read_journal(self.path, self._journal_end)
        if data:
            stamp = self._now().strftime("%Y%m%dT%H%M%S")
            name = f"{self.path.name}.journal-torn.{self._last_seq + 1}.{stamp}"
            self._backend.write_file(backups_dir(self.path) / name, data)
        token = self._backend.truncate_journal(self.path, self._journal_end)
        self._journal_size = token[-1]

    def _tidy_journal(self) -> None:
        """Under the lock: cut a torn last line, drop lines a checkpoint already folded in."""
        self._cut_torn()
        if self._journal_lines and self._last_seq == self._book_seq:
            token = self._backend.reset_journal(self.path)
            self._journal_id, self._journal_size = token[:-1], token[-1]
            self._journal_end = self._journal_lines = 0

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the thread mutex and the file lock, caught up; notify listeners after."""
        self._check_open()
        try:
            with self._mutex:
                if self._in_tx:
                    raise RuntimeError("store transactions do not nest")
                self._in_tx = True
                try:
                    with self._backend.lock(self.path, self._lock_timeout):
                        self._catch_up()
                        # The command reads what listeners keep (a typed book, say):
                        # bring them up to what it is about to change.
                        self._flush(caught_up=True)
                        yield
                finally:
                    self._in_tx = False
        finally:
            self._flush()

    def _commit(
        self, line: str, changes: Sequence[Change], undo_of: int | None = None
    ) -> Committed:
        """Journal changes already applied in memory; undo them there if the write fails."""
        self._tidy_journal()
        entry = Committed(
            self._last_seq + 1, self._now().isoformat(), line, tuple(changes), undo_of
        )
        token = self._backend.append_journal(self.path, encode_entry(entry))
        self._journal_id, self._journal_size = token[:-1], token[-1]
        self._journal_end = token[-1]
        self._journal_lines += 1
        self._last_seq = entry.seq
        self._history.append(entry)
        self._pending.append(entry.changes)
        return entry

    def transaction(self, line: str) -> AbstractContextManager[Transaction]:
        """Run one command: lock, catch up, apply, journal one fsync'd line, notify."""
        return self._transaction(line)

    @contextmanager
    def _transaction(self, line: str) -> Iterator[Transaction]:
        with self._writing():
            tx = Transaction(self._tables, line)
            try:
                yield tx
                changes = tx._finish()
                if changes:
                    tx.committed = self._commit(line, changes)
            except BaseException:
                tx._rollback()
                if tx.changes:
                    # Listeners were never told of these changes, but may have read the
                    # tables meanwhile: tell them the touched records' restored images.
                    self._pending.append(
                        [Change(c.table, c.id, c.after, c.before) for c in reversed(tx.changes)]
                    )
                raise

    def undo(self) -> Committed:
        """Reverse the most recent command not yet undone, as a compensating command."""
        with self._writing():
            target, reverse = undo_rules.compensate(self._history, self._tables)
            apply_changes(self._tables, reverse)
            try:
                return self._commit(f"undo: {target.line}", reverse, undo_of=target.seq)
            except BaseException:
                apply_changes(self._tables, reversed(reverse), backwards=True)
                raise
        raise AssertionError("unreachable")  # pragma: no cover  (mypy: contextmanager)

    def last_command(self) -> Committed | None:
        """The command ``undo`` would reverse now (as of our last catch-up), or None."""
        return self._history.last_command()

    # -- checkpoints ---------------------------------------------------------------------

    def checkpoint(self, *, clear_undo: bool = False) -> None:
        """Fold the journal into the book: back up, write the book atomically, empty the journal.

        ``clear_undo`` also forgets every command so far (archive does this, so undo
        cannot bring back what was moved out).
        """
        with self._writing():
            self._backend.sweep(self.path)
            if clear_undo:
                self._history.clear()
            self._checkpoint_locked(force=clear_undo)

    def _checkpoint_locked(self, *, force: bool = False) -> None:
        pending = (
            force
            or self._journal_size > 0
            or self._version < SCHEMA_VERSION
            or self._last_seq != self._book_seq
        )
        if not pending:
            return
        self._cut_torn()
        got = self._backend.read_book(self.path)
        made = (
            None
            if got is None
            else save_backup(self._backend, self.path, got[0], self._now().date())
        )
        meta = self._tables["meta"][1]
        new_meta = {
            **meta,
            "schema_version": SCHEMA_VERSION,
            "journal_seq": self._last_seq,
            "counters": dict(meta["counters"]),
        }
        self._history.keep_last(undo_rules.UNDO_KEEP)
        new_undo = self._history.to_table()
        # Undo docs are id'd by seq; keep the counter past them, as a load would.
        top = max(new_undo, default=0)
        for counters in (new_meta["counters"], meta["counters"]):
            counters["undo"] = max(counters.get("undo", 0), top)
        out = dict(self._tables)
        out["meta"] = {1: new_meta}
        out["undo"] = new_undo
        try:
            self._book_token = write_book(self._backend, self.path, out, self._extra)
        except BaseException:
            # A failed checkpoint leaves the backups as they were.
            if made is not None:
                self._backend.remove_file(made)
            raise
        prune_backups(self._backend, self.path)
        # A crash here is harmless: the book's journal_seq says these lines are folded in.
        token = self._backend.reset_journal(self.path)
        self._journal_id, self._journal_size = token[:-1], token[-1]
        self._journal_end = self._journal_lines = 0
        self._version = SCHEMA_VERSION
        meta["schema_version"] = SCHEMA_VERSION
        meta["journal_seq"] = self._last_seq
        changes = _diff(self._tables["undo"], new_undo, "undo")
        self._tables["undo"].clear()
        self._tables["undo"].update(new_undo)
        if changes:
            self._pending.append(changes)

    def rewrite(
        self,
        build: Callable[[Mapping[str, Mapping[int, Doc]]], tuple[Sequence[Change], Doc]],
        *,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Change many records at once outside the journal: archive and its restore.

        Under the lock and caught up, ``build`` reads the tables and returns the changes
        and the fields to set on the meta document; they are applied and the book is
        checkpointed straight away, undo forgotten (nothing moved out can be undone back
        in). No journal line is written: a crash leaves the old book or the new one.
        ``after`` runs under the lock once the new book is durable. Listeners rebuild.
        """
        with self._writing():
            self._backend.sweep(self.path)
            changes, meta_fields = build(self.tables)
            apply_changes(self._tables, changes)
            self._tables["meta"][1].update(meta_fields)
            self._pending.append(None)
            try:
                self._history.clear()
                self._checkpoint_locked(force=True)
            except BaseException:
                # The files are as they were (or hold the new book whole): read them back.
                self._reload()
                raise
            if after is not None:
                after()

    @property
    def backend(self) -> Backend:
        """Where the book's bytes live (archive files are written through it too)."""
        return self._backend

    def maybe_checkpoint(self) -> bool:
        """Checkpoint if the journal passed 1,000 lines or 1 MB; True if it did."""
        self.refresh()
        if (
            self._journal_lines > self.checkpoint_lines
            or self._journal_size > self.checkpoint_bytes
        ):
            self.checkpoint()
            return True
        return False

    def close(self, *, checkpoint: bool = True) -> None:
        """Checkpoint if the journal is non-empty (unless told not to), then release the store."""
        if self._closed:
            return
        try:
            if checkpoint and (
                self._journal_size > 0 or self._backend.journal_token(self.path)[-1] > 0
            ):
                try:
                    self.checkpoint()
                except StoreError:
                    pass  # the journal is durable; the next writer folds it in
        finally:
            self._closed = True
            self._listeners.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _diff(old: Mapping[int, Doc], new: Mapping[int, Doc], table: str) -> list[Change]:
    changes = [Change(table, k, v, new.get(k)) for k, v in old.items() if new.get(k) != v]
    changes += [Change(table, k, None, v) for k, v in new.items() if k not in old]
    return changes
