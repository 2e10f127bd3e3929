"""Undo as pure functions over the command history: pick the target, check, compensate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import NothingToUndo, UndoConflict
from .journal import BadLine, change_to_json, committed_from_json
from .model import Change, Committed, Doc

__all__ = [
    "UNDO_KEEP",
    "compensate",
    "history_from_table",
    "history_to_table",
    "last_command",
]

UNDO_KEEP = 50
"""How many commands' images a checkpoint keeps in the ``undo`` table."""


def history_from_table(table: Mapping[int, Doc]) -> list[Committed]:
    """The commands kept in the ``undo`` table, oldest first; malformed ones are skipped."""
    out: list[Committed] = []
    for doc in table.values():
        try:
            out.append(committed_from_json(doc))
        except BadLine:
            continue  # only costs the ability to undo that one command
    out.sort(key=lambda c: c.seq)
    return out


def history_to_table(history: Sequence[Committed], keep: int = UNDO_KEEP) -> dict[int, Doc]:
    """The ``undo`` table for the last ``keep`` commands, keyed (and id'd) by seq."""
    table: dict[int, Doc] = {}
    for entry in history[-keep:] if keep else ():
        doc: dict[str, Any] = {
            "id": entry.seq,
            "seq": entry.seq,
            "at": entry.at,
            "line": entry.line,
            "changes": [change_to_json(c) for c in entry.changes],
        }
        if entry.undo_of is not None:
            doc["undo_of"] = entry.undo_of
        table[entry.seq] = doc
    return table


def _undone(history: Iterable[Committed]) -> set[int]:
    return {c.undo_of for c in history if c.undo_of is not None}


def last_command(history: Sequence[Committed]) -> Committed | None:
    """The most recent command that is not an undo and has not been undone."""
    undone = _undone(history)
    for entry in reversed(history):
        if entry.undo_of is None and entry.seq not in undone:
            return entry
    return None


def compensate(
    history: Sequence[Committed], tables: Mapping[str, Mapping[int, Doc]]
) -> tuple[Committed, list[Change]]:
    """The command to undo and the changes that reverse it; NothingToUndo / UndoConflict."""
    target = last_command(history)
    if target is None:
        raise NothingToUndo("nothing to undo")
    # Undo always takes the newest command not yet undone, so every later non-undo
    # command has been undone already; what is left to guard against is a record
    # changed by something the history does not show (a hand edit, a command older
    # than the kept window). Comparing with the after images catches all of those.
    reverse: list[Change] = []
    for change in reversed(target.changes):
        current = tables[change.table].get(change.id)
        if current != change.after:
            # Changed by something the history no longer shows: reversing would lose it.
            raise UndoConflict(
                f'cannot undo "{target.line}": {change.table} #{change.id} was changed '
                "since by something undo cannot see"
            )
        reverse.append(Change(change.table, change.id, current, change.before))
    return target, reverse
