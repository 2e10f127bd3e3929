"""A store that read only some of the book's tables (DESIGN §9.7: `cockpit log`).

`PartialStore.open(path, only=...)` reads just those tables' segments when the book's
index matches it (segments.py), and the whole book otherwise. It writes commands to the
journal like any store, but loads the rest of the book before anything that reads every
table (undo's history and records) or writes the book back (checkpoint, rewrite), so a
partly read book is never written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from .backend import Backend, FileBackend, Token
from .backups import list_backups
from .errors import BookRefused
from .lock import LOCK_TIMEOUT
from .model import TABLES, Change, Committed, Doc
from .segments import SegmentDamaged
from .snapshot import RecordCheck, Snapshot
from .store import Store

__all__ = ["PartialStore"]


class _SegmentReader:
    """A backend whose `read_book` gives only some tables (the others empty) while the
    book's index allows; every other call goes to the real backend."""

    def __init__(self, inner: Backend, only: Iterable[str]) -> None:
        self.inner = inner
        self.only: frozenset[str] | None = frozenset(only) | {"meta"}
        self.read_partly = False
        """The last book read left tables out (the store adopts it only if the read loads)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def read_book(self, book: Path) -> tuple[bytes, Token] | None:
        self.read_partly = False
        if self.only is not None:
            try:
                got = self.inner.read_segments(book, self.only)
            except SegmentDamaged as exc:
                newest = list_backups(book, backend=self.inner)
                raise BookRefused(book, str(exc), newest[0].path if newest else None) from None
            if got is not None:
                self.read_partly = True
                parts, token = got
                # What the strict load reads: the tables read, the others empty.
                body = [orjson.dumps(name) + b":" + parts.get(name, b"{}") for name in TABLES]
                return b"{" + b",".join(body) + b"}", token
        return self.inner.read_book(book)


class PartialStore(Store):
    """A Store over some of the book's tables until it needs them all."""

    _backend: Any  # a _SegmentReader
    _partial = False

    @classmethod
    def open_only(
        cls,
        path: Path,
        only: Iterable[str],
        *,
        now: Callable[[], datetime],
        create: bool = True,
        backend: Backend | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
        check: RecordCheck | None = None,
    ) -> PartialStore:
        """Open the book reading only the tables in `only` (and meta) if it can."""
        reader = _SegmentReader(backend or FileBackend(), only)
        store = cls.open(
            path, now=now, create=create, backend=reader, lock_timeout=lock_timeout, check=check
        )
        assert isinstance(store, PartialStore)
        return store

    @property
    def backend(self) -> Backend:
        """The real backend (archive files are written through it)."""
        inner: Backend = self._backend.inner
        return inner

    @property
    def partial(self) -> bool:
        """Some tables were left out of what is loaded (they read as empty)."""
        return self._partial

    def _adopt(self, snap: Snapshot) -> None:
        # Only a read that loaded says what is in memory; a refused one changed nothing.
        super()._adopt(snap)
        self._partial = bool(self._backend.read_partly)

    def load_all(self) -> None:
        """Read every table from here on (at once, if some were left out).

        Decided under the store's mutex: a checkpoint on another thread (the TUI's idle
        one while its worker reads the activities) waits for the read instead of writing
        a book that lacks them. A read that fails leaves the store partial, so nothing
        written later can drop the tables it never read."""
        with self._mutex:
            if self._backend.only is None and not self._partial:
                return
            only, self._backend.only = self._backend.only, None
            try:
                self._reload()
            except BaseException:
                self._backend.only = only
                raise
        self._flush()

    def _checkpoint_locked(self, *, force: bool = False) -> None:
        # Every way to a checkpoint loads the whole book first; this is the last guard.
        if self._partial:
            raise RuntimeError("refusing to write a book read only in part")
        super()._checkpoint_locked(force=force)

    def undo(self) -> Committed:
        """As Store.undo, on the whole book."""
        self.load_all()
        return super().undo()

    def last_command(self) -> Committed | None:
        """As Store.last_command, on the whole book."""
        self.load_all()
        return super().last_command()

    def checkpoint(self, *, clear_undo: bool = False) -> None:
        """As Store.checkpoint, on the whole book."""
        self.load_all()
        super().checkpoint(clear_undo=clear_undo)

    def rewrite(
        self,
        build: Callable[[Mapping[str, Mapping[int, Doc]]], tuple[Sequence[Change], Doc]],
        *,
        after: Callable[[], None] | None = None,
    ) -> None:
        """As Store.rewrite, on the whole book."""
        self.load_all()
        super().rewrite(build, after=after)
