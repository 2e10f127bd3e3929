"""`cockpit export`: the whole book as JSON, one CSV per table, or an iCalendar feed.

JSON follows the --json conventions (DESIGN §5): snake_case, dates YYYY-MM-DD, money in
major units, references as {"id", "handle", "name"}, top-level now/currency/schema_version.
CSV keeps each table's columns flat (references as an id plus a name, so deals.csv,
accounts.csv and contacts.csv import straight back). The calendar (RFC 5545) has one
all-day event per open deal's next step and expected close and per open promise (from
its aim to its due date): what a rep subscribes to in a calendar app.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from cockpit.domain.book import Book
from cockpit.domain.money import format_money, to_major
from cockpit.services.session import Session

__all__ = [
    "CSV_TABLES",
    "FORMATS",
    "ExportError",
    "export_csv",
    "export_ics",
    "export_json",
    "fold",
    "run_export",
]

FORMATS = ("json", "csv", "ics")
Doc = dict[str, Any]

# The tables a JSON export holds, in order, and the references each document makes.
_TABLES = (
    "accounts",
    "contacts",
    "deals",
    "activities",
    "promises",
    "plans",
    "days_off",
    "reviews",
)
_REFS = {"account_id": "accounts", "contact_id": "contacts", "deal_id": "deals"}

CSV_TABLES: dict[str, tuple[str, ...]] = {
    "accounts": ("id", "handle", "name", "tier", "cadence_days", "industry", "created"),
    "contacts": (
        "id",
        "handle",
        "name",
        "account_id",
        "account",
        "role",
        "email",
        "phone",
        "cadence_days",
        "created",
    ),
    "deals": (
        "id",
        "handle",
        "title",
        "account_id",
        "account",
        "value",
        "stage",
        "probability",
        "forecast_category",
        "close",
        "next_step",
        "next_due",
        "focus",
        "snoozed_until",
        "slip_count",
        "source",
        "external_id",
        "created",
        "stage_changed",
        "won_at",
        "lost_at",
        "lost_reason",
        "lost_code",
    ),
    "deal_history": ("deal_id", "deal", "at", "field", "from", "to"),
    "activities": (
        "id",
        "kind",
        "at",
        "direction",
        "account_id",
        "account",
        "contact_id",
        "contact",
        "deal_id",
        "deal",
        "outcome",
        "text",
    ),
    "promises": (
        "id",
        "text",
        "due",
        "aim",
        "account_id",
        "account",
        "contact_id",
        "contact",
        "deal_id",
        "deal",
        "created",
        "done_at",
    ),
    "plans": ("id", "quarter", "quota", "daily_minimum", "weekly_targets", "week_revenue"),
    "days_off": ("id", "start", "end", "text"),
    "reviews": ("id", "week", "saved_at", "answers", "metrics"),
    "settings": ("key", "value"),
}
"""Each CSV file's columns (a file per table, plus deal_history and settings)."""


class ExportError(ValueError):
    """An export that cannot be made as asked (exit 2)."""


# -- shared ---------------------------------------------------------------------------


class _Names:
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


def _docs(book: Book, table: str) -> Iterator[Doc]:
    docs: dict[int, Doc] = getattr(book, table).docs
    for record_id in sorted(docs):
        yield docs[record_id]


def _money_fn(book: Book) -> Callable[[Any], Any]:
    digits = book.settings.minor_digits

    def money(value: Any) -> Any:
        is_int = isinstance(value, int) and not isinstance(value, bool)
        return to_major(value, digits) if is_int else value

    return money


def _review_metrics(metrics: Doc, money: Callable[[Any], Any]) -> Doc:
    """A frozen review's figures with its money (minor units in the book) in major units."""
    out = json.loads(json.dumps(metrics))
    for key in ("won", "lost"):
        if isinstance(out.get(key), dict) and "value" in out[key]:
            out[key]["value"] = money(out[key]["value"])
    if isinstance(out.get("pipeline"), dict):
        for key in ("added", "removed"):
            if key in out["pipeline"]:
                out["pipeline"][key] = money(out["pipeline"][key])
    for quarter in out.get("quarters") or []:
        for key in ("quota", "won", "expected_to_date", "ahead_by", "commit", "best_case"):
            if key in quarter:
                quarter[key] = money(quarter[key])
    return dict(out)


