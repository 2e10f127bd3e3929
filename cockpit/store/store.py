"""The Store facade: load, catch up, commit commands to the journal, checkpoint, undo."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import undo as undo_rules
from .backend import Backend, FileBackend
from .backups import list_backups
from .errors import BookRefused, StoreError
from .folding import diff_table, write_folded
from .journal import encode_entry
from .lock import LOCK_TIMEOUT
from .model import SCHEMA_VERSION, TABLES, Change, Committed, Derive, Doc, Listener, Token
from .notify import Notices
from .snapshot import BookReader, JournalPos, RecordCheck, Snapshot, cut_torn, read_new_lines
from .transaction import Transaction, apply_changes

__all__ = ["CHECKPOINT_BYTES", "CHECKPOINT_LINES", "Store"]

CHECKPOINT_LINES = 1000
"""``maybe_checkpoint`` folds the journal into the book past this many lines..."""

CHECKPOINT_BYTES = 1 << 20
"""...or past this many bytes."""


class Store:
    """The book in memory, kept in step with its files; the only writer of those files."""

    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime],
        backend: Backend,
        lock_timeout: float = LOCK_TIMEOUT,
        check: RecordCheck | None = None,
    ) -> None:
        """Use ``Store.open``; this only sets up an empty, unloaded store."""
        self.path = path
        self._now = now
        self._backend = backend
        self._lock_timeout = lock_timeout
        self._check = check
        self.checkpoint_lines = CHECKPOINT_LINES
        self.checkpoint_bytes = CHECKPOINT_BYTES
        self._tables: dict[str, dict[int, Doc]] = {name: {} for name in TABLES}
        self._extra: dict[str, Any] = {}
        self._version = SCHEMA_VERSION
        self._book_token: Token | None = None
        self._journal = JournalPos()
        self._last_seq = 0
        self._history = undo_rules.History()
        self._notices = Notices()
        self._mutex = threading.RLock()
        self._in_tx = False
        self._closed = False
        self.derive: Derive | None = None  # makes meta["summaries"] at each checkpoint
        self.replayed_changes: list[Change] = []  # the last read's journal, replayed

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
        check: RecordCheck | None = None,
    ) -> Store:
        """Load the book strictly and replay its journal; create it if missing and ``create``.

        ``check`` vets the records (after replay): a reason it returns refuses the book.
        """
        backend = backend or FileBackend()
        # Resolved once: a symlinked book keeps its journal, lock and backups beside the
        # real file, so every way of naming it shares them (and a checkpoint replaces the
        # real file, never the link).
        real = backend.real_path(Path(path))
        store = cls(real, now=now, backend=backend, lock_timeout=lock_timeout, check=check)
        store._adopt(store._read(allow_missing=False, create=create))
        return store

    def _refuse(self, file: Path, reason: str) -> BookRefused:
        newest = list_backups(self.path, backend=self._backend)
        return BookRefused(file, reason, newest[0].path if newest else None)

    def _read(self, *, allow_missing: bool = False, create: bool = False) -> Snapshot:
        reader = BookReader(self._backend, self.path, self._now, self._refuse, self._check)
        return reader.open(create, self._lock_timeout) if create else reader.read(allow_missing)

    def _adopt(self, snap: Snapshot) -> None:
        """Make a snapshot the live state; table dicts keep their identity for callers."""
        for name in TABLES:
            live = self._tables[name]
            live.clear()
            live.update(snap.loaded.tables[name])
        self._extra = snap.loaded.extra
        self._version = snap.loaded.version
        self._book_token = snap.book_token
        self._journal = snap.journal
        self._last_seq = snap.last_seq
        self._history = snap.history
        self.replayed_changes = snap.replayed

    @property
    def tables(self) -> Mapping[str, Mapping[int, Doc]]:
        """Current state by table and int id; read-only for callers (do not mutate docs)."""
        return MappingProxyType(self._tables)

    @property
    def journal_lines(self) -> int:
        """Lines in the journal as of our last read (folded into the book at checkpoint)."""
        return self._journal.lines

    @property
    def last_seq(self) -> int:
        """Seq of the last command applied to our state."""
        return self._last_seq

    @property
    def backend(self) -> Backend:
        """Where the book's bytes live (archive files are written through it too)."""
        return self._backend

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` after every state change (None: rebuild from ``tables``).

        Listeners run on the thread that changed the state, after the lock is released.
        If one raises, the others still run and the first error propagates; a commit it
        follows is durable all the same (``tx.committed`` is set). A rolled-back
        transaction reports its touched records with ``after`` = their restored image.
        """
        self._notices.listeners.append(listener)

    def _flush(self, *, caught_up: bool = False) -> None:
        """Tell listeners what changed, outside the lock; or, with `caught_up`, inside a
        command: what other processes wrote, before the command reads the state."""
        with self._mutex:
            if (self._in_tx and not caught_up) or not self._notices.pending:
                return
            pending = self._notices.take()
        self._notices.deliver(pending)

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

    def _reload(self) -> bool:
        self._adopt(self._read(allow_missing=False))
        self._notices.queue(None)
        return True

    def _catch_up(self) -> bool:
        """Bring the state up to the files; queue listener notices."""
        if self._backend.book_token(self.path) != self._book_token:
            return self._reload()  # another process checkpointed or restored
        got = read_new_lines(
            self._backend, self.path, self._journal, self._last_seq, self._book_seq, self._refuse
        )
        if got is None:
            return self._reload()
        fresh, self._journal = got
        changes: list[Change] = []
        for entry in fresh:
            apply_changes(self._tables, entry.changes)
            self._history.append(entry)
            changes.extend(entry.changes)
            self._last_seq = entry.seq
        if changes:
            self._notices.queue(changes)
        return bool(fresh)

    @property
    def _book_seq(self) -> int:
        return int(self._tables["meta"][1]["journal_seq"])

    def _cut_torn(self) -> None:
        stamp = self._now().strftime("%Y%m%dT%H%M%S")
        name = f"{self.path.name}.journal-torn.{self._last_seq + 1}.{stamp}"
        cut_torn(self._backend, self.path, self._journal, name)

    def _empty_journal(self) -> None:
        self._journal = JournalPos(self._backend.reset_journal(self.path))

    def _tidy_journal(self) -> None:
        """Under the lock: cut a torn last line, drop lines a checkpoint already folded in."""
        self._cut_torn()
        if self._journal.lines and self._last_seq == self._book_seq:
            self._empty_journal()

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
        """Journal changes already applied in memory (the caller undoes them on failure)."""
        self._tidy_journal()
        entry = Committed(
            self._last_seq + 1, self._now().isoformat(), line, tuple(changes), undo_of
        )
        token = self._backend.append_journal(self.path, encode_entry(entry))
        # The outcome is decided here: the line is durable, whatever fails after.
        self._journal = JournalPos(token, token.size, self._journal.lines + 1)
        self._last_seq = entry.seq
        self._history.append(entry)
        self._notices.queue(entry.changes)
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
                changes = tx.finish()
                if changes:
                    tx.committed = self._commit(line, changes)
            except BaseException:
                tx.rollback()
                if tx.changes:
                    # Listeners were never told of these changes, but may have read the
                    # tables meanwhile: tell them the touched records' restored images.
                    self._notices.queue(
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
            or self._journal.token.size > 0
            or self._version < SCHEMA_VERSION
            or self._last_seq != self._book_seq
        )
        if not pending:
            return
        self._cut_torn()
        self._book_token, new_undo = write_folded(
            self._backend,
            self.path,
            self._tables,
            self._extra,
            self._history,
            self._last_seq,
            self._now().date(),
            self.derive,
        )
        # A crash here is harmless: the book's journal_seq says these lines are folded in.
        self._empty_journal()
        self._version = SCHEMA_VERSION
        meta = self._tables["meta"][1]
        meta["schema_version"] = SCHEMA_VERSION
        meta["journal_seq"] = self._last_seq
        changes = diff_table(self._tables["undo"], new_undo, "undo")
        self._tables["undo"].clear()
        self._tables["undo"].update(new_undo)
        if changes:
            self._notices.queue(changes)

    def rewrite(
        self,
        build: Callable[[Mapping[str, Mapping[int, Doc]]], tuple[Sequence[Change], Doc]],
        *,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Change many records at once outside the journal: archive and its restore.

        Under the lock and caught up, ``build`` reads the tables and returns the changes
        and the fields to set on meta; they are applied and the book checkpointed at once,
        undo forgotten (what moved out cannot be undone back in). No journal line is
        written: a crash leaves the old book or the new one.
        ``after`` runs under the lock once the new book is durable. Listeners rebuild.
        """
        with self._writing():
            self._backend.sweep(self.path)
            changes, meta_fields = build(self.tables)
            apply_changes(self._tables, changes)
            self._tables["meta"][1].update(meta_fields)
            self._notices.queue(None)
            try:
                self._history.clear()
                self._checkpoint_locked(force=True)
            except BaseException:
                # The files are as they were (or hold the new book whole): read them back.
                self._reload()
                raise
            if after is not None:
                after()

    def maybe_checkpoint(self) -> bool:
        """Checkpoint if the journal passed 1,000 lines or 1 MB; True if it did."""
        self.refresh()
        journal = self._journal
        if journal.lines > self.checkpoint_lines or journal.token.size > self.checkpoint_bytes:
            self.checkpoint()
            return True
        return False

    def close(self, *, checkpoint: bool = True) -> None:
        """Checkpoint if the journal is non-empty (unless told not to), then release the store."""
        if self._closed:
            return
        try:
            if checkpoint and (
                self._journal.token.size > 0 or self._backend.journal_token(self.path).size > 0
            ):
                try:
                    self.checkpoint()
                except StoreError:
                    pass  # the journal is durable; the next writer folds it in
        finally:
            self._closed = True
            self._notices.listeners.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
