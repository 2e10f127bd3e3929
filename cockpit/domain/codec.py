"""Translate records between domain dataclasses and the book's JSON documents.

Dates cross the boundary as ISO strings ("2026-11-25"), timestamps as ISO 8601 with
offset. Fields a record does not know are kept in `extra` and written back unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date, datetime
from typing import Any, TypeVar

from cockpit.domain.model import (
    Account,
    Activity,
    Contact,
    DayOff,
    Deal,
    FieldChange,
    Plan,
    Promise,
    Review,
)

__all__ = ["RECORD_TYPES", "TABLE_OF", "from_doc", "to_doc"]

Doc = dict[str, Any]
R = TypeVar("R")

RECORD_TYPES: dict[str, type[Any]] = {
    "accounts": Account,
    "contacts": Contact,
    "deals": Deal,
    "activities": Activity,
    "promises": Promise,
    "plans": Plan,
    "days_off": DayOff,
    "reviews": Review,
}
TABLE_OF: dict[type[Any], str] = {cls: table for table, cls in RECORD_TYPES.items()}

_DATE_FIELDS = {"close", "next_due", "snoozed_until", "due", "aim", "start", "end"}
_DATETIME_FIELDS = {
    "created",
    "stage_changed",
    "worked",
    "won_at",
    "lost_at",
    "at",
    "done_at",
    "saved_at",
}


def _date_in(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _datetime_in(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _iso_out(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _history_in(value: Any) -> list[FieldChange]:
    return [
        FieldChange(datetime.fromisoformat(item["at"]), item["field"], item["from"], item["to"])
        for item in value or []
    ]


def _history_out(value: list[FieldChange]) -> list[Doc]:
    return [{"at": c.at.isoformat(), "field": c.field, "from": c.old, "to": c.new} for c in value]


def _identity(value: Any) -> Any:
    return value


def _converters(cls: type[Any]) -> tuple[dict[str, Callable[[Any], Any]], dict[str, Any]]:
    inbound: dict[str, Callable[[Any], Any]] = {}
    outbound: dict[str, Callable[[Any], Any]] = {}
    for f in fields(cls):
        if f.name == "extra":
            continue
        if f.name == "history":
            inbound[f.name], outbound[f.name] = _history_in, _history_out
        elif f.name in _DATE_FIELDS:
            inbound[f.name], outbound[f.name] = _date_in, _iso_out
        elif f.name in _DATETIME_FIELDS:
            inbound[f.name], outbound[f.name] = _datetime_in, _iso_out
        elif f.name in ("weekly_targets", "week_revenue", "metrics", "answers"):
            inbound[f.name], outbound[f.name] = dict, dict
        else:
            inbound[f.name], outbound[f.name] = _identity, _identity
    return inbound, outbound


_CODECS = {cls: _converters(cls) for cls in RECORD_TYPES.values()}


def from_doc(table: str, doc: Doc) -> Any:
    """The domain record for a stored document of `table`."""
    cls = RECORD_TYPES[table]
    inbound, _ = _CODECS[cls]
    kwargs: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in doc.items():
        convert = inbound.get(key)
        if convert is None:
            extra[key] = value
        else:
            kwargs[key] = convert(value)
    return cls(**kwargs, extra=extra)


def to_doc(record: Any) -> Doc:
    """The stored document for a domain record (unknown fields included)."""
    _, outbound = _CODECS[type(record)]
    doc: Doc = dict(record.extra)
    for name, convert in outbound.items():
        doc[name] = convert(getattr(record, name))
    return doc
