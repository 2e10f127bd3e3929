"""The main screen's rows: Sprint, Marathon and Promises as columns a rep reads at a glance."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from cockpit.domain.marathon import MarathonRow
from cockpit.domain.model import Account, Contact, Deal
from cockpit.domain.promises import PromiseRow
from cockpit.domain.sprint import Reason, SprintRow
from cockpit.ui.data.board import Board
from cockpit.ui.data.lines import Target, ref
from cockpit.ui.widgets.record_list import Cell, Column, ListRow

__all__ = [
    "FIRST_RUN",
    "MARATHON_COLUMNS",
    "PROMISE_COLUMNS",
    "SPRINT_COLUMNS",
    "marathon_rows",
    "promise_rows",
    "relative_day",
    "sprint_rows",
]

LATE = "bold red"
SOON = "yellow"
CALM = "cyan"

SPRINT_COLUMNS = [
    Column("rank", "", 2, align="right"),
    Column("deal", "deal", 22, flex=1),
    Column("account", "account", 14, drop=3, flex=1),
    Column("value", "value", 6, drop=4, align="right"),
    Column("stage", "stage", 11, drop=5),
    Column("due", "due", 9, drop=1),
    Column("next", "next step", 16, drop=2, flex=2),
    Column("why", "why today", 20, flex=4),
]

MARATHON_COLUMNS = [
    Column("who", "relationship", 14, flex=1),
    Column("tier", "tier", 7, drop=3),
    Column("last", "last", 7, drop=2, align="right"),
    Column("due", "due", 8, align="right"),
    Column("pipeline", "pipeline", 8, drop=4, align="right"),
    Column("won", "won", 7, drop=5, align="right"),
    Column("chase", "chase", 6, drop=1, align="right"),
]

PROMISE_COLUMNS = [
    Column("id", "", 4),
    Column("aim", "aim", 9),
    Column("text", "promise", 16, flex=1),
    Column("to", "to", 12, drop=1),
]

FIRST_RUN: list[str | Text] = [
    Text("A new book. Type these in the log bar (press : first):", style="bold"),
    '  account "Acme Corp" tier:key',
    '  deal @acme "Renewal 2027" value:45k close:eoq next:"intro call" due:tomorrow',
    '  call #renewal out:connected "wants pricing" next:"send pricing" due:fri',
    "  plan quota:300k calls:50/w daily:20",
    Text("? lists every key and verb; ctrl+p jumps anywhere.", style="dim"),
]


def relative_day(day: date, today: date) -> str:
    """A date as a rep says it: today, tomorrow, Thu, Dec 4, 2027-01-15."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if 1 < delta < 7:
        return day.strftime("%a")
    if day.year == today.year or abs(delta) < 180:
        return day.strftime("%b %-d")
    return day.isoformat()


def _short_reason(reason: Reason) -> str:
    days = reason.days or 0
    return {
        "focus": "focus",
        "overdue": f"{days}d overdue",
        "due_today": "due today",
        "closing_soon": {0: "closes today", 1: "closes tmrw"}.get(days, f"closes {days}d"),
        "close_passed": f"close passed {days}d",
        "rotting": f"idle {days}d",
        "no_next_step": "no next step",
        "commit": "commit",
    }.get(reason.code, reason.text)


_REASON_STYLE = {
    "overdue": LATE,
    "close_passed": LATE,
    "due_today": SOON,
    "closing_soon": SOON,
    "rotting": SOON,
    "no_next_step": SOON,
    "focus": CALM,
    "commit": CALM,
}


def _reasons(row: SprintRow) -> Cell:
    long, short = Text(), Text()
    for i, reason in enumerate(row.reasons):
        if i:
            long.append(" · ", style="dim")
            short.append(", ", style="dim")
        style = _REASON_STYLE.get(reason.code, "")
        long.append(reason.text, style=style)
        short.append(_short_reason(reason), style=style)
    if row.chase:
        long.append(f" · f/u {row.chase}", style="magenta")
        short.append(f", f/u {row.chase}", style="magenta")
    return (long, short)


def _next_step(deal: Deal) -> Cell:
    if not (deal.next_step and deal.next_step.strip()):
        return Text("—", style="dim")
    return deal.next_step


