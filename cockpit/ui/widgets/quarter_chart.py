"""The quarter's burn-up chart: cumulative won against the plan line, week by week.

Drawn in braille (2x4 dots a cell) with Rich styles, so it needs no plotting library and
reads in any terminal that shows Unicode. x is the quarter's weeks, evenly spaced, from
the quarter's start (0) to its end; y is money from 0. The plan line joins the cumulative
weekly targets at each week's end; the won line joins cumulative won at each week's end
up to now, where it ends (its segments green when at or above the plan, red below).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

from cockpit.domain.quarter import QuarterReport, cumulative_series

__all__ = ["ChartData", "QuarterChart", "burnup", "chart_data"]

PLAN = "grey62"
AHEAD = "green"
BEHIND = "red"
NO_PLAN = "cyan"
TODAY = "yellow"
AXIS = "grey42"

# Dot bits of a braille cell by (row from the top, column): U+2800 + the sum of the bits.
_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


@dataclass(frozen=True, slots=True)
class ChartData:
    """What the chart plots: week labels, the plan and won at each week's end, and now."""

    weeks: Sequence[str]  # short labels, "W40"
    plan: Sequence[int] | None  # cumulative target at the end of each week; None: no quota
    won: Sequence[int]  # cumulative won at the end of each week, up to now's week
    today: float | None  # now, in weeks from the quarter's start; None outside the quarter
    current: int | None  # index of the week holding now


def chart_data(report: QuarterReport, week_share: float) -> ChartData:
    """The chart of `report`; `week_share` is how much of the current week has passed."""
    series = cumulative_series(report)
    plan = None if report.quota is None else [target or 0 for _, target, _ in series]
    current = report.current_week
    if current is not None:
        won = [won for _, _, won in series[: current + 1]]
        today: float | None = current + min(max(week_share, 0.0), 1.0)
    elif report.today > report.quarter.end:
        won, today = [won for _, _, won in series], None
    else:
        won, today = [], None  # a quarter still to come: nothing won in it yet
    return ChartData([name[5:] for name, _, _ in series], plan, won, today, current)


class _Canvas:
    """A grid of braille cells in layers; dots are addressed from the bottom-left.

    A cell shows the dots of its topmost layer only: a shared cell coloured by one series
    would make the other look as if it went there.
    """

    def __init__(self, width: int, height: int, layers: int) -> None:
        self.width, self.height = width, height
        self.bits = [[[0] * width for _ in range(height)] for _ in range(layers)]
        self.styles: list[list[list[str]]] = [
            [[""] * width for _ in range(height)] for _ in range(layers)
        ]

    def dot(self, layer: int, x: int, y: int, style: str) -> None:
        column, sub_x = divmod(x, 2)
        row_up, sub_y = divmod(y, 4)
        row = self.height - 1 - row_up
        if 0 <= row < self.height and 0 <= column < self.width:
            self.bits[layer][row][column] |= _BITS[3 - sub_y][sub_x]
            self.styles[layer][row][column] = style

    def line(self, layer: int, start: tuple[int, int], end: tuple[int, int], style: str) -> None:
        """Bresenham's line from `start` to `end` (dots), both included."""
        (x0, y0), (x1, y1) = start, end
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        step_x, step_y = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        error = dx + dy
        while True:
            self.dot(layer, x0, y0, style)
            if x0 == x1 and y0 == y1:
                return
            double = 2 * error
            if double >= dy:
                error += dy
                x0 += step_x
            if double <= dx:
                error += dx
                y0 += step_y

    def cell(self, row: int, column: int) -> tuple[str, str]:
        """The character and style of a cell: its topmost layer's dots, else a blank."""
        for layer in reversed(range(len(self.bits))):
            bits = self.bits[layer][row][column]
            if bits:
                return chr(0x2800 + bits), self.styles[layer][row][column]
        return " ", ""


