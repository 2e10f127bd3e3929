"""One CSV file per table: flat columns, references as an id plus a name, so deals.csv,
accounts.csv and contacts.csv import straight back (`cockpit import`)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.money import to_major
from cockpit.exports.common import REFS, Doc, ExportError, Names, docs_of, private_text

__all__ = ["CSV_TABLES", "export_csv"]

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
        "worked",
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
    names = Names(book)
    digits = book.settings.minor_digits
    if table == "settings":
        for key, value in sorted(book.settings.values.items()):
            yield {"key": key, "value": value}
        return
    if table == "deal_history":
        for doc in docs_of(book, "deals"):
            for change in doc.get("history") or []:
                row = {"deal_id": doc["id"], "deal": doc.get("title"), **change}
                if change.get("field") == "value":
                    row["from"] = _major_text(change.get("from"), digits)
                    row["to"] = _major_text(change.get("to"), digits)
                yield row
        return
    for doc in docs_of(book, table):
        row = dict(doc)
        for key, target in REFS.items():
            if key in row:
                row[key.removesuffix("_id")] = names.name(target, row[key])
        if table == "deals":
            row["value"] = _major_text(row.get("value"), digits)
        elif table == "plans":
            row["quota"] = _major_text(row.get("quota"), digits)
            revenue = row.get("week_revenue") or {}
            row["week_revenue"] = {w: to_major(v, digits) for w, v in revenue.items()}
        yield row


def export_csv(book: Book, folder: Path) -> dict[str, int]:
    """Write one CSV file per table into `folder` (made if missing); rows written per file."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"--out {folder} is a file: csv needs a folder (one file per table)")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    written: dict[str, int] = {}
    for table, columns in CSV_TABLES.items():
        count = 0
        with private_text(folder / f"{table}.csv") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in _csv_rows(book, table):
                writer.writerow([_cell(row.get(column)) for column in columns])
                count += 1
        written[f"{table}.csv"] = count
    return written