# -- JSON -----------------------------------------------------------------------------


def _json_doc(table: str, doc: Doc, names: _Names, money: Callable[[Any], Any]) -> Doc:
    out = dict(doc)
    for key, target in _REFS.items():
        if key in out:
            out[key.removesuffix("_id")] = names.ref(target, out.pop(key))
    if table == "deals":
        out["value"] = money(out.get("value", 0))
        out["history"] = [
            {**c, "from": money(c.get("from")), "to": money(c.get("to"))}
            if c.get("field") == "value"
            else dict(c)
            for c in out.get("history") or []
        ]
    elif table == "plans":
        out["quota"] = money(out.get("quota"))
        out["week_revenue"] = {w: money(v) for w, v in (out.get("week_revenue") or {}).items()}
    elif table == "reviews":
        out["metrics"] = _review_metrics(out.get("metrics") or {}, money)
    return out


def export_json(book: Book, now: datetime, schema_version: int) -> dict[str, Any]:
    """The whole book as one JSON document."""
    names, money = _Names(book), _money_fn(book)
    data: dict[str, Any] = {
        "now": now.isoformat(),
        "currency": book.settings.currency,
        "schema_version": schema_version,
        "counts": {table: len(getattr(book, table)) for table in _TABLES},
        "settings": dict(book.settings.values),
    }
    for table in _TABLES:
        data[table] = [_json_doc(table, doc, names, money) for doc in _docs(book, table)]
    return data


# -- CSV ------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _major_text(value: Any, digits: int) -> Any:
    """Minor units as exact major-unit text ("45000", "1200.50")."""
    if not isinstance(value, int) or isinstance(value, bool):
        return value
    whole, cents = divmod(abs(value), 10**digits)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{cents:0{digits}d}" if cents else f"{sign}{whole}"


def _csv_rows(book: Book, table: str) -> Iterator[Doc]:
    names = _Names(book)
    digits = book.settings.minor_digits
    if table == "settings":
        for key, value in sorted(book.settings.values.items()):
            yield {"key": key, "value": value}
        return
    if table == "deal_history":
        for doc in _docs(book, "deals"):
            for change in doc.get("history") or []:
                row = {"deal_id": doc["id"], "deal": doc.get("title"), **change}
                if change.get("field") == "value":
                    row["from"] = _major_text(change.get("from"), digits)
                    row["to"] = _major_text(change.get("to"), digits)
                yield row
        return
    for doc in _docs(book, table):
        row = dict(doc)
        for key, target in _REFS.items():
            if key in row:
                row[key.removesuffix("_id")] = names.name(target, row[key])
        if table == "deals":
            row["value"] = _major_text(row.get("value"), digits)
        elif table == "plans":
            row["quota"] = _major_text(row.get("quota"), digits)
            revenue = row.get("week_revenue") or {}
            row["week_revenue"] = {w: to_major(v, digits) for w, v in revenue.items()}
        yield row


def _private_text(path: Path) -> io.TextIOWrapper:
    """Open `path` for writing text; a new file is readable by its owner only, as the book is."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return open(fd, "w", encoding="utf-8", newline="")


def export_csv(book: Book, folder: Path) -> dict[str, int]:
    """Write one CSV file per table into `folder` (made if missing); rows written per file."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"--out {folder} is a file: csv needs a folder (one file per table)")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    written: dict[str, int] = {}
    for table, columns in CSV_TABLES.items():
        count = 0
        with _private_text(folder / f"{table}.csv") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in _csv_rows(book, table):
                writer.writerow([_cell(row.get(column)) for column in columns])
                count += 1
        written[f"{table}.csv"] = count
    return written


# -- iCalendar ------------------------------------------------------------------------


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append("".join(current))
            current, size = [" "], 1  # a continuation line starts with one space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n".join(parts)


@dataclass(frozen=True, slots=True)
class _Event:
    start: date
    end: date  # the last day (inclusive)
    order: int
    uid: str
    summary: str
    description: str
    category: str


def _ymd(day: date) -> str:
    return day.strftime("%Y%m%d")


