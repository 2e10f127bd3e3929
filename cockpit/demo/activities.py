"""Demo activities: the story's, cadence touches, and filler up to the book's size."""

from __future__ import annotations

import bisect
from datetime import date, timedelta

from cockpit.demo.story import StoryBuilder
from cockpit.demo.timeline import WORK_MINUTES, created_at, cumulative, pick
from cockpit.domain.model import (
    ACTIVITY_KINDS,
    Activity,
)

__all__ = ["ActivitiesBuilder"]

_TOUCH_WEIGHT = (6.0, 3.0, 1.5, 0.2)  # account-level filler by tier (key .. none)
_CADENCE_SPACING = (0.35, 0.8)  # a disciplined rep touches again well inside the cadence
_TIER_INDEX = {"key": 0, "growth": 1, "nurture": 2, "none": 3}
_DEAL_SHARE = 0.55  # of filler activities, those on a deal (the rest: account touches)

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


class ActivitiesBuilder(StoryBuilder):
    """Every activity, ids in time order."""

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
            weights.append(weight * self.limits[i] / WORK_MINUTES)
        scale = total / sum(weights)
        quotas = [
            max(0, round(w * scale) - s) for w, s in zip(weights, self.story_per_day, strict=True)
        ]
        filler = total - sum(self.story_per_day)
        diff = filler - sum(quotas)
        full_days = [i for i in range(n) if self.limits[i] == WORK_MINUTES]
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
            a.id: (start(created_at(a).date()), stop(self.account_quiet.get(a.id)))
            for a in self.accounts
        }
        contacts = {
            c.id: (
                start(created_at(c).date()),
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
            lo = start(created_at(deal).date())
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
        kinds = cumulative(_CADENCE_KIND_WEIGHTS)
        for account in self.accounts:
            lo = bisect.bisect_right(days, created_at(account).date())
            quiet = self.account_quiet.get(account.id)
            hi = n if quiet is None else self._index(quiet) - 1  # then the story's last touch
            cadence = account.cadence_days or self.settings.tier_cadence(account.tier)
            if cadence is None:
                if lo < hi and created_at(account).date() >= self.shape.start:
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
            total = round(shape.per_day * sum(self.limits) / WORK_MINUTES)
        contact_window, events = self._windows()
        maker = _ActivityMaker(self, contact_window)
        self._cadence_touches(maker, contact_window)
        if total < sum(self.story_per_day):
            raise ValueError("the book is too small for its story")
        quotas = self._quotas(total)
        pools = [_Pool() for _ in range(5)]  # accounts by tier (key .. none), then deals
        deal_kinds = cumulative(_DEAL_KIND_WEIGHTS)
        account_kinds = cumulative(_ACCOUNT_KIND_WEIGHTS)
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
            tier_cum = cumulative([_TOUCH_WEIGHT[pools.index(p)] * len(p.items) for p in tiers])
            todo, carry = quotas[i] + carry, 0
            for _ in range(todo):
                if deals.items and (random() < _DEAL_SHARE or not tiers):
                    deal = self.stories[deals.pick(random())].deal
                    activity = maker.make(i, deal.account_id or 0, deal.id, deal_kinds)
                elif tiers:
                    tier = tiers[pick(tier_cum, random())]
                    activity = maker.make(i, tier.pick(random()), None, account_kinds)
                else:
                    carry += 1  # nobody to touch yet: the next day then
                    continue
                self.activities.append(activity)
        self.activities.sort(key=lambda a: a.at)
        for number, activity in enumerate(self.activities, 1):
            activity.id = number


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

    def __init__(
        self, builder: ActivitiesBuilder, contact_window: dict[int, tuple[int, int]]
    ) -> None:
        self.random = builder.rng.random
        self.contacts_of = builder.contacts_of
        self.contact_window = contact_window
        self.firsts = {c.id: c.name.split(" ")[0] for c in builder.contacts}
        self.champions = {
            c.account_id or 0: c for c in builder.contacts if c.cadence_days is not None
        }
        self.day_starts = builder.day_starts
        self.limits = builder.limits
        self.minutes = [timedelta(minutes=m) for m in range(WORK_MINUTES)]
        self.texts = {
            kind: (options, tuple(t for t in options if "{first}" not in t))
            for kind, options in builder.names.activity_texts.items()
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
            self.variants[kind] = (pairs, cumulative(shares))

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
        kind = ACTIVITY_KINDS[pick(kinds, random())]
        pairs, cumulative = self.variants[kind]
        direction, outcome = pairs[pick(cumulative, random())]
        every, plain = self.texts[kind]
        options = plain if contact_id is None else every
        text = options[int(random() * len(options))]
        if contact_id is not None and "{first}" in text:
            text = text.format(first=self.firsts[contact_id])
        at = self.day_starts[day] + self.minutes[int(random() * self.limits[day])]
        return Activity(0, kind, at, direction, account_id, contact_id, deal_id, outcome, text)
