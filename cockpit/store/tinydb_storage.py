"""The book through TinyDB's extension point: a ``Storage`` over the store.

``TinyDB(path, storage=CockpitStorage)`` is how cockpit opens a book. The storage is a
thin adapter, in the shape TinyDB's docs give custom storages (``read``/``write``/
``close``): opening it is the store's strict load plus journal replay (DESIGN §6, §9.6),
``read`` hands TinyDB the store's current state in TinyDB's own layout, and ``write`` is
the store's checkpoint. A plain ``TinyDB(path)`` still reads the book as of its last
checkpoint, because the checkpoint writes TinyDB's layout.

TinyDB is the file format and the query language outside the hot path (``Query`` over
restore listings, archive, export). Commands never write through here: TinyDB rewrites a
whole table per insert (64 ms at 10k documents, measured); they go through
``Store.transaction`` and the journal. A TinyDB write replaces records outside the
journal, as archive does: under the lock, caught up, one atomic checkpoint (with the
day's backup), undo forgotten.

Each read hands TinyDB a view whose tables are copied when first asked for (documents one
level deep), so TinyDB's own update operations (which replace top-level fields) never
touch the store's state in place, and a query copies only the table it reads. ``write``
applies only what changed since the last ``read`` (another process may have committed in
between; its commands are kept).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .backend import Backend
from .load import Unreadable, dump_book, new_book, parse_book
from .lock import LOCK_TIMEOUT
from .model import TABLES, Change, Doc
from .partial import PartialStore
from .snapshot import RecordCheck
from .store import Store
from .transaction import MANAGED_TABLES

__all__ = ["CockpitStorage"]

Layout = dict[str, dict[str, Any]]
"""TinyDB's layout: ``{table: {"<doc id>": document}}``."""


def _local_now() -> datetime:
    return datetime.now().astimezone()


class CockpitStorage(Storage):
    """A book opened by the store: strict load and journal replay; writes are checkpoints."""

    def __init__(
        self,
        path: str | Path,
        *,
        now: Callable[[], datetime] = _local_now,
        create: bool = True,
        backend: Backend | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
        store: Store | None = None,
        only: Iterable[str] | None = None,
        check: RecordCheck | None = None,
    ) -> None:
        """Open the book at ``path`` (BookRefused, Busy and OSError as ``Store.open``;
        ``only``: the tables to read if the index allows; ``check``: vets the records),
        or give TinyDB a ``store`` already open on it."""
        if store is not None and store.path != Path(path):
            raise ValueError(f"the store is open on {store.path}, not {path}")
        if store is None and only is not None:
            store = PartialStore.open_only(
                Path(path),
                only,
                now=now,
                create=create,
                backend=backend,
                lock_timeout=lock_timeout,
                check=check,
            )
        self.store = store or Store.open(
            Path(path),
            now=now,
            create=create,
            backend=backend,
            lock_timeout=lock_timeout,
            check=check,
        )
        self._last: dict[str, dict[int, Doc]] = {}

    def read(self) -> Layout:
        """The whole book as it stands now (other processes' commands caught up)."""
        if isinstance(self.store, PartialStore):
            self.store.load_all()  # TinyDB reads every table: none may look empty
        self.store.refresh()
        # The store replaces a changed document, never edits it: these stay as read.
        self._last = {name: dict(docs) for name, docs in self.store.tables.items()}
        return _BookView(self._last)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Checkpoint, with what TinyDB changed since the last read folded in.

        ValueError (nothing written) for a change to a table that is not cockpit's or is
        the store's own (meta, undo), or a document whose ``id`` is not its key.
        """
        if isinstance(data, _BookView):
            # Only the tables TinyDB asked for can have changed (or those it dropped).
            touched = {**dict(data.items()), **{name: {} for name in data.dropped}}
        else:
            touched = {name: data.get(name, {}) for name in set(self._last) | set(data)}
        changed = _changed(self._last, touched)
        if not changed:
            self.store.checkpoint()
            return
        _check_strictly(changed)

        def build(tables: Mapping[str, Mapping[int, Doc]]) -> tuple[list[Change], Doc]:
            changes = [Change(t, i, tables[t].get(i), after) for t, i, after in changed]
            return [c for c in changes if c.before != c.after], {}

        self.store.rewrite(build)

    def close(self) -> None:
        """Checkpoint a non-empty journal and release the store (TinyDB.close calls this)."""
        self.store.close()


def _check_strictly(changed: list[tuple[str, int, Doc | None]]) -> None:
    """Refuse what the strict load would refuse, by loading the new images as a book."""
    probe = new_book("")
    for table, id_, after in changed:
        if after is not None:
            probe.tables[table][id_] = after
    try:
        parse_book(dump_book(probe.tables, {}), "")
    except Unreadable as exc:
        raise ValueError(f"not a book's record: {exc}") from None


def _changed(
    last: Mapping[str, Mapping[int, Doc]], data: Layout
) -> list[tuple[str, int, Doc | None]]:
    """(table, id, new image or None) for each document TinyDB changed since ``last``."""
    out: list[tuple[str, int, Doc | None]] = []
    for name in sorted(data):
        old = {str(id_): doc for id_, doc in last.get(name, {}).items()}
        new = data[name]
        keys = [k for k in old.keys() | new.keys() if old.get(k) != new.get(k)]
        if not keys:
            continue
        if name not in TABLES or name in MANAGED_TABLES:
            raise ValueError(f"table {name!r} is not written through TinyDB")
        for key in sorted(keys, key=int):
            doc = new.get(key)
            if doc is not None and (type(doc.get("id")) is not int or str(doc["id"]) != key):
                raise ValueError(f"{name} #{key}: a document's id field must be its key")
            out.append((name, int(key), None if doc is None else dict(doc)))
    return out


class _BookView(dict[str, dict[str, Any]]):
    """The book in TinyDB's layout, a table copied when TinyDB first asks for it.

    A query reads one table: copying all of a 3-year book's ~50k documents for each
    took ~270 ms. TinyDB edits what it reads, so it gets copies, one level deep (its own
    update operations replace top-level fields).
    """

    def __init__(self, live: Mapping[str, Mapping[int, Doc]]) -> None:
        super().__init__()
        self._live = live
        self.dropped: set[str] = set()

    def __missing__(self, name: str) -> dict[str, Any]:
        if name in self.dropped or name not in self._live:
            raise KeyError(name)
        table = {str(id_): dict(doc) for id_, doc in self._live[name].items()}
        self[name] = table
        return table

    def __contains__(self, name: object) -> bool:
        return name not in self.dropped and (dict.__contains__(self, name) or name in self._live)

    def __iter__(self) -> Iterator[str]:
        names = [n for n in self._live if n not in self.dropped]
        return iter(names + [n for n in dict.__iter__(self) if n not in self._live])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self.dropped.add(name)
        dict.pop(self, name, None)
