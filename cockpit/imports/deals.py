"""Plan deal rows: new deals, or updates (with history) of deals an earlier import made.

Open deals may lack a value, a close date or an account (imported with a warning). A deal
is the same deal again when its key matches one imported before (source "import"): its
external id, else a hash of the row's mapped values (kept as `import_key`), so importing
a file twice never doubles the book.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from cockpit.domain.handles import deal_handle
from cockpit.domain.model import Deal, FieldChange
from cockpit.imports.accounts import NewAccount
from cockpit.imports.dates import noon
from cockpit.imports.deal_values import DealValues, duplicate_key, read_deal
from cockpit.imports.rows import Action, HandleSet, PlanContext, Row

__all__ = ["LOST_REASON", "DealPlanner"]

LOST_REASON = "imported as lost"


def _history_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


class DealPlanner:
    """Plans deal rows one by one, remembering handles and external ids already used."""

    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self._handles = HandleSet(ctx.book, "deals")
        self._seen: dict[str, int] = {}  # key -> first line in this file
        self._imported: dict[str, int] = {}
        for deal_id, doc in ctx.book.deals.docs.items():
            key = doc.get("external_id") or doc.get("import_key")
            if key and doc.get("source") == "import":
                self._imported.setdefault(str(key), deal_id)

    # -- planning --------------------------------------------------------------------

    def plan_row(self, row: Row) -> None:
        """Plan one row: a new deal, an update, nothing (unchanged), or a bad row."""
        ctx = self.ctx
        values = read_deal(row, ctx)
        if values is not None:
            first = self._seen.setdefault(values.key, row.line)
            if first != row.line:
                if values.external_id is None:  # the same mapped values: one deal
                    ctx.plan.repeated.append((row.line, first))
                    return
                duplicate_key(row, ctx, values, first)
                values = None
        if values is None:
            ctx.plan.problems.extend(row.problems)
            return
        self._warn_future(row, values)
        existing_id = self._imported.get(values.key)
        if existing_id is not None:
            deal = ctx.book.deals[existing_id]
            updated = replace(deal, history=list(deal.history), extra=dict(deal.extra))
            changed = self._update(updated, values)
            action = Action(row.line, "deals", updated, _new(values.account), tuple(changed))
            (ctx.plan.actions if changed else ctx.plan.unchanged).append(action)
            return
        if values.stage is None and ctx.columns.index("stage") is not None:
            row.warn(ctx.plan, "no stage: imported as prospect", "stage")
        deal = self._create(values)
        self._warn_missing(row, values, deal)
        ctx.plan.actions.append(Action(row.line, "deals", deal, _new(values.account)))

    def _warn_future(self, row: Row, values: DealValues) -> None:
        today = self.ctx.now.astimezone(self.ctx.zone).date()
        if values.stage in ("won", "lost") and values.close is not None and values.close > today:
            row.warn(
                self.ctx.plan,
                f"{values.stage} on {values.close.isoformat()}, after today: check the date",
                "close",
            )

    def _create(self, values: DealValues) -> Deal:
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
            extra=dict(values.extra),
        )
        if values.external_id is None:
            deal.extra["import_key"] = values.key
        if stage == "won" and values.close is not None:
            deal.won_at = values.won_at or noon(values.close, ctx.zone)
        elif stage == "lost" and values.close is not None:
            deal.lost_at = values.lost_at or noon(values.close, ctx.zone)
            deal.lost_code, deal.lost_reason = "other", values.lost_reason or LOST_REASON
        # An open deal's stage is as old as the deal; one we know nothing about starts now.
        deal.stage_changed = deal.won_at or deal.lost_at or values.created or ctx.now
        return deal

    def _warn_missing(self, row: Row, values: DealValues, deal: Deal) -> None:
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

    def _update(self, deal: Deal, values: DealValues) -> list[str]:
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
        for key, kept in values.extra.items():  # the original amount behind a converted value
            if deal.extra.get(key) != kept:
                deal.extra[key] = kept
                changed.append(key)
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
                deal.lost_code, deal.lost_reason = "other", values.lost_reason or LOST_REASON
            if not deal.is_open:
                deal.focus = False
        if deal.stage == "lost" and values.lost_reason and deal.lost_reason != values.lost_reason:
            deal.lost_reason = values.lost_reason
            changed.append("lost_reason")
        if deal.close is not None:
            closed_at = values.won_at or values.lost_at or noon(deal.close, zone)
            if deal.stage == "won" and deal.won_at != closed_at:
                deal.won_at = closed_at
                changed.append("won_at")
            elif deal.stage == "lost" and deal.lost_at != closed_at:
                deal.lost_at = closed_at
                changed.append("lost_at")
        return changed


def _new(account: int | NewAccount | None) -> NewAccount | None:
    return account if isinstance(account, NewAccount) else None
