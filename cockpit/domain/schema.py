"""What a stored record must hold: required fields and their JSON types, per table.

Read from the record dataclasses themselves (a field without a default is required; its
annotation says the type), so the rule lives with the model. `check_records` runs when a
book is loaded: a hand-edited record that the views would trip over later (a missing
handle, an account name that is a number, a date that is not one, an unknown time zone
in the settings) refuses the book at once, naming table, id and field.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import MISSING, fields
from datetime import date, datetime
from typing import Any

from cockpit.domain.codec import RECORD_TYPES
from cockpit.domain.settings import DEFAULT_SETTINGS, SettingError, parse_setting

__all__ = ["check_records"]

Check = Callable[[Any], str | None]
"""None when the value is fine, else what is wrong with it."""


def _int(value: Any) -> str | None:
    return None if type(value) is int else "not a whole number"


def _str(value: Any) -> str | None:
    return None if type(value) is str else "not text"


def _bool(value: Any) -> str | None:
    return None if type(value) is bool else "not true or false"


def _number(value: Any) -> str | None:
    return None if type(value) in (int, float) else "not a number"


def _parsed(parse: Callable[[str], Any], what: str) -> Check:
    def check(value: Any) -> str | None:
        if type(value) is not str:
            return f"not {what}"
        try:
            parse(value)
        except ValueError:
            return f"not {what}"
        return None

    return check


def _of(kind: type) -> Check:
    name = "a list" if kind is list else "an object"
    return lambda value: None if type(value) is kind else f"not {name}"


_DICT, _LIST = _of(dict), _of(list)

_BASE: dict[str, Check] = {
    "int": _int,
    "str": _str,
    "bool": _bool,
    "float": _number,
    "date": _parsed(date.fromisoformat, "a date (YYYY-MM-DD)"),
    "datetime": _parsed(datetime.fromisoformat, "a timestamp (ISO 8601)"),
}


def _check_for(annotation: str) -> tuple[Check | None, bool]:
    """The check for an annotation like ``int | None``, and whether None is allowed."""
    parts = [p.strip() for p in annotation.split("|")]
    nullable = "None" in parts
    base = next((p for p in parts if p != "None"), "Any")
    if base.startswith("dict"):
        return _DICT, nullable
    if base.startswith("list"):
        return _LIST, nullable
    return _BASE.get(base), nullable


Spec = tuple[str, bool, bool, Check]
"""(field, required, nullable, check)."""


def _specs(cls: type) -> list[Spec]:
    out: list[Spec] = []
    for f in fields(cls):
        if f.name in ("id", "extra"):
            continue
        check, nullable = _check_for(str(f.type))
        if check is None:
            continue
        required = f.default is MISSING and f.default_factory is MISSING
        out.append((f.name, required, nullable, check))
    return out


_TYPES: dict[Check, set[type]] = {
    _BASE["int"]: {int},
    _BASE["str"]: {str},
    _BASE["bool"]: {bool},
    _BASE["float"]: {int, float},
    _DICT: {dict},
    _LIST: {list},
}
"""The JSON types each plain check accepts (dates and timestamps are parsed)."""

_SPECS: dict[str, list[Spec]] = {table: _specs(cls) for table, cls in RECORD_TYPES.items()}
_ABSENT = object()


def _check_doc(specs: list[Spec], doc: Mapping[str, Any]) -> tuple[str, str] | None:
    for name, required, nullable, check in specs:
        value = doc.get(name, _ABSENT)
        if value is _ABSENT:
            if required:
                return name, "is missing"
            continue
        if value is None:
            if not nullable:
                return name, "is empty (null)"
            continue
        problem = check(value)
        if problem is not None:
            return name, f"is {value!r}: {problem}"
    return None


def _check_setting(doc: Mapping[str, Any]) -> tuple[str, str] | None:
    key = doc.get("key")
    if type(key) is not str:
        return "key", "is missing" if key is None else f"is {key!r}: not text"
    if "value" not in doc:
        return "value", "is missing"
    if key not in DEFAULT_SETTINGS:
        return None  # a setting a newer cockpit knows: kept as it is
    try:
        parse_setting(key, str(doc["value"]))
    except SettingError as exc:
        return "value", f"of {key} is {doc['value']!r}: {exc}"
    return None


def _table_ok(specs: list[Spec], docs: Mapping[int, Mapping[str, Any]]) -> bool:
    """A fast pass over a whole table (a C-level loop per field); False: look closer."""
    values = docs.values()
    for name, required, nullable, check in specs:
        found = {type(doc.get(name, _ABSENT)) for doc in values}
        allowed = _TYPES.get(check)
        if allowed is None:  # dates and timestamps: text that parses
            allowed = {str}
            parse = _PARSERS[check]
            texts = [doc[name] for doc in values if type(doc.get(name)) is str]
            try:
                deque(map(parse, texts), 0)
            except ValueError:
                return False
        if not required:
            allowed = allowed | {object}  # _ABSENT is an object
        if nullable:
            allowed = allowed | {type(None)}
        if not found <= allowed:
            return False
    return True


_PARSERS: dict[Check, Callable[[str], Any]] = {
    _BASE["date"]: date.fromisoformat,
    _BASE["datetime"]: datetime.fromisoformat,
}


def check_records(tables: Mapping[str, Mapping[int, Mapping[str, Any]]]) -> str | None:
    """Why the book's records cannot be used ("accounts #3: field 'name' is 42: not
    text"), or None when every record holds what the views read."""
    for id_, doc in tables.get("settings", {}).items():
        bad = _check_setting(doc)
        if bad is not None:
            return f"settings #{id_}: field {bad[0]!r} {bad[1]}"
    for table, specs in _SPECS.items():
        docs = tables.get(table, {})
        if _table_ok(specs, docs):
            continue
        for id_, doc in docs.items():
            bad = _check_doc(specs, doc)
            if bad is not None:
                return f"{table} #{id_}: field {bad[0]!r} {bad[1]}"
    return None
