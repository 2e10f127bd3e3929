"""`cockpit import`: read a CRM's CSV export, plan it against the book, write it as one command.

Nothing is written when a row is bad (unless --skip-bad) or on --dry-run; otherwise every
record goes in through one `Session.transact`, so `cockpit undo` takes the whole import back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.codec import to_doc
from cockpit.imports.columns import KINDS, ColumnMap, resolve_columns
from cockpit.imports.csv_file import SourceTable, read_source, read_text, sniff
from cockpit.imports.options import ImportInputError, ImportOptions
from cockpit.imports.plan import plan_import
from cockpit.imports.report import report_json, report_text, summary
from cockpit.imports.rows import ImportPlan
from cockpit.services.outcome import Outcome
from cockpit.services.session import Session
from cockpit.store import Transaction

__all__ = [
    "ImportInputError",
    "ImportOptions",
    "ImportReport",
    "apply_plan",
    "import_file",
    "report_json",
    "report_text",
]


@dataclass(slots=True)
class ImportReport:
    """What an import did (or, dry or refused, would have done)."""

    kind: str
    path: Path
    columns: ColumnMap
    delimiter: str
    plan: ImportPlan
    options: ImportOptions
    written: bool = False
    seq: int | None = None

    @property
    def refused(self) -> bool:
        """Bad rows without --skip-bad: nothing was written."""
        return bool(self.plan.problems) and not self.options.skip_bad

    @property
    def summary(self) -> str:
        """The one-line summary that ends the report."""
        return summary(self)


class _Refused(Exception):
    """Unwinds the transaction when a plan made afresh inside it has bad rows."""


def _insert(tx: Transaction, table: str, doc: dict[str, Any], keep_id: bool) -> int:
    if keep_id:
        try:
            return tx.insert(table, doc, keep_id=True)
        except ValueError:
            pass  # the book handed that id out before: the record takes the next one
    doc.pop("id", None)
    return tx.insert(table, doc)


def apply_plan(tx: Transaction, plan: ImportPlan) -> None:
    """Write the plan's records: new accounts first, so the rest can point at them."""
    for planned in plan.new_accounts:
        doc = to_doc(planned.record)
        doc.pop("id", None)
        planned.record.id = tx.insert("accounts", doc)
    for action in plan.actions:
        record = action.record
        if action.table == "accounts" and action.creates and action.new_account is not None:
            continue  # inserted above, with the accounts other rows name
        if action.new_account is not None:
            record.account_id = action.new_account.record.id
        doc = to_doc(record)
        if action.creates:
            record.id = _insert(tx, action.table, doc, action.keep_id)
        else:
            tx.put(action.table, doc)


def _read(path: Path, kind: str) -> SourceTable:
    """The file's rows: a vCard's cards for contacts, else CSV (by content, not name)."""
    if kind == "contacts" and sniff(read_text(path)) == "vcard":
        from cockpit.imports.vcard import read_vcards  # vobject loads only for vCards

        return read_vcards(path, read_text(path, "a vCard file"))
    return read_source(path, kind)


def import_file(session: Session, kind: str, path: Path, options: ImportOptions) -> ImportReport:
    """Import `path` as records of `kind` (deals, accounts, contacts) into the session's book.

    ImportInputError when the file or an option cannot be used at all.
    """
    if kind not in KINDS:
        raise ImportInputError(f"cannot import {kind!r}: import deals, accounts or contacts")
    source = _read(path, kind)
    columns = resolve_columns(kind, source.header, options.maps)
    now, zone = session.now(), session.timezone()
    session.refresh()
    planned_at = session.store.last_seq

    def plan_on(book: Book) -> ImportPlan:
        return plan_import(book, kind, source, columns, options, now, zone)

    report = ImportReport(kind, path, columns, source.delimiter, plan_on(session.book), options)
    if options.dry_run or report.refused or not report.plan.actions:
        return report

    def build(tx: Transaction, book: Book) -> Outcome:
        if session.store.last_seq != planned_at:
            # Another process wrote since we planned, and the session's book learns of it
            # only after this transaction: plan again on the store's current state.
            report.plan = plan_on(Book.from_tables(session.store.tables))
            if report.refused:
                raise _Refused
        apply_plan(tx, report.plan)
        return Outcome(command="import", message=report.summary)

    try:
        outcome = session.transact(f"import {kind} {path.name}", build)
    except _Refused:
        return report
    report.written = True
    report.seq = outcome.seq
    return report
