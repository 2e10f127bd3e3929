"""Read the CSV file an import starts from: a header row, then data rows with line numbers."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from cockpit.imports.options import ImportInputError

__all__ = ["SourceRow", "SourceTable", "read_source"]

_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One data row: the file line it starts on, and its cells (as many as the header)."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceTable:
    """A CSV file's header and rows; `problems` are rows that do not fit the header."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    delimiter: str
    problems: tuple[tuple[int, str], ...]  # (line, why)


def _delimiter(first_line: str) -> str:
    # Spreadsheets in many locales save ";"-separated "CSV": count, do not guess harder.
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_source(path: Path) -> SourceTable:
    """Read a UTF-8 CSV file (a BOM is fine); ImportInputError if it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportInputError(f"no file {path}") from None
    except IsADirectoryError:
        raise ImportInputError(f"{path} is a folder, not a CSV file") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ImportInputError(
            f"{path} is not UTF-8 text (line {line}): save it as CSV UTF-8 and import again"
        ) from None
    except OSError as exc:
        raise ImportInputError(f"cannot read {path}: {exc.strerror}") from None
    lines = text.splitlines(keepends=True)
    if not text.strip():
        raise ImportInputError(f"{path} is empty: expected a header row and data rows")
    delimiter = _delimiter(lines[0])
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = tuple(cell.strip() for cell in next(reader))
        named = [h for h in header if h]
        if len(set(named)) != len(named):
            twice = sorted({h for h in named if named.count(h) > 1})
            raise ImportInputError(f"{path}: the header names {', '.join(twice)} twice")
        rows: list[SourceRow] = []
        problems: list[tuple[int, str]] = []
        width = len(header)
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # blank lines (and rows of empty cells) carry nothing
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                problems.append((line, f"{len(cells)} cells, but the header has {width} columns"))
                continue
            padded = tuple(cells[:width]) + ("",) * (width - len(cells))
            rows.append(SourceRow(line, padded))
    except csv.Error as exc:
        raise ImportInputError(f"{path} line {reader.line_num}: not CSV ({exc})") from None
    return SourceTable(path, header, tuple(rows), delimiter, tuple(problems))
