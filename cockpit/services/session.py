"""A session on one book: the store, the typed book kept in step with it, and the clock.

Both front ends (the `cockpit log` command line and the TUI) execute quick-log lines
through here, so a line means the same thing wherever it is typed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, tzinfo
from pathlib import Path

from tinydb import TinyDB

from cockpit.domain.book import Book
from cockpit.domain.schema import check_records
from cockpit.domain.summaries import Summaries, follow, from_meta, summaries_doc
from cockpit.quicklog import ParseContext, ParsedLine, parse, resolve
from cockpit.services.clock import Clock, book_timezone, clock_from_env
from cockpit.services.directory import BookDirectory
from cockpit.services.outcome import Outcome, RecordRef
from cockpit.services.verbs import CommandContext, answer_directly, apply_command
from cockpit.store import BIG_TABLES, TABLES, Change, Doc, Store, StoreError, Transaction
from cockpit.store.partial import PartialStore
from cockpit.store.tinydb_storage import CockpitStorage

__all__ = ["LINE_TABLES", "Session"]

LINE_TABLES = tuple(name for name in TABLES if name not in BIG_TABLES)
"""What a quick-log line reads: every table but activities and undo (no verb reads them;
undo loads them when it runs). `cockpit log` parses only these (DESIGN §9.7)."""


class _DryRun(Exception):
    """Unwinds a dry run's transaction so nothing is written."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("dry run")
        self.outcome = outcome


