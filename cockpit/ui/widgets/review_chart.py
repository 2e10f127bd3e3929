"""The review's small charts: touches per day as bars, and the 8-week trend as sparklines."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from cockpit.domain.review import DayTouches, TrendPoint
from cockpit.services.review import touch_bar

__all__ = ["TouchChart", "TrendChart"]


class TouchChart(Static):
    """Touches per day against the minimum: one bar per working day (and any day with
    touches); the screen sets `days`."""

    DEFAULT_CSS = """
    TouchChart { height: auto; padding: 0 1; }
    """

    def show_days(self, days: Sequence[DayTouches]) -> None:
        """Draw the bars for `days`."""
        text = Text()
        for day in days:
            if not (day.working or day.touches):
                continue
            if text:
                text.append("\n")
            style = "dim" if day.future or not day.working else ("green" if day.met else "yellow")
            text.append(touch_bar(day), style=style)
        self.update(text if text else Text("no working day this week", style="dim"))


class TrendChart(Vertical):
    """Touches and won value per week, for the last 8 weeks, as two sparklines."""

    DEFAULT_CSS = """
    TrendChart { height: auto; padding: 0 1; }
    TrendChart .trend-label { height: 1; color: $text-muted; }
    TrendChart Sparkline { height: 1; margin-bottom: 0; }
    """

    def compose(self) -> ComposeResult:
        yield Static("touches", id="trend-touches-label", classes="trend-label")
        yield Sparkline([], id="trend-touches")
        yield Static("won", id="trend-won-label", classes="trend-label")
        yield Sparkline([], id="trend-won")

    def show_trend(self, points: Sequence[TrendPoint], money: Callable[[int], str]) -> None:
        """Draw the weeks, oldest first; `money` formats the won values."""
        touches = [p.touches for p in points]
        won = [p.won for p in points]
        self.query_one("#trend-touches", Sparkline).data = [float(v) for v in touches]
        self.query_one("#trend-won", Sparkline).data = [float(v) for v in won]
        self.query_one("#trend-touches-label", Static).update(
            f"touches {touches[-1] if touches else 0} (best {max(touches, default=0)})"
        )
        self.query_one("#trend-won-label", Static).update(
            f"won {money(won[-1] if won else 0)} (best {money(max(won, default=0))})"
        )
