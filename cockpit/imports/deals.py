"""Plan deal rows: new deals, or updates (with history) of deals an earlier import made.

Open deals may lack a value, a close date or an account (imported with a warning); a won
deal needs its close date and value, a lost deal its close date. A deal is the same deal
again when its external id matches one imported before (source "import").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from cockpit.domain.handles import deal_handle
from cockpit.domain.model import Deal, FieldChange
from cockpit.imports.accounts import NewAccount
from cockpit.imports.rows import Action, HandleSet, PlanContext, Row, RowProblem
from cockpit.imports.values import (
    noon,
    read_date,
    read_forecast,
    read_moment,
    read_money,
    read_probability,
)

__all__ = ["DealPlanner", "LOST_REASON"]

LOST_REASON = "imported as lost"
_TITLE_DASH = " — "


@dataclass(slots=True)
class _Values:
    """A deal row's typed fields; None where the row has nothing."""

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


def _history_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


class DealPlanner:
    """Plans deal rows one by one, remembering handles and external ids already used."""

    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self._handles = HandleSet(ctx.book, "deals")
        self._seen: dict[str, int] = {}  # external id -> first line in this file
        self._imported: dict[str, int] = {}
        for deal_id, doc in ctx.book.deals.docs.items():
            external = doc.get("external_id")
            if external and doc.get("source") == "import":
                self._imported.setdefault(str(external), deal_id)

    # -- reading a row ---------------------------------------------------------------

    def _read(self, row: Row) -> tuple[_Values | None, str | None]:
        ctx = self.ctx
        fmt, zone = ctx.date_format, ctx.zone
        external = row.raw("external_id")
        if external is not None:
            first = self._seen.setdefault(external, row.line)
            if first != row.line:
                column = ctx.columns.column("external_id")
                message = f"external_id {external} is also on line {first}: one row per deal"
                row.problems.append(RowProblem(row.line, column, external, message))
        stage_raw = row.raw("stage")
        stage = row.read("stage", ctx.stages.read)
        value = row.read("value", lambda raw: read_money(raw, ctx.currency, ctx.minor_digits))
        close = row.read("close", lambda raw: read_date(raw, fmt))
        created = row.read("created", lambda raw: read_moment(raw, fmt, zone))
        probability = row.read("probability", read_probability)
        forecast = row.read("forecast_category", read_forecast)
        next_due = row.read("next_due", lambda raw: read_date(raw, fmt))
        if stage == "won":
            if row.raw("close") is None:
                row.problem("close", "a won deal needs its close date (the day it was won)")
            if row.raw("value") is None:
                row.problem("value", "a won deal needs its value (the final amount)")
        elif stage == "lost" and row.raw("close") is None:
            row.problem("close", "a lost deal needs its close date (the day it was lost)")
        if row.problems:
            return None, stage_raw
        account_name = row.raw("account")
        account = ctx.accounts.ensure(account_name, row.line) if account_name else None
        title = row.raw("title")
        product = row.helper("product")
        built = title
        if built is None:
            parts = [p for p in (product, account_name) if p]
            fallback = f"Deal {external}" if external else f"Deal from line {row.line}"
            built = _TITLE_DASH.join(parts) if parts else fallback
        values = _Values(
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
        )
        return values, stage_raw

    # -- planning --------------------------------------------------------------------

    def plan_row(self, row: Row) -> None:
        """Plan one row: a new deal, an update, nothing (unchanged), or a bad row."""
        ctx = self.ctx
        values, stage_raw = self._read(row)
        if values is None:
            ctx.plan.problems.extend(row.problems)
            return
        existing_id = self._imported.get(values.external_id or "")
        if existing_id is not None:
            deal = ctx.book.deals[existing_id]
            updated = replace(deal, history=list(deal.history), extra=dict(deal.extra))
            changed = self._update(updated, values)
            action = Action(row.line, "deals", updated, _new(values.account), tuple(changed))
            (ctx.plan.actions if changed else ctx.plan.unchanged).append(action)
            return
        if stage_raw is None and ctx.columns.index("stage") is not None:
            row.warn(ctx.plan, "no stage: imported as prospect", "stage")
        deal = self._create(values)
        self._warn_missing(row, values, deal)
        ctx.plan.actions.append(Action(row.line, "deals", deal, _new(values.account)))

    def _create(self, values: _Values) -> Deal:
        ctx = self.ctx
        account = values.account
        account_handle = ctx.accounts.handle_of(account) if account is not None else None
        handle = self._handles.claim(deal_handle(account_handle, values.handle_title))
        stage = values.stage or "prospect"
        deal = Deal(
            id=0,
            handle=handle,
            title=values.built_title,
            account_id=account if isinstance(account, int) else None,
            value=values.value or 0,
            stage=stage,
            probability=values.probability,
            forecast_category=values.forecast_category,
            close=values.close,
            next_step=values.next_step,
            next_due=values.next_due,
            source="import",
            external_id=values.external_id,
            created=values.created,
        )
        if stage == "won" and values.close is not None:
            deal.won_at = noon(values.close, ctx.zone)
        elif stage == "lost" and values.close is not None:
            deal.lost_at = noon(values.close, ctx.zone)
            deal.lost_code, deal.lost_reason = "other", LOST_REASON
        # An open deal's stage is as old as the deal; one we know nothing about starts now.
        deal.stage_changed = deal.won_at or deal.lost_at or values.created or ctx.now
        return deal

    def _warn_missing(self, row: Row, values: _Values, deal: Deal) -> None:
        if not deal.is_open:
            return
        lacks = []
        if values.value is None:
            lacks.append(("value", "value 0"))
        if values.close is None:
            lacks.append(("close date", "no close date"))
        if values.account is None:
            lacks.append(("account", "no account"))
        if lacks:
            what = ", ".join(name for name, _ in lacks)
            how = ", ".join(result for _, result in lacks)
            row.warn(self.ctx.plan, f"open deal without {what}: imported with {how}")

    def _update(self, deal: Deal, values: _Values) -> list[str]:
        """Bring a deal imported before up to the row; the fields that changed."""
        now, zone = self.ctx.now, self.ctx.zone
        changed: list[str] = []

        def track(name: str, old: Any, new: Any, history: bool = True) -> bool:
            if new is None or old == new:
                return False
            changed.append(name)
            if history:
                deal.history.append(
                    FieldChange(now, name, _history_value(old), _history_value(new))
                )
            return True

        if track("title", deal.title, values.title, history=False):
            deal.title = values.title or deal.title
        account = values.account
        if isinstance(account, NewAccount) or (account is not None and account != deal.account_id):
            changed.append("account")
            deal.account_id = account if isinstance(account, int) else None
        if track("value", deal.value, values.value):
            deal.value = values.value or 0
        if values.close is not None and deal.close is not None and values.close > deal.close:
            deal.slip_count += 1  # a later close date is a slip, as the deal verb counts it
        if track("close", deal.close, values.close):
            deal.close = values.close
        if track("probability", deal.probability, values.probability):
            deal.probability = values.probability
        if track("forecast_category", deal.forecast_category, values.forecast_category):
            deal.forecast_category = values.forecast_category
        if track("next_step", deal.next_step, values.next_step):
            deal.next_step = values.next_step
        if track("next_due", deal.next_due, values.next_due):
            deal.next_due = values.next_due
        if track("created", deal.created, values.created, history=False):
            deal.created = values.created
        stage = values.stage
        if track("stage", deal.stage, stage) and stage is not None:
            if not deal.is_open and stage not in ("won", "lost"):
                # Reopened: the closing facts go, the history keeps them.
                deal.won_at = deal.lost_at = None
                deal.lost_reason = deal.lost_code = None
            deal.stage = stage
            deal.stage_changed = now
            if stage == "won":
                deal.lost_at, deal.lost_code, deal.lost_reason = None, None, None
            elif stage == "lost":
                deal.won_at = None
                deal.lost_code, deal.lost_reason = "other", LOST_REASON
            if not deal.is_open:
                deal.focus = False
        if deal.close is not None:
            closed_at = noon(deal.close, zone)
            if deal.stage == "won" and deal.won_at != closed_at:
                deal.won_at = closed_at
                changed.append("won_at")
            elif deal.stage == "lost" and deal.lost_at != closed_at:
                deal.lost_at = closed_at
                changed.append("lost_at")
        return changed


def _new(account: int | NewAccount | None) -> NewAccount | None:
    return account if isinstance(account, NewAccount) else None