class Session:
    """One open book: execute lines, read the typed book, follow other writers."""

    def __init__(self, store: Store, clock: Clock | None = None) -> None:
        self.store = store
        store.derive = summaries_doc  # every checkpoint keeps the summaries in meta
        self.db = TinyDB(store.path, storage=CockpitStorage, store=store)
        """The same book through TinyDB, for queries off the hot path (``Query``)."""
        self.book = self._read_book()
        self.clock = clock or clock_from_env(self.timezone)
        # Held while the book changes, so a UI thread can read a consistent book.
        self.lock = threading.RLock()
        store.subscribe(self._on_change)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock | None = None,
        create: bool = True,
        only: Iterable[str] | None = None,
    ) -> Session:
        """Open (or create) the book at `path`; `only`: the tables this session's work
        reads (the book's other tables load if it ever needs them, DESIGN §9.7)."""
        opened: list[Session] = []

        def store_now() -> datetime:
            # The store stamps journal lines; until the book (and its time zone) is
            # loaded, local time will do.
            return opened[0].now() if opened else datetime.now().astimezone()

        # TinyDB's storage extension point is the way in; the session then works on the
        # store's in-memory tables (the hot path never goes through TinyDB's tables).
        db = TinyDB(
            path,
            storage=CockpitStorage,
            now=store_now,
            create=create,
            only=only,
            check=check_records,  # a hand-edited record the views would trip over: exit 3
        )
        storage = db.storage
        assert isinstance(storage, CockpitStorage)
        session = cls(storage.store, clock)
        session.db = db
        opened.append(session)
        return session

    # -- time -------------------------------------------------------------------

    def timezone(self) -> tzinfo:
        """The book's time zone."""
        return book_timezone(str(self.book.settings["timezone"]))

    def now(self) -> datetime:
        """The current moment in the book's time zone."""
        return self.clock().astimezone(self.timezone())

    def parse_context(self) -> ParseContext:
        """What the parser needs to read dates and money in this book."""
        settings = self.book.settings
        return ParseContext(
            now=self.now(),
            calendar=self.book.calendar,
            currency=settings.currency,
            minor_digits=settings.minor_digits,
        )

    # -- following the store ------------------------------------------------------

    def _on_change(self, changes: Sequence[Change] | None) -> None:
        with self.lock:
            if changes is None:
                self.book = self._read_book()
                return
            for change in changes:
                self.book.apply(change.table, change.id, change.after, change.before)

    def _read_book(self) -> Book:
        store = self.store
        if not (isinstance(store, PartialStore) and store.partial):
            return Book.from_tables(store.tables)
        # Without activities: the summaries kept at the checkpoint, and the journal since,
        # read when a view first asks (a `log` line never does).
        meta, replayed = store.tables["meta"][1], store.replayed_changes

        def kept() -> Summaries:
            summaries = from_meta(meta) or Summaries(unknown=True)
            changes = ((c.id, c.before, c.after) for c in replayed if c.table == "activities")
            follow(summaries, changes)
            return summaries

        return Book.from_tables(store.tables, summaries=kept, load=self._all_activities)

    def _all_activities(self) -> Mapping[int, Doc]:
        self.load_activities()
        return self.store.tables["activities"]

    def load_activities(self) -> None:
        """Read the tables this session was opened without (activities, undo), if any.

        The session's book is then rebuilt with them (``book.activities_loaded``); a TUI
        that painted from the small tables calls this in a worker (DESIGN §9.7).
        """
        if isinstance(self.store, PartialStore):
            self.store.load_all()
            with self.lock:
                self.book.summaries()  # counted here (a worker's thread), not by a repaint

    def refresh(self) -> bool:
        """Catch up on other processes' writes; True if the book changed."""
        return self.store.refresh()

    # -- commands -----------------------------------------------------------------

    def parse(self, line: str) -> ParsedLine:
        """Parse a line without touching the book (QuickLogError on bad input)."""
        return parse(line, self.parse_context())

    def execute(
        self,
        line: str,
        *,
        dry_run: bool = False,
        applied: Callable[[], None] | None = None,
        fold: bool = True,
    ) -> Outcome:
        """Parse, resolve and apply one line as one durable command.

        `applied` (the TUI's repaint) is called once the command is applied to the book in
        memory and before its journal line is written and fsync'd (DESIGN §6: repaint
        first, "saved" after). If the write then fails, the book is put back as it was
        and the error raised, so the caller repaints again. `fold=False`: return at the
        fsync, and leave a long journal's checkpoint to the caller (`fold_in`).
        """
        parsed = self.parse(line)
        answer = answer_directly(parsed, self, dry_run)
        if answer is not None:
            return answer
        with self.lock:
            try:
                with self.store.transaction(line) as tx:
                    # Resolve only now: the transaction has caught up with other writers.
                    directory = BookDirectory(self.book, self.now().date())
                    resolved = resolve(parsed, directory)
                    outcome = Outcome(command=parsed.verb, dry_run=dry_run)
                    ctx = CommandContext(parsed, resolved, self.book, tx, self.now(), outcome)
                    apply_command(ctx)
                    if dry_run:
                        raise _DryRun(outcome)
                    if applied is not None:
                        # What the listener would do after the fsync, done now; it is
                        # done again (idempotently) after it, or undone if it fails.
                        for change in tx.changes:
                            self.book.apply(change.table, change.id, change.after, change.before)
                        if self.book.summaries_ready:  # else it would read the book mid-command
                            applied()
            except _DryRun as dry:
                return dry.outcome
            if tx.committed is not None:
                outcome.seq = tx.committed.seq
        if fold:
            self._fold_in(outcome)
        return outcome

    def fold_in(self) -> None:
        """Checkpoint if the journal is long (after a `fold=False` command); a failure is
        left to the next command or the TUI's idle checkpoint."""
        self._fold_in(Outcome(command=""))

    def _fold_in(self, outcome: Outcome) -> None:
        """Checkpoint if the journal is long; a failure is a warning, never the outcome.

        The command's outcome was decided when its journal line was fsync'd: reporting a
        saved line as failed would invite the rep to type it again (a second copy).
        The journal keeps the line; a later command or the TUI's idle checkpoint retries.
        """
        try:
            self.store.maybe_checkpoint()
        except (StoreError, OSError) as exc:
            outcome.warnings.append(
                f"saved; the book could not be checkpointed ({exc}); retried later"
            )

    def transact(self, line: str, build: Callable[[Transaction, Book], Outcome]) -> Outcome:
        """Run a write that is not a quick-log line (saving a review, say) as one command.

        `build` reads the book and writes through the transaction; `line` is what the
        journal (and undo) will call it.
        """
        with self.lock:
            with self.store.transaction(line) as tx:
                outcome = build(tx, self.book)
            if tx.committed is not None:
                outcome.seq = tx.committed.seq
        self._fold_in(outcome)
        return outcome

    def undo(self) -> Outcome:
        """Reverse the book's most recent command (NothingToUndo when there is none)."""
        with self.lock:
            committed = self.store.undo()
        outcome = Outcome(command="undo", seq=committed.seq)
        for change in committed.changes:
            doc = change.after or change.before or {}
            outcome.updated.append(RecordRef(change.table, change.id, doc.get("handle")))
        original = committed.line.removeprefix("undo: ")
        outcome.message = f'undid "{original}"'
        return outcome

    def preview_undo(self) -> Outcome:
        """What `undo` would reverse, without doing it."""
        last = self.store.last_command()
        outcome = Outcome(command="undo", dry_run=True)
        outcome.message = f'would undo "{last.line}"' if last else "nothing to undo"
        return outcome

    def checkpoint(self) -> None:
        """Fold the journal into the book now (the TUI does it when idle)."""
        with self.lock:
            self.store.checkpoint()

    def close(self) -> None:
        """Checkpoint and release the book."""
        self.db.close()
