"""The quarter screen's figures: the headline numbers and the activity targets against done.

Pure line builders (testable without an app) and two small widgets that draw them for
their width; the screen sets the report.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from cockpit.domain.quarter import Count, QuarterReport

__all__ = [
    "AHEAD",
    "BEHIND",
    "SHORT",
    "Figures",
    "FiguresLines",
    "Money",
    "QuarterFigures",
    "WeekTargets",
    "headline_lines",
    "plan_hint",
    "target_lines",
    "targets_title",
]

AHEAD = "bold green"
BEHIND = "bold red"
SHORT = "bold yellow"
LABEL = "dim"

Money = Callable[[int], str]

# How a kind reads in a sentence ("calls 18/50").
PLURALS = {
    "call": "calls",
    "email": "emails",
    "meeting": "meetings",
    "demo": "demos",
    "proposal": "proposals",
    "deal": "new deals",
}


@dataclass(frozen=True, slots=True)
class Figures:
    """What the figures widgets show: the report, how money reads, and the week's pace."""

    report: QuarterReport
    money: Money  # full amounts: "$397,000"
    current_quarter: str  # the quarter holding today, for the hint's wording
    days_left: int | None  # working days left this week, today included
    elapsed_days: int  # working days of this week already past (0 outside the quarter)


def plan_hint(report: QuarterReport, current_quarter: str) -> str:
    """The quick-log line that sets a plan for the report's quarter."""
    name = report.quarter.name
    which = "" if name == current_quarter else f" {name}"
    if report.has_plan:
        return f"plan{which} quota:300k"
    return f"plan{which} quota:300k calls:50/w daily:20"


def _bar(fraction: float, width: int) -> Text:
    filled = max(0, min(width, round(fraction * width)))
    bar = Text("█" * filled, style="green" if fraction >= 1 else "cyan")
    bar.append("░" * (width - filled), style="dim")
    return bar


def _pairs(pairs: list[tuple[str, str, str]], width: int) -> list[Text]:
    """(label, value, style) pairs in two aligned columns when they fit, else one."""
    label_width = max(len(label) for label, _, _ in pairs)
    value_width = max(len(value) for _, value, _ in pairs)
    cell = label_width + 1 + value_width
    per_line = 2 if 2 * cell + 4 <= width else 1
    lines = []
    for start in range(0, len(pairs), per_line):
        line = Text()
        for i, (label, value, style) in enumerate(pairs[start : start + per_line]):
            if i:
                line.append("    ")
            line.append(label.ljust(label_width + 1), style=LABEL)
            line.append(value.ljust(value_width) if i + 1 < per_line else value, style=style)
        lines.append(line)
    return lines


def _pace(report: QuarterReport, money: Money) -> Text | None:
    """Ahead or behind, by how much, against what; worded for the quarter's time."""
    if report.ahead_by is None or report.expected_to_date is None or report.quota is None:
        return None
    if report.today < report.quarter.start:
        return Text(f"starts {report.quarter.start:%a %-d %b}: nothing expected yet", style=LABEL)
    ahead = report.ahead_by >= 0
    amount = money(abs(report.ahead_by))
    if report.today > report.quarter.end:
        words = f"▲ beat the quota by {amount}" if ahead else f"▼ missed the quota by {amount}"
        return Text(words, style=AHEAD if ahead else BEHIND)
    line = Text(f"▲ ahead by {amount}" if ahead else f"▼ behind by {amount}")
    line.stylize(AHEAD if ahead else BEHIND)
    line.append(f"  expected to date {money(report.expected_to_date)}", style=LABEL)
    return line


def headline_lines(figures: Figures, width: int) -> list[Text]:
    """Won against quota with its bar, ahead/behind, the forecast, coverage and projection."""
    report, money = figures.report, figures.money
    lines: list[Text] = []
    head = Text("won ", style=LABEL)
    head.append(money(report.won), style="bold")
    if report.quota is not None and report.attainment is not None:
        head.append(" of ", style=LABEL)
        head.append(money(report.quota), style="bold")
        head.append(" quota  ", style=LABEL)
        head.append(f"{report.attainment:.0%}", style="bold")
        lines.append(head)
        lines.append(_bar(report.attainment, max(width, 4)))
    else:
        head.append(f" in {report.quarter.name}", style=LABEL)
        lines.append(head)
    pace = _pace(report, money)
    if pace is not None:
        lines.append(pace)
    pairs = [
        ("commit", money(report.commit), "bold"),
        ("best case", money(report.best_case), ""),
        ("weighted", money(report.weighted_pipeline), ""),
        ("projection", money(report.projection), ""),
    ]
    if report.coverage is not None:
        pairs.append(("coverage", f"{report.coverage:.2f}×", ""))
    elif report.quota is not None:
        pairs.append(("coverage", "quota met", "green"))
    pairs.append(("open", money(report.pipeline), ""))
    pairs.append(("closed", f"{report.won_count} won · {report.lost_count} lost", ""))
    if report.won_before:
        pairs.append(("before", f"{money(report.won_before)} won", ""))
    lines += _pairs(pairs, width)
    if report.dated_ahead:
        deals = "deal is" if report.dated_ahead == 1 else "deals are"
        lines.append(Text(f"! {report.dated_ahead} won/lost {deals} dated after today", SHORT))
    if report.quota is None:
        lines += _no_quota(report, figures.current_quarter)
    return lines