def _nice_step(top: int, ticks: int) -> int:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` steps to `top`."""
    raw = max(top / max(ticks, 1), 1.0)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return max(int(factor * power), 1)
    return int(10 * power)  # unreachable: factor 10 always qualifies


def _plan_at(plan: Sequence[int], x: float) -> float:
    """The plan line's value at x weeks (linear within a week)."""
    if x <= 0:
        return 0.0
    week = min(int(x), len(plan) - 1)
    before = plan[week - 1] if week > 0 else 0
    return before + (plan[week] - before) * min(x - week, 1.0)


def _won_points(data: ChartData) -> list[tuple[float, int]]:
    """(x in weeks, cumulative won): the quarter's start, each finished week's end, now."""
    if not data.won:
        return []
    points: list[tuple[float, int]] = [(0.0, 0)]
    if data.today is None:
        points += [(float(i + 1), won) for i, won in enumerate(data.won)]
    else:
        points += [(float(i + 1), won) for i, won in enumerate(data.won[:-1])]
        points.append((data.today, data.won[-1]))
    return points


def _legend(data: ChartData, width: int) -> Text:
    legend = Text()
    if data.plan is not None:
        legend.append("━━", style=PLAN)
        legend.append(" plan  ")
        legend.append("━━", style=AHEAD)
        legend.append(" won, ahead  ")
        legend.append("━━", style=BEHIND)
        legend.append(" won, behind")
    else:
        legend.append("━━", style=NO_PLAN)
        legend.append(" won (no quota: no plan line)")
    if data.today is not None:
        legend.append("  ")
        legend.append("┊", style=TODAY)
        legend.append(" now")
    legend.truncate(width, overflow="ellipsis")
    return legend


def burnup(data: ChartData, width: int, height: int, money: Callable[[int], str]) -> Text:
    """The chart in `width` x `height` cells: a legend line, the plot, the week axis."""
    weeks = len(data.weeks)
    top_value = max([*(data.plan or [0]), *data.won, 0])
    plot_height = height - 3  # legend above, axis and week labels below
    if weeks == 0 or plot_height < 2 or width < 20:
        return Text("make the window larger to see the chart", style="dim")

    step = _nice_step(top_value or 1, max(plot_height // 3, 1))
    top = step * max(math.ceil(top_value / step), 1)
    labels = [money(value) for value in range(0, top + 1, step)]
    gutter = max(len(label) for label in labels) + 1
    plot_width = width - gutter - 1
    dots_x, dots_y = 2 * plot_width - 1, 4 * plot_height - 1

    def x_of(weeks_in: float) -> int:
        return round(weeks_in / weeks * dots_x)

    def y_of(value: float) -> int:
        return round(value / top * dots_y)

    canvas = _Canvas(plot_width, plot_height, layers=2)  # the plan under won
    if data.plan is not None:
        points = [(0.0, 0), *((float(i + 1), v) for i, v in enumerate(data.plan))]
        for (xa, va), (xb, vb) in zip(points, points[1:], strict=False):
            canvas.line(0, (x_of(xa), y_of(va)), (x_of(xb), y_of(vb)), PLAN)
    won = _won_points(data)
    for (xa, va), (xb, vb) in zip(won, won[1:], strict=False):
        if data.plan is None:
            style = NO_PLAN
        else:
            style = AHEAD if vb >= _plan_at(data.plan, xb) else BEHIND
        canvas.line(1, (x_of(xa), y_of(va)), (x_of(xb), y_of(vb)), style)

    # Which plot row each y label sits on (a label per row at most, the top one wins).
    row_labels: dict[int, str] = {}
    for value, label in zip(range(0, top + 1, step), labels, strict=True):
        row_labels[plot_height - 1 - y_of(value) // 4] = label
    today_column = x_of(data.today) // 2 if data.today is not None else None

    lines = [_legend(data, width)]
    for row in range(plot_height):
        line = Text(row_labels.get(row, "").rjust(gutter - 1) + " ", style=AXIS)
        line.append("┤" if row in row_labels else "│", style=AXIS)
        for column in range(plot_width):
            char, style = canvas.cell(row, column)
            if char == " " and column == today_column:
                line.append("┊", style=TODAY)
            else:
                line.append(char, style=style)
        lines.append(line)
    lines += _week_axis(data, gutter, plot_width, x_of)
    return Text("\n").join(lines)


def _week_axis(
    data: ChartData, gutter: int, plot_width: int, x_of: Callable[[float], int]
) -> list[Text]:
    """The x axis with a tick at each week's start, and the week labels under it."""
    ticks = {x_of(i) // 2 for i in range(len(data.weeks))}
    axis = Text(" " * gutter + "└", style=AXIS)
    axis.append("".join("┴" if c in ticks and c else "─" for c in range(plot_width)), style=AXIS)
    labels = Text(" " * (gutter + 1))
    used = 0  # plot columns already written
    for index, name in enumerate(data.weeks):
        middle = (x_of(index) + x_of(index + 1)) // 4
        start = max(middle - len(name) // 2, 0)
        if start < used + (1 if used else 0) or start + len(name) > plot_width:
            continue  # no room: the neighbours' labels tell which week this is
        labels.append(" " * (start - used))
        labels.append(name, style=f"bold {TODAY}" if index == data.current else AXIS)
        used = start + len(name)
    return [axis, labels]


class QuarterChart(Widget):
    """The burn-up chart, drawn for the widget's size; the screen sets the data."""

    DEFAULT_CSS = """
    QuarterChart { height: 1fr; min-height: 8; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: ChartData | None = None
        self.money: Callable[[int], str] = str

    def show(self, data: ChartData, money: Callable[[int], str]) -> None:
        """Plot `data`; `money` labels the y axis."""
        self.data, self.money = data, money
        self.refresh()

    def render(self) -> Text:
        if self.data is None:
            return Text("loading…", style="dim")
        return burnup(self.data, self.size.width, self.size.height, self.money)
