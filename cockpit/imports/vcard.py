"""Read a vCard file (2.1, 3.0 or 4.0; folded lines; several cards) as contact rows.

vobject does the parsing (quoted-printable 2.1 names, folding, escapes). Each card becomes
one row of the columns the contact planner knows; several emails or phones are joined as
Google Contacts joins them (" ::: "), the preferred one first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cockpit.imports.csv_file import SourceRow, SourceTable
from cockpit.imports.options import ImportInputError
from cockpit.imports.people import MULTI

__all__ = ["read_vcards"]

HEADER = ("name", "account", "role", "email", "phone")
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)


def _preferred(line: Any) -> bool:
    params = {k.upper(): [str(v).upper() for v in vs] for k, vs in line.params.items()}
    types = ",".join(params.get("TYPE", [])).split(",")
    singles = [str(s).upper() for s in getattr(line, "singletonparams", [])]
    return "PREF" in params or "PREF" in types or "PREF" in singles


def _values(card: Any, key: str) -> str:
    lines = card.contents.get(key, [])
    ordered = sorted(lines, key=lambda line: not _preferred(line))  # stable: file order kept
    values = []
    for line in ordered:
        value = str(line.value).strip()
        if key == "tel":
            value = value.removeprefix("tel:")
        if value and value not in values:
            values.append(value)
    return MULTI.join(values)


def _text(card: Any, key: str) -> str:
    lines = card.contents.get(key)
    if not lines:
        return ""
    value = lines[0].value
    if isinstance(value, list):  # ORG: the organisation, then its units
        return str(value[0]).strip() if value else ""
    return str(value).strip()


def _name(card: Any) -> str:
    full = _text(card, "fn")
    if full:
        return full
    lines = card.contents.get("n")
    if not lines:
        return ""
    n = lines[0].value
    parts = [getattr(n, "prefix", ""), getattr(n, "given", ""), getattr(n, "additional", "")]
    parts += [getattr(n, "family", ""), getattr(n, "suffix", "")]
    flat = [" ".join(p) if isinstance(p, list) else str(p) for p in parts]
    return " ".join(p.strip() for p in flat if p.strip())


def read_vcards(path: Path, text: str) -> SourceTable:
    """The cards of a vCard file as rows (line = where the card begins); ImportInputError
    when it cannot be parsed."""
    try:
        import vobject
    except ImportError:  # a dependency in pyproject; a broken install says so, not a traceback
        raise ImportInputError(
            "reading vCard needs the vobject package: pip install vobject"
        ) from None

    starts = [text.count("\n", 0, m.start()) + 1 for m in _BEGIN.finditer(text)]
    rows: list[SourceRow] = []
    problems: list[tuple[int, str]] = []
    try:
        cards = list(vobject.readComponents(text, allowQP=True))
    except Exception as exc:  # vobject raises ParseError and, on some damage, plain errors
        line = getattr(exc, "lineNumber", None)
        where = f" line {line}" if line else ""
        raise ImportInputError(f"{path}{where}: not a readable vCard file ({exc})") from None
    for index, card in enumerate(cards):
        line = starts[index] if index < len(starts) else index + 1
        if card.name.upper() != "VCARD":
            problems.append((line, f"a {card.name} block, not a vCard"))
            continue
        cells = (
            _name(card),
            _text(card, "org"),
            _text(card, "title"),
            _values(card, "email"),
            _values(card, "tel"),
        )
        if any("\x00" in cell for cell in cells):
            problems.append((line, "a NUL byte (\\0) in the card: not text"))
            continue
        rows.append(SourceRow(line, cells))
    if not rows and not problems:
        raise ImportInputError(f"{path}: no vCard in the file (BEGIN:VCARD ... END:VCARD)")
    return SourceTable(path, HEADER, tuple(rows), "vcard", tuple(problems))
