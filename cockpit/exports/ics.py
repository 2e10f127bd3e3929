"""The calendar feed (RFC 5545): one all-day event per open deal's next step and expected
close and per open promise (from its aim to its due date), what a rep subscribes to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from cockpit.domain.book import Book
from cockpit.domain.calendar import add_days
from cockpit.domain.money import format_money
from cockpit.exports.common import Names

__all__ = ["export_ics", "fold"]


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append("".join(current))
            current, size = [" "], 1  # a continuation line starts with one space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n".join(parts)


@dataclass(frozen=True, slots=True)
class _Event:
    start: date
    end: date  # the last day (inclusive)
    order: int
    uid: str
    summary: str
    description: str
    category: str


def _end(last: date) -> str:
    """DTEND is exclusive: the day after the last (9999-12-31 has none: a whole-day event
    that ends where it starts is read as that one day)."""
    return _ymd(add_days(last, 1) if last < date.max else last)


def _ymd(day: date) -> str:
    return day.strftime("%Y%m%d")


def _events(book: Book, key: str) -> list[_Event]:
    settings = book.settings
    names = Names(book)

    def money(minor: int) -> str:
        return format_money(minor, settings.currency, settings.minor_digits)

    events: list[_Event] = []
    for deal in book.open_deals():
        account = names.name("accounts", deal.account_id)
        at = f" ({account})" if account else ""
        facts = [
            f"Deal #{deal.id} {deal.handle}",
            f"Stage: {deal.stage}",
            f"Value: {money(deal.value)}",
        ]
        if deal.close:
            facts.append(f"Expected close: {deal.close.isoformat()}")
        if deal.next_step:
            due = f" (due {deal.next_due.isoformat()})" if deal.next_due else ""
            facts.append(f"Next step: {deal.next_step}{due}")
        description = "\n".join(facts)
        if deal.next_step and deal.next_due:
            events.append(
                _Event(
                    deal.next_due,
                    deal.next_due,
                    0,
                    f"next-{deal.id}-{key}@cockpit",
                    f"Next: {deal.next_step} — {deal.title}{at}",
                    description,
                    "Next step",
                )
            )
        if deal.close:
            events.append(
                _Event(
                    deal.close,
                    deal.close,
                    2,
                    f"close-{deal.id}-{key}@cockpit",
                    f"Close: {deal.title}{at} · {money(deal.value)}",
                    description,
                    "Expected close",
                )
            )
    for promise in book.promises.values():
        if promise.done_at is not None:
            continue
        to = names.name("contacts", promise.contact_id) or names.name(
            "accounts", promise.account_id
        )
        deal_name = names.name("deals", promise.deal_id)
        facts = [f"Promise !{promise.id}", f"Aim: {promise.aim.isoformat()} (a working day early)"]
        facts.append(f"Due: {promise.due.isoformat()}")
        if deal_name:
            facts.append(f"Deal: {deal_name}")
        start = min(promise.aim, promise.due)
        events.append(
            _Event(
                start,
                promise.due,
                1,
                f"promise-{promise.id}-{key}@cockpit",
                f"Promise: {promise.text}" + (f" → {to}" if to else ""),
                "\n".join(facts),
                "Promise",
            )
        )
    events.sort(key=lambda e: (e.start, e.order, e.uid))
    return events


def export_ics(book: Book, now: datetime, key: str = "book") -> str:
    """The calendar feed: open deals' next steps and close dates, open promises."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//cockpit//personal sales cockpit//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:cockpit",
        "X-WR-CALDESC:Next steps\\, expected closes and promises from cockpit",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    for event in _events(book, key):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_ymd(event.start)}",
            f"DTEND;VALUE=DATE:{_end(event.end)}",
            f"SUMMARY:{_escape(event.summary)}",
            f"DESCRIPTION:{_escape(event.description)}",
            f"CATEGORIES:{_escape(event.category)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
