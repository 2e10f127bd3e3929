"""The quarter screen (`Q`) with the Pilot: the numbers, the weeks, other quarters, no plan.

Hand-built book (the figures of tests/services/test_quarter_view.py, worked out by hand):
quota $66,000 over Q4 2026's 66 working days is $1,000 a day, $5,000 a full week and
$2,000 for W40 (Thu 1 - Sun 4 Oct). On Wed 25 Nov (week 9 of 14, W48) two of W48's five
working days have passed: expected to date = $2,000 + 7 x $5,000 + 2/5 x $5,000 = $39,000.
Won $10,000.50 (W42), so behind by $28,999.50. Commit = won + the $8,000 negotiation deal
marked commit = $18,000.50; weighted = $8,000 x 75 % = $6,000.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App
from textual.pilot import Pilot
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from cockpit.demo import write_demo
from cockpit.domain.money import format_money
from cockpit.domain.quarter import quarter_report
from cockpit.services.archive import archive_book
from cockpit.services.archive.view import book_with_archives
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from cockpit.ui.screens.quarter import QuarterScreen
from cockpit.ui.widgets.quarter_chart import (
    AHEAD,
    BEHIND,
    NO_PLAN,
    PLAN,
    ChartData,
    burnup,
    chart_data,
)
from cockpit.ui.widgets.quarter_weeks import natural_width, week_table
from tests.domain.quarter_factory import QuarterBook
from tests.services.sessions import session_on
from tests.ui.helpers import NOW, lines_of
from tests.ui.workers import wait_for_workers

WED = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)  # Wednesday of 2026-W48, week 9 of 14


def hand_book(plan: bool = True) -> QuarterBook:
    qb = QuarterBook()
    if plan:
        qb.plan(quota=6_600_000, weekly_targets={"call": 50, "meeting": 8})
    qb.won(1_000_050, date(2026, 10, 15))  # $10,000.50 in W42
    qb.deal(800_000, "negotiation", close=date(2026, 12, 15), forecast_category="commit")
    qb.deal(1_200_000, "proposal", close=date(2027, 2, 1))  # next quarter: not counted
    qb.activity("call", date(2026, 11, 23))
    qb.activity("call", WED.date())
    return qb


class Host(App[None]):
    """A tiny app that opens the quarter screen; `revision` stands in for the cockpit app's."""

    revision: reactive[int] = reactive(0)

    def __init__(self, session: Session, quarter: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.quarter = quarter

    def on_mount(self) -> None:
        self.push_screen(QuarterScreen(self.session, self.quarter))


async def settle(pilot: Pilot[Any]) -> None:
    """Let the screen's worker finish and its message land."""
    for _ in range(2):
        await pilot.pause()
        await wait_for_workers(pilot)
    await pilot.pause()


def shown(app: App[Any], selector: str) -> list[str]:
    """What a widget of the quarter screen shows, line by line."""
    return lines_of(app.screen.query_one(selector, Widget))


def title(app: App[Any]) -> str:
    return lines_of(app.screen.query_one("#quarter-title", Static))[0].split("  ")[0].strip()


def box_title(app: App[Any], selector: str) -> str:
    return str(app.screen.query_one(selector, Widget).border_title)


# -- a hand-computed quarter ---------------------------------------------------------------


async def test_the_headline_numbers_agree_with_a_hand_calculation() -> None:
    app = Host(session_on(hand_book().book, WED))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert title(app) == "2026-Q4 · week 9 of 14 · 2026-10-01..2026-12-31"
        figures = shown(app, "#quarter-figures")
        assert figures[0] == "won $10,000.50 of $66,000 quota  15%"
        bar = figures[1]
        assert bar == "█" * round(len(bar) * 0.1515) + "░" * (len(bar) - round(len(bar) * 0.1515))
        assert figures[2] == "▼ behind by $28,999.50  expected to date $39,000"
        text = "\n".join(figures)
        assert "commit     $18,000.50" in text
        assert "weighted   $6,000" in text
        assert "projection $16,000.50" in text
        # $8,000 open for $66,000 - $10,000.50 = $55,999.50 to go: 0.14x
        assert "coverage   0.14×" in text
        workings = shown(app, "#quarter-workings")
        assert workings[0] == (
            "expected to date    $39,000 = $37,000 for W40-W47 + $5,000 × 2/5 days of W48"
        )
        assert workings[1] == "behind by        $28,999.50 = won $10,000.50 - expected $39,000"


async def test_this_weeks_targets_say_what_is_short_and_how_much_a_day() -> None:
    app = Host(session_on(hand_book().book, WED))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Wednesday morning: Wed, Thu and Fri are left to make up the rest.
        assert box_title(app, "#targets-box") == "This week W48 · 3 days left"
        targets = shown(app, "#week-targets")
        assert targets[0] == "calls     2/50 — 48 to go, 16/day"
        assert targets[1] == "emails       0"  # no target: just what was done
        assert targets[2] == "meetings   0/8 — 8 to go, 3/day"


async def test_the_week_table_marks_this_week_and_runs_the_totals() -> None:
    app = Host(session_on(hand_book().book, WED))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = shown(app, "#week-table")
        assert table[1].split() == [
            "week", "dates", "target", "won", "target", "won",
            "calls", "emails", "meetings", "demos", "proposals", "deals",
        ]  # fmt: skip
        rows = {line.split()[1] if line.startswith("▶") else line.split()[0]: line
                for line in table[2:]}  # fmt: skip
        assert len(rows) == 14
        assert [line for line in table if line.startswith("▶")] == [rows["W48"]]
        assert rows["W40"].split()[:6] == ["W40", "Oct", "1-4", "$2k", "$0", "$2k"]
        assert rows["W42"].split()[:7] == ["W42", "Oct", "12-18", "$5k", "$10k", "$12k", "$10k"]
        assert rows["W48"].split()[:9] == [
            "▶", "W48", "Nov", "23-29", "$5k", "$0", "$42k", "$10k", "2/50",
        ]  # fmt: skip
        # A week still to come shows its targets, nothing won yet.
        assert rows["W49"].split() == ["W49", "Nov", "30-Dec", "6", "$5k", "$47k", "50", "8"]


async def test_the_screen_follows_the_book() -> None:
    session = session_on(hand_book().book, WED)
    app = Host(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        session.execute("won #2")  # the $8,000 commit deal
        app.revision += 1
        await settle(pilot)
        assert shown(app, "#quarter-figures")[0] == "won $18,000.50 of $66,000 quota  27%"


# -- other quarters --------------------------------------------------------------------------


async def test_brackets_open_earlier_and_later_quarters_and_t_comes_back() -> None:
    app = Host(session_on(hand_book().book, WED))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert title(app) == "2026-Q3 · ended 2026-09-30 · 2026-07-01..2026-09-30"
        assert box_title(app, "#figures-box") == "Did you make your number?"
        assert shown(app, "#quarter-figures")[-1] == "No plan was set for 2026-Q3: actuals only."
        assert "▶" not in "\n".join(shown(app, "#week-table"))
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert title(app) == "2027-Q1 · starts 2027-01-01 · 2027-01-01..2027-03-31"
        figures = "\n".join(shown(app, "#quarter-figures"))
        # The $12,000 proposal closing in February, at 50 %.
        assert "weighted   $6,000" in figures and "open       $12,000" in figures
        assert "plan 2027-Q1 quota:300k calls:50/w daily:20" in figures
        await pilot.press("t")
        await settle(pilot)
        assert title(app) == "2026-Q4 · week 9 of 14 · 2026-10-01..2026-12-31"


async def test_a_quarter_that_cannot_exist_is_refused_with_the_reason() -> None:
    app = Host(session_on(hand_book().book, WED), "2026-Q5")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert title(app).startswith("Quarter: expected a quarter like 2026-Q4")


# -- without a plan ----------------------------------------------------------------------------


async def test_without_a_plan_actuals_and_the_line_that_sets_one() -> None:
    app = Host(session_on(hand_book(plan=False).book, WED))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        figures = shown(app, "#quarter-figures")
        assert figures[0] == "won $10,000.50 in 2026-Q4"
        assert figures[-3:] == [
            "No plan for 2026-Q4 yet.",
            "Esc, then type in the log bar:",
            "  plan quota:300k calls:50/w daily:20",
        ]
        assert "commit     $18,000.50" in "\n".join(figures)  # the forecast needs no plan
        targets = shown(app, "#week-targets")
        assert targets[0] == "calls     2"
        assert targets[-1] == "No weekly activity targets yet."
        header = shown(app, "#week-table")[1].split()
        assert header[:5] == ["week", "dates", "won", "to", "date"]
        assert "target" not in header
        assert box_title(app, "#chart-box") == "Cumulative won"


# -- the demo book against the domain -----------------------------------------------------------


async def test_on_the_demo_book_the_numbers_are_the_reports(session: Session) -> None:
    book = session.book
    report = quarter_report(book, book.calendar.quarter_of(NOW.date()), NOW.date())

    def money(minor: int) -> str:
        return format_money(minor, book.settings.currency, book.settings.minor_digits)

    assert report.quota is not None and report.ahead_by is not None
    app = Host(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        figures = shown(app, "#quarter-figures")
        assert figures[0].startswith(f"won {money(report.won)} of {money(report.quota)} quota")
        arrow, word = ("▲", "ahead") if report.ahead_by >= 0 else ("▼", "behind")
        assert figures[2].startswith(f"{arrow} {word} by {money(abs(report.ahead_by))}")
        assert f"commit     {money(report.commit)}" in figures[3]
        week = report.weeks[report.current_week or 0]
        calls = week.activities["call"]
        assert shown(app, "#week-targets")[0].split()[:2] == [
            "calls",
            f"{calls.done}/{calls.target}",
        ]


async def test_escape_closes_and_q_reopens_on_this_quarter(session: Session) -> None:
    class Registered(App[None]):
        """Plugs the screen in by name, as the cockpit app's `Q` key expects."""

        SCREENS = {"quarter": QuarterScreen}

        def __init__(self) -> None:
            super().__init__()
            self.session = session

    app = Registered()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen("quarter")
        await settle(pilot)
        assert title(app).startswith("2026-Q4 · week 9 of 14")
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert title(app).startswith("2026-Q3")
        await pilot.press("escape")
        assert not isinstance(app.screen, QuarterScreen)
        await app.push_screen("quarter")
        await settle(pilot)
        assert title(app).startswith("2026-Q4 · week 9 of 14")


async def test_a_quarter_of_an_archived_year_is_read_from_the_archives(tmp_path: Path) -> None:
    path = tmp_path / "two-years.json"
    write_demo(path, NOW, seed=7, years=2)
    session = Session.open(path, clock=fixed_clock(NOW))
    try:
        archive_book(session)  # 2024 and 2025 leave the book
        q3 = session.book.calendar.parse_quarter("2025-Q3")
        assert quarter_report(session.book, q3, NOW.date()).won == 0  # the book alone
        won = quarter_report(book_with_archives(session), q3, NOW.date()).won
        assert won > 0
        app = Host(session, "2025-Q3")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            money = format_money(won, "USD", 2)
            assert shown(app, "#quarter-figures")[0].startswith(f"won {money} of ")
    finally:
        session.close()


# -- the layout at both ends -----------------------------------------------------------------------


async def test_at_100x30_the_numbers_and_the_whole_table_show_without_scrolling(
    session: Session,
) -> None:
    app = Host(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        for selector in ("#figures-box", "#targets-box", "#weeks-box"):
            region = screen.query_one(selector).region
            assert region.right <= 100 and region.bottom <= 29, selector  # above the footer
        table = shown(app, "#week-table")
        assert len(table) == 16 and all(len(line) <= 94 for line in table)
        assert table[1].split()[-1] == "deal"  # every activity column made it in
        # The chart is the next thing down: its box begins on screen.
        assert screen.query_one("#chart-box").region.y < 29


async def test_at_200x60_the_chart_runs_down_the_right_of_the_table(session: Session) -> None:
    app = Host(session)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        weeks = app.screen.query_one("#weeks-box").region
        chart = app.screen.query_one("#chart-box").region
        assert chart.x >= weeks.right and chart.right == 200
        assert chart.height >= 45
        assert app.screen.query_one("#workings-box").region.y == weeks.bottom


async def test_wide_but_short_the_boxes_stack_and_scroll(session: Session) -> None:
    app = Host(session)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        weeks = app.screen.query_one("#weeks-box").region
        chart = app.screen.query_one("#chart-box").region
        assert chart.y >= weeks.bottom and weeks.width == chart.width


# -- snapshot ------------------------------------------------------------------------------------


def test_snapshot_of_the_quarter_screen_at_120x40(snap_compare: Any, tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    write_demo(path, NOW, seed=7)
    app = Host(Session.open(path, clock=fixed_clock(NOW)))
    assert snap_compare(app, terminal_size=(120, 40), run_before=settle)


# -- the chart and the table, drawn without an app ----------------------------------------------


def cells(text: Text) -> list[list[tuple[str, str]]]:
    """Each line of `text` as (character, style) pairs."""
    grid = []
    for line in text.split("\n"):
        styles = [str(line.style)] * len(line.plain)
        for span in line.spans:
            for i in range(span.start, min(span.end, len(styles))):
                styles[i] = str(span.style)
        grid.append(list(zip(line.plain, styles, strict=True)))
    return grid


def dollars(value: int) -> str:
    return f"${value}"


FOUR_WEEKS = ChartData(["W1", "W2", "W3", "W4"], [100, 200, 300, 400], [50, 250, 260], 2.5, 2)


def test_the_won_line_is_red_behind_green_ahead_and_stops_at_now() -> None:
    grid = cells(burnup(FOUR_WEEKS, 60, 14, dollars))
    plot = grid[1:-2]  # between the legend and the week axis
    won = [(col, style) for row in plot for col, (_, style) in enumerate(row)
           if style in (AHEAD, BEHIND)]  # fmt: skip
    assert {style for _, style in won} == {AHEAD, BEHIND}
    now = {col for row in plot for col, (char, _) in enumerate(row) if char == "┊"}
    assert len(now) == 1
    assert max(col for col, _ in won) <= now.pop() + 1
    rightmost = max(won)
    assert rightmost[1] == AHEAD  # $260 against a plan of $250 at now
    # The plan runs on to the quarter's end, the top-right of the plot.
    assert plot[0][-1][1] == PLAN


def test_the_chart_has_round_money_on_its_axis_and_fits_its_box() -> None:
    for width, height in ((60, 8), (96, 14), (189, 46)):
        text = burnup(FOUR_WEEKS, width, height, dollars)
        lines = text.plain.split("\n")
        assert len(lines) == height
        assert all(len(line) <= width for line in lines)
    lines = burnup(FOUR_WEEKS, 60, 14, dollars).plain.split("\n")
    assert lines[1].startswith("$400 ┤")  # the top of the plot, the quota
    assert lines[-3].startswith("  $0 ┤")
    assert lines[-1].split() == ["W1", "W2", "W3", "W4"]
    assert burnup(FOUR_WEEKS, 15, 5, dollars).plain == "make the window larger to see the chart"


def test_without_a_quota_the_chart_has_no_plan_line() -> None:
    data = ChartData(["W1", "W2"], None, [10, 30], None, None)
    grid = cells(burnup(data, 40, 10, dollars))
    assert "no quota" in "".join(char for char, _ in grid[0])
    styles = {style for row in grid[1:-2] for _, style in row}
    assert PLAN not in styles and NO_PLAN in styles


def test_chart_data_for_a_past_and_a_future_quarter() -> None:
    book = hand_book().book
    calendar = book.calendar
    past = chart_data(quarter_report(book, calendar.parse_quarter("2026-Q4"), date(2027, 1, 5)), 0)
    assert past.today is None and len(past.won) == 14 and past.won[-1] == 1_000_050
    assert past.plan is not None and past.plan[-1] == 6_600_000
    future = chart_data(
        quarter_report(book, calendar.parse_quarter("2026-Q4"), date(2026, 9, 1)), 0
    )
    assert future.won == [] and future.today is None


def test_the_table_tightens_to_fit_and_keeps_every_week() -> None:
    book = hand_book().book
    report = quarter_report(book, book.calendar.parse_quarter("2026-Q4"), WED.date())

    def compact(minor: int) -> str:
        return format_money(minor, "USD", 2, compact=True)

    roomy = week_table(report, compact, 200)
    assert roomy[1].plain.split()[-3:] == ["demos", "proposals", "deals"]
    assert max(len(line.plain) for line in roomy) == natural_width(report, compact)
    tight = week_table(report, compact, 94)
    assert tight[1].plain.split()[-3:] == ["demo", "prop", "deal"]
    assert all(len(line.plain) <= 94 for line in tight)
    narrow = week_table(report, compact, 60)
    assert "dates" not in narrow[1].plain and len(narrow) == 2 + 14
