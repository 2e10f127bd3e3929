"""Read one cell of an import as a typed value, or say what is wrong with it and how to fix it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from cockpit.domain.model import FORECAST_CATEGORIES, TIERS
from cockpit.domain.settings import STAGES
from cockpit.imports.profiles import GENERIC, Profile, fold_stage
from cockpit.quicklog.errors import ValueProblem
from cockpit.quicklog.money import parse_money

__all__ = [
    "CellProblem",
    "StageReader",
    "fits_decimal_comma",
    "guess_stage",
    "probability_number",
    "read_forecast",
    "read_money",
    "read_probability",
    "read_tier",
]

# "45.000,00", "1.500", "45,5", "€ 1.200,50": a decimal comma, or dots between thousands.
_DECIMAL_COMMA = re.compile(
    r"[^\d,.\s]{0,4}\s?(?:\d{1,3}(?:[.\u00a0 ]\d{3})+(?:,\d{1,2})?|\d+,\d{1,2})\s?[^\d,.\s]{0,4}"
)


class CellProblem(ValueError):
    """Why a cell cannot be imported (the message names the fix)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def fits_decimal_comma(raw: str) -> bool:
    """True for amounts written with a decimal comma and dots between thousands."""
    return _DECIMAL_COMMA.fullmatch(raw.strip()) is not None


def read_money(raw: str, currency: str, minor_digits: int, decimal_comma: bool = False) -> int:
    """An amount in the book's currency as minor units ("1,054", "1054.50", "$45k";
    with `decimal_comma`, "45.000,00")."""
    text = raw
    if decimal_comma:
        text = "".join(raw.split()).replace("\u00a0", "").replace(".", "").replace(",", ".")
    try:
        return parse_money(text, currency, minor_digits)
    except ValueProblem as problem:
        hint = "" if decimal_comma or not fits_decimal_comma(raw) else " (or add --decimal-comma)"
        raise CellProblem(problem.message + hint) from None


def probability_number(raw: str) -> float | None:
    """The number in a probability cell ("25", "25%", "0.25"), or None when there is none."""
    try:
        return float(raw.strip().rstrip("%").strip())
    except ValueError:
        return None


def read_probability(raw: str, fraction: bool = False) -> int:
    """A percentage 0..100 ("25", "25%", "25.0"); 0..1 when the column is fractions."""
    value = probability_number(raw)
    if value is None:
        raise CellProblem(f'not a probability: "{raw}" (write a percentage 0-100, e.g. 25)')
    if fraction and "%" not in raw:
        value *= 100
    if not 0 <= value <= 100:
        raise CellProblem(f'probability "{raw}" is not between 0 and 100')
    return round(value)


def _choice(raw: str, choices: Sequence[str], what: str) -> str:
    key = re.sub(r"[\s\-]+", "_", raw.strip().lower())
    if key not in choices:
        raise CellProblem(f'unknown {what} "{raw}" ({what}s: {", ".join(choices)})')
    return key


def read_forecast(raw: str) -> str:
    """A forecast category ("Best Case" -> best_case)."""
    return _choice(raw, FORECAST_CATEGORIES, "forecast category")


def read_tier(raw: str) -> str:
    """An account tier (key, growth, nurture, none)."""
    return _choice(raw, TIERS, "tier")


def guess_stage(raw: str) -> str:
    """The cockpit stage a source stage name most resembles ("Prospecting" -> prospect),
    for the --stage-map hint; STAGE when none does."""
    near = difflib.get_close_matches(raw.lower(), STAGES, n=1, cutoff=0.6)
    return near[0] if near else "STAGE"


_STATUSES = {"won": "won", "closed won": "won", "lost": "lost", "closed lost": "lost"}


class StageReader:
    """Source stage names -> cockpit stages: --stage-map, the stages' own names, then the
    recognised CRM's names. Every mapping made is kept for the report."""

    def __init__(self, stage_map: Sequence[tuple[str, str]], profile: Profile = GENERIC) -> None:
        self._exact = dict(stage_map)
        self._folded = {fold_stage(value): stage for value, stage in stage_map}
        self._profile = profile
        self.used: dict[str, tuple[str, str]] = {}  # source value -> (stage, how)

    def _find(self, raw: str) -> tuple[str, str] | None:
        if raw in self._exact:
            return self._exact[raw], "--stage-map"
        folded = fold_stage(raw)
        if folded in self._folded:
            return self._folded[folded], "--stage-map"
        if folded in STAGES:
            return folded, "same name"
        if folded in self._profile.stages:
            return self._profile.stages[folded], self._profile.name
        if folded in _STATUSES:
            return _STATUSES[folded], "closed"
        return None

    def read(self, raw: str) -> str:
        """The cockpit stage for a source value (CellProblem naming the --stage-map fix)."""
        found = self._find(raw)
        if found is None:
            raise CellProblem(
                f'unknown stage "{raw}": map it with --stage-map "{raw}={guess_stage(raw)}"'
                f" (stages: {', '.join(STAGES)})"
            )
        self.used.setdefault(raw, found)
        return found[0]

    def status(self, raw: str) -> str | None:
        """A status column's value: won or lost decide the stage; open (None) leaves it to
        the stage column. Anything else is read as a stage name."""
        folded = fold_stage(raw)
        if folded == "open":
            return None
        if folded in _STATUSES:
            return _STATUSES[folded]
        return self.read(raw)
