"""Which column feeds which field, read from the header alone.

Columns map themselves when their name is a field's; common CRM headers are guessed
(opportunity_id -> external_id, close_value -> value, sector -> industry...); `--map`
overrides both. Everything here reads only the header, so a wrong option fails before a
single row is read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cockpit.imports.options import ImportInputError

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
    ),
    "accounts": ("name", "tier", "industry"),
    "contacts": ("name", "account", "role", "email", "phone"),
}

# Common CRM export headers (normalized), per field, best guess first.
_GUESSES: dict[str, dict[str, tuple[str, ...]]] = {
    "deals": {
        "external_id": ("opportunity_id", "deal_id", "opportunity_number", "opp_id", "id"),
        "title": ("deal_name", "opportunity_name", "opportunity", "name", "subject"),
        "account": ("account_name", "company", "company_name", "organization", "customer"),
        "stage": ("deal_stage", "opportunity_stage", "sales_stage", "pipeline_stage", "status"),
        "value": ("close_value", "amount", "deal_value", "deal_amount", "opportunity_amount"),
        "close": ("close_date", "expected_close_date", "expected_close", "closing_date"),
        "created": ("engage_date", "created_date", "create_date", "created_at", "date_created"),
        "probability": ("win_probability", "probability_percent", "prob"),
        "next_step": ("next_steps", "next_action"),
        "next_due": ("next_step_date", "next_step_due", "next_action_date"),
        "forecast_category": ("forecast", "forecast_category_name"),
    },
    "accounts": {
        "name": ("account", "account_name", "company", "company_name", "organization"),
        "tier": ("account_tier",),
        "industry": ("sector", "vertical"),
    },
    "contacts": {
        "name": ("full_name", "contact_name", "contact"),
        "account": ("account_name", "company", "company_name", "organization"),
        "role": ("title", "job_title", "position"),
        "email": ("email_address", "e_mail"),
        "phone": ("phone_number", "mobile", "telephone", "tel"),
    },
}

# Columns that are no field but help: a deal's product goes into its built title; a
# contact's first and last name make its name.
_HELPERS: dict[str, dict[str, tuple[str, ...]]] = {
    "deals": {"product": ("product", "product_name", "products", "item")},
    "accounts": {},
    "contacts": {"first_name": ("first_name", "firstname"), "last_name": ("last_name", "lastname")},
}

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalize_header(name: str) -> str:
    """A header as guesses see it: "Close Date" -> "close_date"."""
    return _NOT_WORD.sub("_", name.strip().lower()).strip("_")


@dataclass(frozen=True, slots=True)
class ColumnUse:
    """One column feeding one field, and why: "--map", "same name" or "guessed"."""

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
    _by_field: dict[str, ColumnUse] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_field = {use.field: use for use in self.uses}

    def index(self, name: str) -> int | None:
        """The column index feeding a field, or None when no column does."""
        use = self._by_field.get(name)
        return None if use is None else use.index

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


def resolve_columns(
    kind: str, header: Sequence[str], maps: Sequence[tuple[str, str]] = ()
) -> ColumnMap:
    """Decide which column feeds which field: --map first, then same names, then guesses."""
    uses = _explicit(kind, header, maps)
    taken_fields = {u.field for u in uses}
    taken_columns = {u.index for u in uses}
    normalized = [normalize_header(c) for c in header]
    # Same names first across all fields, so a guess never steals a column that names a field.
    for name in FIELDS[kind]:
        if name in taken_fields:
            continue
        for index, column in enumerate(normalized):
            if column == name and index not in taken_columns:
                uses.append(ColumnUse(header[index], index, name, "same name"))
                taken_fields.add(name)
                taken_columns.add(index)
                break
    for name, candidates in _GUESSES[kind].items():
        if name in taken_fields:
            continue
        for candidate in candidates:
            if candidate in normalized and normalized.index(candidate) not in taken_columns:
                index = normalized.index(candidate)
                uses.append(ColumnUse(header[index], index, name, "guessed"))
                taken_fields.add(name)
                taken_columns.add(index)
                break
    helpers: dict[str, ColumnUse] = {}
    for helper, candidates in _HELPERS[kind].items():
        for candidate in candidates:
            if candidate in normalized and normalized.index(candidate) not in taken_columns:
                index = normalized.index(candidate)
                helpers[helper] = ColumnUse(header[index], index, helper, "helper")
                taken_columns.add(index)
                break
    uses.sort(key=lambda u: u.index)
    ignored = [c for i, c in enumerate(header) if i not in taken_columns and c.strip()]
    return ColumnMap(uses, helpers, ignored)
