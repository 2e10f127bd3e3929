"""Read one cell of an import as a typed value, or say what is wrong with it and how to fix it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from datetime import date, datetime, time, tzinfo

from cockpit.domain.model import FORECAST_CATEGORIES, TIERS
from cockpit.domain.settings import STAGES
from cockpit.quicklog.errors import ValueProblem
from cockpit.quicklog.money import parse_money

__all__ = [
    "CellProblem",
    "StageReader",
    "guess_stage",
    "noon",
    "read_date",
    "read_forecast",
    "read_moment",
    "read_money",
    "read_probability",
    "read_tier",
]

_SLASHED = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}")


class CellProblem(ValueError):
    """Why a cell cannot be imported (the message names the fix)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def noon(day: date, zone: tzinfo) -> datetime:
    """Noon of `day` in the book's time zone: a date-only moment that no offset moves."""
    return datetime.combine(day, time(12), tzinfo=zone)


def _format_hint(raw: str) -> str:
    if _SLASHED.fullmatch(raw):
        sep = next(c for c in raw if not c.isdigit())
        year = "%Y" if len(raw.rsplit(sep, 1)[1]) == 4 else "%y"
        return f"for this one: --date-format %m{sep}%d{sep}{year} or %d{sep}%m{sep}{year}"
    return "or give --date-format, e.g. --date-format %m/%d/%Y"


def _parse(raw: str, date_format: str | None) -> datetime:
    if date_format is not None:
        try:
            return datetime.strptime(raw, date_format)
        except ValueError:
            raise CellProblem(f'not a date in --date-format {date_format}: "{raw}"') from None
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        raise CellProblem(
            f'not a date: "{raw}" (expected YYYY-MM-DD; {_format_hint(raw)})'
        ) from None


def read_date(raw: str, date_format: str | None) -> date:
    """A calendar date: ISO by default, else by the strptime format."""
    return _parse(raw, date_format).date()


def read_moment(raw: str, date_format: str | None, zone: tzinfo) -> datetime:
    """A timestamp: a bare date is noon in the book's time zone; naive times are local."""
    parsed = _parse(raw, date_format)
    has_time = parsed.time() != time(0) or parsed.tzinfo is not None or "T" in raw or ":" in raw
    if not has_time:
        return noon(parsed.date(), zone)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


def read_money(raw: str, currency: str, minor_digits: int) -> int:
    """An amount in the book's currency as minor units ("1,054", "1054.50", "$45k")."""
    try:
        return parse_money(raw, currency, minor_digits)
    except ValueProblem as problem:
        raise CellProblem(problem.message) from None


def read_probability(raw: str) -> int:
    """A percentage 0..100 ("25", "25%", "25.0")."""
    text = raw.strip().rstrip("%").strip()
    try:
        value = float(text)
    except ValueError:
        raise CellProblem(
            f'not a probability: "{raw}" (write a percentage 0-100, e.g. 25)'
        ) from None
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


def _fold(name: str) -> str:
    """Stage names compare without case, underscores or extra spaces ("Closed_Won")."""
    return " ".join(name.lower().replace("_", " ").split())


class StageReader:
    """Source stage names -> cockpit stages: --stage-map first, then the stages' own names."""

    _BUILT_IN = {"closed won": "won", "closed lost": "lost"}

    def __init__(self, stage_map: Sequence[tuple[str, str]]) -> None:
        self._exact = dict(stage_map)
        self._folded = {_fold(value): stage for value, stage in stage_map}

    def read(self, raw: str) -> str:
        """The cockpit stage for a source value (CellProblem naming the --stage-map fix)."""
        if raw in self._exact:
            return self._exact[raw]
        folded = _fold(raw)
        if folded in self._folded:
            return self._folded[folded]
        if folded in STAGES:
            return folded
        if folded in self._BUILT_IN:
            return self._BUILT_IN[folded]
        raise CellProblem(
            f'unknown stage "{raw}": map it with --stage-map "{raw}={guess_stage(raw)}"'
            f" (stages: {', '.join(STAGES)})"
        )
