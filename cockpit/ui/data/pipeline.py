"""What the pipeline screen lists (DESIGN §9.4): every open deal (closed too on request),
or every account, with the figures a rep sorts and cleans up by."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from cockpit.domain.book import Book
from cockpit.domain.marathon import account_money, touch_due
from cockpit.domain.model import Account, Deal
from cockpit.domain.money import format_money
from cockpit.domain.sprint import idle_days

__all__ = ["AccountLine", "DealLine", "PipelineView", "build_pipeline"]


@dataclass(frozen=True, slots=True)
class DealLine:
    """One deal and what the screen shows beside it."""

    deal: Deal
    account: str  # the account's name, "(no account)" without one
    idle: int | None  # days since anything happened on it
    forecast: str
    chase: int


@dataclass(frozen=True, slots=True)
class AccountLine:
    """One account and its touch rhythm and money."""

    account: Account
    cadence: int | None  # days between touches (None: no cadence)
    last_touch: date | None
    due: date | None  # next touch due (None without a cadence)
    open_deals: int
    pipeline: int  # minor units, open deals
    chase: int


@dataclass(frozen=True, slots=True)
class PipelineView:
    """The screen's data as of one moment."""

    today: date
    currency: str
    minor_digits: int
    deals: list[DealLine]
    accounts: list[AccountLine]
    open_count: int
    closed_count: int

    def money(self, minor: int) -> str:
        """Minor units in the book's currency, compact ("$45k")."""
        return format_money(minor, self.currency, self.minor_digits, compact=True)


def _deal_line(book: Book, deal: Deal, today: date) -> DealLine:
    name = book.name_of("accounts", deal.account_id) if deal.account_id is not None else None
    return DealLine(
        deal=deal,
        account=name or "(no account)",
        idle=idle_days(book, deal, today) if deal.is_open else None,
        forecast=book.forecast_category(deal),
        chase=book.chase("deal_id", deal.id),
    )


def _account_line(book: Book, account: Account, today: date) -> AccountLine:
    cadence = book.cadence(account)
    last = book.last_touch_at("account_id", account.id)
    created = account.created.date() if account.created is not None else None
    due = touch_due(last, cadence, created, today) if cadence is not None else None
    pipeline, _ = account_money(book, account.id)
    return AccountLine(
        account=account,
        cadence=cadence,
        last_touch=last.date() if last is not None else None,
        due=due,
        open_deals=sum(1 for d in book.deals_of(account.id) if d.is_open),
        pipeline=pipeline,
        chase=book.account_chase(account.id),
    )


def build_pipeline(
    book: Book, now: datetime, *, closed: bool = False, accounts: bool = False
) -> PipelineView:
    """Open deals (and closed ones with `closed`), or every account with `accounts`."""
    today = now.date()
    open_count = sum(1 for _ in book.open_deals())
    deals: list[DealLine] = []
    lines: list[AccountLine] = []
    if accounts:
        lines = [_account_line(book, a, today) for a in book.accounts.values()]
    else:
        shown = book.deals.values() if closed else book.open_deals()
        deals = [_deal_line(book, d, today) for d in shown]
    settings = book.settings
    return PipelineView(
        today=today,
        currency=settings.currency,
        minor_digits=settings.minor_digits,
        deals=deals,
        accounts=lines,
        open_count=open_count,
        closed_count=len(book.deals) - open_count,
    )
