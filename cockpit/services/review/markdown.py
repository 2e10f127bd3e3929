"""The review as one Markdown document: what a manager reads in a one-on-one."""

from __future__ import annotations

from datetime import datetime

from cockpit.domain.book import Book
from cockpit.domain.review import WeeklyReview
from cockpit.services.review.build import build_review
from cockpit.services.review.sections import review_sections
from cockpit.services.review.words import full_day, week_span

__all__ = ["render_markdown", "review_markdown", "review_title"]


def review_title(review: WeeklyReview) -> str:
    """ "Weekly review — 2026-W48 (23–29 Nov 2026)"."""
    return f"Weekly review — {review.week.name} ({week_span(review.week)})"


def _status_line(review: WeeklyReview) -> str:
    if review.complete:
        return f"Week ended {full_day(review.week.end)}."
    return f"Week in progress: as of {full_day(review.as_of)} {review.now:%H:%M}."


def render_markdown(review: WeeklyReview, currency: str, minor_digits: int) -> str:
    """The whole review as one Markdown document."""
    lines = [f"# {review_title(review)}", "", f"_{_status_line(review)}_", ""]
    for section in review_sections(review, currency, minor_digits):
        lines += [f"## {section.title}", "", section.body, ""]
    return "\n".join(lines).rstrip() + "\n"


def review_markdown(book: Book, week: str | None, now: datetime) -> str:
    """The review as a Markdown document for the one-on-one."""
    review = build_review(book, week, now)
    settings = book.settings
    return render_markdown(review, settings.currency, settings.minor_digits)
