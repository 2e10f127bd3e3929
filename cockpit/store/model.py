"""The store's vocabulary: table names, the schema version, documents and changes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "Change",
    "Committed",
    "Derive",
    "Doc",
    "Listener",
    "Token",
]

TABLES: tuple[str, ...] = (
    "meta",
    "settings",
    "accounts",
    "contacts",
    "deals",
    "activities",
    "promises",
    "plans",
    "days_off",
    "reviews",
    "undo",
)
"""Every table a book holds, in the order they are written."""

SCHEMA_VERSION: int = 1
"""The book schema this code writes; older books are migrated, newer ones refused."""


class Token(NamedTuple):
    """A version stamp of one file: equal tokens mean unchanged bytes."""

    identity: tuple[int, ...]
    """Which file: changes when it is replaced (for the book, also when rewritten)."""
    size: int
    """Its size in bytes: the journal grows and is cut by this."""


Doc = dict[str, Any]
"""A JSON document: str/int/float/bool/None/list/dict only."""


@dataclass(frozen=True)
class Change:
    """One record's before and after image (None: absent) within one command."""

    table: str
    id: int
    before: Doc | None
    after: Doc | None


@dataclass(frozen=True)
class Committed:
    """A command as written to the journal: its seq, time, line and changes."""

    seq: int
    at: str
    line: str
    changes: tuple[Change, ...]
    undo_of: int | None = None


Listener = Callable[[Sequence[Change] | None], None]
"""Told about every state change; None means "state reloaded wholesale: rebuild"."""


Derive = Callable[[Mapping[str, Mapping[int, Doc]]], Doc]
"""Given every table, what a checkpoint keeps in the meta document (the summaries)."""
