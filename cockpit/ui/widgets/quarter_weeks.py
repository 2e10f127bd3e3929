"""The quarter's week-by-week table: revenue target and won, cumulative, activity done/target.

Laid out by hand (not a DataTable: fourteen rows, nothing to select) so the columns can
tighten to fit the width: short headers first, then narrower gaps, then no dates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from cockpit.domain.quarter import Count, QuarterReport, cumulative_series

__all__ = ["WeekTable", "natural_width", "week_legend", "week_span", "week_table"]

CURRENT = "bold"
FUTURE = "dim"
MET = "green"
SHORT_NOW = "yellow"
MISSED = "red"
HEADER = "bold"
GROUP = "dim"

# Activity columns: (kind, header, short header).
KIND_HEADERS = (
    ("call", "calls", "call"),
    ("email", "emails", "mail"),
    ("meeting", "meetings", "mtg"),
    ("demo", "demos", "demo"),
    ("proposal", "proposals", "prop"),
    ("deal", "deals", "deal"),
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def week_span(start: date, end: date) -> str:
    """ "Nov 23-29", "Nov 30-Dec 6", "Dec 31" (month names not from the locale)."""
    first = f"{_MONTHS[start.month - 1]} {start.day}"
    if end == start:
        return first
    if end.month == start.month:
        return f"{first}-{end.day}"
    return f"{first}-{_MONTHS[end.month - 1]} {end.day}"


@dataclass
class _Column:
    header: str
    short: str
    right: bool = True
    group: str = ""
    cells: list[tuple[str, str]] = field(default_factory=list)  # (text, style) per week

    def width(self, short: bool) -> int:
        header = self.short if short else self.header
        return max(len(header), *(len(text) for text, _ in self.cells))


def _activity_cell(count: Count, state: str) -> tuple[str, str]:
    if state == "future":
        return ("" if count.target is None else str(count.target)), FUTURE
    if count.target is None:
        return str(count.done), ""
    text = f"{count.done}/{count.target}"
    if count.done >= count.target:
        return text, MET
    return text, SHORT_NOW if state == "current" else MISSED


def _columns(report: QuarterReport, money: Callable[[int], str]) -> list[_Column]:
    series = cumulative_series(report)
    mark = _Column("", "", right=False)
    week_col = _Column("week", "week", right=False)
    dates = _Column("dates", "dates", right=False)
    target = _Column("target", "target", group="weekly")
    won = _Column("won", "won")
    cum_target = _Column("target", "target", group="cumulative")
    cum_won = _Column("won", "won")
    kinds = [_Column(header, short) for _, header, short in KIND_HEADERS]
    targets = any(c.target is not None for w in report.weeks for c in w.activities.values())
    kinds[0].group = "activity done/target" if targets else "activity done"
    current = report.current_week
    for index, (week, (_, plan_to, won_to)) in enumerate(zip(report.weeks, series, strict=True)):
        if current is not None:
            state = "current" if index == current else "past" if index < current else "future"
        else:
            state = "past" if report.today > report.quarter.end else "future"
        row = CURRENT if state == "current" else FUTURE if state == "future" else ""
        mark.cells.append(("▶" if state == "current" else "", CURRENT))
        week_col.cells.append((week.week[5:], row))
        dates.cells.append((week_span(week.start, week.end), row))
        weekly = week.revenue_target
        target.cells.append(("-" if weekly is None else money(weekly), row))
        cum_target.cells.append(("-" if plan_to is None else money(plan_to), row))
        if state == "future":
            won.cells.append(("", row))
            cum_won.cells.append(("", row))
        else:
            won.cells.append((money(week.revenue_won), row if week.revenue_won else FUTURE))
            behind = plan_to is not None and won_to < plan_to and state == "past"
            cum_won.cells.append((money(won_to), MISSED if behind else row))
        for column, (kind, _, _) in zip(kinds, KIND_HEADERS, strict=True):
            column.cells.append(_activity_cell(week.activities[kind], state))
    if report.quota is None:  # no revenue targets: won in the week and to date
        cum_won.header = cum_won.short = "to date"
        return [mark, week_col, dates, won, cum_won, *kinds]
    return [mark, week_col, dates, target, won, cum_target, cum_won, *kinds]


def _fits(columns: list[_Column], short: bool, gap: int) -> int:
    return sum(c.width(short) for c in columns) + gap * (len(columns) - 1)


def _layout(columns: list[_Column], width: int) -> tuple[list[_Column], bool, int]:
    """The columns, header form and gap that fit `width` (the narrowest when none fits)."""
    without_dates = [c for c in columns if c.header != "dates"]
    for chosen, short, gap in (
        (columns, False, 2),
        (columns, True, 2),
        (columns, True, 1),
        (without_dates, True, 1),
    ):
        if _fits(chosen, short, gap) <= width:
            return chosen, short, gap
    return without_dates, True, 1


def natural_width(report: QuarterReport, money: Callable[[int], str]) -> int:
    """The table's width with full headers and roomy gaps."""
    return _fits(_columns(report, money), False, 2)


def week_legend(report: QuarterReport) -> str:
    """The table's legend: the marks it uses."""
    marks = ["▶ this week"] if report.current_week is not None else []
    if report.has_plan:
        marks += ["green met", "red missed"]
    return " · ".join(marks)


def week_table(report: QuarterReport, money: Callable[[int], str], width: int) -> list[Text]:
    """The table's lines for `width`: a group line, the headers, one line per week."""
    columns, short, gap = _layout(_columns(report, money), width)
    widths = [c.width(short) for c in columns]
    starts = []
    position = 0
    for column_width in widths:
        starts.append(position)
        position += column_width + gap

    groups = Text()
    for column, start in zip(columns, starts, strict=True):
        # A group label goes over its first column, if the one before has left room.
        if column.group and (start >= len(groups) + 1 or not groups):
            groups.append(" " * (start - len(groups)))
            groups.append(column.group, style=GROUP)
    header = Text()
    for i, (column, column_width) in enumerate(zip(columns, widths, strict=True)):
        title = column.short if short else column.header
        header.append((" " * gap if i else "") + _pad(title, column_width, column.right))
    header.stylize(HEADER)
    lines = [groups, header]
    for row in range(len(report.weeks)):
        line = Text()
        for i, (column, column_width) in enumerate(zip(columns, widths, strict=True)):
            text, style = column.cells[row]
            if i:
                line.append(" " * gap)
            line.append(_pad(text, column_width, column.right), style=style)
        lines.append(line)
    return lines


def _pad(text: str, width: int, right: bool) -> str:
    return text.rjust(width) if right else text.ljust(width)


class WeekTable(Widget):
    """The week-by-week table drawn for the widget's width; the current week marked ▶."""

    DEFAULT_CSS = """
    WeekTable { height: auto; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report: QuarterReport | None = None
        self.money: Callable[[int], str] = str

    def show(self, report: QuarterReport, money: Callable[[int], str]) -> None:
        """Show `report`'s weeks; `money` formats amounts (compact)."""
        self.report, self.money = report, money
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        if self.report is None:
            return [Text("loading…", style="dim")]
        return week_table(self.report, self.money, width)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # As wide as the roomiest layout (with `width: auto`; else it fits the room it has).
        return 10 if self.report is None else natural_width(self.report, self.money)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.size.width))
