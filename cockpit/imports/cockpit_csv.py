"""cockpit's own CSV export read back: accounts.csv, contacts.csv, deals.csv.

Every column the file carries is the record's field, so the round trip keeps what the CSV
holds (lost date, reason and code; focus, snooze, slips, source). The key is `id`: a row
whose id and handle are a record of this book updates it (history and unknown fields stay);
otherwise the record is created, under its own id when the book has not used that id.
"""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from cockpit.domain.codec import RECORD_TYPES, from_doc, to_doc
from cockpit.exports.csv_tables import CSV_TABLES
from cockpit.imports.accounts import NewAccount, name_key
from cockpit.imports.columns import normalize_header
from cockpit.imports.csv_file import SourceRow
from cockpit.imports.profiles import Profile
from cockpit.imports.rows import Action, HandleSet, PlanContext, RowProblem

__all__ = ["COCKPIT", "CockpitCsvPlanner", "is_cockpit_csv"]

COCKPIT = Profile("the cockpit export", recognize=(), columns={})

# The columns that hold a reference's name beside its id: not fields of the record.
_NAMES = {"account": "account_id"}


def is_cockpit_csv(kind: str, header: tuple[str, ...]) -> bool:
    """True when the header is the one `cockpit export --format csv` writes for `kind`."""
    return tuple(normalize_header(h) for h in header) == CSV_TABLES.get(kind)


def _kinds(table: str) -> dict[str, str]:
    """Each field's kind as its annotation says: "bool", "int" or "text"."""
    out = {}
    for f in fields(RECORD_TYPES[table]):
        text = str(f.type)
        out[f.name] = "bool" if "bool" in text else "int" if text.startswith("int") else "text"
    return out


_FIELD_KINDS = {table: _kinds(table) for table in ("accounts", "contacts", "deals")}


def _value(table: str, name: str, raw: str, digits: int) -> Any:
    if raw == "":
        return None
    if table == "deals" and name == "value":
        try:
            return int(Decimal(raw) * (Decimal(10) ** digits))
        except InvalidOperation:
            raise ValueError(f'not an amount: "{raw}"') from None
    kind = _FIELD_KINDS[table].get(name)
    if kind == "bool":
        if raw not in ("true", "false"):
            raise ValueError(f'not true or false: "{raw}"')
        return raw == "true"
    if kind == "int":
        return int(raw)
    return raw


def _doc(
    table: str, header: tuple[str, ...], cells: tuple[str, ...], digits: int
) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for column, raw in zip(header, cells, strict=True):
        if column in _NAMES:
            continue
        doc[column] = _value(table, column, raw.strip(), digits)
    if table == "deals" and doc.get("value") is None:
        doc["value"] = 0
    for flag, default in (("focus", False), ("slip_count", 0)):
        if flag in doc and doc[flag] is None:
            doc[flag] = default
    return doc


def _account(ctx: PlanContext, doc: dict[str, Any], name: str, line: int) -> Any:
    """The account a row points at: its id when this book's account of that id has the
    row's account name, else the account of that name (planned when missing)."""
    account_id = doc.get("account_id")
    if not name:
        return None
    existing = ctx.book.accounts.docs.get(account_id) if account_id is not None else None
    if existing is not None and name_key(str(existing.get("name", ""))) == name_key(name):
        return account_id
    return ctx.accounts.ensure(name, line)


class CockpitCsvPlanner:
    """Plans the rows of one of cockpit's own CSV files."""

    def __init__(self, ctx: PlanContext, table: str, header: tuple[str, ...]) -> None:
        self.ctx = ctx
        self.table = table
        self.header = tuple(normalize_header(h) for h in header)
        self._handles = HandleSet(ctx.book, table)
        self._ids: set[int] = set()

    def plan_row(self, source: SourceRow) -> None:
        """Plan one row: create, update, leave unchanged, or a bad row."""
        ctx, table = self.ctx, self.table
        names = dict(zip(self.header, source.cells, strict=True))
        try:
            doc = _doc(table, self.header, source.cells, ctx.minor_digits)
            record = from_doc(table, doc)
        except (TypeError, ValueError) as exc:
            ctx.plan.problems.append(RowProblem(source.line, None, None, f"not read: {exc}"))
            return
        if record.id in self._ids:
            message = f"id {record.id} is on an earlier line too: one row per record"
            ctx.plan.problems.append(RowProblem(source.line, "id", str(record.id), message))
            return
        self._ids.add(record.id)
        new_account = None
        if "account_id" in doc:
            account = _account(ctx, doc, names.get("account", "").strip(), source.line)
            record.account_id = account if isinstance(account, int) else None
            new_account = account if isinstance(account, NewAccount) else None
        existing = getattr(ctx.book, table).docs.get(record.id)
        if existing is not None and existing.get("handle") == record.handle:
            self._update(source.line, record, new_account)
            return
        # Its own id when the book never used it (the store refuses an id it handed out,
        # and the record then takes the next one); its own handle when free.
        keep = existing is None
        record.handle = self._handles.claim(record.handle)
        if not keep:
            record.id = 0
        ctx.plan.actions.append(Action(source.line, table, record, new_account, keep_id=keep))

    def _update(self, line: int, record: Any, new_account: NewAccount | None) -> None:
        ctx = self.ctx
        current = getattr(ctx.book, self.table)[record.id]
        merged = replace(record, extra=dict(current.extra))
        if self.table == "deals":
            merged.history = list(current.history)
        before, after = to_doc(current), to_doc(merged)
        changed = tuple(k for k in after if before.get(k) != after.get(k))
        if new_account is not None:
            changed += ("account_id",)
        action = Action(line, self.table, merged, new_account, changed)
        (ctx.plan.actions if changed else ctx.plan.unchanged).append(action)