def _next_due(deal: Deal, today: date) -> Cell:
    if deal.next_due is None or not (deal.next_step and deal.next_step.strip()):
        return ""
    late = deal.next_due < today
    style = LATE if late else SOON if deal.next_due == today else ""
    return Text(relative_day(deal.next_due, today), style=style)


def _account_name(account: Account | None) -> str:
    return account.name if account is not None else "(no account)"


def sprint_rows(board: Board) -> list[ListRow]:
    """The Sprint, most urgent first (every deal that needs the rep today)."""
    today = board.today
    rows = []
    for rank, row in enumerate(board.sprint.rows, start=1):
        deal = row.deal
        title = Text()
        if deal.focus:
            title.append("★ ", style=CALM)
        title.append(f"#{deal.id} ", style="bold")
        title.append(deal.title)
        rows.append(
            ListRow(
                Target("deal", deal.id),
                {
                    "rank": str(rank),
                    "deal": title,
                    "account": _account_name(row.account),
                    "value": board.money(deal.value),
                    "stage": (deal.stage, deal.stage[:5]),
                    "due": _next_due(deal, today),
                    "next": _next_step(deal),
                    "why": _reasons(row),
                },
            )
        )
    return rows


def _due(row: MarathonRow, today: date) -> Cell:
    if row.days_overdue:
        return Text(f"{row.days_overdue}d over", style=LATE)
    if row.due == today:
        return Text("today", style=SOON)
    delta = (row.due - today).days
    return (
        (f"in {delta}d", relative_day(row.due, today))
        if delta < 100
        else relative_day(row.due, today)
    )


def _last(day: date | None, today: date) -> str:
    if day is None:
        return "never"
    days = (today - day).days
    return "today" if days == 0 else f"{days}d ago"


def _who(row: MarathonRow) -> Cell:
    if row.contact is not None:
        at = f" ({row.account.name})" if row.account is not None else ""
        return f"{row.contact.name}{at}"
    assert row.account is not None
    return row.account.name


def marathon_rows(board: Board) -> list[ListRow]:
    """Relationships by touch due, overdue first."""
    today = board.today
    rows = []
    for row in board.marathon:
        record = row.record
        target = Target("contact" if isinstance(record, Contact) else "account", record.id)
        rows.append(
            ListRow(
                target,
                {
                    "who": _who(row),
                    "tier": row.tier or "—",
                    "last": _last(row.last_touch, today),
                    "due": _due(row, today),
                    "pipeline": board.money(row.open_pipeline) if row.open_pipeline else "—",
                    "won": board.money(row.lifetime_won) if row.lifetime_won else "—",
                    "chase": Text(f"f/u {row.chase}", style="magenta") if row.chase else "",
                },
            )
        )
    if board.marathon_more:
        rows.append(ListRow(None, {"who": f"… {board.marathon_more} later (search with /)"}, "dim"))
    return rows


_PROMISE_STYLE = {"missed": LATE, "due today": SOON, "aim today": SOON}
_DONE_WORDS = {"early": "✓ early", "on_time": "✓ on time", "late": "✓ late"}


def _to(row: PromiseRow) -> str:
    return ref(row.to) if row.to is not None else ""


def promise_rows(board: Board) -> list[ListRow]:
    """Open promises by aim date (missed first), then the ones kept this week, dimmed."""
    today = board.today
    rows = []
    for row in board.promises.open:
        promise = row.promise
        style = _PROMISE_STYLE.get(row.status, "")
        if row.status == "missed":
            aim: Cell = Text(f"{(today - promise.due).days}d late", style=LATE)
        else:
            aim = Text(relative_day(promise.aim, today), style=style)
        rows.append(
            ListRow(
                Target("promise", promise.id),
                {
                    "id": Text(f"!{promise.id}", style="bold"),
                    "aim": aim,
                    "text": Text(promise.text, style=style if row.status == "missed" else ""),
                    "to": _to(row),
                },
            )
        )
    for row in board.promises.recently_done:
        promise = row.promise
        rows.append(
            ListRow(
                Target("promise", promise.id),
                {
                    "id": f"!{promise.id}",
                    "aim": _DONE_WORDS.get(row.status, row.status),
                    "text": promise.text,
                    "to": _to(row),
                },
                "dim",
            )
        )
    return rows
