"""The records of a rep's book as plain dataclasses.

Dates are `datetime.date`, timestamps are timezone-aware `datetime.datetime` (pendulum
values are subclasses of both and may be passed in). Money is an `int` of minor units.
Every record keeps the fields it does not know in `extra`, so an older cockpit never
drops what a newer one wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

__all__ = [
    "ACTIVITY_KINDS",
    "CLOSED_STAGES",
    "DIRECTIONS",
    "FORECAST_CATEGORIES",
    "LOST_CODES",
    "OUTCOMES",
    "RESPONSE_OUTCOMES",
    "TIERS",
    "TOUCH_KINDS",
    "WORKED_FIELDS",
    "Account",
    "Activity",
    "Contact",
    "Deal",
    "DayOff",
    "FieldChange",
    "Plan",
    "Promise",
    "Review",
]

TIERS = ("key", "growth", "nurture", "none")
ACTIVITY_KINDS = ("call", "email", "meeting", "demo", "proposal", "social", "note")
TOUCH_KINDS = frozenset(k for k in ACTIVITY_KINDS if k != "note")
DIRECTIONS = ("out", "in")
OUTCOMES = (
    "connected",
    "replied",
    "voicemail",
    "no_answer",
    "busy",
    "meeting_booked",
    "sent",
    "bounced",
)
RESPONSE_OUTCOMES = frozenset({"connected", "replied", "meeting_booked"})
CLOSED_STAGES = frozenset({"won", "lost"})
# A command that sets one of these works the deal (Deal.worked): idle counts from then.
WORKED_FIELDS = frozenset({"next_step", "next_due", "close"})
FORECAST_CATEGORIES = ("pipeline", "best_case", "commit", "closed", "omitted")
LOST_CODES = (
    "price",
    "budget",
    "timing",
    "competitor",
    "no_decision",
    "no_fit",
    "ghosted",
    "champion_left",
    "other",
)


@dataclass(slots=True)
class Account:
    """A company the rep sells to."""

    id: int
    handle: str
    name: str
    tier: str = "none"
    cadence_days: int | None = None  # None: the tier's default cadence
    industry: str | None = None
    created: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Contact:
    """A person at an account."""

    id: int
    handle: str
    name: str
    account_id: int | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    cadence_days: int | None = None  # None: no cadence of its own
    created: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class FieldChange:
    """One entry of a deal's change history."""

    at: datetime
    field: str
    old: Any
    new: Any


@dataclass(slots=True)
class Deal:
    """An opportunity: something the rep may win this quarter or later."""

    id: int
    handle: str
    title: str
    account_id: int | None = None
    value: int = 0  # minor units
    stage: str = "prospect"
    probability: int | None = None  # None: the stage's default
    forecast_category: str | None = None  # None: the stage's default
    close: date | None = None
    next_step: str | None = None
    next_due: date | None = None
    focus: bool = False
    snoozed_until: date | None = None
    slip_count: int = 0
    source: str | None = None
    external_id: str | None = None
    created: datetime | None = None
    stage_changed: datetime | None = None
    # The last time a command set the next step, its due date or the close date: the rep
    # worked the deal then (an import's dates are not the rep at work, so it never sets it).
    worked: datetime | None = None
    won_at: datetime | None = None
    lost_at: datetime | None = None
    lost_reason: str | None = None
    lost_code: str | None = None
    history: list[FieldChange] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        """True while the deal is neither won nor lost."""
        return self.stage not in CLOSED_STAGES


@dataclass(slots=True)
class Activity:
    """Something the rep did or received: a call, an email, a note..."""

    id: int
    kind: str
    at: datetime
    direction: str = "out"
    account_id: int | None = None
    contact_id: int | None = None
    deal_id: int | None = None
    outcome: str | None = None
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_touch(self) -> bool:
        """Any activity but a note counts as a touch."""
        return self.kind in TOUCH_KINDS

    @property
    def is_response(self) -> bool:
        """They answered: an inbound activity or a connecting outcome."""
        return self.direction == "in" or self.outcome in RESPONSE_OUTCOMES


@dataclass(slots=True)
class Promise:
    """A commitment to someone, aimed one working day before it is due."""

    id: int
    text: str
    due: date
    aim: date
    account_id: int | None = None
    contact_id: int | None = None
    deal_id: int | None = None
    created: datetime | None = None
    done_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Plan:
    """A quarter's plan: quota, weekly targets and the daily minimum of touches."""

    id: int
    quarter: str  # "2026-Q4"
    quota: int | None = None  # minor units
    weekly_targets: dict[str, int] = field(default_factory=dict)  # kind -> per week
    daily_minimum: int | None = None
    week_revenue: dict[str, int] = field(default_factory=dict)  # "2026-W48" -> minor units
    start: date | None = None  # pacing starts here (None: the quarter's first day)
    won_before: int = 0  # minor units won this quarter before cockpit, not in the book
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class DayOff:
    """A range of days the rep does not work (holiday, vacation)."""

    id: int
    start: date
    end: date
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Review:
    """A saved weekly review: frozen metrics plus the rep's answers."""

    id: int
    week: str  # "2026-W48"
    saved_at: datetime
    metrics: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
