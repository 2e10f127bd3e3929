"""Which week a review is of, and whether the Friday-afternoon nudge is due."""

from __future__ import annotations

import re
from datetime import date, datetime

from cockpit.domain.book import Book
from cockpit.domain.calendar import Week, iso_weeks_in
from cockpit.domain.review.rows import NUDGE_FROM, ReviewInputError

__all__ = ["book_began", "resolve_week", "review_due"]


def book_began(book: Book) -> date | None:
    """The date of the book's earliest record (None for an empty book)."""
    days: list[date] = []
    for records in (book.accounts, book.contacts, book.promises):
        days += [r.created.date() for r in records.values() if r.created is not None]
    if book.activities:
        days.append(min(a.at for a in book.activities.values()).date())
    for deal in book.deals.values():
        days += [m.date() for m in (deal.created, deal.won_at, deal.lost_at) if m is not None]
        if deal.history:
            days.append(deal.history[0].at.date())
    return min(days, default=None)


def _week_error(text: str, error: ValueError) -> str:
    match = re.match(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$", text)
    if match is None:
        return f"expected a week like 2026-W48, got {text!r}"
    year = int(match[1])
    if "out of range" in str(error):
        return f"{text.strip()}: {error}"
    weeks = iso_weeks_in(year)
    return f"{text.strip()} does not exist: {year} has ISO weeks 1 to {weeks}"


def resolve_week(book: Book, text: str | Week | None, now: datetime) -> Week:
    """The week to review ("2026-W48"; None: the week holding `now`), or ReviewInputError
    for a malformed week, a week in the future or a week before the book began."""
    today = now.date()
    if text is None:
        return Week.of(today)
    if isinstance(text, Week):
        week = text
    else:
        try:
            week = Week.parse(text)
        except ValueError as error:
            raise ReviewInputError(_week_error(text, error)) from None
    current = Week.of(today)
    if week.start > today:
        raise ReviewInputError(
            f"week {week.name} has not started yet: the latest week to review is "
            f"{current.name} (today is {today.isoformat()})"
        )
    began = book_began(book) or today
    if week.end < began:
        first = Week.of(began)
        raise ReviewInputError(
            f"week {week.name} is before the book began ({began.isoformat()}, in "
            f"{first.name}): nothing to review"
        )
    return week


def review_due(book: Book, now: datetime) -> bool:
    """The header's nudge: on the week's last working day from 15:00 (local time, `now`
    being in the book's time zone), until this week's review is saved."""
    today = now.date()
    if book.calendar.last_working_day_of_week(today) != today:
        return False
    if now.time() < NUDGE_FROM:
        return False
    return book.review_for(Week.of(today).name) is None