def _events(book: Book, key: str) -> list[_Event]:
    settings = book.settings
    names = _Names(book)

    def money(minor: int) -> str:
        return format_money(minor, settings.currency, settings.minor_digits)

    events: list[_Event] = []
    for deal in book.open_deals():
        account = names.name("accounts", deal.account_id)
        at = f" ({account})" if account else ""
        facts = [
            f"Deal #{deal.id} {deal.handle}",
            f"Stage: {deal.stage}",
            f"Value: {money(deal.value)}",
        ]
        if deal.close:
            facts.append(f"Expected close: {deal.close.isoformat()}")
        if deal.next_step:
            due = f" (due {deal.next_due.isoformat()})" if deal.next_due else ""
            facts.append(f"Next step: {deal.next_step}{due}")
        description = "\n".join(facts)
        if deal.next_step and deal.next_due:
            events.append(
                _Event(
                    deal.next_due,
                    deal.next_due,
                    0,
                    f"next-{deal.id}-{key}@cockpit",
                    f"Next: {deal.next_step} — {deal.title}{at}",
                    description,
                    "Next step",
                )
            )
        if deal.close:
            events.append(
                _Event(
                    deal.close,
                    deal.close,
                    2,
                    f"close-{deal.id}-{key}@cockpit",
                    f"Close: {deal.title}{at} · {money(deal.value)}",
                    description,
                    "Expected close",
                )
            )
    for promise in book.promises.values():
        if promise.done_at is not None:
            continue
        to = names.name("contacts", promise.contact_id) or names.name(
            "accounts", promise.account_id
        )
        deal_name = names.name("deals", promise.deal_id)
        facts = [f"Promise !{promise.id}", f"Aim: {promise.aim.isoformat()} (a working day early)"]
        facts.append(f"Due: {promise.due.isoformat()}")
        if deal_name:
            facts.append(f"Deal: {deal_name}")
        start = min(promise.aim, promise.due)
        events.append(
            _Event(
                start,
                promise.due,
                1,
                f"promise-{promise.id}-{key}@cockpit",
                f"Promise: {promise.text}" + (f" → {to}" if to else ""),
                "\n".join(facts),
                "Promise",
            )
        )
    events.sort(key=lambda e: (e.start, e.order, e.uid))
    return events


def export_ics(book: Book, now: datetime, key: str = "book") -> str:
    """The calendar feed: open deals' next steps and close dates, open promises."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//cockpit//personal sales cockpit//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:cockpit",
        "X-WR-CALDESC:Next steps\\, expected closes and promises from cockpit",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    for event in _events(book, key):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_ymd(event.start)}",
            f"DTEND;VALUE=DATE:{_ymd(event.end + timedelta(days=1))}",  # exclusive
            f"SUMMARY:{_escape(event.summary)}",
            f"DESCRIPTION:{_escape(event.description)}",
            f"CATEGORIES:{_escape(event.category)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# -- the command ----------------------------------------------------------------------


def _calendar_key(session: Session) -> str:
    """A stable id for this book, so a subscribed calendar updates events, not repeats them."""
    meta: Mapping[str, Any] = session.store.tables["meta"].get(1, {})
    seed = str(meta.get("created") or session.store.path.resolve())
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:12]


def _write(path: Path, text: str) -> None:
    if path.is_dir():
        raise ExportError(f"--out {path} is a folder: give a file name")
    with _private_text(path) as handle:
        handle.write(text)


def run_export(
    session: Session, fmt: str, out: Path | None, schema_version: int
) -> tuple[str | None, str | None]:
    """Export the session's book; (text for stdout, or None; a message for stdout, or None).

    Checkpoints first (DESIGN §6), so the book file on disk matches what was exported.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f'unknown --format "{fmt}" (use json, csv or ics)')
    if fmt == "csv" and out is None:
        raise ExportError("--format csv writes one file per table: give a folder with --out PATH")
    session.store.checkpoint()
    book, now = session.book, session.now()
    if fmt == "csv":
        assert out is not None
        written = export_csv(book, out)
        files = ", ".join(f"{name} ({rows:,})" for name, rows in written.items())
        return None, f"exported {len(written)} CSV files to {out}: {files}"
    if fmt == "json":
        data = export_json(book, now, schema_version)
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
        counts = ", ".join(f"{n:,} {table}" for table, n in data["counts"].items() if n)
    else:
        text = export_ics(book, now, _calendar_key(session))
        counts = f"{text.count('BEGIN:VEVENT'):,} events"
    if out is None:
        return text, None
    _write(out, text)
    return None, f"exported {fmt} to {out}: {counts or 'an empty book'}"
