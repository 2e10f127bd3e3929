"""The Sprint: today's deals, most urgent first, each with the reasons it is there.

A deal is in the Sprint when it is open, not snoozed past today and has at least one
reason. Its urgency is the sum of its reasons' terms, weighted by the `urgency.*`
settings the way taskwarrior weighs a task:

- focus, due_today, close_passed, no_next_step, commit: the coefficient;
- overdue: `overdue` + `overdue_per_day` x days overdue (counted up to 14);
- rotting: `rotting` + `rotting_per_day` x days idle beyond the threshold (up to 30);
- closing_soon: `closing_soon` scaled by nearness, 1.0 when it closes today down to 0.2
  at the far edge of the sprint window (taskwarrior's due term);
- plus, for every row, `value_per_10k` x the value in tens of thousands (up to 10).

The score is rounded to one decimal; ties go to the earlier close date, then the lower id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cockpit.domain.book import Book
from cockpit.domain.calendar import for_humans
from cockpit.domain.model import Account, Deal
from cockpit.domain.settings import Settings

__all__ = [
    "REASON_CODES",
    "Reason",
    "SprintRow",
    "SprintView",
    "deal_reasons",
    "idle_days",
    "sprint",
    "urgency",
]

REASON_CODES = (
    "focus",
    "overdue",
    "due_today",
    "closing_soon",
    "close_passed",
    "rotting",
    "no_next_step",
    "commit",
)
OVERDUE_DAYS_CAP = 14
ROTTING_DAYS_CAP = 30
VALUE_TENS_OF_THOUSANDS_CAP = 10
CLOSING_SOON_FLOOR = 0.2


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a deal is in the Sprint: a code, the words a rep reads, and the days involved."""

    code: str
    text: str
    days: int | None = None


@dataclass(frozen=True, slots=True)
class SprintRow:
    """One deal in the Sprint."""

    deal: Deal
    account: Account | None
    urgency: float
    reasons: list[Reason]
    chase: int


@dataclass(frozen=True, slots=True)
class SprintView:
    """The top rows of the Sprint and how many more deals qualify."""

    rows: list[SprintRow]
    more: int


def _plural(days: int, word: str = "day") -> str:
    return f"{days} {word}" if days == 1 else f"{days} {word}s"


def idle_days(book: Book, deal: Deal, today: date) -> int | None:
    """Days since anything happened on the deal: its last activity (archived or not),
    stage change, creation or the rep working it (next step, due or close set by a
    command), whichever is latest (None when the deal has no dates)."""
    last = book.last_activity_at("deal_id", deal.id)
    moments = [
        m.date() for m in (deal.stage_changed, deal.created, deal.worked, last) if m is not None
    ]
    if not moments:
        return None
    return (today - max(moments)).days


def deal_reasons(book: Book, deal: Deal, today: date) -> list[Reason]:
    """Every reason the deal belongs in today's Sprint, in a fixed order (may be empty)."""
    reasons: list[Reason] = []
    if deal.focus:
        reasons.append(Reason("focus", "focused"))
    has_next_step = bool(deal.next_step and deal.next_step.strip())
    if has_next_step and deal.next_due is not None:
        late = (today - deal.next_due).days
        if late > 0:
            reasons.append(Reason("overdue", f"next step {_plural(late)} overdue", late))
        elif late == 0:
            reasons.append(Reason("due_today", "next step due today", 0))
    if deal.close is not None:
        ahead = (deal.close - today).days
        if 0 <= ahead <= int(book.settings["sprint_window"]):
            words = {0: "closes today", 1: "closes tomorrow"}.get(ahead, f"closes in {ahead} days")
            reasons.append(Reason("closing_soon", words, ahead))
        elif ahead < 0:
            text = f"close date passed {for_humans(deal.close, today)} — update it"
            reasons.append(Reason("close_passed", text, -ahead))
    threshold = book.settings.rot_days(deal.stage)
    idle = idle_days(book, deal, today)
    if threshold is not None and idle is not None and idle > threshold:
        reasons.append(Reason("rotting", f"idle {_plural(idle)} in {deal.stage}", idle))
    if not has_next_step:
        reasons.append(Reason("no_next_step", "no next step"))
    if book.forecast_category(deal) == "commit":
        reasons.append(Reason("commit", "commit"))
    return reasons


def _reason_term(reason: Reason, settings: Settings, rot_days: int | None) -> float:
    weight = float(settings[f"urgency.{reason.code}"])
    days = reason.days or 0
    if reason.code == "overdue":
        return weight + float(settings["urgency.overdue_per_day"]) * min(days, OVERDUE_DAYS_CAP)
    if reason.code == "rotting":
        beyond = min(days - (rot_days or 0), ROTTING_DAYS_CAP)
        return weight + float(settings["urgency.rotting_per_day"]) * beyond
    if reason.code == "closing_soon":
        window = int(settings["sprint_window"])
        nearness = 1.0 if window == 0 else 1.0 - (1.0 - CLOSING_SOON_FLOOR) * days / window
        return weight * nearness
    return weight


def urgency(book: Book, deal: Deal, reasons: list[Reason]) -> float:
    """The deal's urgency score from its reasons and value, rounded to one decimal."""
    settings = book.settings
    rot_days = settings.rot_days(deal.stage)
    score = sum(_reason_term(reason, settings, rot_days) for reason in reasons)
    ten_thousand: int = 10_000 * 10**settings.minor_digits
    tens_of_thousands = deal.value / ten_thousand
    score += float(settings["urgency.value_per_10k"]) * min(
        max(tens_of_thousands, 0.0), VALUE_TENS_OF_THOUSANDS_CAP
    )
    return round(score, 1)


def sprint(book: Book, today: date, limit: int = 15) -> SprintView:
    """Today's Sprint: the `limit` most urgent deals, and how many more qualify."""
    candidates: list[tuple[float, Deal, list[Reason]]] = []
    for deal in book.open_deals():
        if deal.snoozed_until is not None and deal.snoozed_until > today:
            continue
        reasons = deal_reasons(book, deal, today)
        if reasons:
            candidates.append((urgency(book, deal, reasons), deal, reasons))
    candidates.sort(key=lambda c: (-c[0], c[1].close or date.max, c[1].id))
    shown = candidates[: max(limit, 0)]
    rows = [
        SprintRow(
            deal=deal,
            account=book.accounts.get(deal.account_id) if deal.account_id is not None else None,
            urgency=score,
            reasons=reasons,
            chase=book.chase("deal_id", deal.id),
        )
        for score, deal, reasons in shown
    ]
    return SprintView(rows=rows, more=len(candidates) - len(shown))
