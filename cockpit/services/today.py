"""`cockpit today`: the Sprint, touches due, open promises and momentum, as JSON or text.

`now` is the caller's clock, already in the book's time zone: its date is "today".
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.calendar import add_days
from cockpit.domain.marathon import MarathonRow, marathon
from cockpit.domain.model import Account, Contact, Deal
from cockpit.domain.momentum import Momentum, momentum
from cockpit.domain.money import format_money, to_major
from cockpit.domain.promises import PromiseRow, promise_board
from cockpit.domain.sprint import SprintRow, SprintView, sprint
from cockpit.services.text_columns import columns

__all__ = ["TOUCHES_DUE_DAYS", "record_ref", "today_json", "today_text", "touches_due"]

TOUCHES_DUE_DAYS = 7  # touches due within a week (or overdue) are listed


def record_ref(record: Account | Contact | Deal | None) -> dict[str, Any] | None:
    """A record as the JSON contract shows it: {"id", "handle", "name"} (None stays None)."""
    if record is None:
        return None
    name = record.title if isinstance(record, Deal) else record.name
    return {"id": record.id, "handle": record.handle, "name": name}


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def touches_due(book: Book, today: date) -> list[MarathonRow]:
    """Marathon rows overdue or due within the next week."""
    horizon = add_days(today, TOUCHES_DUE_DAYS)
    return [row for row in marathon(book, today) if row.due <= horizon]


def _sprint_json(book: Book, row: SprintRow) -> dict[str, Any]:
    deal = row.deal
    return {
        "deal": record_ref(deal),
        "account": record_ref(row.account),
        "value": to_major(deal.value, book.settings.minor_digits),
        "stage": deal.stage,
        "next_step": deal.next_step,
        "due": _iso(deal.next_due),
        "close": _iso(deal.close),
        "urgency": row.urgency,
        "reasons": [{"code": r.code, "text": r.text, "days": r.days} for r in row.reasons],
    }


def _touch_json(row: MarathonRow) -> dict[str, Any]:
    return {
        "account": record_ref(row.account),
        "contact": record_ref(row.contact),
        "tier": row.tier,
        "last_touch": _iso(row.last_touch),
        "due": row.due.isoformat(),
        "days_overdue": row.days_overdue,
        "chase": row.chase,
    }


def _promise_json(row: PromiseRow) -> dict[str, Any]:
    promise = row.promise
    return {
        "id": promise.id,
        "text": promise.text,
        "due": promise.due.isoformat(),
        "aim": promise.aim.isoformat(),
        "to": record_ref(row.to),
        "status": row.status,
    }


def today_json(
    book: Book, now: datetime, limit: int = 15, *, schema_version: int
) -> dict[str, Any]:
    """The `cockpit today --json` document (DESIGN §5)."""
    today = now.date()
    view = sprint(book, today, limit)
    pulse = momentum(book, today)
    return {
        "now": now.isoformat(),
        "currency": book.settings.currency,
        "schema_version": schema_version,
        "date": today.isoformat(),
        "sprint": [_sprint_json(book, row) for row in view.rows],
        "more": view.more,
        "touches_due": [_touch_json(row) for row in touches_due(book, today)],
        "promises": [_promise_json(row) for row in promise_board(book, today).open],
        "momentum": {"done": pulse.done, "minimum": pulse.minimum, "streak": pulse.streak},
    }


# -- text ---------------------------------------------------------------------------


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _chase(count: int) -> str:
    return f"f/u {count}" if count else ""


def _sprint_lines(book: Book, view: SprintView) -> list[str]:
    settings = book.settings
    # The Sprint pane's words: the rank, not the urgency score; "why today" as it reads.
    cells = [
        (
            f"{rank}",
            f"#{row.deal.id}",
            row.deal.title,
            row.account.name if row.account else "-",
            format_money(row.deal.value, settings.currency, settings.minor_digits),
            row.deal.stage,
            _chase(row.chase),
            " · ".join(reason.text for reason in row.reasons),
        )
        for rank, row in enumerate(view.rows, start=1)
    ]
    total = len(view.rows) + view.more
    title = (
        f"Sprint ({len(view.rows)} shown · {total} need you)" if view.more else f"Sprint ({total})"
    )
    lines = [title, *columns(cells, right=frozenset({0, 1, 4}))]
    if not view.rows:
        lines.append("  nothing urgent today")
    if view.more:
        lines.append(f"  … {view.more} more need you today: `cockpit today --all` lists them")
    return lines


def _touch_status(row: MarathonRow, today: date) -> str:
    if row.days_overdue:
        return f"{_days(row.days_overdue)} overdue"
    ahead = (row.due - today).days
    return {0: "due today", 1: "due tomorrow"}.get(ahead, f"due in {_days(ahead)}")


def _touch_lines(rows: list[MarathonRow], today: date) -> list[str]:
    cells = []
    for row in rows:
        if row.contact is not None:
            ref, name = f"~{row.contact.handle}", row.contact.name
            if row.account is not None:
                name = f"{name} ({row.account.name})"
        else:
            assert row.account is not None
            ref, name = f"@{row.account.handle}", row.account.name
        last = f"last {row.last_touch.isoformat()}" if row.last_touch else "never touched"
        cells.append(
            (_touch_status(row, today), ref, name, row.tier or "-", last, _chase(row.chase))
        )
    lines = [f"Touches due ({len(rows)})", *columns(cells)]
    if not rows:
        lines.append("  nothing due this week")
    return lines


def _promise_lines(rows: list[PromiseRow]) -> list[str]:
    cells = []
    for row in rows:
        to = row.to
        name = "" if to is None else (to.title if isinstance(to, Deal) else to.name)
        cells.append(
            (
                f"!{row.promise.id}",
                row.status,
                f"due {row.promise.due.isoformat()}",
                f"aim {row.promise.aim.isoformat()}",
                row.promise.text,
                f"to {name}" if name else "",
            )
        )
    lines = [f"Promises ({len(rows)})", *columns(cells, right=frozenset({0}))]
    if not rows:
        lines.append("  no open promises")
    return lines


def _momentum_lines(pulse: Momentum) -> list[str]:
    return [
        "Momentum",
        f"  {pulse.done}/{pulse.minimum} touches today · streak {_days(pulse.streak)}",
    ]


def today_text(book: Book, now: datetime, limit: int | None = 15) -> str:
    """`cockpit today` as plain text: Sprint (every deal with `limit` None), Touches due,
    Promises, Momentum (no final newline: `print` adds it)."""
    today = now.date()
    sections = [
        [f"{today.strftime('%A')} {today.isoformat()}"],
        _sprint_lines(book, sprint(book, today, len(book.deals) if limit is None else limit)),
        _touch_lines(touches_due(book, today), today),
        _promise_lines(promise_board(book, today).open),
        _momentum_lines(momentum(book, today)),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections)
