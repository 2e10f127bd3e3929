"""`cockpit review --json`: one key per section, plus the week."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.money import to_major
from cockpit.domain.review import (
    CommitMove,
    DealRow,
)
from cockpit.services.review.build import build_review
from cockpit.services.today import record_ref

__all__ = ["review_json"]


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def review_json(book: Book, week: str | None, now: datetime, schema_version: int) -> dict[str, Any]:
    """The `cockpit review --json` document: one key per section, plus `week`."""
    review = build_review(book, week, now)
    digits = book.settings.minor_digits

    def money(minor: int | None) -> int | float | None:
        return None if minor is None else to_major(minor, digits)

    def deal_row(row: DealRow, day_key: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "deal": record_ref(row.deal),
            "account": record_ref(row.account),
            "value": money(row.value),
            "stage": row.deal.stage,
        }
        if day_key is not None:
            data[day_key] = _iso(row.day)
        return data

    def commit_move(move: CommitMove) -> dict[str, Any]:
        return {
            "deal": record_ref(move.deal),
            "account": record_ref(move.account),
            "value": money(move.value),
            "from": move.before,
            "to": move.after,
            "close": _iso(move.close),
        }

    counts = review.promise_counts()
    saved = review.saved
    return {
        "now": now.isoformat(),
        "currency": book.settings.currency,
        "schema_version": schema_version,
        "week": review.week.name,
        "start": review.week.start.isoformat(),
        "end": review.week.end.isoformat(),
        "as_of": review.as_of.isoformat(),
        "complete": review.complete,
        "activities": {
            "targets_from": [
                {"quarter": s.quarter, "working_days": s.working_days, "has_plan": s.has_plan}
                for s in review.target_sources
            ],
            "kinds": {a.kind: {"target": a.target, "done": a.done} for a in review.activities},
        },
        "touches": {
            "total": review.touches,
            "working_days": review.working_days,
            "days_met": review.days_met,
            "days": [
                {
                    "date": d.day.isoformat(),
                    "weekday": f"{d.day:%a}".lower(),
                    "touches": d.touches,
                    "minimum": d.minimum,
                    "working": d.working,
                    "future": d.future,
                    "met": d.met,
                }
                for d in review.days
            ],
        },
        "deals_created": [deal_row(r, "created") for r in review.created],
        "deals_advanced": [
            {
                "deal": record_ref(r.deal),
                "account": record_ref(r.account),
                "value": money(r.value),
                "from": r.from_stage,
                "to": r.to_stage,
            }
            for r in review.advanced
        ],
        "deals_won": {
            "count": len(review.won),
            "value": money(review.won_value),
            "deals": [deal_row(r, "won") for r in review.won],
        },
        "deals_lost": {
            "count": review.lost_count,
            "value": money(review.lost_value),
            "by_code": [
                {
                    "code": g.code,
                    "count": len(g.rows),
                    "value": money(g.value),
                    "deals": [
                        {**deal_row(r, "lost"), "reason": r.deal.lost_reason} for r in g.rows
                    ],
                }
                for g in review.lost
            ],
        },
        "pipeline": {
            "added": money(review.pipeline_added),
            "removed": money(review.pipeline_removed),
            "net": money(review.pipeline_added - review.pipeline_removed),
            "changes": [
                {
                    "deal": record_ref(i.deal),
                    "account": record_ref(i.account),
                    "kind": i.kind,
                    "amount": money(i.amount),
                }
                for i in review.pipeline
            ],
        },
        "slipped": [
            {
                "deal": record_ref(r.deal),
                "account": record_ref(r.account),
                "value": money(r.value),
                "from": r.old_close.isoformat(),
                "to": r.new_close.isoformat(),
                "days": r.days,
                "slip_count": r.slip_count,
            }
            for r in review.slipped
        ],
        "commit_moves": {
            "into": [commit_move(m) for m in review.into_commit],
            "out_of": [commit_move(m) for m in review.out_of_commit],
        },
        "rotting": [
            {
                "deal": record_ref(r.deal),
                "account": record_ref(r.account),
                "value": money(r.value),
                "stage": r.stage,
                "idle_days": r.idle_days,
                "threshold": r.threshold,
            }
            for r in review.rotting
        ],
        "missed_cadence": [
            {
                "account": record_ref(r.account),
                "tier": r.account.tier,
                "cadence": r.cadence,
                "due": r.due.isoformat(),
                "days_overdue": r.days_overdue,
                "caught_up": _iso(r.caught_up),
            }
            for r in review.missed_cadence
        ],
        "promises": {
            **counts,
            "items": [
                {
                    "id": p.promise.id,
                    "text": p.promise.text,
                    "due": p.promise.due.isoformat(),
                    "done": _iso(p.promise.done_at.date() if p.promise.done_at else None),
                    "status": p.status,
                    "to": record_ref(p.to),
                }
                for p in review.promises
            ],
        },
        "momentum": {"streak": review.streak},
        "quarters": [
            {
                "quarter": q.quarter.name,
                "as_of": q.as_of.isoformat(),
                "quota": money(q.quota),
                "won": money(q.won),
                "attainment": q.attainment,
                "expected_to_date": money(q.expected_to_date),
                "ahead_by": money(q.ahead_by),
                "commit": money(q.commit),
                "best_case": money(q.best_case),
            }
            for q in review.quarters
        ],
        "expected_closes": [
            {
                "deal": record_ref(r.deal),
                "account": record_ref(r.account),
                "close": r.close.isoformat(),
                "value": money(r.value),
                "probability": r.probability,
                "weighted": money(r.weighted),
                "stage": r.deal.stage,
                "forecast_category": r.forecast_category,
            }
            for r in review.expected_closes
        ],
        "forecast_accuracy": [
            {
                "quarter": r.quarter,
                "week": r.week,
                "committed": money(r.committed),
                "best_case": money(r.best_case),
                "closed": money(r.closed),
                "accuracy": r.accuracy,
            }
            for r in review.accuracy
        ],
        "trend": [
            {"week": p.week, "touches": p.touches, "won": money(p.won)} for p in review.trend
        ],
        "answers": dict(saved.answers) if saved is not None else None,
        "saved_at": saved.saved_at.isoformat() if saved is not None else None,
    }
