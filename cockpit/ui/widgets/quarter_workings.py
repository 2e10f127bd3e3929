"""How the quarter's numbers add up, written out with the amounts, so a rep can check them.

"expected to date $195,000 = $185,000 for W40-W47 + $25,000 × 2/5 days of W48": each
headline figure with the sum that makes it, from the same report the headline shows.
"""

from __future__ import annotations

from rich.text import Text

from cockpit.domain.quarter import QuarterReport
from cockpit.ui.widgets.quarter_figures import Figures, FiguresLines, Money

__all__ = ["Workings", "workings_lines"]

LABEL = "dim"


def _expected_how(figures: Figures) -> str:
    """The sum behind expected to date, for the quarter's time."""
    report, money = figures.report, figures.money
    quarter = report.quarter
    if report.today < quarter.start:
        return f"nothing before {quarter.start:%b %-d}"
    if report.current_week is None:
        return "the quarter is over: the whole quota"
    current = report.weeks[report.current_week]
    done = report.weeks[: report.current_week]
    parts = []
    if done:
        before = sum(week.revenue_target or 0 for week in done)
        span = done[0].week[5:] if len(done) == 1 else f"{done[0].week[5:]}-{done[-1].week[5:]}"
        parts.append(f"{money(before)} for {span}")
    target = money(current.revenue_target or 0)
    if current.working_days:
        days = f"{figures.elapsed_days}/{current.working_days} days"
        parts.append(f"{target} × {days} of {current.week[5:]}")
    else:
        parts.append(f"{target} of {current.week[5:]} (no working days in it)")
    return " + ".join(parts)


def _rows(figures: Figures) -> list[tuple[str, str, str]]:
    """(label, figure, how it is made) for each headline figure."""
    report, money = figures.report, figures.money
    won = money(report.won)
    rows: list[tuple[str, str, str]] = []
    if report.expected_to_date is not None and report.ahead_by is not None:
        expected = money(report.expected_to_date)
        rows.append(("expected to date", expected, _expected_how(figures)))
        label = "ahead by" if report.ahead_by >= 0 else "behind by"
        rows.append((label, money(abs(report.ahead_by)), f"won {won} - expected {expected}"))
    commit = money(report.commit)
    open_commit = money(report.commit - report.won)
    open_best = money(report.best_case - report.commit)
    weighted = money(report.weighted_pipeline)
    rows += [
        ("commit", commit, f"won {won} + open deals in commit {open_commit}"),
        ("best case", money(report.best_case), f"commit {commit} + open in best case {open_best}"),
        (
            "weighted",
            weighted,
            f"open deals closing by {report.quarter.end:%b %-d}, each × its probability",
        ),
        ("projection", money(report.projection), f"won {won} + weighted {weighted}"),
    ]
    rows += _coverage_rows(report, money)
    return rows


def _coverage_rows(report: QuarterReport, money: Money) -> list[tuple[str, str, str]]:
    if report.remaining is None:
        return []
    pipeline = money(report.pipeline)
    if report.coverage is None:
        return [("coverage", "quota met", f"nothing left to win (open {pipeline})")]
    to_go = money(report.remaining)
    return [("coverage", f"{report.coverage:.2f}×", f"open {pipeline} / {to_go} still to win")]


def workings_lines(figures: Figures) -> list[Text]:
    """One line per headline figure: label, figure, "=" and the sum that makes it."""
    rows = _rows(figures)
    label_width = max(len(label) for label, _, _ in rows)
    figure_width = max(len(figure) for _, figure, _ in rows)
    lines = []
    for label, figure, how in rows:
        line = Text(label.ljust(label_width) + " ", style=LABEL)
        line.append(figure.rjust(figure_width))
        line.append(" = ", style=LABEL)
        line.append(how)
        lines.append(line)
    return lines


class Workings(FiguresLines):
    """The sums behind the headline figures."""

    def lines(self, width: int) -> list[Text]:
        assert self.figures is not None
        return workings_lines(self.figures)
