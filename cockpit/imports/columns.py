"""Which column feeds which field, read from the header alone.

`--map` first; then columns named as a field; then the recognised CRM's own names
(profiles.py); then common CRM headers (opportunity_id -> external_id, sector ->
industry...). Everything here reads only the header, so a wrong option fails before a
single row is read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cockpit.imports.options import ImportInputError
from cockpit.imports.profiles import GENERIC, HELPERS, Profile, recognize

__all__ = [
    "FIELDS",
    "KINDS",
    "ColumnMap",
    "ColumnUse",
    "find_column",
    "normalize_header",
    "resolve_columns",
]

KINDS = ("deals", "accounts", "contacts")

FIELDS: dict[str, tuple[str, ...]] = {
    "deals": (
        "external_id",
        "title",
        "account",
        "stage",
        "value",
        "close",
        "created",
        "probability",
        "next_step",
        "next_due",
        "forecast_category",
        "status",
        "currency",
        "won_at",
        "lost_at",
        "lost_reason",
    ),
    "accounts": ("name", "tier", "industry"),
    "contacts": ("name", "account", "role", "email", "phone"),
}

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalize_header(name: str) -> str:
    """A header as guesses see it: "Close Date" -> "close_date"."""
    return _NOT_WORD.sub("_", name.strip().lower()).strip("_")


@dataclass(frozen=True, slots=True)
class ColumnUse:
    """One column feeding one field, and why: "--map", "same name", a CRM's name or "guessed"."""

    column: str
    index: int
    field: str
    how: str


@dataclass(slots=True)
class ColumnMap:
    """Which column feeds which field; which columns help; which are left out."""

    uses: list[ColumnUse]
    helpers: dict[str, ColumnUse] = field(default_factory=dict)  # "product" -> its column
    ignored: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)  # owner columns: for --where, never data
    profile: Profile = GENERIC
    _by_field: dict[str, ColumnUse] = field(init=False, repr=False)
    indexes: dict[str, int] = field(init=False, repr=False)  # field -> its column's index

    def __post_init__(self) -> None:
        self._by_field = {use.field: use for use in self.uses}
        self.indexes = {use.field: use.index for use in self.uses}

    def index(self, name: str) -> int | None:
        """The column index feeding a field, or None when no column does."""
        return self.indexes.get(name)

    def column(self, name: str) -> str | None:
        """The column name feeding a field, or None."""
        use = self._by_field.get(name)
        return None if use is None else use.column


def find_column(header: Sequence[str], name: str, option: str) -> int:
    """The index of a column named on the command line (exact, else ignoring case and
    punctuation); ImportInputError naming the columns when there is none."""
    if name in header:
        return list(header).index(name)
    wanted = normalize_header(name)
    for index, column in enumerate(header):
        if normalize_header(column) == wanted:
            return index
    near = difflib.get_close_matches(name, list(header), n=1)
    hint = f' (did you mean "{near[0]}"?)' if near else ""
    columns = ", ".join(c for c in header if c)
    raise ImportInputError(f'{option}: the file has no column "{name}"{hint}; columns: {columns}')


def _explicit(kind: str, header: Sequence[str], maps: Sequence[tuple[str, str]]) -> list[ColumnUse]:
    fields = FIELDS[kind]
    uses: list[ColumnUse] = []
    for column, target in maps:
        name = target.strip().lower()
        if name not in fields:
            near = difflib.get_close_matches(name, fields, n=1)
            hint = f' (did you mean "{near[0]}"?)' if near else ""
            raise ImportInputError(
                f'--map {column}={target}: "{target}" is no {kind[:-1]} field{hint};'
                f" fields: {', '.join(fields)}"
            )
        index = find_column(header, column, f"--map {column}={target}")
        for use in uses:
            if use.field == name:
                raise ImportInputError(
                    f"--map: both {use.column} and {header[index]} map to {name}; keep one"
                )
            if use.index == index:
                raise ImportInputError(f"--map: column {header[index]} is mapped twice")
        uses.append(ColumnUse(header[index], index, name, "--map"))
    return uses


def _claim(
    uses: list[ColumnUse],
    taken: set[int],
    header: Sequence[str],
    normalized: Sequence[str],
    fields: Iterable[tuple[str, Sequence[str]]],
    how: str,
) -> None:
    """Give each field still without a column the first free column among its names."""
    have = {u.field for u in uses}
    for name, candidates in fields:
        if name in have:
            continue
        for candidate in candidates:
            index = next(
                (i for i, c in enumerate(normalized) if c == candidate and i not in taken), None
            )
            if index is not None:
                uses.append(ColumnUse(header[index], index, name, how))
                have.add(name)
                taken.add(index)
                break


def resolve_columns(
    kind: str, header: Sequence[str], maps: Sequence[tuple[str, str]] = ()
) -> ColumnMap:
    """Decide which column feeds which field: --map, same names, the CRM's names, guesses."""
    uses = _explicit(kind, header, maps)
    taken = {u.index for u in uses}
    normalized = [normalize_header(c) for c in header]
    profile = recognize(normalized) or GENERIC
    owner_names = set(profile.owners) | set(GENERIC.owners)
    owners = [i for i, c in enumerate(normalized) if c in owner_names and i not in taken]
    taken |= set(owners)  # an owner is whose record it is, never the record's data
    # Same names first across all fields, so a guess never steals a column that names a field.
    _claim(uses, taken, header, normalized, ((f, (f,)) for f in FIELDS[kind]), "same name")
    if profile is not GENERIC:
        _claim(uses, taken, header, normalized, profile.columns.get(kind, {}).items(), profile.name)
    _claim(uses, taken, header, normalized, GENERIC.columns[kind].items(), "guessed")
    helpers: dict[str, ColumnUse] = {}
    for helper, candidates in HELPERS[kind].items():
        for candidate in candidates:
            if candidate in normalized and normalized.index(candidate) not in taken:
                index = normalized.index(candidate)
                helpers[helper] = ColumnUse(header[index], index, helper, "helper")
                taken.add(index)
                break
    uses.sort(key=lambda u: u.index)
    ignored = [c for i, c in enumerate(header) if i not in taken and c.strip()]
    return ColumnMap(uses, helpers, ignored, [header[i] for i in owners], profile)
