"""What import plans are made of: rows read field by field, problems, warnings, actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, TypeVar

from cockpit.domain.book import Book
from cockpit.domain.handles import unique_handle
from cockpit.imports.accounts import AccountDirectory, NewAccount
from cockpit.imports.columns import ColumnMap
from cockpit.imports.csv_file import SourceRow
from cockpit.imports.dates import DateReader
from cockpit.imports.options import ImportOptions
from cockpit.imports.values import CellProblem, StageReader

__all__ = ["Action", "HandleSet", "ImportPlan", "PlanContext", "Row", "RowProblem", "RowWarning"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row cannot be imported: its line, the column and value at fault, and the fix."""

    line: int
    column: str | None
    value: str | None
    message: str


@dataclass(frozen=True, slots=True)
class RowWarning:
    """Something imported, but not quite as the file had it."""

    line: int
    column: str | None
    message: str


@dataclass(slots=True)
class Action:
    """One record to write: created (`changed` None) or updated (the fields that changed)."""

    line: int
    table: str
    record: Any  # Deal, Account or Contact; id 0 until a created record is inserted
    new_account: NewAccount | None = None  # link to this account once it has its id
    changed: tuple[str, ...] | None = None
    keep_id: bool = False  # insert under the record's own id (cockpit's own CSV) if free

    @property
    def creates(self) -> bool:
        """True if the action inserts a new record."""
        return self.changed is None


@dataclass(slots=True)
class ImportPlan:
    """Everything an import would do, worked out before anything is written."""

    kind: str
    rows: int = 0  # data rows in the file
    filtered: int = 0  # rows --where left out
    actions: list[Action] = field(default_factory=list)
    unchanged: list[Action] = field(default_factory=list)
    new_accounts: list[NewAccount] = field(default_factory=list)
    accounts_used: int = 0  # accounts the imported records belong to
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the whole file
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, text): no record
    repeated: list[tuple[int, int]] = field(default_factory=list)  # (line, earlier line)
    stages: dict[str, tuple[str, str]] = field(default_factory=dict)  # value -> (stage, how)

    @property
    def bad_lines(self) -> list[int]:
        """The lines of the bad rows, in file order."""
        return sorted({p.line for p in self.problems})


@dataclass
class PlanContext:
    """What planning a row needs: the book, the columns, the options, the clock."""

    book: Book
    columns: ColumnMap
    options: ImportOptions
    now: datetime
    zone: tzinfo
    accounts: AccountDirectory
    plan: ImportPlan
    dates: dict[str, DateReader] = field(default_factory=dict)  # field -> its column's reader
    fraction: bool = False  # the probability column holds fractions (0.9 = 90 %)
    stages: StageReader = field(init=False)
    currency: str = field(init=False)
    minor_digits: int = field(init=False)

    def __post_init__(self) -> None:
        self.stages = StageReader(self.options.stage_map, self.columns.profile)
        self.plan.stages = self.stages.used
        self.currency = self.book.settings.currency
        self.minor_digits = self.book.settings.minor_digits

    def date_reader(self, name: str) -> DateReader:
        """How the column feeding `name` reads its dates."""
        return self.dates.get(name) or DateReader()


class HandleSet:
    """A table's handles: the book's, plus those this import hands out (the book learns of
    inserts only after the transaction)."""

    def __init__(self, book: Book, table: str) -> None:
        self._book = book
        self._table = table
        self._planned: set[str] = set()
        self._next: dict[str, int] = {}

    def taken(self, handle: str) -> bool:
        """True if the book or this import already uses `handle`."""
        return handle in self._planned or self._book.handle_taken(self._table, handle)

    def claim(self, base: str) -> str:
        """A free handle for `base` (`base`, `base-2`, ...), now taken."""
        start = self._next.get(base)
        if start is None:
            handle = unique_handle(base, self.taken)
        else:
            # Many rows share a base ("isdom-gtxpro"): go on from the last number handed
            # out rather than walking base-2, base-3... again for each one.
            number = start
            while self.taken(f"{base}-{number}"):
                number += 1
            handle = f"{base}-{number}"
        suffix = handle.removeprefix(base).removeprefix("-")
        self._next[base] = int(suffix) + 1 if suffix.isdigit() else 2
        self._planned.add(handle)
        return handle


class Row:
    """One source row read field by field; problems found are kept for the report."""

    def __init__(self, source: SourceRow, ctx: PlanContext) -> None:
        self.line = source.line
        self._cells = source.cells
        self._columns = ctx.columns
        self._indexes = ctx.columns.indexes  # 8,800 rows x 15 fields: one lookup each
        self.problems: list[RowProblem] = []

    def raw(self, name: str) -> str | None:
        """The field's cell, stripped; None when empty or when no column feeds the field."""
        index = self._indexes.get(name)
        if index is None:
            return None
        return self._cells[index].strip() or None

    def key_text(self) -> str:
        """The row's mapped values, as its key is made of when the file has no id column."""
        parts = [f"{u.field}={self._cells[u.index].strip()}" for u in self._columns.uses]
        parts += [f"{n}={self._cells[u.index].strip()}" for n, u in self._columns.helpers.items()]
        return "\x1f".join(sorted(parts))

    def helper(self, name: str) -> str | None:
        """A helper column's cell (product, first_name...), or None."""
        use = self._columns.helpers.get(name)
        if use is None:
            return None
        return self._cells[use.index].strip() or None

    def read(self, name: str, reader: Callable[[str], T]) -> T | None:
        """The field's typed value; None when empty or bad (a bad cell is a problem)."""
        raw = self.raw(name)
        if raw is None:
            return None
        try:
            return reader(raw)
        except CellProblem as problem:
            self.problems.append(
                RowProblem(self.line, self._columns.column(name), raw, problem.message)
            )
            return None

    def problem(self, name: str, message: str) -> None:
        """A problem with a field the row lacks (the message says what its state needs)."""
        column = self._columns.column(name)
        if column is None:
            message += f" (this file has no {name} column: --map COLUMN={name})"
        self.problems.append(RowProblem(self.line, column, self.raw(name) or "", message))

    def warn(self, plan: ImportPlan, message: str, name: str | None = None) -> None:
        """A warning about this row."""
        column = self._columns.column(name) if name is not None else None
        plan.warnings.append(RowWarning(self.line, column, message))
