"""Demo books: a believable rep's book around `now`, or the benchmark books of DESIGN §8.

The generator builds domain records and encodes them with the codec, so a demo book has
exactly the shape of a real one. `generate_demo` is pure and deterministic for a (now,
years, seed): no I/O, no wall clock, one `random.Random(seed)`; `write_demo` writes its
result through the store. The default book is a few months of one
rep's work; `years=N` spreads the benchmark sizes (1, 3 and 10 years exactly, other N
interpolated) over N years ending at `now`. Every book tells the same small story so each
pane has something to show: overdue, due-today and missing next steps, a stale deal,
focused and snoozed deals, follow-up chases, accounts overdue on cadence, promises due this
week and a missed one, a plan for the quarter and today's touches logged so far.
"""

from __future__ import annotations

import bisect
import math
import os
import random
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from cockpit.domain.calendar import Calendar
from cockpit.domain.codec import to_doc
from cockpit.domain.handles import deal_handle, slugify, unique_handle
from cockpit.domain.model import (
    LOST_CODES,
    Account,
    Activity,
    Contact,
    DayOff,
    Deal,
    FieldChange,
    Plan,
    Promise,
)
from cockpit.domain.promises import aim_date
from cockpit.domain.settings import OPEN_STAGES, Settings
from cockpit.services import demo_names as names
from cockpit.store import Store
from cockpit.store.paths import journal_path, lock_path

__all__ = [
    "BENCHMARK_BOOKS",
    "PLAN_TARGETS",
    "TABLES",
    "demo_counts",
    "demo_summary",
    "generate_demo",
    "write_demo",
]

Doc = dict[str, Any]
Tables = dict[str, list[Doc]]

TABLES = (
    "settings",
    "accounts",
    "contacts",
    "deals",
    "activities",
    "promises",
    "plans",
    "days_off",
)

BENCHMARK_BOOKS: dict[int, tuple[int, int, int, int, int]] = {
    1: (300, 1_200, 700, 12_000, 800),
    3: (1_000, 4_000, 2_000, 36_000, 2_400),
    10: (2_500, 10_000, 6_000, 120_000, 8_000),
}
"""DESIGN §8: years -> accounts, contacts, deals, activities, promises."""

PLAN_TARGETS: dict[str, int] = {
    "call": 50,
    "email": 100,
    "meeting": 8,
    "demo": 3,
    "proposal": 2,
    "deal": 5,
}
"""Weekly activity targets of every demo plan."""

_QUOTA = 30_000_000  # 300k in cents: the default book's quota
_DAILY_MINIMUM = 20
_WORK_MINUTES = 9 * 60  # activities fall between 08:30 and 17:30, the book's local time
_ONE_DAY = timedelta(days=1)

_TIER_SHARES = (0.07, 0.17, 0.33)  # key, growth, nurture in the big books; the rest: none
_TIER_CAPS = (25, 60, 120)
_CONTACT_WEIGHT = {"key": 4.0, "growth": 2.5, "nurture": 1.5, "none": 1.0}
_DEAL_WEIGHT = {"key": 5.0, "growth": 3.0, "nurture": 1.5, "none": 1.0}
_TOUCH_WEIGHT = (6.0, 3.0, 1.5, 0.2)  # account-level filler by tier (key .. none)
_CADENCE_SPACING = (0.35, 0.8)  # a disciplined rep touches again well inside the cadence
_TIER_INDEX = {"key": 0, "growth": 1, "nurture": 2, "none": 3}
_CADENCE_OVERRIDES = {"key": (7, 10), "growth": (21, 45), "nurture": (45, 90)}
_DEAL_SHARE = 0.55  # of filler activities, those on a deal (the rest: account touches)

_KINDS = ("call", "email", "meeting", "demo", "proposal", "social", "note")
_DEAL_KIND_WEIGHTS = (30, 44, 8, 4, 3, 2, 9)
_CADENCE_KIND_WEIGHTS = (40, 35, 12, 0, 0, 13, 0)
_ACCOUNT_KIND_WEIGHTS = (30, 46, 5, 1, 0, 9, 9)
_OUTCOMES: dict[str, tuple[tuple[str | None, ...], tuple[int, ...]]] = {
    "call": (
        ("connected", "voicemail", "no_answer", "busy", "meeting_booked"),
        (30, 28, 27, 5, 10),
    ),
    "email": (("sent", "meeting_booked", "replied", "bounced"), (88, 5, 5, 2)),
    "meeting": (("connected", "meeting_booked"), (80, 20)),
    "demo": (("connected", "meeting_booked"), (85, 15)),
    "proposal": (("sent",), (1,)),
    "social": (("sent", "replied"), (80, 20)),
    "note": ((None,), (1,)),
}
_INBOUND = {"call": (0.15, "connected"), "email": (0.22, "replied"), "social": (0.15, "replied")}
_CHASE_KINDS = (("call", ("voicemail", "no_answer", "busy")), ("email", ("sent",)))
_LOST_WEIGHTS = {
    "price": 3,
    "budget": 3,
    "timing": 3,
    "competitor": 4,
    "no_decision": 3,
    "no_fit": 1,
    "ghosted": 2,
    "champion_left": 1,
    "other": 1,
}
_TITLE_WEIGHTS = tuple(
    {"Renewal {year}": 4, "Expansion — {region}": 3, "Pilot": 2, "Platform upgrade": 2}.get(t, 1)
    for t, _, _ in names.DEAL_TITLES
)


