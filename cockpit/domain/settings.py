"""The book's settings: defaults, types and validation of `set key:value`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cockpit.domain.calendar import zone

__all__ = [
    "DEFAULT_SETTINGS",
    "KEYMAP_PREFIX",
    "STAGES",
    "OPEN_STAGES",
    "SettingError",
    "Settings",
    "is_setting",
    "parse_setting",
]

STAGES = ("prospect", "qualified", "proposal", "negotiation", "won", "lost")
OPEN_STAGES = ("prospect", "qualified", "proposal", "negotiation")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

DEFAULT_SETTINGS: dict[str, Any] = {
    "currency": "USD",
    "timezone": "local",  # "local": the system's time zone
    "week_start": "mon",
    "working_days": "mon,tue,wed,thu,fri",
    "fiscal_start": 1,  # month the fiscal year starts
    "sprint_window": 14,  # days ahead a close date puts a deal in the Sprint
    "daily_minimum": 20,  # touches a day, unless the quarter's plan says otherwise
    "prob.prospect": 10,
    "prob.qualified": 25,
    "prob.proposal": 50,
    "prob.negotiation": 75,
    "prob.won": 100,
    "prob.lost": 0,
    "rot.prospect": 14,
    "rot.qualified": 14,
    "rot.proposal": 10,
    "rot.negotiation": 7,
    "cadence.key": 14,
    "cadence.growth": 30,
    "cadence.nurture": 60,
    # Urgency coefficients (taskwarrior style): each reason adds its coefficient,
    # some scaled by days.
    "urgency.focus": 15.0,
    "urgency.overdue": 12.0,
    "urgency.overdue_per_day": 1.0,
    "urgency.due_today": 10.0,
    "urgency.close_passed": 9.0,
    "urgency.closing_soon": 8.0,
    "urgency.rotting": 6.0,
    "urgency.rotting_per_day": 0.3,
    "urgency.no_next_step": 5.0,
    "urgency.commit": 4.0,
    "urgency.value_per_10k": 0.5,
}

# `set keymap.ID:KEYS` rebinds the TUI key whose binding id is ID (the help screen lists
# them), e.g. `set keymap.cockpit.undo:ctrl+z` (several: ctrl+z,u). The domain keeps the
# text; the TUI applies it with Textual's set_keymap.
KEYMAP_PREFIX = "keymap."
_KEY = re.compile(r"[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*")

_CURRENCY_MINOR_DIGITS = {"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "KWD": 3, "BHD": 3}


class SettingError(ValueError):
    """A setting name or value that cockpit cannot accept."""


def _int_in(lo: int, hi: int) -> Any:
    def check(raw: str) -> int:
        try:
            value = int(raw.rstrip("%d"))
        except ValueError:
            raise SettingError(f"expected a whole number from {lo} to {hi}, got {raw!r}") from None
        if not lo <= value <= hi:
            raise SettingError(f"expected a whole number from {lo} to {hi}, got {raw!r}")
        return value

    return check


def _number(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise SettingError(f"expected a number, got {raw!r}") from None


def _weekday(raw: str) -> str:
    day = raw.strip().lower()[:3]
    if day not in WEEKDAYS:
        raise SettingError(f"expected a weekday (mon..sun), got {raw!r}")
    return day


def _working_days(raw: str) -> str:
    days = [_weekday(part) for part in raw.split(",") if part.strip()]
    if not days:
        raise SettingError("expected working days like mon,tue,wed,thu,fri")
    return ",".join(d for d in WEEKDAYS if d in days)


def _currency(raw: str) -> str:
    code = raw.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise SettingError(f"expected a three-letter currency code like EUR, got {raw!r}")
    return code


def _timezone(raw: str) -> str:
    name = raw.strip()
    if name.lower() == "local":
        return "local"
    try:
        zone(name)
    except Exception:
        raise SettingError(f"unknown time zone {raw!r} (try Europe/Berlin or local)") from None
    return name


def _keys(raw: str) -> str:
    keys = [part.strip() for part in raw.split(",") if part.strip()]
    if not keys or not all(_KEY.fullmatch(k) for k in keys):
        raise SettingError(f"expected keys like k, ctrl+k or f2 (several: k,ctrl+k), got {raw!r}")
    return ",".join(keys)


def _validator(key: str) -> Any:
    if key.startswith(KEYMAP_PREFIX):
        return _keys
    if key == "currency":
        return _currency
    if key == "timezone":
        return _timezone
    if key == "week_start":
        return _weekday
    if key == "working_days":
        return _working_days
    if key == "fiscal_start":
        return _int_in(1, 12)
    if key in ("sprint_window",):
        return _int_in(0, 365)
    if key == "daily_minimum":
        return _int_in(0, 1000)
    if key.startswith("prob."):
        return _int_in(0, 100)
    if key.startswith(("rot.", "cadence.")):
        return _int_in(1, 3650)
    if key.startswith("urgency."):
        return _number
    raise SettingError(f"unknown setting {key!r}")


def is_setting(key: str) -> bool:
    """True for a settings key: a default's, or a key binding's (keymap.ID)."""
    return key in DEFAULT_SETTINGS or (key.startswith(KEYMAP_PREFIX) and key != KEYMAP_PREFIX)


def parse_setting(key: str, raw: str) -> Any:
    """Validate one `set key:value`, returning the typed value."""
    if not is_setting(key):
        raise SettingError(f"unknown setting {key!r}")
    validated: Any = _validator(key)(raw)
    return validated


@dataclass(slots=True)
class Settings:
    """The effective settings: defaults overlaid with what the book stores."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_SETTINGS))

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> Settings:
        """Defaults overlaid with the book's stored values."""
        merged = dict(DEFAULT_SETTINGS)
        merged.update(stored)
        return cls(merged)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def currency(self) -> str:
        return str(self.values["currency"])

    @property
    def minor_digits(self) -> int:
        """Digits after the decimal point in the book's currency."""
        return _CURRENCY_MINOR_DIGITS.get(self.currency, 2)

    @property
    def week_start(self) -> int:
        """0 = Monday .. 6 = Sunday."""
        return WEEKDAYS.index(str(self.values["week_start"]))

    @property
    def working_weekdays(self) -> frozenset[int]:
        """Weekday numbers (Monday 0) that are working days."""
        return frozenset(WEEKDAYS.index(d) for d in str(self.values["working_days"]).split(","))

    @property
    def fiscal_start(self) -> int:
        return int(self.values["fiscal_start"])

    @property
    def keymap(self) -> dict[str, str]:
        """Rebound keys: binding id -> keys (`set keymap.cockpit.undo:ctrl+z`)."""
        n = len(KEYMAP_PREFIX)
        return {
            key[n:]: str(value)
            for key, value in self.values.items()
            if key.startswith(KEYMAP_PREFIX)
        }

    def probability(self, stage: str) -> int:
        """The stage's default probability in percent."""
        return int(self.values.get(f"prob.{stage}", 0))

    def rot_days(self, stage: str) -> int | None:
        """Idle days after which a deal in this stage is rotting (None for closed stages)."""
        value = self.values.get(f"rot.{stage}")
        return None if value is None else int(value)

    def tier_cadence(self, tier: str) -> int | None:
        """The tier's default touch cadence in days (None: no cadence)."""
        value = self.values.get(f"cadence.{tier}")
        return None if value is None else int(value)
