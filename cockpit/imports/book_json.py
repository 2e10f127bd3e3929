"""`cockpit import book FILE.json`: a whole book from `cockpit export --format json`.

The export's conventions are undone (money back to minor units, references back to ids)
with the export's own lists of where money and references sit, and every record keeps its
id, so history, reviews and references hold: export, import, export again gives the same
document. Only an empty book takes a whole book; the import is one command (undo drops it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from cockpit.domain.codec import from_doc
from cockpit.domain.settings import Settings
from cockpit.exports.common import REFS, TABLES, Doc, convert_money
from cockpit.imports.csv_file import read_text
from cockpit.imports.options import ImportInputError
from cockpit.services.outcome import Outcome
from cockpit.services.session import Session
from cockpit.store import SCHEMA_VERSION, Transaction

__all__ = ["BookReport", "import_book"]


def _count(n: int, table: str) -> str:
    noun = table.replace("_", " ")
    if n == 1:
        noun = {"activities": "activity", "days off": "day off"}.get(noun, noun[:-1])
    return f"{n:,} {noun}"


@dataclass(slots=True)
class BookReport:
    """What `import book` did (or, on --dry-run, would do)."""

    path: Path
    counts: dict[str, int]
    settings: dict[str, Any] = field(default_factory=dict)  # the values that differ
    written: bool = False
    dry_run: bool = False

    @property
    def summary(self) -> str:
        """The one line a person reads."""
        shown = ", ".join(_count(n, t) for t, n in self.counts.items() if n)
        verb = "would import" if self.dry_run else "imported"
        settings = f"; {len(self.settings)} settings" if self.settings else ""
        return f"{verb} book {self.path.name}: {shown or 'no records'}{settings}"

    def as_json(self) -> dict[str, Any]:
        """The report as `--json` prints it."""
        return {
            "ok": True,
            "dry_run": self.dry_run,
            "written": self.written,
            "file": str(self.path),
            "counts": dict(self.counts),
            "settings": dict(self.settings),
            "summary": self.summary,
        }


def _load(path: Path) -> dict[str, Any]:
    text = read_text(path, "a JSON book")
    not_book = f"{path} is not a book from `cockpit export --format json`"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportInputError(f"{not_book} (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or not {"schema_version", "settings", *TABLES} <= set(data):
        raise ImportInputError(f"{not_book} (it lacks the tables and settings one holds)")
    version = data["schema_version"]
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise ImportInputError(
            f"{path} was written by a newer cockpit (schema {version}; this one reads"
            f" {SCHEMA_VERSION}): update cockpit first"
        )
    return data


def _records(path: Path, data: dict[str, Any]) -> dict[str, list[Doc]]:
    """Each table's documents as the book stores them, in id order (ImportInputError)."""
    settings = data["settings"] if isinstance(data["settings"], dict) else {}
    scale = Decimal(10) ** Settings.from_stored(settings).minor_digits

    def to_minor(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value
        minor = Decimal(str(value)) * scale
        if minor != minor.to_integral_value():
            raise ValueError(f"the amount {value} has more decimals than its currency")
        return int(minor)

    tables: dict[str, list[Doc]] = {}
    for table in TABLES:
        docs: list[Doc] = []
        for item in data[table]:
            try:
                doc = convert_money(table, dict(item), to_minor)
                for key in REFS:
                    ref_key = key.removesuffix("_id")
                    if ref_key in doc:
                        ref = doc.pop(ref_key)
                        doc[key] = ref["id"] if isinstance(ref, dict) else None
                from_doc(table, doc)  # every field of the right kind, or no import at all
                if not isinstance(doc.get("id"), int):
                    raise ValueError("no id")
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                ident = item.get("id") if isinstance(item, dict) else None
                raise ImportInputError(f"{path}: {table} #{ident} cannot be read ({exc})") from None
            docs.append(doc)
        tables[table] = sorted(docs, key=lambda d: int(d["id"]))
    return tables


def _refuse_non_empty(session: Session) -> None:
    book = session.book
    held = [(t, len(getattr(book, t))) for t in TABLES if len(getattr(book, t))]
    if held:
        what = ", ".join(_count(n, t) for t, n in held)
        raise ImportInputError(
            f"the book {session.store.path} already holds {what}: a whole book goes into an"
            " empty one (give a new --db PATH)"
        )


def _write_settings(tx: Transaction, session: Session, changed: dict[str, Any]) -> None:
    stored = {doc["key"]: doc_id for doc_id, doc in session.store.tables["settings"].items()}
    for key, value in changed.items():
        doc_id = stored.get(key)
        if doc_id is None:
            tx.insert("settings", {"key": key, "value": value})
        else:
            tx.put("settings", {"id": doc_id, "key": key, "value": value})


def import_book(session: Session, path: Path, dry_run: bool = False) -> BookReport:
    """Import a whole exported book into the session's empty book (ImportInputError)."""
    data = _load(path)
    tables = _records(path, data)
    session.refresh()
    _refuse_non_empty(session)
    current = session.book.settings.values
    changed = {k: v for k, v in data["settings"].items() if current.get(k) != v}
    report = BookReport(path, {t: len(docs) for t, docs in tables.items()}, changed)
    report.dry_run = dry_run
    if dry_run:
        return report

    def build(tx: Transaction, _book: Any) -> Outcome:
        _refuse_non_empty(session)
        _write_settings(tx, session, changed)
        for table, docs in tables.items():
            for doc in docs:
                try:
                    tx.insert(table, doc, keep_id=True)
                except ValueError:
                    raise ImportInputError(
                        f"the book {session.store.path} has handed out {table} ids before"
                        " (records made and undone): import the book into a new --db PATH"
                    ) from None
        return Outcome(command="import", message=report.summary)

    session.transact(f"import book {path.name}", build)
    report.written = True
    return report