# -- sizes -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Shape:
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


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _shape(today: date, years: int | None) -> _Shape:
    if years is None:
        # "A few months": 17 weeks of one rep's book.
        return _Shape(
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
    return _Shape(
        accounts=accounts,
        tiers=(key, growth, nurture),
        contacts=max(contacts, accounts),
        deals=deals,
        open_deals=open_deals,
        won=round((deals - open_deals) * 0.35),
        activities=activities,
        per_day=activities / 250,
        promises=promises,
        start=_years_before(today, years),
        initial_share=0.35,
        benchmark=True,
    )


# -- the builder -----------------------------------------------------------------------


@dataclass(slots=True)
class _DealStory:
    """A deal being built, with what the generator needs to know beyond the record."""

    deal: Deal
    end: datetime | None  # won or lost at; None while open
    stale: bool = False
    quiet: date | None = None  # no filler activity on the deal from this day on


def _created(record: Account | Contact | Deal | Promise) -> datetime:
    assert record.created is not None  # the builder sets it on every record
    return record.created


def _round_money(dollars: float) -> int:
    """Dollars rounded to a $500 step (as reps quote them), in cents."""
    return max(1, round(dollars / 500)) * 500 * 100


class _Builder:
    """Builds one demo book; the order of the steps is part of the determinism."""

    def __init__(self, now: datetime, shape: _Shape, seed: int) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.tz = now.tzinfo
        self.today = date(now.year, now.month, now.day)
        self.shape = shape
        self.settings = Settings()
        self.holidays = self._holidays()
        off: set[date] = set()
        for start, end in self.holidays:
            off.update(start + timedelta(days=i) for i in range((end - start).days + 1))
        s = self.settings
        self.cal = Calendar(s.working_weekdays, s.week_start, s.fiscal_start, off)
        self.quarter = self.cal.quarter_of(self.today)

        elapsed = int((now - self._start_of(self.today)).total_seconds() // 60)
        self.today_minutes = min(max(elapsed, 0), _WORK_MINUTES)
        days = list(self.cal.working_days(shape.start, self.today))
        if days and days[-1] == self.today and self.today_minutes == 0:
            days.pop()  # nothing can have happened yet today
        if len(days) < 20:
            raise ValueError("the demo needs a span of at least 20 working days")
        self.days = days
        self.n = len(days)
        self.last_day = days[-1]
        self.day_starts = [self._start_of(d) for d in days]
        self.limits = [_WORK_MINUTES] * self.n
        if self.last_day == self.today:
            self.limits[-1] = self.today_minutes

        self.accounts: list[Account] = []
        self.account_created: list[datetime] = []  # sorted, as the accounts are
        self.account_cum: list[float] = []  # cumulative deal weights of the accounts
        self.account_quiet: dict[int, date] = {}
        self.contacts: list[Contact] = []
        self.contacts_of: dict[int, list[Contact]] = {}
        self.contact_quiet: dict[int, date] = {}
        self.stories: list[_DealStory] = []
        self.activities: list[Activity] = []
        self.story_per_day = [0] * self.n

    # -- time helpers ------------------------------------------------------------------

    def _start_of(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 8, 30, tzinfo=self.tz)

    def _time_on(self, day: date) -> datetime:
        """A moment in working hours on `day` (today: before now); `day` <= last_day."""
        limit = self.today_minutes if day == self.today else _WORK_MINUTES
        return self._start_of(day) + timedelta(minutes=self.rng.randrange(max(limit, 1)))

    def _time_at(self, index: int) -> datetime:
        """A moment in working hours on the span's working day `index`."""
        return self.day_starts[index] + timedelta(minutes=self.rng.randrange(self.limits[index]))

    def _workday(self, day: date) -> date:
        """The working day on or before `day`, and never after the span's last day."""
        day = min(day, self.last_day)
        return day if self.cal.is_working_day(day) else self.cal.previous_working_day(day)

    def _next_workday(self, day: date) -> date:
        """The working day on or after `day`."""
        return day if self.cal.is_working_day(day) else self.cal.next_working_day(day)

    def _moment(self, day: date) -> datetime:
        return self._time_on(self._workday(day))

    def _between(self, a: datetime, b: datetime) -> datetime:
        """A moment after `a` and before `b`: in working hours on a working day when the
        two are far enough apart, else a whole minute between them."""
        if b <= a:
            return a
        rng = self.rng
        first, last = a.date(), min(b.date(), self.last_day)
        for _ in range(3 if first <= last else 0):
            day = first + timedelta(days=rng.randrange((last - first).days + 1))
            if not self.cal.is_working_day(day):
                day = self.cal.previous_working_day(day)
            moment = self._time_on(day)
            if a < moment < b:
                return moment
        # In UTC: wall-clock arithmetic across a DST change could land past `b`.
        minutes = max(1, int((b - a).total_seconds() // 60))
        step = timedelta(minutes=rng.randrange(minutes))
        return (a.astimezone(UTC) + step).astimezone(self.tz)

    def _index(self, day: date) -> int:
        """Index of the first working day of the span on or after `day`."""
        return bisect.bisect_left(self.days, day)

    def _holidays(self) -> list[tuple[date, date]]:
        """End-of-year holidays: the nearest, plus every one the span or next weeks touch."""
        today, start = self.today, self.shape.start
        ranges = [
            (date(y, 12, 24), date(y + 1, 1, 1)) for y in range(start.year - 1, today.year + 1)
        ]
        nearest = min(ranges, key=lambda r: abs((r[0] - today).days))
        keep = [r for r in ranges if r[1] >= start and r[0] <= today + timedelta(days=60)]
        if not self.shape.benchmark:
            keep = []
        if nearest not in keep:
            keep.append(nearest)
        return sorted(keep)

    # -- accounts and contacts ------------------------------------------------------------

    def _company_names(self, count: int) -> list[tuple[str, str]]:
        rng = self.rng
        builtin = list(names.ACCOUNT_NAMES)
        rng.shuffle(builtin)
        if count <= len(builtin):
            return builtin[:count]
        adjectives, nouns, suffixes = names.NAME_ADJECTIVES, names.NAME_NOUNS, names.NAME_SUFFIXES
        combos = len(adjectives) * len(nouns) * len(suffixes)
        picks = rng.sample(range(combos), min(count - len(builtin), combos))
        result = list(builtin)
        for pick in picks:
            rest, s = divmod(pick, len(suffixes))
            a, n = divmod(rest, len(nouns))
            suffix, industry = suffixes[s]
            result.append((f"{adjectives[a]} {nouns[n]} {suffix}", industry))
        while len(result) < count:  # beyond every combination: names repeat, handles don't
            result.append(rng.choice(result))
        rng.shuffle(result)
        return result

    def build_accounts(self) -> None:
        rng, shape = self.rng, self.shape
        count = shape.accounts
        key, growth, nurture = shape.tiers
        tiers = ["key"] * key + ["growth"] * growth + ["nurture"] * nurture
        tiers += ["none"] * (count - len(tiers))
        rng.shuffle(tiers)
        initial = max(1, round(count * shape.initial_share))
        span = max(1, (self.last_day - shape.start).days - 14)
        accounts = []
        for i, ((name, industry), tier) in enumerate(
            zip(self._company_names(count), tiers, strict=True)
        ):
            if i < initial:
                day = shape.start - timedelta(days=rng.randint(160, 400))
            else:
                day = shape.start + timedelta(days=rng.randrange(span))
            cadence = None
            if tier in _CADENCE_OVERRIDES and rng.random() < 0.05:
                cadence = rng.choice(_CADENCE_OVERRIDES[tier])
            accounts.append(
                Account(0, "", name, tier, cadence, industry, created=self._moment(day))
            )
        accounts.sort(key=_created)
        taken: set[str] = set()
        for number, account in enumerate(accounts, 1):
            account.id = number
            account.handle = unique_handle(slugify(account.name), taken.__contains__)
            taken.add(account.handle)
        self.accounts = accounts
        self.account_created = [_created(a) for a in accounts]
        self.account_cum = _cumulative([_DEAL_WEIGHT[a.tier] for a in accounts])

    def build_contacts(self) -> None:
        rng, accounts = self.rng, self.accounts
        counts = [1] * len(accounts)
        weights = [_CONTACT_WEIGHT[a.tier] for a in accounts]
        extra = self.shape.contacts - len(accounts)
        for i in rng.choices(range(len(accounts)), weights=weights, k=max(extra, 0)):
            counts[i] += 1
        roles = [r for r, _ in names.ROLES]
        role_cum = _cumulative([w for _, w in names.ROLES])
        # Slugs of the name lists, once: emails are first.last at the company's domain.
        slugs = {n: slugify(n).replace("-", "") for n in names.FIRST_NAMES + names.LAST_NAMES}
        contacts = []
        for account, count in zip(accounts, counts, strict=True):
            domain = slugify(account.name).replace("-", "") + ".example"
            for number in range(count):
                # The first contact at some key accounts is the rep's champion,
                # kept warm on a cadence of their own.
                champion = number == 0 and account.tier == "key" and rng.random() < 0.5
                first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
                joined = _created(account).date() + timedelta(days=rng.randint(0, 45))
                created = max(self._moment(joined), _created(account))
                contacts.append(
                    Contact(
                        0,
                        "",
                        f"{first} {last}",
                        account_id=account.id,
                        role=roles[_pick(role_cum, rng.random())],
                        email=f"{slugs[first]}.{slugs[last]}@{domain}",
                        phone=f"+1 {rng.choice(names.AREA_CODES)} 555 01{rng.randrange(100):02d}",
                        cadence_days=rng.choice((21, 30)) if champion else None,
                        created=created,
                    )
                )
        contacts.sort(key=_created)
        taken: set[str] = set()
        for number, contact in enumerate(contacts, 1):
            contact.id = number
            contact.handle = unique_handle(slugify(contact.name), taken.__contains__)
            taken.add(contact.handle)
            self.contacts_of.setdefault(contact.account_id or 0, []).append(contact)
        self.contacts = contacts

    def choose_overdue_accounts(self) -> None:
        """A few relationship accounts whose last touch is more than a cadence ago."""
        rng = self.rng
        for tier in ("key", "growth", "nurture"):
            pool = [
                a for a in self.accounts if a.tier == tier and _created(a).date() < self.shape.start
            ]
            wanted = 1 if not self.shape.benchmark else max(1, round(len(pool) * 0.04))
            for account in rng.sample(pool, min(wanted, len(pool))):
                cadence = account.cadence_days or self.settings.tier_cadence(tier) or 30
                quiet = self.today - timedelta(days=cadence + rng.randint(3, 20))
                if self._index(quiet) >= 2:
                    self.account_quiet[account.id] = quiet

    # -- deals ---------------------------------------------------------------------------

    def _pick_account(self, created: datetime, end: datetime | None) -> Account:
        """An account that existed before the deal, key accounts more often; never one
        whose touches must have stopped before the deal did."""
        rng, accounts = self.rng, self.accounts
        eligible = max(1, bisect.bisect_right(self.account_created, created - _ONE_DAY))
        last = (end or self.now).date()
        for _ in range(20):
            r = rng.random() * self.account_cum[eligible - 1]
            account = accounts[min(bisect.bisect_right(self.account_cum, r), eligible - 1)]
            quiet = self.account_quiet.get(account.id)
            if quiet is None or last < quiet:
                return account
        fallback = [a for a in accounts[:eligible] if a.id not in self.account_quiet]
        return rng.choice(fallback or accounts[:eligible])

    def _title(self, close: date) -> tuple[str, int]:
        rng = self.rng
        template, low, high = rng.choices(names.DEAL_TITLES, _TITLE_WEIGHTS)[0]
        year = close.year + 1 if close.month >= 10 else close.year
        title = template.format(year=year, region=rng.choice(names.REGIONS))
        value = _round_money(math.exp(rng.uniform(math.log(low), math.log(high))))
        return title, value

    def _slips(self, created: datetime, last: datetime, close: date) -> list[FieldChange]:
        """Close-date changes ending at `close`, each one pushing it later."""
        rng = self.rng
        count = rng.choices((0, 1, 2, 3), (55, 27, 12, 6))[0]
        times = sorted(self._between(created, last) for _ in range(count))
        dates = [close]
        for at in reversed(times):
            earlier = min(
                dates[0] - timedelta(days=rng.randint(7, 30)),
                at.date() + timedelta(days=rng.randint(0, 10)),
            )
            dates.insert(0, earlier)
        return [
            FieldChange(at, "close", old.isoformat(), new.isoformat())
            for at, old, new in zip(times, dates, dates[1:], strict=False)
        ]

    def _forecast(self, deal: Deal, since: datetime, until: datetime, category: str | None) -> None:
        if category is None:
            return
        rng = self.rng
        at = self._between(since, until)
        if category == "best_case" and rng.random() < 0.15:
            # Was in commit once and came back out: the review shows such moves.
            earlier = self._between(since, at)
            deal.history.append(FieldChange(earlier, "forecast_category", None, "commit"))
            deal.history.append(FieldChange(at, "forecast_category", "commit", "best_case"))
        else:
            deal.history.append(FieldChange(at, "forecast_category", None, category))
        deal.forecast_category = category

    def _next_step(self, deal: Deal, stage: str, due: date, lo: datetime, hi: datetime) -> None:
        """Set the deal's next step at a moment between lo and hi, maybe replacing one."""
        rng = self.rng
        text = rng.choice(names.NEXT_STEPS[stage])
        at = self._between(max(lo, hi - timedelta(days=10)), hi)
        old_text: str | None = None
        old_due: str | None = None
        if rng.random() < 0.6 and lo < at:
            earlier = self._between(lo, at)
            old_text = rng.choice(names.NEXT_STEPS[stage])
            old_due = self._next_workday(
                earlier.date() + timedelta(days=rng.randint(1, 5))
            ).isoformat()
            deal.history.append(FieldChange(earlier, "next_step", None, old_text))
            deal.history.append(FieldChange(earlier, "next_due", None, old_due))
        if old_text != text:
            deal.history.append(FieldChange(at, "next_step", old_text, text))
        deal.history.append(FieldChange(at, "next_due", old_due, due.isoformat()))
        deal.next_step, deal.next_due = text, due

    def _deal(
        self,
        path: list[str],
        entered: list[datetime],
        outcome: str | None,
        end: datetime | None,
        close: date,
    ) -> _DealStory:
        """A deal that went through `path` (entering each stage at `entered`), then was
        won or lost at `end`, or is still open (outcome None)."""
        rng = self.rng
        created = entered[0]
        account = self._pick_account(created, end)
        title, value = self._title(close)
        deal = Deal(
            0,
            "",
            title,
            account_id=account.id,
            stage=path[0],
            close=close,
            source=rng.choice(names.DEAL_SOURCES),
            created=created,
            stage_changed=entered[-1],
        )
        last = end or self.now
        for old, new, at in zip(path, path[1:], entered[1:], strict=False):
            deal.history.append(FieldChange(at, "stage", old, new))
        deal.stage = path[-1]
        latest = value
        if outcome == "won" and rng.random() < 0.4:
            latest = _round_money(value / 100 * rng.uniform(0.85, 1.1))
        if rng.random() < 0.3:
            before = _round_money(latest / 100 * rng.uniform(0.75, 1.3))
            if before != latest:
                deal.history.append(
                    FieldChange(self._between(created, last), "value", before, latest)
                )
        deal.history += self._slips(created, last, close)
        deal.slip_count = sum(1 for c in deal.history if c.field == "close")
        deal.value = value
        story = _DealStory(deal, end)
        if outcome is None:
            category = self._open_category(deal.stage)
            self._forecast(deal, entered[-1], self.now, category)
            if rng.random() < 0.08:
                default = self.settings.probability(deal.stage)
                probability = min(95, max(5, default + rng.choice((-15, -10, -5, 5, 10, 15))))
                at = self._between(entered[-1], self.now)
                deal.history.append(FieldChange(at, "probability", None, probability))
                deal.probability = probability
            return story
        assert end is not None
        category = rng.choices(
            (None, "commit", "best_case"), (15, 70, 15) if outcome == "won" else (80, 5, 15)
        )[0]
        self._forecast(deal, entered[-1], end, category)
        if rng.random() < 0.85:
            due = self._next_workday(end.date() - timedelta(days=rng.randint(0, 6)))
            self._next_step(deal, path[-1], due, created, end)
        if latest != value:
            deal.history.append(FieldChange(end, "value", latest, value))
        deal.history.append(FieldChange(end, "stage", path[-1], outcome))
        deal.stage = outcome
        deal.stage_changed = end
        if outcome == "won":
            deal.won_at = end
        else:
            deal.lost_at = end
            codes = list(LOST_CODES)
            deal.lost_code = rng.choices(codes, [_LOST_WEIGHTS[c] for c in codes])[0]
            deal.lost_reason = rng.choice(names.LOST_REASONS[deal.lost_code])
        return story

    def _open_category(self, stage: str) -> str | None:
        weights = {
            "negotiation": (10, 60, 30),
            "proposal": (40, 15, 45),
            "qualified": (90, 0, 10),
            "prospect": (1, 0, 0),
        }[stage]
        return self.rng.choices((None, "commit", "best_case"), weights)[0]

    def _open_deal(self, stage: str, stale: bool, close_passed: bool) -> _DealStory:
        rng, today = self.rng, self.today
        rot = self.settings.rot_days(stage) or 14
        if stale:
            idle = rot * 3 + rng.randint(5, 15)
        elif rng.random() < 0.1:
            idle = rng.randint(rot + 1, rot * 2)
        else:
            idle = rng.randint(0, max(0, rot - 3))
        path = list(OPEN_STAGES[: OPEN_STAGES.index(stage) + 1])
        if len(path) > 1 and rng.random() < 0.25:
            path = path[1:]  # created straight into qualified
        entered = [self._moment(today - timedelta(days=idle))]
        for _ in path[1:]:
            entered.insert(0, self._moment(entered[0].date() - timedelta(days=rng.randint(5, 25))))
        left = (self.quarter.end - today).days
        low, high = {
            "negotiation": (2, max(5, min(left, 40))),
            "proposal": (7, left + 30),
            "qualified": (20, left + 75),
            "prospect": (30, left + 120),
        }[stage]
        close = self._next_workday(today + timedelta(days=rng.randint(low, max(low, high))))
        if close_passed:
            close = max(
                self._workday(today - timedelta(days=rng.randint(1, 12))), entered[0].date()
            )
        story = self._deal(path, entered, None, None, close)
        story.stale = stale
        if stale:
            story.quiet = entered[-1].date() + _ONE_DAY
        return story

    def _closed_deal(self, outcome: str) -> _DealStory:
        rng = self.rng
        end = self._time_at(rng.randrange(self.n))
        won = outcome == "won"
        cycle = rng.randint(30, 150) if won else rng.randint(10, 120)
        last_open = "negotiation" if won else rng.choices(OPEN_STAGES, (3, 3, 3, 2))[0]
        path = list(OPEN_STAGES[: OPEN_STAGES.index(last_open) + 1])
        if len(path) > 1 and rng.random() < 0.25:
            path = path[1:]
        created = self._moment(end.date() - timedelta(days=cycle))
        moves = sorted(self._between(created, end) for _ in path[1:])
        close = (
            end.date()
            if won
            else self._next_workday(end.date() + timedelta(days=rng.randint(-5, 30)))
        )
        return self._deal(path, [created, *moves], outcome, end, close)

    def build_deals(self) -> None:
        rng, shape = self.rng, self.shape
        n_open = shape.open_deals
        shares = (0.27, 0.27, 0.25)
        counts = [round(n_open * s) for s in shares]
        counts.append(n_open - sum(counts))
        stages = [s for s, c in zip(OPEN_STAGES, counts, strict=True) for _ in range(c)]
        rng.shuffle(stages)
        stale = stages.index("proposal") if "proposal" in stages else 0
        others = [i for i in range(n_open) if i != stale]
        passed = set(rng.sample(others, min(len(others), max(2, round(n_open * 0.03)))))
        stories = [
            self._open_deal(stage, i == stale, i in passed) for i, stage in enumerate(stages)
        ]
        closed = shape.deals - n_open
        outcomes = ["won"] * shape.won + ["lost"] * (closed - shape.won)
        rng.shuffle(outcomes)
        stories += [self._closed_deal(outcome) for outcome in outcomes]
        stories.sort(key=lambda s: _created(s.deal))
        handles = {a.id: a.handle for a in self.accounts}
        taken: set[str] = set()
        for number, story in enumerate(stories, 1):
            deal = story.deal
            deal.id = number
            base = deal_handle(handles.get(deal.account_id or 0), deal.title)
            deal.handle = unique_handle(base, taken.__contains__)
            taken.add(deal.handle)
        self.stories = stories

    # -- the story on today's pipeline -----------------------------------------------------

    def tell_story(self) -> None:
        """Next steps, focus, snooze and chases on the open deals; touches that stop."""
        rng, today = self.rng, self.today
        open_deals = [s for s in self.stories if s.end is None]
        stale = [s for s in open_deals if s.stale]
        others = [s for s in open_deals if not s.stale]
        rng.shuffle(others)
        m = len(others)
        overdue, due_today, none = (max(2, round(m * share)) for share in (0.13, 0.1, 0.08))
        for i, story in enumerate(others):
            deal = story.deal
            stage_entry = deal.stage_changed or _created(deal)
            if i < overdue:
                due = self._workday(today - timedelta(days=rng.randint(1, 8)))
                due = max(due, _created(deal).date())
            elif i < overdue + due_today:
                due = today
            elif i < overdue + due_today + none:
                continue  # no next step at all
            else:
                due = self._next_workday(today + timedelta(days=rng.randint(1, 14)))
            hi = min(self.now, self._start_of(due) + timedelta(minutes=_WORK_MINUTES))
            self._next_step(deal, deal.stage, due, min(stage_entry, hi), hi)
        for story in stale:
            deal = story.deal
            entry = deal.stage_changed or _created(deal)
            due = self._next_workday(entry.date() + timedelta(days=rng.randint(2, 6)))
            self._next_step(deal, deal.stage, due, entry, self._start_of(due))
        later = others[overdue + due_today + none :]
        focus = [s for s in later if s.deal.stage in ("proposal", "negotiation")][:2]
        for story in focus:
            story.deal.focus = True
        snooze = [
            s for s in later if s.deal.stage in ("prospect", "qualified") and not s.deal.focus
        ]
        for story in snooze[:1]:
            story.deal.snoozed_until = self._next_workday(today + timedelta(days=rng.randint(3, 7)))
        self._chase_deals(others, max(5, round(len(open_deals) * 0.08)))
        self._chase_contacts(max(3, len(self.contacts) // 200))
        self._last_touches()

    def _chase_days(self) -> tuple[int, list[int]]:
        """A response on one working day, then 3-7 unanswered touches up to today."""
        rng = self.rng
        count = rng.randint(3, 7)
        window = count * 2 + 3
        last = self.n - 1
        touches = sorted(rng.sample(range(last - window + 1, last + 1), count))
        return touches[0] - 1, touches

    def _story_activity(
        self,
        index: int,
        kind: str,
        direction: str,
        outcome: str | None,
        text: str,
        account_id: int | None,
        contact_id: int | None = None,
        deal_id: int | None = None,
    ) -> None:
        at = self._time_at(index)
        self.activities.append(
            Activity(0, kind, at, direction, account_id, contact_id, deal_id, outcome, text)
        )
        self.story_per_day[index] += 1

    def _chase(
        self,
        response: int,
        touches: list[int],
        account_id: int | None,
        contact: Contact | None,
        deal_id: int | None,
    ) -> None:
        rng = self.rng
        contact_id = contact.id if contact else None
        self._story_activity(
            response,
            "email",
            "in",
            "replied",
            "asked us to follow up later",
            account_id,
            contact_id,
            deal_id,
        )
        for index in touches:
            kind, outcomes = rng.choice(_CHASE_KINDS)
            self._story_activity(
                index,
                kind,
                "out",
                rng.choice(outcomes),
                rng.choice(names.CHASE_TEXTS),
                account_id,
                contact_id,
                deal_id,
            )
        quiet = self.days[response]
        if contact is not None:
            self.contact_quiet[contact.id] = quiet

    def _free_contact(self, account_id: int | None, before: date) -> Contact | None:
        pool = [
            c
            for c in self.contacts_of.get(account_id or 0, [])
            if c.id not in self.contact_quiet and _created(c).date() < before
        ]
        return self.rng.choice(pool) if pool else None

    def _chase_deals(self, candidates: list[_DealStory], wanted: int) -> None:
        done = 0
        for story in candidates:
            if done == wanted:
                break
            deal = story.deal
            response, touches = self._chase_days()
            start = self.days[response]
            if (
                deal.snoozed_until is not None
                or (deal.stage_changed or _created(deal)).date() >= start
            ):
                continue
            self._chase(
                response,
                touches,
                deal.account_id,
                self._free_contact(deal.account_id, start),
                deal.id,
            )
            story.quiet = start
            done += 1

    def _chase_contacts(self, wanted: int) -> None:
        rng = self.rng
        pool = [c for c in self.contacts if (c.account_id or 0) not in self.account_quiet]
        for contact in rng.sample(pool, min(len(pool), wanted * 2)):
            if wanted == 0:
                break
            response, touches = self._chase_days()
            if contact.id in self.contact_quiet or _created(contact).date() >= self.days[response]:
                continue
            self._chase(response, touches, contact.account_id, contact, None)
            wanted -= 1

    def _last_touches(self) -> None:
        """The last touch of each account that is overdue on its cadence."""
        for account_id, quiet in self.account_quiet.items():
            index = self._index(quiet) - 1
            contact = self._free_contact(account_id, self.days[index])
            self._story_activity(
                index,
                "call",
                "out",
                "connected",
                "caught up on their plans",
                account_id,
                contact.id if contact else None,
            )

    # -- activities ------------------------------------------------------------------------

    def _quotas(self, total: int) -> list[int]:
        """Filler activities per working day so each day's total looks like a rep's day."""
        rng, n = self.rng, self.n
        weights = []
        for i in range(n):
            if i >= n - 10:
                weight = rng.uniform(0.95, 1.25)  # a good recent run: the streak shows
            elif rng.random() < 0.08:
                weight = rng.uniform(0.4, 0.75)  # travel, admin, a light day
            else:
                weight = min(1.5, max(0.5, rng.gauss(1.0, 0.15)))
            weights.append(weight * self.limits[i] / _WORK_MINUTES)
        scale = total / sum(weights)
        quotas = [
            max(0, round(w * scale) - s) for w, s in zip(weights, self.story_per_day, strict=True)
        ]
        filler = total - sum(self.story_per_day)
        diff = filler - sum(quotas)
        full_days = [i for i in range(n) if self.limits[i] == _WORK_MINUTES]
        while diff > 0:
            quotas[rng.choice(full_days)] += 1
            diff -= 1
        while diff < 0:
            busy = [i for i in range(n) if quotas[i] > 0]
            for i in rng.sample(busy, min(len(busy), -diff)):
                quotas[i] -= 1
                diff += 1
        return quotas

    def _windows(self) -> tuple[dict[int, tuple[int, int]], list[list[tuple[int, int]]]]:
        """Day ranges [lo, hi) in which each contact may be touched, and the days on which
        accounts (pools 0-3 by tier) and deals (pool 4) start or stop taking touches:
        from the day after their creation until they close or go quiet."""
        days, n = self.days, self.n

        def start(day: date) -> int:
            return bisect.bisect_right(days, day)

        def stop(quiet: date | None) -> int:
            return n if quiet is None else bisect.bisect_left(days, quiet)

        accounts = {
            a.id: (start(_created(a).date()), stop(self.account_quiet.get(a.id)))
            for a in self.accounts
        }
        contacts = {
            c.id: (
                start(_created(c).date()),
                min(stop(self.contact_quiet.get(c.id)), accounts[c.account_id or 0][1]),
            )
            for c in self.contacts
        }
        # events[i]: (pool, key) pairs; a positive pool adds on day i, a negative removes.
        events: list[list[tuple[int, int]]] = [[] for _ in range(n + 1)]
        for account in self.accounts:
            lo, hi = accounts[account.id]
            if lo < hi:
                tier = _TIER_INDEX[account.tier]
                events[lo].append((tier + 1, account.id))
                events[hi].append((-tier - 1, account.id))
        for position, story in enumerate(self.stories):
            deal = story.deal
            lo = start(_created(deal).date())
            end = stop(story.end.date()) if story.end else n
            hi = min(stop(story.quiet), end, accounts[deal.account_id or 0][1])
            if lo < hi:
                events[lo].append((5, position))
                events[hi].append((-5, position))
        for day in events:
            day.sort()  # removals first
        return contacts, events

    def _cadence_touches(
        self, maker: _ActivityMaker, contact_window: dict[int, tuple[int, int]]
    ) -> None:
        """Keep every relationship inside its cadence (but the few overdue on purpose):
        accounts with a cadence and champions get touched again well before it runs out;
        an account added during the span gets a first touch within days."""
        rng, days, n = self.rng, self.days, self.n
        kinds = _cumulative(_CADENCE_KIND_WEIGHTS)
        for account in self.accounts:
            lo = bisect.bisect_right(days, _created(account).date())
            quiet = self.account_quiet.get(account.id)
            hi = n if quiet is None else self._index(quiet) - 1  # then the story's last touch
            cadence = account.cadence_days or self.settings.tier_cadence(account.tier)
            if cadence is None:
                if lo < hi and _created(account).date() >= self.shape.start:
                    self._add(
                        maker.make(min(lo + rng.randrange(3), hi - 1), account.id, None, kinds)
                    )
                continue
            for index in self._schedule(lo, hi, cadence):
                self._add(maker.make(index, account.id, None, kinds))
        for contact in self.contacts:
            if contact.cadence_days is not None:
                lo, hi = contact_window[contact.id]
                for index in self._schedule(lo, hi, contact.cadence_days):
                    account_id = contact.account_id or 0
                    self._add(maker.make(index, account_id, None, kinds, contact.id))

    def _schedule(self, lo: int, hi: int, cadence: int) -> list[int]:
        """Working-day indices from lo (within days) to before hi, spaced inside `cadence`."""
        rng, days = self.rng, self.days
        indices: list[int] = []
        if lo >= hi:
            return indices
        index = min(lo + rng.randrange(3), hi - 1)
        while index < hi:
            indices.append(index)
            low, high = _CADENCE_SPACING
            gap = max(1, round(cadence * rng.uniform(low, high)))
            index = self._index(days[index] + timedelta(days=gap))
        return indices

    def _add(self, activity: Activity) -> None:
        """A story activity: counted on its day, so the filler leaves room for it."""
        self.activities.append(activity)
        self.story_per_day[self._index(activity.at.date())] += 1

    def build_activities(self) -> None:
        """The story's activities plus filler up to the book's size, ids in time order."""
        shape, random = self.shape, self.rng.random
        if shape.activities is not None:
            total = shape.activities
        else:
            total = round(shape.per_day * sum(self.limits) / _WORK_MINUTES)
        contact_window, events = self._windows()
        maker = _ActivityMaker(self, contact_window)
        self._cadence_touches(maker, contact_window)
        if total < sum(self.story_per_day):
            raise ValueError("the book is too small for its story")
        quotas = self._quotas(total)
        pools = [_Pool() for _ in range(5)]  # accounts by tier (key .. none), then deals
        deal_kinds = _cumulative(_DEAL_KIND_WEIGHTS)
        account_kinds = _cumulative(_ACCOUNT_KIND_WEIGHTS)
        carry = 0
        for i in range(self.n):
            for signed, key in events[i]:
                if signed > 0:
                    pools[signed - 1].add(key)
                else:
                    pools[-signed - 1].remove(key)
            deals = pools[4]
            # An account's weight is its tier's, so a tier's share grows with its size.
            tiers = [p for p in pools[:4] if p.items]
            tier_cum = _cumulative([_TOUCH_WEIGHT[pools.index(p)] * len(p.items) for p in tiers])
            todo, carry = quotas[i] + carry, 0
            for _ in range(todo):
                if deals.items and (random() < _DEAL_SHARE or not tiers):
                    deal = self.stories[deals.pick(random())].deal
                    activity = maker.make(i, deal.account_id or 0, deal.id, deal_kinds)
                elif tiers:
                    tier = tiers[_pick(tier_cum, random())]
                    activity = maker.make(i, tier.pick(random()), None, account_kinds)
                else:
                    carry += 1  # nobody to touch yet: the next day then
                    continue
                self.activities.append(activity)
        self.activities.sort(key=lambda a: a.at)
        for number, activity in enumerate(self.activities, 1):
            activity.id = number

    # -- promises, plans, days off ---------------------------------------------------------

    def build_promises(self) -> list[Promise]:
        rng, shape, days, cal = self.rng, self.shape, self.days, self.cal
        total = shape.promises
        missed = 1 if not shape.benchmark else max(1, round(total * 0.02))
        this_week, later, early = (5, 2, 2) if not shape.benchmark else (6, 6, 3)
        past = total - missed - this_week - later - early
        open_deals = [s.deal for s in self.stories if s.end is None and not s.stale]
        accounts = {a.id: a for a in self.accounts}
        promises: list[Promise] = []

        week_end = cal.week_bounds(self.today)[1]
        ahead = list(cal.working_days(self.today, week_end))
        if not ahead:
            ahead = list(cal.working_days(week_end + _ONE_DAY, week_end + timedelta(days=7)))
        last = self.n - 1

        def make(due: date, created_index: int, done_at: datetime | None, on_deal: bool) -> None:
            created = self._time_at(max(0, created_index))
            if on_deal:
                deal = rng.choice(open_deals)
                account = accounts[deal.account_id or 0]
                deal_id: int | None = deal.id
            else:
                known = bisect.bisect_right(self.account_created, created)
                account = self.accounts[rng.randrange(max(1, known))]
                deal_id = None
            contact = self._contact_before(account.id, created)
            if contact is None:
                text = rng.choice([t for t in names.PROMISE_TEXTS if "{first}" not in t])
            else:
                text = rng.choice(names.PROMISE_TEXTS)
            text = text.format(
                first=contact.name.split(" ")[0] if contact else "", account=account.name
            )
            aim = max(aim_date(due, cal), created.date()) if due >= created.date() else due
            promises.append(
                Promise(
                    0,
                    text,
                    due,
                    aim,
                    account_id=account.id,
                    contact_id=contact.id if contact else None,
                    deal_id=deal_id,
                    created=max(created, _created(account)),
                    done_at=done_at,
                )
            )

        # Kept early, on time and late as 2:2:1, so every book has all three.
        styles = ["early"] * round(past * 0.4) + ["on_time"] * round(past * 0.4)
        styles += ["late"] * (past - len(styles))
        rng.shuffle(styles)
        for style in styles:
            due_index = rng.randint(10, last - 1)
            done_index = due_index
            if style == "early":
                done_index = due_index - rng.randint(1, 3)
            elif style == "late":
                done_index = min(last, due_index + rng.randint(1, 4))
            make(days[due_index], done_index - rng.randint(1, 8), self._time_at(done_index), False)
        for number in range(missed):
            # One missed lately; in the big books the others are scattered over the years.
            due_index = last - rng.randint(1, 4) if number == 0 else rng.randint(10, last - 5)
            make(days[due_index], due_index - rng.randint(2, 8), None, number == 0)
        for _ in range(this_week):
            make(rng.choice(ahead), last - rng.randint(1, 6), None, True)
        for _ in range(later):
            due = self._next_workday(self.today + timedelta(days=rng.randint(8, 20)))
            make(due, last - rng.randint(0, 4), None, True)
        for _ in range(early):
            due = self._next_workday(self.today + timedelta(days=rng.randint(1, 10)))
            done_index = last - rng.randint(0, 1)
            make(due, done_index - rng.randint(1, 5), self._time_at(done_index), True)
        promises.sort(key=_created)
        for number, promise in enumerate(promises, 1):
            promise.id = number
        return promises

    def _contact_before(self, account_id: int, moment: datetime) -> Contact | None:
        pool = [c for c in self.contacts_of.get(account_id, []) if _created(c) < moment]
        return self.rng.choice(pool) if pool else None

    def _story_quota(self) -> int:
        """A quota the demo rep is a little behind on today, so the Quarter pane has a
        story to tell: attainment some points under the share of the quarter gone by."""
        quarter = self.quarter
        won = sum(
            s.deal.value
            for s in self.stories
            if s.deal.won_at and quarter.start <= s.deal.won_at.date() <= quarter.end
        )
        total = self.cal.count_working_days(quarter.start, quarter.end)
        gone = self.cal.count_working_days(quarter.start, self.now.date() - timedelta(days=1))
        share = gone / total if total else 0.0
        if won == 0 or share < 0.2:
            return _QUOTA
        step = 2_500_000
        return max(step, round(won / (share - 0.08) / step) * step)

    def build_plans(self) -> list[Plan]:
        cal = self.cal
        if not self.shape.benchmark:
            return [
                Plan(1, self.quarter.name, self._story_quota(), dict(PLAN_TARGETS), _DAILY_MINIMUM)
            ]
        quarters = [cal.quarter_of(self.shape.start)]
        while quarters[-1].name != self.quarter.name:
            quarters.append(cal.next_quarter(quarters[-1]))
        won = sum(
            s.deal.value
            for s in self.stories
            if s.deal.won_at and s.deal.won_at.date() >= self.shape.start
        )
        # A quota the rep can just about make: what they win in an average quarter.
        step = 2_500_000
        average = won / max(1, len(quarters) - 0.5)
        plans = []
        for number, quarter in enumerate(quarters, 1):
            quota = max(step, round(average * self.rng.uniform(0.95, 1.15) / step) * step)
            plans.append(Plan(number, quarter.name, quota, dict(PLAN_TARGETS), _DAILY_MINIMUM))
        return plans

    def build_days_off(self) -> list[DayOff]:
        return [
            DayOff(number, start, end, "Holidays")
            for number, (start, end) in enumerate(self.holidays, 1)
        ]


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = 0.0
    result = []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def _pick(cumulative: list[float], r: float) -> int:
    """The index a uniform `r` in [0, 1) falls on in cumulative weights."""
    return min(bisect.bisect_right(cumulative, r * cumulative[-1]), len(cumulative) - 1)


class _Pool:
    """Keys to draw from uniformly, with O(1) add and remove; the order is the seed's."""

    def __init__(self) -> None:
        self.items: list[int] = []
        self.where: dict[int, int] = {}

    def add(self, key: int) -> None:
        self.where[key] = len(self.items)
        self.items.append(key)

    def remove(self, key: int) -> None:
        index = self.where.pop(key)
        moved = self.items.pop()
        if moved != key:
            self.items[index] = moved
            self.where[moved] = index

    def pick(self, r: float) -> int:
        return self.items[int(r * len(self.items))]


class _ActivityMaker:
    """Contact, kind, direction, outcome, text and time of one filler activity."""

    def __init__(self, builder: _Builder, contact_window: dict[int, tuple[int, int]]) -> None:
        self.random = builder.rng.random
        self.contacts_of = builder.contacts_of
        self.contact_window = contact_window
        self.firsts = {c.id: c.name.split(" ")[0] for c in builder.contacts}
        self.champions = {
            c.account_id or 0: c for c in builder.contacts if c.cadence_days is not None
        }
        self.day_starts = builder.day_starts
        self.limits = builder.limits
        self.minutes = [timedelta(minutes=m) for m in range(_WORK_MINUTES)]
        self.texts = {
            kind: (options, tuple(t for t in options if "{first}" not in t))
            for kind, options in names.ACTIVITY_TEXTS.items()
        }
        # Direction and outcome drawn together: (direction, outcome) pairs and their weights.
        self.variants: dict[str, tuple[list[tuple[str, str | None]], list[float]]] = {}
        for kind, (outcomes, weights) in _OUTCOMES.items():
            inbound_share, inbound_outcome = _INBOUND.get(kind, (0.0, None))
            total = sum(weights)
            pairs: list[tuple[str, str | None]] = [("out", o) for o in outcomes]
            shares = [(1 - inbound_share) * w / total for w in weights]
            if inbound_share:
                pairs.append(("in", inbound_outcome))
                shares.append(inbound_share)
            self.variants[kind] = (pairs, _cumulative(shares))

    def make(
        self,
        day: int,
        account_id: int,
        deal_id: int | None,
        kinds: list[float],
        person_id: int | None = None,
    ) -> Activity:
        """One activity on working day `day`; with `person_id`, with that contact."""
        random = self.random
        contact_id = person_id
        people = None if person_id is not None else self.contacts_of.get(account_id)
        r = random()
        if people and r < 0.85:
            person = people[int(random() * len(people))]
            champion = self.champions.get(account_id)
            if r < 0.5 and champion is not None:
                person = champion  # most touches go through the champion
            lo, hi = self.contact_window[person.id]
            if lo <= day < hi:
                contact_id = person.id
        kind = _KINDS[_pick(kinds, random())]
        pairs, cumulative = self.variants[kind]
        direction, outcome = pairs[_pick(cumulative, random())]
        every, plain = self.texts[kind]
        options = plain if contact_id is None else every
        text = options[int(random() * len(options))]
        if contact_id is not None and "{first}" in text:
            text = text.format(first=self.firsts[contact_id])
        at = self.day_starts[day] + self.minutes[int(random() * self.limits[day])]
        return Activity(0, kind, at, direction, account_id, contact_id, deal_id, outcome, text)


# -- the public API --------------------------------------------------------------------


def generate_demo(now: datetime, *, years: int | None = None, seed: int = 7) -> Tables:
    """The documents of a demo book around `now`, table by table, ids 1..n in each.

    years=None: a few months of one rep's book; years=N: the N-year benchmark book.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (the book's time zone)")
    if years is not None and (isinstance(years, bool) or not isinstance(years, int) or years < 1):
        raise ValueError(f"years must be a positive whole number, got {years!r}")
    # A plain datetime: subclasses such as pendulum's do their own arithmetic.
    now = datetime(
        now.year,
        now.month,
        now.day,
        now.hour,
        now.minute,
        now.second,
        now.microsecond,
        tzinfo=now.tzinfo,
        fold=now.fold,
    )
    builder = _Builder(now, _shape(now.date(), years), seed)
    builder.build_accounts()
    builder.build_contacts()
    builder.choose_overdue_accounts()
    builder.build_deals()
    builder.tell_story()
    builder.build_activities()
    promises = builder.build_promises()
    for story in builder.stories:
        story.deal.history.sort(key=lambda change: change.at)
    records: dict[str, list[Any]] = {
        "accounts": builder.accounts,
        "contacts": builder.contacts,
        "deals": [s.deal for s in builder.stories],
        "activities": builder.activities,
        "promises": promises,
        "plans": builder.build_plans(),
        "days_off": builder.build_days_off(),
    }
    tables: Tables = {"settings": []}  # the demo runs on the default settings
    for table in TABLES[1:]:
        tables[table] = [to_doc(record) for record in records[table]]
    return tables


def demo_summary(tables: Tables) -> str:
    """One line of counts: "40 accounts, 120 contacts, 60 deals, 1,523 activities, ..."."""
    words = (
        ("accounts", "account"),
        ("contacts", "contact"),
        ("deals", "deal"),
        ("activities", "activity"),
        ("promises", "promise"),
    )
    parts = []
    for table, singular in words:
        count = len(tables.get(table, []))
        parts.append(f"{count:,} {singular if count == 1 else table}")
    return ", ".join(parts)


def write_demo(
    path: Path,
    now: datetime,
    *,
    years: int | None = None,
    seed: int = 7,
    force: bool = False,
) -> str:
    """Write a demo book at `path` through the store; return its summary.

    Refuses an existing book (or a journal left beside it) unless `force`, which replaces
    the old book and removes its journal and lock; backups are left alone.
    """
    path = Path(path)
    leftovers = [p for p in (path, journal_path(path)) if p.exists()]
    if leftovers and not force:
        raise FileExistsError(f"{leftovers[0]} already exists; use --force to replace it")
    tables = generate_demo(now, years=years, seed=seed)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Built in a folder of its own and moved in whole: the store's checkpoint would
    # otherwise file the empty book it starts from as today's backup, over the backup
    # of the book being replaced.
    workdir = Path(tempfile.mkdtemp(prefix=".cockpit-demo-", dir=path.parent))
    try:
        built = workdir / path.name
        store = Store.open(built, now=lambda: now, create=True)
        try:
            with store.transaction("demo") as tx:
                for table in TABLES:
                    for doc in tables[table]:
                        if tx.insert(table, dict(doc)) != doc["id"]:
                            raise RuntimeError(f"{built}: {table} ids do not start at 1")
            # Clearing undo keeps `cockpit undo` from emptying the new book (and the
            # undo table from holding a second copy of it).
            store.checkpoint(clear_undo=True)
        finally:
            store.close()
        # The old journal goes first: replayed onto the new book, it would corrupt it.
        journal_path(path).unlink(missing_ok=True)
        lock_path(path).unlink(missing_ok=True)
        os.replace(built, path)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return demo_summary(tables)
