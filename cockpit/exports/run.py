"""`cockpit export`: checkpoint, then write the book as JSON, CSV files or a calendar."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from cockpit.exports.book_json import export_json
from cockpit.exports.common import ExportError, private_text
from cockpit.exports.csv_tables import export_csv
from cockpit.exports.ics import export_ics
from cockpit.services.session import Session

__all__ = ["FORMATS", "run_export"]

FORMATS = ("json", "csv", "ics")


def _calendar_key(session: Session) -> str:
    """A stable id for this book, so a subscribed calendar updates events, not repeats them."""
    meta: Mapping[str, Any] = session.store.tables["meta"].get(1, {})
    seed = str(meta.get("created") or session.store.path.resolve())
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:12]


def _write(path: Path, text: str) -> None:
    if path.is_dir():
        raise ExportError(f"--out {path} is a folder: give a file name")
    with private_text(path) as handle:
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
