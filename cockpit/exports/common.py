"""What every export format shares: the tables in order, references, money in major units."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.codec import RECORD_TYPES
from cockpit.domain.money import to_major

__all__ = [
    "REFS",
    "TABLES",
    "Doc",
    "ExportError",
    "Names",
    "docs_of",
    "money_fn",
    "convert_money",
    "private_text",
]

Doc = dict[str, Any]

TABLES: tuple[str, ...] = tuple(RECORD_TYPES)
"""The record tables a JSON export holds, in order (ids kept, so references hold)."""

REFS = {"account_id": "accounts", "contact_id": "contacts", "deal_id": "deals"}
"""The reference fields and the table each points into."""

REVIEW_MONEY = {
    "won": ("value",),
    "lost": ("value",),
    "pipeline": ("added", "removed"),
    "quarters": ("quota", "won", "expected_to_date", "ahead_by", "commit", "best_case"),
}
"""The money in a frozen review's metrics (minor units in the book)."""


class ExportError(ValueError):
    """An export that cannot be made as asked (exit 2)."""


class Names:
    """Display names of referenced records, read from their documents."""

    def __init__(self, book: Book) -> None:
        self._book = book

    def name(self, table: str, record_id: Any) -> str | None:
        if record_id is None:
            return None
        doc = getattr(self._book, table).docs.get(record_id)
        if doc is None:
            return None
        return str(doc.get("title" if table == "deals" else "name"))

    def ref(self, table: str, record_id: Any) -> dict[str, Any] | None:
        doc = getattr(self._book, table).docs.get(record_id) if record_id is not None else None
        if doc is None:
            return None
        return {"id": record_id, "handle": doc.get("handle"), "name": self.name(table, record_id)}


def docs_of(book: Book, table: str) -> Iterator[Doc]:
    docs: dict[int, Doc] = getattr(book, table).docs
    for record_id in sorted(docs):
        yield docs[record_id]


def money_fn(book: Book) -> Callable[[Any], Any]:
    digits = book.settings.minor_digits

    def money(value: Any) -> Any:
        is_int = isinstance(value, int) and not isinstance(value, bool)
        return to_major(value, digits) if is_int else value

    return money


def _review_money(metrics: Doc, convert: Callable[[Any], Any]) -> Doc:
    out: Doc = json.loads(json.dumps(metrics))
    for key, names in REVIEW_MONEY.items():
        parts = out.get(key)
        for part in parts if isinstance(parts, list) else [parts]:
            if isinstance(part, dict):
                for name in names:
                    if name in part:
                        part[name] = convert(part[name])
    return out


def convert_money(table: str, doc: Doc, convert: Callable[[Any], Any]) -> Doc:
    """A copy of `doc` with `convert` applied to each amount of money it holds: the one list
    of where money sits, read by the export (to major units) and `import book` (back)."""
    out = dict(doc)
    if table == "deals":
        out["value"] = convert(out.get("value", 0))
        out["history"] = [
            {**c, "from": convert(c.get("from")), "to": convert(c.get("to"))}
            if c.get("field") == "value"
            else dict(c)
            for c in out.get("history") or []
        ]
    elif table == "plans":
        out["quota"] = convert(out.get("quota"))
        out["week_revenue"] = {w: convert(v) for w, v in (out.get("week_revenue") or {}).items()}
    elif table == "reviews":
        out["metrics"] = _review_money(out.get("metrics") or {}, convert)
    return out


def private_text(path: Path) -> io.TextIOWrapper:
    """Open `path` for writing text; a new file is readable by its owner only, as the book is."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return open(fd, "w", encoding="utf-8", newline="")
