"""Build the week's review from the book, and save one with the rep's answers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from cockpit.domain.book import Book
from cockpit.domain.calendar import Week
from cockpit.domain.codec import to_doc
from cockpit.domain.model import Review
from cockpit.domain.review import (
    PROMPTS,
    ReviewInputError,
    WeeklyReview,
    freeze,
    resolve_week,
    weekly_review,
)
from cockpit.services.outcome import Outcome, RecordRef

if TYPE_CHECKING:
    from cockpit.services.session import Session
    from cockpit.store import Transaction

__all__ = ["ReviewExists", "build_review", "save_review"]


class ReviewExists(Exception):
    """A review of that week is already saved: ask before replacing it."""

    def __init__(self, week: str, saved_at: datetime) -> None:
        super().__init__(f"a review of {week} was saved {saved_at:%a %d %b %H:%M}: replace it?")
        self.week = week
        self.saved_at = saved_at


def build_review(book: Book, week: str | Week | None, now: datetime) -> WeeklyReview:
    """The domain review of `week` (None: this week); ReviewInputError on a bad week."""
    return weekly_review(book, resolve_week(book, week, now), now)


def _clean_answers(answers: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(answers) - set(PROMPTS))
    if unknown:
        raise ReviewInputError(
            f"unknown answer {', '.join(unknown)}: the prompts are {', '.join(PROMPTS)}"
        )
    return {key: answers.get(key, "").strip() for key in PROMPTS}


def save_review(
    session: Session,
    week: str | Week | None,
    answers: dict[str, str],
    *,
    replace: bool = False,
) -> Outcome:
    """Freeze the week's metrics with the rep's answers as that week's review.

    ReviewExists when the week already has a saved review and `replace` is False.
    """
    cleaned = _clean_answers(answers)
    now = session.now()

    def build(tx: Transaction, book: Book) -> Outcome:
        # Computed inside the transaction: the book has caught up with other writers.
        target = resolve_week(book, week, now)
        existing = book.review_for(target.name)
        if existing is not None and not replace:
            raise ReviewExists(target.name, existing.saved_at)
        review = weekly_review(book, target, now)
        record = Review(0, target.name, now, freeze(review), cleaned)
        outcome = Outcome(command="review")
        if existing is not None:
            record.id = existing.id
            tx.put("reviews", to_doc(record))
            outcome.updated.append(RecordRef("reviews", record.id, target.name))
            outcome.message = f"replaced the review of {target.name}"
        else:
            doc = to_doc(record)
            doc.pop("id", None)
            record.id = tx.insert("reviews", doc)
            outcome.created.append(RecordRef("reviews", record.id, target.name))
            outcome.message = f"saved the review of {target.name}"
        return outcome

    label = week.name if isinstance(week, Week) else (week or Week.of(now.date()).name)
    return session.transact(f"review {label}", build)
