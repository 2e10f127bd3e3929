"""The whole book as one JSON document (the --json conventions of DESIGN §5).

snake_case, dates YYYY-MM-DD, money in major units, references as {"id", "handle",
"name"}, top-level now/currency/schema_version. `cockpit import book` reads it back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from cockpit.domain.book import Book
from cockpit.exports.common import REFS, TABLES, Doc, Names, convert_money, docs_of, money_fn

__all__ = ["export_json"]


def _json_doc(table: str, doc: Doc, names: Names, money: Callable[[Any], Any]) -> Doc:
    out = convert_money(table, doc, money)
    for key, target in REFS.items():
        if key in out:
            out[key.removesuffix("_id")] = names.ref(target, out.pop(key))
    return out


def export_json(book: Book, now: datetime, schema_version: int) -> dict[str, Any]:
    """The whole book as one JSON document."""
    names, money = Names(book), money_fn(book)
    data: dict[str, Any] = {
        "now": now.isoformat(),
        "currency": book.settings.currency,
        "schema_version": schema_version,
        "counts": {table: len(getattr(book, table)) for table in TABLES},
        "settings": dict(book.settings.values),
    }
    for table in TABLES:
        data[table] = [_json_doc(table, doc, names, money) for doc in docs_of(book, table)]
    return data
