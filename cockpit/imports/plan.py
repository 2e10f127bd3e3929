"""Plan a whole import against the book (pure: reads the book, writes nothing)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import datetime, tzinfo

from cockpit.domain.book import Book
from cockpit.imports.accounts import AccountDirectory
from cockpit.imports.cockpit_csv import COCKPIT, CockpitCsvPlanner, is_cockpit_csv
from cockpit.imports.column_values import date_readers, decimal_comma_note, is_fraction
from cockpit.imports.columns import ColumnMap, find_column
from cockpit.imports.csv_file import SourceRow, SourceTable
from cockpit.imports.deals import DealPlanner
from cockpit.imports.options import ImportInputError, ImportOptions
from cockpit.imports.people import AccountPlanner, ContactPlanner
from cockpit.imports.rows import ImportPlan, PlanContext, Row, RowProblem, RowWarning

__all__ = ["filter_rows", "plan_import"]


def filter_rows(source: SourceTable, where: Sequence[tuple[str, str]]) -> list[SourceRow]:
    """The rows matching every --where COLUMN=VALUE (ignoring case and outer spaces).

    ImportInputError when a filter matches no row at all: that is a typo, not a wish.
    """
    rows = list(source.rows)
    for column, value in where:
        index = find_column(source.header, column, f"--where {column}={value}")
        wanted = value.casefold()
        matching = [r for r in rows if r.cells[index].strip().casefold() == wanted]
        if rows and not matching:
            values = sorted({r.cells[index].strip() for r in source.rows} - {""})
            near = difflib.get_close_matches(value, values, n=1)
            hint = (
                f'did you mean "{near[0]}"?'
                if near
                else f"{len(values)} values, e.g. " + ", ".join(f'"{v}"' for v in values[:3])
            )
            raise ImportInputError(f"--where {column}={value}: no row matches ({hint})")
        rows = matching
    return rows


def _accounts_used(plan: ImportPlan) -> int:
    used: set[object] = set()
    for action in [*plan.actions, *plan.unchanged]:
        if action.table == "accounts":
            continue
        if action.new_account is not None:
            used.add(id(action.new_account))
        elif action.record.account_id is not None:
            used.add(action.record.account_id)
    return len(used)


def _notes(kind: str, columns: ColumnMap) -> list[str]:
    notes = []
    if kind == "deals" and columns.index("external_id") is None:
        notes.append(
            "no external_id column: each row's key is a hash of its values, so importing"
            " the file again adds nothing; a row changed in the CRM comes in as a new deal"
            " (map the CRM's id column: --map COLUMN=external_id)"
        )
    if kind == "deals" and columns.index("stage") is None and columns.index("status") is None:
        notes.append("no stage column: every deal imports as prospect")
    return notes


def _refuse_unusable(kind: str, source: SourceTable, columns: ColumnMap) -> None:
    """A file none of whose columns cockpit can use is refused before any row is read."""
    if columns.uses or columns.helpers:
        return
    shown = ", ".join(f'"{c}"' for c in source.header[:6] if c)
    raise ImportInputError(
        f"{source.path.name}: no column cockpit can use for {kind} (columns: {shown});"
        " is it the right file? name one with --map COLUMN=FIELD"
    )


def plan_import(
    book: Book,
    kind: str,
    source: SourceTable,
    columns: ColumnMap,
    options: ImportOptions,
    now: datetime,
    zone: tzinfo,
) -> ImportPlan:
    """Work out what importing `source` into `book` would create, update and refuse."""
    _refuse_unusable(kind, source, columns)
    required = {"deals": None, "accounts": "name", "contacts": "name"}[kind]
    if (
        required
        and columns.index(required) is None
        and not (kind == "contacts" and "first_name" in columns.helpers)
    ):
        raise ImportInputError(
            f"{source.path.name}: no column for the {kind[:-1]}'s {required}"
            f" (map one: --map COLUMN={required}); columns: {', '.join(source.header)}"
        )
    plan = ImportPlan(kind, rows=len(source.rows) + len(source.problems))
    rows = filter_rows(source, options.where)
    plan.filtered = len(source.rows) - len(rows)
    plan.notes = _notes(kind, columns)
    plan.skipped = list(source.skipped)
    plan.repeated = list(source.repeated)
    accounts = AccountDirectory(book, now)
    ctx = PlanContext(book, columns, options, now, zone, accounts, plan)
    if kind == "deals":
        ctx.dates, date_notes = date_readers(source, columns, options)
        ctx.fraction, fraction_note = is_fraction(source, columns)
        comma_note = decimal_comma_note(source, columns, options)
        plan.notes += [n for n in (*date_notes, fraction_note, comma_note) if n]
    planner: DealPlanner | AccountPlanner | ContactPlanner | CockpitCsvPlanner
    if is_cockpit_csv(kind, source.header):
        columns.profile = COCKPIT
        plan.notes = []  # its key is its id
        planner = CockpitCsvPlanner(ctx, kind, source.header)
    elif kind == "deals":
        planner = DealPlanner(ctx)
    elif kind == "accounts":
        planner = AccountPlanner(ctx)
    else:
        planner = ContactPlanner(ctx)
    for line, why in source.problems:
        if options.where:
            # Under --where a row that does not fit the header may not be wanted at all.
            plan.warnings.append(RowWarning(line, None, f"{why}: not read"))
        else:
            plan.problems.append(RowProblem(line, None, None, why))
    for source_row in rows:
        if isinstance(planner, CockpitCsvPlanner):
            planner.plan_row(source_row)
        else:
            planner.plan_row(Row(source_row, ctx))
    plan.repeated.sort()
    plan.problems.sort(key=lambda p: p.line)
    plan.warnings.sort(key=lambda w: w.line)
    plan.new_accounts = list(accounts.created)
    plan.accounts_used = _accounts_used(plan)
    return plan
