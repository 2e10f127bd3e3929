"""A command in progress: ops apply to the tables at once and can be rolled back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from .model import TABLES, Change, Committed, Doc

__all__ = ["MANAGED_TABLES", "Transaction", "apply_changes", "plain"]

MANAGED_TABLES = frozenset({"meta", "undo"})
"""Tables the store writes itself; commands may read them but not change them."""

_STRICT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def plain(value: Mapping[str, Any]) -> Doc:
    """A deep copy as plain JSON types; TypeError for anything JSON cannot hold."""
    try:
        # Rejecting datetimes and dataclasses catches a codec that forgot to encode them.
        copy = orjson.loads(orjson.dumps(value, option=_STRICT))
    except TypeError as exc:
        raise TypeError(f"not a plain JSON document: {exc}") from None
    if not isinstance(copy, dict):
        raise TypeError("a document must be a JSON object")
    return copy


def apply_changes(
    tables: dict[str, dict[int, Doc]], changes: Iterable[Change], *, backwards: bool = False
) -> None:
    """Set each record to its after image (or before image, ``backwards``); bump counters."""
    counters: dict[str, int] = tables["meta"][1]["counters"]
    for change in changes:
        image = change.before if backwards else change.after
        if image is None:
            tables[change.table].pop(change.id, None)
        else:
            tables[change.table][change.id] = image
            # Ids are never reused: a replayed insert moves the counter past it.
            if counters.get(change.table, 0) < change.id:
                counters[change.table] = change.id


class Transaction:
    """One command's edits; obtained from ``Store.transaction(line)``."""

    def __init__(self, tables: dict[str, dict[int, Doc]], line: str) -> None:
        self.line = line
        self.changes: list[Change] = []
        """One Change per touched record (first before, last after), in first-touch order."""
        self.committed: Committed | None = None
        """Set once the journal line is durable; stays None for a command that changed nothing."""
        self._tables = tables
        self._counters: dict[str, int] = tables["meta"][1]["counters"]
        self._saved_counters = dict(self._counters)
        self._index: dict[tuple[str, int], int] = {}
        self._open = True

    def _table(self, table: str, *, write: bool) -> dict[int, Doc]:
        if not self._open:
            raise RuntimeError("this transaction is over")
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        if write and table in MANAGED_TABLES:
            raise ValueError(f"table {table!r} is managed by the store")
        return self._tables[table]

    def _existing(self, table: str, id_: int) -> Doc:
        doc = self._table(table, write=True).get(id_)
        if doc is None:
            raise KeyError(f"{table} #{id_} does not exist")
        return doc

    def _record(self, table: str, id_: int, after: Doc | None) -> None:
        docs = self._tables[table]
        before = docs.get(id_)
        if after is None:
            docs.pop(id_, None)
        else:
            docs[id_] = after
        key = (table, id_)
        at = self._index.get(key)
        if at is None:
            self._index[key] = len(self.changes)
            self.changes.append(Change(table, id_, before, after))
        else:
            self.changes[at] = Change(table, id_, self.changes[at].before, after)

    def get(self, table: str, id: int) -> Doc | None:
        """A copy of the document (this transaction's writes included), or None."""
        doc = self._table(table, write=False).get(id)
        return None if doc is None else plain(doc)

    def insert(self, table: str, doc: Doc, *, keep_id: bool = False) -> int:
        """Add ``doc`` under the table's next id (never reused); sets ``doc["id"]``.

        ``keep_id``: insert under ``doc["id"]`` itself (a whole book imported keeps its
        ids, so its references hold); it must be past every id the table handed out.
        """
        self._table(table, write=True)
        copy = plain(doc)
        new_id = self._counters.get(table, 0) + 1
        if keep_id:
            wanted = doc.get("id")
            if not isinstance(wanted, int) or isinstance(wanted, bool) or wanted < new_id:
                raise ValueError(f"{table}: id {wanted!r} is not free (next id is {new_id})")
            new_id = wanted
        self._counters[table] = new_id
        copy["id"] = new_id
        doc["id"] = new_id
        self._record(table, new_id, copy)
        return new_id

    def put(self, table: str, doc: Doc) -> None:
        """Replace the whole existing document ``doc["id"]``."""
        id_ = doc.get("id")
        if not isinstance(id_, int) or isinstance(id_, bool):
            raise ValueError("put needs a document with an integer id")
        self._existing(table, id_)
        self._record(table, id_, plain(doc))

    def patch(self, table: str, id: int, fields: Mapping[str, Any]) -> Doc:
        """Merge ``fields`` into the document (unknown fields survive); return a copy of it."""
        current = self._existing(table, id)
        update = plain(fields)
        if update.get("id", id) != id:
            raise ValueError("patch cannot change a document's id")
        self._record(table, id, {**current, **update})
        return plain(self._tables[table][id])

    def delete(self, table: str, id: int) -> None:
        """Remove the document; its id is never handed out again."""
        self._existing(table, id)
        self._record(table, id, None)

    def finish(self) -> list[Change]:
        """End the transaction (the store calls this); the net changes, no-ops dropped."""
        self._open = False
        self.changes = [c for c in self.changes if c.before != c.after]
        return self.changes

    def rollback(self) -> None:
        """Put every touched record and the id counters back (the store calls this on failure)."""
        self._open = False
        apply_changes(self._tables, reversed(self.changes), backwards=True)
        self._counters.clear()
        self._counters.update(self._saved_counters)
