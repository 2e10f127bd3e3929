"""The pipeline screen's columns: how each cell reads, how each column sorts, what a
filter matches. Rows are built once per load; filtering, sorting and marking reuse them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rich.text import Text

from cockpit.domain.settings import OPEN_STAGES
from cockpit.ui.data.lines import Target
from cockpit.ui.data.pipeline import AccountLine, DealLine, PipelineView
from cockpit.ui.widgets.columns import Cell, Column, ListRow
from cockpit.ui.widgets.rows import LATE, SOON, relative_day

__all__ = [
    "ACCOUNT_FIELDS",
    "DEAL_FIELDS",
    "Entry",
    "Field",
    "account_entries",
    "deal_entries",
    "marked",
    "shown_entries",
]

MARK = "✓"
STAGE_ORDER = {stage: i for i, stage in enumerate((*OPEN_STAGES, "won", "lost"))}


@dataclass(frozen=True, slots=True)
class Field:
    """A column, and the value it sorts by (None sorts last either way)."""

    column: Column
    key: Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class Entry:
    """A row ready to show, the reference a line names it by, and what a filter matches."""

    target: Target
    row: ListRow
    ref: str
    keys: tuple[Any, ...]  # one sort value per field
    haystack: str  # lower-case text a filter looks in


def _day(day: date | None, today: date, late_style: bool = True) -> Cell:
    if day is None:
        return ""
    style = LATE if late_style and day < today else SOON if day == today else ""
    return Text(relative_day(day, today), style=style)


DEAL_FIELDS = [
    Field(Column("mark", "", 1), lambda line: None),
    Field(Column("id", "id", 5, align="right"), lambda line: line.deal.id),
    Field(Column("title", "deal", 16, flex=3), lambda line: line.deal.title.lower()),
    Field(Column("account", "account", 12, drop=4, flex=2), lambda line: line.account.lower()),
    Field(Column("stage", "stage", 11, drop=5), lambda line: STAGE_ORDER.get(line.deal.stage)),
    Field(Column("value", "value", 6, align="right"), lambda line: line.deal.value),
    Field(Column("close", "close", 9, drop=3), lambda line: line.deal.close),
    Field(Column("next", "next step", 12, drop=6, flex=2), lambda line: line.deal.next_step),
    Field(Column("due", "due", 9, drop=2), lambda line: line.deal.next_due),
    Field(Column("idle", "idle", 5, drop=7, align="right"), lambda line: line.idle),
    Field(Column("forecast", "forecast", 9, drop=8), lambda line: line.forecast),
    Field(Column("chase", "chase", 5, drop=1, align="right"), lambda line: line.chase or None),
]

ACCOUNT_FIELDS = [
    Field(Column("mark", "", 1), lambda line: None),
    Field(Column("handle", "account", 16, flex=1), lambda line: line.account.handle),
    Field(Column("name", "name", 16, drop=4, flex=2), lambda line: line.account.name.lower()),
    Field(Column("tier", "tier", 7), lambda line: line.account.tier),
    Field(Column("cadence", "cadence", 7, align="right"), lambda line: line.cadence),
    Field(Column("last", "last touch", 10, drop=3), lambda line: line.last_touch),
    Field(Column("due", "due", 9, drop=2), lambda line: line.due),
    Field(Column("deals", "open", 4, drop=5, align="right"), lambda line: line.open_deals),
    Field(Column("pipeline", "pipeline", 8, drop=6, align="right"), lambda line: line.pipeline),
    Field(Column("chase", "chase", 5, drop=1, align="right"), lambda line: line.chase or None),
]


def _deal_entry(line: DealLine, view: PipelineView) -> Entry:
    deal, today = line.deal, view.today
    open_ = deal.is_open
    title = Text(deal.title)
    has_step = bool(deal.next_step and deal.next_step.strip())
    cells: dict[str, Cell] = {
        "id": Text(f"#{deal.id}", style="bold"),
        "title": title,
        "account": line.account,
        "stage": deal.stage,
        "value": view.money(deal.value),
        "close": _day(deal.close, today, open_),
        "next": deal.next_step or "" if has_step else Text("—", style="dim"),
        "due": _day(deal.next_due, today, open_) if has_step else "",
        "idle": f"{line.idle}d" if line.idle is not None else "",
        "forecast": line.forecast,
        "chase": Text(f"f/u {line.chase}", style="magenta") if line.chase else "",
    }
    haystack = " ".join(
        [f"#{deal.id}", deal.handle, deal.title, line.account, deal.stage, line.forecast]
        + ([deal.next_step or ""] if has_step else ["no next step"])
    ).lower()
    target = Target("deal", deal.id)
    return Entry(
        target=target,
        row=ListRow(target, cells, "" if open_ else "dim"),
        ref=f"#{deal.id}",
        keys=tuple(f.key(line) for f in DEAL_FIELDS),
        haystack=haystack,
    )


def deal_entries(view: PipelineView) -> list[Entry]:
    """A row per deal, in id order."""
    return [_deal_entry(line, view) for line in sorted(view.deals, key=lambda d: d.deal.id)]


def _account_entry(line: AccountLine, view: PipelineView) -> Entry:
    account, today = line.account, view.today
    cells: dict[str, Cell] = {
        "handle": Text(f"@{account.handle}", style="bold"),
        "name": account.name,
        "tier": account.tier,
        "cadence": f"{line.cadence}d" if line.cadence is not None else Text("—", style="dim"),
        "last": _day(line.last_touch, today, False) if line.last_touch else "never",
        "due": _day(line.due, today),
        "deals": str(line.open_deals) if line.open_deals else "",
        "pipeline": view.money(line.pipeline) if line.pipeline else "",
        "chase": Text(f"f/u {line.chase}", style="magenta") if line.chase else "",
    }
    cadence = "no cadence" if line.cadence is None else f"{line.cadence}d"
    haystack = f"@{account.handle} {account.name} {account.tier} {cadence}".lower()
    target = Target("account", account.id)
    return Entry(
        target=target,
        row=ListRow(target, cells),
        ref=f"@{account.handle}",
        keys=tuple(f.key(line) for f in ACCOUNT_FIELDS),
        haystack=haystack,
    )


def account_entries(view: PipelineView) -> list[Entry]:
    """A row per account, by name."""
    lines = sorted(view.accounts, key=lambda a: a.account.name.lower())
    return [_account_entry(line, view) for line in lines]


def shown_entries(entries: Sequence[Entry], words: str, sort: int, descending: bool) -> list[Entry]:
    """The entries whose text holds every word of the filter, sorted by field `sort`
    (rows without a value last, whichever the direction)."""
    needles = words.lower().split()
    kept = [e for e in entries if all(n in e.haystack for n in needles)]
    valued = [e for e in kept if e.keys[sort] is not None]
    blank = [e for e in kept if e.keys[sort] is None]
    valued.sort(key=lambda e: e.keys[sort], reverse=descending)
    return valued + blank


def marked(entry: Entry) -> ListRow:
    """The entry's row with its selection mark."""
    row = entry.row
    return replace(row, cells={**row.cells, "mark": Text(MARK, style="bold green")})