def _no_quota(report: QuarterReport, current_quarter: str) -> list[Text]:
    """Why the plan figures are missing, and the line that sets them (not for the past)."""
    name = report.quarter.name
    what = "No plan" if not report.has_plan else "No quota"
    if report.today > report.quarter.end:
        return [Text(f"{what} was set for {name}: actuals only.", style=LABEL)]
    return [
        Text(f"{what} for {name} yet.", style=SHORT),
        Text("Esc, then type in the log bar:", style=LABEL),
        Text("  " + plan_hint(report, current_quarter), style="bold"),
    ]


def _note(count: Count, days_left: int | None) -> tuple[str, str]:
    """What is left of a target this week ("— 29 to go, 10/day"), and its style."""
    if count.target is None:
        return "", ""
    if count.done >= count.target:
        return "✓", "green"
    to_go = count.target - count.done
    note = f"— {to_go} to go"
    if days_left:
        note += f", {math.ceil(to_go / days_left)}/day"
    return note, SHORT


def _quarter_counts(report: QuarterReport) -> dict[str, Count]:
    """Each kind's targets and done summed over the quarter's weeks."""
    totals: dict[str, Count] = {}
    for week in report.weeks:
        for kind, count in week.activities.items():
            before = totals.get(kind, Count(None, 0))
            target = (
                None
                if count.target is None and before.target is None
                else (before.target or 0) + (count.target or 0)
            )
            totals[kind] = Count(target, before.done + count.done)
    return totals


def targets_title(report: QuarterReport, days_left: int | None) -> str:
    """The targets box's title: this week and the days left in it, or the quarter."""
    if report.current_week is not None:
        week = report.weeks[report.current_week]
        left = "" if days_left is None else f" · {days_left} day{'s' * (days_left != 1)} left"
        return f"This week {week.week[5:]}{left}"
    if report.today < report.quarter.start:
        return "Activity targets"
    return "Done in the quarter"


def _rows(figures: Figures) -> list[tuple[str, str, str, str]]:
    """(kind, figure, note, note style) per kind, for the quarter's time."""
    report = figures.report
    rows = []
    if report.current_week is not None:
        for kind, count in report.weeks[report.current_week].activities.items():
            shown = str(count.done) if count.target is None else f"{count.done}/{count.target}"
            rows.append((PLURALS[kind], shown, *_note(count, figures.days_left)))
    elif report.today > report.quarter.end:
        for kind, count in _quarter_counts(report).items():
            shown = str(count.done) if count.target is None else f"{count.done}/{count.target}"
            if count.target is None:
                note, style = "", ""
            elif count.done >= count.target:
                note, style = "✓", "green"
            else:
                note, style = f"{count.target - count.done} short", "red"
            rows.append((PLURALS[kind], shown, note, style))
    else:
        for kind, count in _quarter_counts(report).items():
            if count.target is not None:
                rows.append((PLURALS[kind], str(count.target), "over the quarter", LABEL))
    return rows


def target_lines(figures: Figures) -> list[Text]:
    """This week's activity targets against done, the short ones highlighted; a past
    quarter's totals; a quarter to come's targets. Without targets, how to set them."""
    report = figures.report
    rows = _rows(figures)
    lines = []
    if rows:
        width = max(len(name) for name, _, _, _ in rows)
        figure_width = max(len(shown) for _, shown, _, _ in rows)
    for name, shown, note, style in rows:
        short = style == SHORT
        line = Text(name.ljust(width) + " ", style=SHORT if short else "")
        line.append(shown.rjust(figure_width), style="bold" if short else "")
        if note:
            line.append(" " + note, style=style)
        lines.append(line)
    no_targets = all(count.target is None for count in report.weeks[0].activities.values())
    if no_targets and report.today <= report.quarter.end:
        lines.append(Text("No weekly activity targets yet.", style=LABEL))
        if report.has_plan:  # without a plan, the headline's hint sets them too
            name = report.quarter.name
            which = "" if name == figures.current_quarter else f" {name}"
            lines.append(Text(f"  plan{which} calls:50/w emails:100/w", style="bold"))
    return lines


class FiguresLines(Widget):
    """Draws lines computed for the widget's width; as tall as they are."""

    DEFAULT_CSS = """
    FiguresLines { height: auto; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures: Figures | None = None

    def show(self, figures: Figures) -> None:
        """Show `figures`."""
        self.figures = figures
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Text]:
        """The lines to draw at `width` (subclasses)."""
        raise NotImplementedError

    def _lines(self, width: int) -> list[Text]:
        if self.figures is None:
            return [Text("loading…", style=LABEL)]
        return self.lines(width)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((line.cell_len for line in self._lines(container.width)), default=1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Count the lines as drawn: a line too long for the width wraps.
        text = Text("\n").join(self._lines(width))
        return len(text.wrap(self.app.console, max(width, 1)))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.size.width))


class QuarterFigures(FiguresLines):
    """Won against quota, ahead/behind, commit / best case / weighted, coverage."""

    def lines(self, width: int) -> list[Text]:
        assert self.figures is not None
        return headline_lines(self.figures, width)


class WeekTargets(FiguresLines):
    """This week's activity targets against done ("calls 18/50 — 32 to go")."""

    DEFAULT_CSS = """
    WeekTargets { width: auto; }
    """

    def lines(self, width: int) -> list[Text]:
        assert self.figures is not None
        return target_lines(self.figures)
