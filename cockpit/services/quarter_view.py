"""`cockpit quarter`: the quarter against its plan, as JSON (DESIGN §5) or plain text.

`now` is the caller's clock, already in the book's time zone: its date is "today".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.calendar import Quarter
from cockpit.domain.momentum import momentum
from cockpit.domain.money import format_money, to_major
from cockpit.domain.quarter import Count, QuarterReport, WeekReport, quarter_report
from cockpit.services.text_columns import columns

__all__ = ["quarter_json", "quarter_text", "quarter_title"]

Money = Callable[[int], str]


def _money(book: Book, minor: int | None) -> int | float | None:
    return None if minor is None else to_major(minor, book.settings.minor_digits)


def _week_json(book: Book, week: WeekReport) -> dict[str, Any]:
    return {
        "week": week.week,
        "start": week.start.isoformat(),
        "end": week.end.isoformat(),
        "revenue_target": _money(book, week.revenue_target),
        "revenue_won": _money(book, week.revenue_won),
        "activities": {
            kind: {"target": count.target, "done": count.done}
            for kind, count in week.activities.items()
        },
    }


def quarter_json(
    book: Book, quarter: Quarter, now: datetime, schema_version: int
) -> dict[str, Any]:
    """The `cockpit quarter --json` document (DESIGN §5)."""
    report = quarter_report(book, quarter, now.date())
    return {
        "now": now.isoformat(),
        "currency": book.settings.currency,
        "schema_version": schema_version,
        "quarter": quarter.name,
        "start": quarter.start.isoformat(),
        "end": quarter.end.isoformat(),
        "quota": _money(book, report.quota),
        "won": _money(book, report.won),
        "won_before": _money(book, report.won_before),
        "won_count": report.won_count,
        "lost_count": report.lost_count,
        "dated_ahead": report.dated_ahead,
        "attainment": report.attainment,
        "expected_to_date": _money(book, report.expected_to_date),
        "ahead_by": _money(book, report.ahead_by),
        "weighted_pipeline": _money(book, report.weighted_pipeline),
        "commit": _money(book, report.commit),
        "best_case": _money(book, report.best_case),
        "coverage": report.coverage,
        "projection": _money(book, report.projection),
        "weeks": [_week_json(book, week) for week in report.weeks],
    }


# -- text ---------------------------------------------------------------------------


def quarter_title(report: QuarterReport) -> str:
    """ "2026-Q4 · week 9 of 14 · 2026-10-01..2026-12-31" (starts/ended outside it)."""
    quarter = report.quarter
    if report.week_number_of is not None:
        where = report.week_number_of
    elif report.today < quarter.start:
        where = f"starts {quarter.start.isoformat()}"
    else:
        where = f"ended {quarter.end.isoformat()}"
    return f"{quarter.name} · {where} · {quarter.start.isoformat()}..{quarter.end.isoformat()}"


def _summary_lines(report: QuarterReport, money: Money) -> list[str]:
    rows: list[tuple[str, str]] = []
    if report.quota is None:
        rows.append(("Won", money(report.won)))
    else:
        percent = f"{(report.attainment or 0) * 100:.0f} %"
        rows.append(("Won", f"{money(report.won)} of {money(report.quota)} ({percent})"))

    if report.ahead_by is not None and report.expected_to_date is not None:
        expected = f"(expected to date {money(report.expected_to_date)})"
        if report.ahead_by > 0:
            rows.append(("Ahead by", f"{money(report.ahead_by)} {expected}"))
        elif report.ahead_by < 0:
            rows.append(("Behind by", f"{money(-report.ahead_by)} {expected}"))
        else:
            rows.append(("On pace", expected))
    rows.append(
        (
            "Forecast",
            f"commit {money(report.commit)} · best case {money(report.best_case)} · "
            f"weighted {money(report.weighted_pipeline)}",
        )
    )
    rows.append(("Projection", f"{money(report.projection)} (won + weighted pipeline)"))
    pipeline = f"open {money(report.pipeline)}"
    if report.coverage is not None and report.remaining is not None:
        to_go = money(report.remaining)
        rows.append(("Coverage", f"{report.coverage:.2f}x ({pipeline} for {to_go} to go)"))
    elif report.quota is not None:
        rows.append(("Coverage", f"quota met ({pipeline})"))
    rows.append(("Closed", f"{report.won_count} won · {report.lost_count} lost"))
    if report.won_before:
        rows.append(("Before", f"{money(report.won_before)} won before cockpit (in Won)"))
    if report.dated_ahead:
        deals = "deal is" if report.dated_ahead == 1 else "deals are"
        rows.append(("Check", f"{report.dated_ahead} won/lost {deals} dated after today"))
    width = max(len(label) for label, _ in rows)
    lines = [f"{label.ljust(width)}  {text}" for label, text in rows]
    name = report.quarter.name
    if not report.has_plan:
        lines.append(f"No plan for {name} yet: plan {name} quota:300k calls:50/w daily:20")
    elif report.quota is None:
        lines.append(f"No quota for {name} yet: plan {name} quota:300k")
    return lines


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _span(start: date, end: date) -> str:
    # Month names spelled here, not by strftime, so the locale cannot change the report.
    return f"{_MONTHS[start.month - 1]} {start.day:02d}-{_MONTHS[end.month - 1]} {end.day:02d}"


def _week_lines(report: QuarterReport, money: Money) -> list[str]:
    cells = [("week", "dates", "target", "won", "")]
    for week in report.weeks:
        target = "-" if week.revenue_target is None else money(week.revenue_target)
        mark = "< this week" if week.is_current else ""
        won = money(week.revenue_won)
        cells.append((week.week, _span(week.start, week.end), target, won, mark))
    return ["Weeks", *columns(cells, right=frozenset({2, 3}))]


def _count(count: Count) -> str:
    return str(count.done) if count.target is None else f"{count.done}/{count.target}"


def _this_week_lines(report: QuarterReport) -> list[str]:
    if report.current_week is None:
        return []
    week = report.weeks[report.current_week]
    cells = []
    for kind, count in week.activities.items():
        short = (
            ""
            if count.target is None or count.done >= count.target
            else (f"{count.target - count.done} to go")
        )
        cells.append((kind, _count(count), short))
    return [f"This week {week.week}", *columns(cells, right=frozenset({1}))]


def quarter_text(book: Book, quarter: Quarter, now: datetime) -> str:
    """`cockpit quarter` as plain text: summary, week-by-week table, this week, momentum."""
    settings = book.settings

    def money(minor: int) -> str:
        return format_money(minor, settings.currency, settings.minor_digits)

    report = quarter_report(book, quarter, now.date())
    sections = [[quarter_title(report), *_summary_lines(report, money)], _week_lines(report, money)]
    this_week = _this_week_lines(report)
    if this_week:
        sections.append(this_week)
        pulse = momentum(book, now.date())
        streak = "1 day" if pulse.streak == 1 else f"{pulse.streak} days"
        sections.append(
            ["Momentum", f"  {pulse.done}/{pulse.minimum} touches today · streak {streak}"]
        )
    return "\n\n".join("\n".join(lines) for lines in sections)
