"""What a column's values say as a whole, decided before any row is planned.

A date column's day/month order (from its unambiguous values, or --date-format), and
whether a probability column holds fractions (every value <= 1). One column's answer
holds for all its rows: a row is never read one way and its neighbour the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from cockpit.imports.columns import ColumnMap, find_column
from cockpit.imports.csv_file import SourceRow, SourceTable
from cockpit.imports.dates import DateReader, decide_order
from cockpit.imports.options import ImportInputError, ImportOptions
from cockpit.imports.values import CellProblem, fits_decimal_comma, probability_number

__all__ = ["DATE_FIELDS", "date_readers", "decimal_comma_note", "is_fraction"]

DATE_FIELDS = ("close", "created", "next_due", "won_at", "lost_at")


def _values(rows: Sequence[SourceRow], index: int) -> list[tuple[int, str]]:
    return [(r.line, r.cells[index].strip()) for r in rows if r.cells[index].strip()]


def date_readers(
    source: SourceTable, columns: ColumnMap, options: ImportOptions
) -> tuple[dict[str, DateReader], list[str]]:
    """Each date field's reader, and a note per column read day or month first.

    ImportInputError when a column mixes orders or cannot say which it uses.
    """
    dated: dict[str, int] = {}
    for name in DATE_FIELDS:
        found = columns.index(name)
        if found is not None:
            dated[name] = found
    per_column: dict[int, str] = {}
    every: str | None = None
    for named, fmt in options.date_formats:
        if named is None:
            every = fmt
            continue
        index = find_column(source.header, named, f"--date-format {named}={fmt}")
        if index not in dated.values():
            read = ", ".join(source.header[i] for i in dated.values()) or "none"
            raise ImportInputError(
                f'--date-format {named}={fmt}: "{source.header[index]}" is no date column'
                f" cockpit reads (date columns: {read})"
            )
        per_column[index] = fmt
    readers: dict[str, DateReader] = {}
    notes: list[str] = []
    for name, index in dated.items():
        given = per_column.get(index, every)
        if given is not None:
            readers[name] = DateReader(given)
            continue
        header = source.header[index]
        try:
            dates = decide_order(header, _values(source.rows, index))
        except CellProblem as problem:
            raise ImportInputError(problem.message) from None
        readers[name] = DateReader(None, dates)
        if dates.format is not None:
            first = "day first" if dates.order == "dmy" else "month first"
            notes.append(
                f'{header}: dates read {first} ({dates.format}), as "{dates.value}"'
                f" on line {dates.line} shows"
            )
    return readers, notes


def is_fraction(source: SourceTable, columns: ColumnMap) -> tuple[bool, str | None]:
    """True (and a note) when every value of the probability column is 1 or less."""
    index = columns.index("probability")
    if index is None:
        return False, None
    values = _values(source.rows, index)
    numbers = [probability_number(raw) for _, raw in values]
    if not values or any(n is None for n in numbers) or any("%" in raw for _, raw in values):
        return False, None
    if all(n is not None and 0 <= n <= 1 for n in numbers) and any(n for n in numbers):
        example = next(raw for _, raw in values if probability_number(raw))
        percent = round((probability_number(example) or 0) * 100)
        header = source.header[index]
        return (
            True,
            f"{header}: every value is 1 or less, read as fractions ({example} = {percent} %)",
        )
    return False, None


def decimal_comma_note(
    source: SourceTable, columns: ColumnMap, options: ImportOptions
) -> str | None:
    """A hint when a ;-separated file's amounts look like 45.000,00 and --decimal-comma is off."""
    index = columns.index("value")
    if index is None or options.decimal_comma or source.delimiter != ";":
        return None
    sample = next((raw for _, raw in _values(source.rows, index) if fits_decimal_comma(raw)), None)
    if sample is None:
        return None
    return f'{source.header[index]} holds amounts like "{sample}": add --decimal-comma to read them'
