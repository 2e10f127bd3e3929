"""The weekly review, section by section; and its frozen form for a saved review."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.calendar import Week
from cockpit.domain.momentum import momentum
from cockpit.domain.review.rows import (
    FREEZE_FORMAT,
    WeeklyReview,
)
from cockpit.domain.review.sections import (
    activity_counts,
    day_touches,
    deal_sections,
    expected_closes,
    forecast_accuracy,
    missed_cadence,
    promise_rows,
    rotting,
    standing_and_targets,
    trend,
)
from cockpit.domain.review.week import resolve_week
from cockpit.domain.review_history import BookAsOf

__all__ = ["freeze", "weekly_review"]


def weekly_review(book: Book, week: Week, now: datetime) -> WeeklyReview:
    """The review of `week` as it stood at its end (as of `now` for the current week)."""
    week = resolve_week(book, week, now)
    today = now.date()
    as_of = min(week.end, today)
    view = BookAsOf(book, as_of)
    standings, sources, targets = standing_and_targets(view, week, as_of)
    deals = deal_sections(book, view, week, as_of)
    return WeeklyReview(
        week=week,
        now=now,
        as_of=as_of,
        target_sources=sources,
        activities=activity_counts(view, week, targets, len(deals.created)),
        days=day_touches(book, week, today),
        created=deals.created,
        advanced=deals.advanced,
        won=deals.won,
        lost=deals.lost,
        pipeline=deals.pipeline,
        slipped=deals.slipped,
        into_commit=deals.into_commit,
        out_of_commit=deals.out_of_commit,
        rotting=rotting(book, view, as_of),
        missed_cadence=missed_cadence(book, week, as_of),
        promises=promise_rows(book, week, as_of, today > week.end),
        streak=momentum(book, as_of).streak,
        quarters=standings,
        expected_closes=expected_closes(book, view, week),
        accuracy=forecast_accuracy(book, week, standings),
        trend=trend(book, view, week, as_of),
        saved=book.review_for(week.name),
    )


def freeze(review: WeeklyReview) -> dict[str, Any]:
    """The review's figures as stored in Review.metrics: JSON-able, money in minor units,
    dates ISO. Later reviews read each quarter's commit and best case from it."""
    return {
        "format": FREEZE_FORMAT,
        "week": review.week.name,
        "as_of": review.as_of.isoformat(),
        "complete": review.complete,
        "activities": {a.kind: {"target": a.target, "done": a.done} for a in review.activities},
        "touches": review.touches,
        "days_met": review.days_met,
        "working_days": review.working_days,
        "created": len(review.created),
        "advanced": len(review.advanced),
        "won": {"count": len(review.won), "value": review.won_value},
        "lost": {"count": review.lost_count, "value": review.lost_value},
        "pipeline": {"added": review.pipeline_added, "removed": review.pipeline_removed},
        "slipped": len(review.slipped),
        "into_commit": len(review.into_commit),
        "out_of_commit": len(review.out_of_commit),
        "rotting": len(review.rotting),
        "missed_cadence": len(review.missed_cadence),
        "promises": review.promise_counts(),
        "streak": review.streak,
        "quarters": [
            {
                "quarter": q.quarter.name,
                "as_of": q.as_of.isoformat(),
                "quota": q.quota,
                "won": q.won,
                "expected_to_date": q.expected_to_date,
                "ahead_by": q.ahead_by,
                "commit": q.commit,
                "best_case": q.best_case,
            }
            for q in review.quarters
        ],
    }
