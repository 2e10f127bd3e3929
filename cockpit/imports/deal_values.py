"""Read a deal row into typed values: stage from the status column, money in the book's
currency (converted with --fx, the original kept), dates by their column's order.

A won deal needs its value and the day it was won; a lost deal the day it was lost.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from cockpit.domain.money import to_major
from cockpit.imports.accounts import NewAccount
from cockpit.imports.rows import PlanContext, Row, RowProblem
from cockpit.imports.values import CellProblem, read_forecast, read_money, read_probability

__all__ = ["DealValues", "read_deal"]

_TITLE_DASH = " — "


@dataclass(slots=True)
class DealValues:
    """A deal row's typed fields; None where the row has nothing."""

    key: str  # the external id, else a hash of the row's mapped values
    external_id: str | None
    title: str | None  # from a title column; only this one retitles a deal imported before
    built_title: str  # the title of a new deal
    handle_title: str  # what its handle is made of, after the account's handle
    account: int | NewAccount | None
    stage: str | None
    value: int | None
    close: date | None
    created: datetime | None
    probability: int | None
    next_step: str | None
    next_due: date | None
    forecast_category: str | None
    won_at: datetime | None = None
    lost_at: datetime | None = None
    lost_reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # the original amount, when converted


def row_key(row: Row) -> str:
    """A key for a row without an id: the same mapped values give the same key."""
    return "sha256:" + hashlib.sha256(row.key_text().encode("utf-8")).hexdigest()[:16]


def _money(row: Row, ctx: PlanContext, extra: dict[str, Any]) -> int | None:
    currency = (row.raw("currency") or ctx.currency).upper()

    def read(raw: str) -> int:
        minor = read_money(raw, ctx.currency, ctx.minor_digits, ctx.options.decimal_comma)
        if currency == ctx.currency.upper():
            return minor
        rate = ctx.options.rate(currency)
        if rate is None:
            raise CellProblem(
                f"an amount in {currency}, and the book is in {ctx.currency}:"
                f" add --fx {currency}=RATE (what 1 {currency} is worth in {ctx.currency},"
                f" e.g. --fx {currency}=1.08)"
            )
        extra["original_value"] = {
            "amount": to_major(minor, ctx.minor_digits),
            "currency": currency,
            "fx": str(rate),
        }
        return int((Decimal(minor) * rate).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))

    return row.read("value", read)


def _stage(row: Row, ctx: PlanContext) -> str | None:
    # Pipedrive's status (Won/Lost/Open) decides; an open deal's stage is the stage column's.
    status = row.read("status", ctx.stages.status)
    stage = row.read("stage", ctx.stages.read)
    return status or stage


def _closing(row: Row, ctx: PlanContext, stage: str | None) -> tuple[date | None, datetime | None]:
    """The close date and, for a won or lost deal, the moment it closed."""
    close = row.read("close", ctx.date_reader("close").day)
    field_name = {"won": "won_at", "lost": "lost_at"}.get(stage or "")
    closed = None
    if field_name is not None:
        closed = row.read(field_name, lambda raw: ctx.date_reader(field_name).moment(raw, ctx.zone))
        if closed is not None:
            close = closed.astimezone(ctx.zone).date()  # the day it closed, not the one expected
    return close, closed


def _require(row: Row, stage: str | None, close: date | None) -> None:
    if stage not in ("won", "lost") or row.problems:
        return
    if close is None:
        day = "won" if stage == "won" else "lost"
        row.problem("close", f"a {stage} deal needs its close date (the day it was {day})")
    if stage == "won" and row.raw("value") is None:
        row.problem("value", "a won deal needs its value (the final amount)")


def read_deal(row: Row, ctx: PlanContext) -> DealValues | None:
    """The row's values, or None when it is a bad row (its problems are on `row`)."""
    extra: dict[str, Any] = {}
    stage = _stage(row, ctx)
    value = _money(row, ctx, extra)
    close, closed = _closing(row, ctx, stage)
    created = row.read("created", lambda raw: ctx.date_reader("created").moment(raw, ctx.zone))
    probability = row.read("probability", lambda raw: read_probability(raw, ctx.fraction))
    forecast = row.read("forecast_category", read_forecast)
    next_due = row.read("next_due", ctx.date_reader("next_due").day)
    _require(row, stage, close)
    if row.problems:
        return None
    external = row.raw("external_id")
    account_name = row.raw("account")
    account = ctx.accounts.ensure(account_name, row.line) if account_name else None
    title = row.raw("title")
    product = row.helper("product")
    built = title
    if built is None:
        parts = [p for p in (product, account_name) if p]
        fallback = f"Deal {external}" if external else f"Deal from line {row.line}"
        built = _TITLE_DASH.join(parts) if parts else fallback
    return DealValues(
        key=external or row_key(row),
        external_id=external,
        title=title,
        built_title=built,
        handle_title=title or product or external or "deal",
        account=account,
        stage=stage,
        value=value,
        close=close,
        created=created,
        probability=probability,
        next_step=row.raw("next_step"),
        next_due=next_due,
        forecast_category=forecast,
        won_at=closed if stage == "won" else None,
        lost_at=closed if stage == "lost" else None,
        lost_reason=row.raw("lost_reason"),
        extra=extra,
    )


def duplicate_key(row: Row, ctx: PlanContext, values: DealValues, first: int) -> None:
    """A key seen earlier in the file: the same id with other values is a bad row."""
    column = ctx.columns.column("external_id")
    message = f"external_id {values.external_id} is also on line {first}: one row per deal"
    row.problems.append(RowProblem(row.line, column, values.external_id, message))
