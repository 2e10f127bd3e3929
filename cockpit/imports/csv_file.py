"""Read the CSV file an import starts from: a header row, then data rows with line numbers.

What is not a record never reaches the planner: report footers (`Total`, `Confidential
Information…`, a copyright line), rows of one cell, and rows identical to an earlier one
are set aside and counted. A NUL byte or a quote that never closes makes a bad row, never
a silently swallowed one. Files that are no CSV at all (a vCard, JSON, a spreadsheet) are
refused before a row is read.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from cockpit.imports.options import ImportInputError

__all__ = ["SourceRow", "SourceTable", "read_source", "read_text", "sniff"]

_DELIMITERS = (",", ";", "\t", "|")
_TOTAL = re.compile(r"(grand\s+)?(sub)?totals?\s*(:|\(.*\))?\s*[\d,.]*", re.IGNORECASE)
_FOOTER = re.compile(
    r"confidential|do not distribute|copyright|\(c\)|©|all rights reserved|generated (by|on)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One data row: the file line it starts on, and its cells (as many as the header)."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceTable:
    """A file's header and rows; `problems` are rows that cannot be read as the header says."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    delimiter: str
    problems: tuple[tuple[int, str], ...] = ()  # (line, why)
    skipped: tuple[tuple[int, str], ...] = ()  # (line, text): rows that are no record
    repeated: tuple[tuple[int, int], ...] = ()  # (line, the earlier line it repeats)


def read_text(path: Path, what: str = "a CSV file") -> str:
    """A UTF-8 file's text (a BOM is fine); ImportInputError if it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportInputError(f"no file {path}") from None
    except IsADirectoryError:
        raise ImportInputError(f"{path} is a folder, not {what}") from None
    except OSError as exc:
        raise ImportInputError(f"cannot read {path}: {exc.strerror}") from None
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportInputError(
            f"{path} is a spreadsheet (xlsx or xls), not CSV: save it as CSV UTF-8 and import that"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportInputError(
            f"{path} is not UTF-8 text (line {line}): save it as CSV UTF-8 and import again"
        ) from None


def sniff(text: str) -> str:
    """What the text is: "vcard", "json" or "csv" (by its first characters, not its name)."""
    start = text.lstrip()[:20].upper()
    if start.startswith("BEGIN:VCARD"):
        return "vcard"
    if start[:1] in ("{", "["):
        return "json"
    return "csv"


def _refuse_non_csv(path: Path, text: str, kind: str) -> None:
    what = sniff(text)
    if what == "vcard":
        raise ImportInputError(
            f"{path} is a vCard file (contacts), not CSV {kind}:"
            f" import it with `cockpit import contacts {path.name}`"
        )
    if what == "json":
        raise ImportInputError(
            f"{path} is JSON, not CSV: a book written by `cockpit export --format json`"
            f" imports with `cockpit import book {path.name}`"
        )


def _delimiter(first_line: str) -> str:
    # Spreadsheets in many locales save ";"-separated "CSV": count, do not guess harder.
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _not_a_record(cells: list[str], width: int) -> str | None:
    """The row's text when it is a report footer or a lone cell, else None."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled:
        return None
    first = next(c.strip() for c in cells if c.strip())
    if cells[0].strip() and _TOTAL.fullmatch(cells[0].strip()):
        return first
    if len(filled) == 1 and (len(cells) == 1 < width or _FOOTER.search(first)):
        return first
    return None


def _swallowed(cells: list[str], delimiter: str, width: int) -> bool:
    """True when a cell holds whole rows: a quote that never closed ran on past its line."""
    for cell in cells:
        if "\n" not in cell:
            continue
        for part in cell.split("\n")[1:]:
            if width > 1 and part.count(delimiter) >= width - 1:
                return True
    return False


def _open_at_end(text: str, cells: list[str]) -> bool:
    """True when the last row ends inside a quote: it ran on to the end of the file."""
    if text.count('"') % 2 == 0 or not any("\n" in cell for cell in cells):
        return False
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), strict=True):
            pass
    except csv.Error:
        return True
    return False


def read_source(path: Path, kind: str = "deals") -> SourceTable:
    """Read a UTF-8 CSV file (a BOM is fine); ImportInputError if it cannot be used."""
    text = read_text(path)
    if not text.strip():
        raise ImportInputError(f"{path} is empty: expected a header row and data rows")
    _refuse_non_csv(path, text, kind)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = tuple(cell.strip() for cell in next(reader))
        named = [h for h in header if h]
        if len(set(named)) != len(named):
            twice = sorted({h for h in named if named.count(h) > 1})
            raise ImportInputError(f"{path}: the header names {', '.join(twice)} twice")
        rows: list[SourceRow] = []
        problems: list[tuple[int, str]] = []
        skipped: list[tuple[int, str]] = []
        repeated: list[tuple[int, int]] = []
        seen: dict[tuple[str, ...], int] = {}
        width = len(header)
        start = reader.line_num + 1
        last: tuple[int, list[str]] = (0, [])
        for cells in reader:
            line, start = start, reader.line_num + 1
            last = (line, cells)
            if _swallowed(cells, delimiter, width):
                end = reader.line_num
                problems.append(
                    (
                        line,
                        f'a quote (") opened on this line never closes: lines {line}-{end}'
                        " ran together into one cell; close the quote",
                    )
                )
                continue
            if any("\x00" in cell for cell in cells):
                problems.append((line, "a NUL byte (\\0) in a cell: not text"))
                continue
            if not any(cell.strip() for cell in cells):
                continue  # blank lines (and rows of empty cells) carry nothing
            footer = _not_a_record(cells, width)
            if footer is not None:
                skipped.append((line, footer))
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                problems.append((line, f"{len(cells)} cells, but the header has {width} columns"))
                continue
            padded = tuple(cells[:width]) + ("",) * (width - len(cells))
            key = tuple(c.strip() for c in padded)
            if key in seen:
                repeated.append((line, seen[key]))
                continue
            seen[key] = line
            rows.append(SourceRow(line, padded))
        line, cells = last
        if line and _open_at_end(text, cells):
            rows = [r for r in rows if r.line != line]
            skipped = [s for s in skipped if s[0] != line]
            problems.append((line, f'a quote (") opened on line {line} never closes'))
    except csv.Error as exc:
        raise ImportInputError(f"{path} line {reader.line_num}: not CSV ({exc})") from None
    return SourceTable(
        path, header, tuple(rows), delimiter, tuple(problems), tuple(skipped), tuple(repeated)
    )
