"""The words and small pictures every review rendering shares: days, spans, bars, sparks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cockpit.domain.calendar import Week
from cockpit.domain.model import Account, Deal
from cockpit.domain.review import (
    DayTouches,
)

__all__ = [
    "BAR_WIDTH",
    "CATEGORY_WORDS",
    "KIND_NAMES",
    "PROMISE_WORDS",
    "cell",
    "deal_name",
    "full_day",
    "md_table",
    "percent",
    "plural",
    "short_day",
    "sparkline",
    "touch_bar",
    "week_span",
]

BAR_WIDTH = 10
_SPARKS = "▁▂▃▄▅▆▇█"
KIND_NAMES = {
    "call": "Calls",
    "email": "Emails",
    "meeting": "Meetings",
    "demo": "Demos",
    "proposal": "Proposals",
    "social": "Social",
    "deal": "New deals",
}
CATEGORY_WORDS = {
    "new": "new",
    "pipeline": "pipeline",
    "best_case": "best case",
    "commit": "commit",
    "closed": "closed",
    "omitted": "omitted",
    "won": "won",
    "lost": "lost",
}
PROMISE_WORDS = {"early": "kept early", "on_time": "on time", "late": "late", "missed": "missed"}


def short_day(day: date) -> str:
    """ "Thu 26 Nov"."""
    return f"{day:%a} {day.day} {day:%b}"


def full_day(day: date) -> str:
    """ "Thu 26 Nov 2026"."""
    return f"{short_day(day)} {day.year}"


def week_span(week: Week) -> str:
    """ "23–29 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027"."""
    start, end = week.start, week.end
    if start.year != end.year:
        return f"{start.day} {start:%b} {start.year} – {end.day} {end:%b} {end.year}"
    if start.month != end.month:
        return f"{start.day} {start:%b} – {end.day} {end:%b} {end.year}"
    return f"{start.day}–{end.day} {end:%b} {end.year}"


def plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def percent(numerator: int, denominator: int | None) -> str:
    if not denominator:
        return ""
    return f"{(200 * numerator + denominator) // (2 * denominator)}%"  # half up


def deal_name(deal: Deal, account: Account | None) -> str:
    return f"{account.name} — {deal.title}" if account is not None else deal.title


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def md_table(header: Sequence[str], align: str, rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table; `align` has one letter per column, l or r."""
    marks = {"l": ":--", "r": "--:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(marks[a] for a in align) + " |",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def touch_bar(day: DayTouches, width: int = BAR_WIDTH) -> str:
    """One line of the touches chart: "Mon 23 ████████░░ 16/20"."""
    label = f"{day.day:%a} {day.day.day:>2}"
    if day.minimum > 0:
        # Rounded down, so a full bar always means the minimum was met.
        filled = min(width, day.touches * width // day.minimum)
    else:
        filled = width if day.touches else 0
    bar = "█" * filled + "░" * (width - filled)
    if day.future:
        return f"{label} {'·' * width}  –/{day.minimum}  to come"
    if not day.working:
        return f"{label} {bar} {day.touches:>2}     not a working day"
    mark = "  ✓" if day.met else ""
    return f"{label} {bar} {day.touches:>2}/{day.minimum}{mark}"


def sparkline(values: Sequence[int]) -> str:
    """Values as a line of block characters, lowest ▁ to highest █ (all ▁ when flat)."""
    top = max(values, default=0)
    if top <= 0:
        return _SPARKS[0] * len(values)
    last = len(_SPARKS) - 1
    return "".join(_SPARKS[(2 * max(v, 0) * last + top) // (2 * top)] for v in values)
