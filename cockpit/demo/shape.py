"""How big a demo book is: the default few months, or the benchmark books of DESIGN §8."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["BENCHMARK_BOOKS", "Shape", "demo_counts", "shape_for", "years_before"]

BENCHMARK_BOOKS: dict[int, tuple[int, int, int, int, int]] = {
    1: (300, 1_200, 700, 12_000, 800),
    3: (1_000, 4_000, 2_000, 36_000, 2_400),
    10: (2_500, 10_000, 6_000, 120_000, 8_000),
}
"""DESIGN §8: years -> accounts, contacts, deals, activities, promises."""


_TIER_SHARES = (0.07, 0.17, 0.33)  # key, growth, nurture in the big books; the rest: none
_TIER_CAPS = (25, 60, 120)


@dataclass(frozen=True, slots=True)
class Shape:
    """The sizes and span of one demo book."""

    accounts: int
    tiers: tuple[int, int, int]  # key, growth, nurture; the rest have no tier
    contacts: int
    deals: int
    open_deals: int
    won: int  # closed deals that were won; the rest were lost
    activities: int | None  # None: `per_day` on every working day of the span
    per_day: float
    promises: int
    start: date  # first day of the span
    initial_share: float  # share of accounts that predate the span
    benchmark: bool


def demo_counts(years: int) -> tuple[int, int, int, int, int]:
    """Accounts, contacts, deals, activities and promises of a `years`-year book: DESIGN §8
    for 1, 3 and 10; linear between those; beyond 10, the 10-year book's yearly rate."""
    if years in BENCHMARK_BOOKS:
        return BENCHMARK_BOOKS[years]
    if years > 10:
        a, c, d, x, p = (round(v * years / 10) for v in BENCHMARK_BOOKS[10])
        return a, c, d, x, p
    low, high = (1, 3) if years < 3 else (3, 10)
    share = (years - low) / (high - low)
    a, c, d, x, p = (
        round(u + (v - u) * share)
        for u, v in zip(BENCHMARK_BOOKS[low], BENCHMARK_BOOKS[high], strict=True)
    )
    return a, c, d, x, p


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def shape_for(today: date, years: int | None) -> Shape:
    if years is None:
        # "A few months": 17 weeks of one rep's book.
        return Shape(
            accounts=40,
            tiers=(6, 10, 12),
            contacts=120,
            deals=60,
            open_deals=38,
            won=14,
            activities=None,
            per_day=26.0,
            promises=30,
            start=today - timedelta(weeks=17),
            initial_share=1.0,
            benchmark=False,
        )
    accounts, contacts, deals, activities, promises = demo_counts(years)
    # However long the history, a rep keeps only so many relationships on a cadence.
    key, growth, nurture = (
        max(1, min(cap, round(accounts * s)))
        for s, cap in zip(_TIER_SHARES, _TIER_CAPS, strict=True)
    )
    # A rep's open pipeline does not grow with the years of history behind it.
    open_deals = min(deals, 40 + round(0.1 * deals / years))
    return Shape(
        accounts=accounts,
        tiers=(key, growth, nurture),
        contacts=max(contacts, accounts),
        deals=deals,
        open_deals=open_deals,
        won=round((deals - open_deals) * 0.35),
        activities=activities,
        per_day=activities / 250,
        promises=promises,
        start=years_before(today, years),
        initial_share=0.35,
        benchmark=True,
    )
