"""Undo: the command history (undo table + journal), the target, and its compensation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import NothingToUndo, UndoConflict
from .journal import BadLine, change_to_json, committed_from_json
from .model import Change, Committed, Doc

__all__ = ["UNDO_KEEP", "History", "compensate", "entry_to_doc"]

UNDO_KEEP = 50
"""How many commands' images a checkpoint keeps in the ``undo`` table."""


def entry_to_doc(entry: Committed) -> Doc:
    """The ``undo`` table document for a command, id'd by its seq."""
    doc: dict[str, Any] = {
        "id": entry.seq,
        "seq": entry.seq,
        "at": entry.at,
        "line": entry.line,
        "changes": [change_to_json(c) for c in entry.changes],
    }
    if entry.undo_of is not None:
        doc["undo_of"] = entry.undo_of
    return doc


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass
class _Item:
    """One command: decoded, or still the raw undo-table doc (decoded only if undone)."""

    seq: int
    undo_of: int | None
    entry: Committed | None
    doc: Doc | None

    def decoded(self) -> Committed | None:
        if self.entry is None and self.doc is not None:
            try:
                self.entry = committed_from_json(self.doc)
            except BadLine:
                return None
        return self.entry


class History:
    """The commands undo can see, oldest first; big undo-table images stay undecoded."""

    def __init__(self, undo_table: Mapping[int, Doc] | None = None) -> None:
        self._items: list[_Item] = []
        for doc in (undo_table or {}).values():
            seq, undo_of = doc.get("seq"), doc.get("undo_of")
            if isinstance(seq, int) and (undo_of is None or _is_int(undo_of)):
                self._items.append(_Item(seq, undo_of, None, doc))
        self._items.sort(key=lambda item: item.seq)

    def __len__(self) -> int:
        return len(self._items)

    def append(self, entry: Committed) -> None:
        """Add a command just applied."""
        self._items.append(_Item(entry.seq, entry.undo_of, entry, None))

    def clear(self) -> None:
        """Forget every command (archive, restore)."""
        self._items.clear()

    def keep_last(self, n: int = UNDO_KEEP) -> None:
        """Keep only the newest ``n`` commands, as the ``undo`` table does."""
        del self._items[: max(0, len(self._items) - n)]

    def to_table(self) -> dict[int, Doc]:
        """The ``undo`` table holding these commands."""
        table: dict[int, Doc] = {}
        for item in self._items:
            if item.doc is not None:
                table[item.seq] = item.doc
            elif item.entry is not None:
                table[item.seq] = entry_to_doc(item.entry)
        return table

    def last_command(self) -> Committed | None:
        """The most recent command that is not an undo and has not been undone."""
        undone = {item.undo_of for item in self._items if item.undo_of is not None}
        for item in reversed(self._items):
            if item.undo_of is None and item.seq not in undone:
                # An unreadable entry is a wall: undo must not skip past it.
                return item.decoded()
        return None


def _records(changes: Iterable[Change]) -> str:
    return ", ".join(f"{c.table} #{c.id}" for c in changes)


def compensate(
    history: History, tables: Mapping[str, Mapping[int, Doc]]
) -> tuple[Committed, list[Change]]:
    """The command to undo and the changes that reverse it; NothingToUndo / UndoConflict."""
    target = history.last_command()
    if target is None:
        raise NothingToUndo("nothing to undo")
    # Undo always takes the newest command not yet undone, so every later non-undo
    # command has been undone already; what is left to guard against is a record
    # changed by something the history does not show (a hand edit, a command older
    # than the kept window). Comparing with the after images catches all of those.
    stale = [c for c in target.changes if tables[c.table].get(c.id) != c.after]
    if stale:
        raise UndoConflict(
            f'cannot undo "{target.line}": {_records(stale)} was changed since '
            "by an edit outside the undo history"
        )
    reverse = [Change(c.table, c.id, c.after, c.before) for c in reversed(target.changes)]
    return target, reverse
