"""The Quarter pane: will you make your number? Won against quota, pace, forecast, targets."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from cockpit.domain.quarter import QuarterReport
from cockpit.ui.data.board import Board

__all__ = ["QuarterPanel", "quarter_lines"]

AHEAD = "bold green"
BEHIND = "bold red"


def _bar(fraction: float, width: int) -> Text:
    filled = max(0, min(width, round(fraction * width)))
    bar = Text("█" * filled, style="green" if fraction >= 1 else "cyan")
    bar.append("░" * (width - filled), style="dim")
    return bar


def _pairs(pairs: list[tuple[str, str]], width: int) -> list[Text]:
    """Label/value pairs, as many to a line as fit."""
    cell = max(len(label) + len(value) + 3 for label, value in pairs)
    per_line = max(1, (width + 2) // (cell + 2))
    lines = []
    for start in range(0, len(pairs), per_line):
        line = Text()
        for i, (label, value) in enumerate(pairs[start : start + per_line]):
            if i:
                line.append("  ")
            line.append(label, style="dim")
            line.append(" " + value.rjust(cell - len(label) - 1))
        lines.append(line)
    return lines


def _week_targets(report: QuarterReport, width: int) -> list[Text]:
    if report.current_week is None:
        return []
    week = report.weeks[report.current_week]
    pairs = [
        (f"{kind}s", f"{count.done}/{count.target}")
        for kind, count in week.activities.items()
        if count.target is not None
    ]
    if not pairs:
        return []
    return [Text(f"this week ({week.week})", style="bold"), *_pairs(pairs, width)]


def quarter_lines(board: Board, width: int) -> list[Text]:
    """The pane's lines for a given width."""
    report = board.quarter
    money = board.money
    lines: list[Text] = []
    if report.quota is not None and report.attainment is not None:
        head = Text("won ", style="dim")
        head.append(money(report.won), style="bold")
        head.append(f" of {money(report.quota)}", style="dim")
        head.append(f"  {report.attainment:.0%}", style="bold")
        lines.append(head)
        lines.append(_bar(report.attainment, max(width - 1, 4)))
        if report.ahead_by is not None:
            ahead = report.ahead_by >= 0
            words = f"{'▲ ahead' if ahead else '▼ behind'} by {money(abs(report.ahead_by))}"
            lines.append(Text(words, style=AHEAD if ahead else BEHIND))
    else:
        head = Text("won ", style="dim")
        head.append(money(report.won), style="bold")
        head.append(" this quarter", style="dim")
        lines.append(head)
        lines.append(Text("no plan yet, type:", style="yellow"))
        lines.append(Text("  plan quota:300k", style="bold yellow"))
    pairs = []
    if report.expected_to_date is not None:
        pairs.append(("pace", money(report.expected_to_date)))
    pairs += [
        ("commit", money(report.commit)),
        ("best case", money(report.best_case)),
        ("weighted", money(report.weighted_pipeline)),
    ]
    if report.coverage is not None:
        pairs.append(("coverage", f"{report.coverage:.1f}×"))
    elif report.quota is None:
        pairs.append(("pipeline", money(report.pipeline)))
    else:
        pairs.append(("coverage", "quota met"))
    lines += _pairs(pairs, width)
    lines += _week_targets(report, width)
    return lines


class QuarterPanel(VerticalScroll, can_focus=True):
    """The board's quarter report laid out for the pane's width; scrolls when short."""

    DEFAULT_CSS = """
    QuarterPanel {
        height: 1fr;
        scrollbar-size-vertical: 1;
        & > Static { width: 1fr; }
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.board: Board | None = None
        self._shown_lines = -1

    def compose(self) -> ComposeResult:
        yield Static(Text("loading…", style="dim"))

    def show(self, board: Board) -> None:
        """Show the quarter of `board`."""
        self.board = board
        self._layout()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        if self.board is None:
            return
        # One blank column right of the text: the pane's border or the scrollbar is next.
        width = max(self.scrollable_content_region.width - 1, 10)
        lines = quarter_lines(self.board, width)
        # A relayout of the whole screen costs more than the pane: only when it grows/shrinks.
        grew = len(lines) != self._shown_lines
        self._shown_lines = len(lines)
        self.query_one(Static).update(Text("\n").join(lines), layout=grew)
