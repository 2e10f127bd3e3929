"""The demo book's word lists (names.json): companies, people, roles, deal titles, notes.

All names are invented or the classic fictional ones (Acme, Globex, Initech, Contoso...).
Emails use the reserved `.example` top-level domain and phones the fictional 555-01xx
range, so a demo book never points at a real inbox or number. In names.json:
account_names are (name, industry); name_adjectives x name_nouns x name_suffixes
((suffix, industry)) make more when a big book needs them; roles are (role, weight);
deal_titles are (title, low, high) in major units, {year} and {region} filled in;
next_steps by open stage; lost_reasons by lost code; activity_texts by kind, {first} the
contact's first name; promise_texts take {first} and {account}.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["Names", "load_names"]


@dataclass(frozen=True, slots=True)
class Names:
    """Every word list, as read from names.json (lists become tuples)."""

    account_names: tuple[tuple[str, str], ...]
    name_adjectives: tuple[str, ...]
    name_nouns: tuple[str, ...]
    name_suffixes: tuple[tuple[str, str], ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    roles: tuple[tuple[str, int], ...]
    area_codes: tuple[str, ...]
    regions: tuple[str, ...]
    deal_titles: tuple[tuple[str, int, int], ...]
    deal_sources: tuple[str, ...]
    next_steps: dict[str, tuple[str, ...]]
    lost_reasons: dict[str, tuple[str, ...]]
    activity_texts: dict[str, tuple[str, ...]]
    chase_texts: tuple[str, ...]
    promise_texts: tuple[str, ...]


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


@cache
def load_names() -> Names:
    """The word lists, read once from the package's names.json."""
    text = files("cockpit.demo").joinpath("names.json").read_text(encoding="utf-8")
    return Names(**{key: _frozen(value) for key, value in json.loads(text).items()})
