"""Demo deals: open ones at every stage (one stale), and the won and lost history."""

from __future__ import annotations

import bisect
import math
from datetime import date, datetime, timedelta
from functools import cache

from cockpit.demo.people import PeopleBuilder
from cockpit.demo.timeline import ONE_DAY, DealStory, created_at, round_money
from cockpit.domain.handles import deal_handle, unique_handle
from cockpit.domain.model import (
    LOST_CODES,
    Account,
    Deal,
    FieldChange,
)
from cockpit.domain.settings import OPEN_STAGES

__all__ = ["DealsBuilder"]

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


@cache
def _title_weights(titles: tuple[tuple[str, int, int], ...]) -> tuple[int, ...]:
    """Renewals and expansions are the usual deals; the rest come up now and then."""
    common = {"Renewal {year}": 4, "Expansion — {region}": 3, "Pilot": 2, "Platform upgrade": 2}
    return tuple(common.get(t, 1) for t, _, _ in titles)


class DealsBuilder(PeopleBuilder):
    """Deals with their stage moves, slips, forecast changes and next steps."""

    def _pick_account(self, created: datetime, end: datetime | None) -> Account:
        """An account that existed before the deal, key accounts more often; never one
        whose touches must have stopped before the deal did."""
        rng, accounts = self.rng, self.accounts
        eligible = max(1, bisect.bisect_right(self.account_created, created - ONE_DAY))
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
        template, low, high = rng.choices(
            self.names.deal_titles, _title_weights(self.names.deal_titles)
        )[0]
        year = close.year + 1 if close.month >= 10 else close.year
        title = template.format(year=year, region=rng.choice(self.names.regions))
        value = round_money(math.exp(rng.uniform(math.log(low), math.log(high))))
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
        text = rng.choice(self.names.next_steps[stage])
        at = self._between(max(lo, hi - timedelta(days=10)), hi)
        old_text: str | None = None
        old_due: str | None = None
        if rng.random() < 0.6 and lo < at:
            earlier = self._between(lo, at)
            old_text = rng.choice(self.names.next_steps[stage])
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
    ) -> DealStory:
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
            source=rng.choice(self.names.deal_sources),
            created=created,
            stage_changed=entered[-1],
        )
        last = end or self.now
        for old, new, at in zip(path, path[1:], entered[1:], strict=False):
            deal.history.append(FieldChange(at, "stage", old, new))
        deal.stage = path[-1]
        latest = value
        if outcome == "won" and rng.random() < 0.4:
            latest = round_money(value / 100 * rng.uniform(0.85, 1.1))
        if rng.random() < 0.3:
            before = round_money(latest / 100 * rng.uniform(0.75, 1.3))
            if before != latest:
                deal.history.append(
                    FieldChange(self._between(created, last), "value", before, latest)
                )
        deal.history += self._slips(created, last, close)
        deal.slip_count = sum(1 for c in deal.history if c.field == "close")
        deal.value = value
        story = DealStory(deal, end)
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
            deal.lost_reason = rng.choice(self.names.lost_reasons[deal.lost_code])
        return story

    def _open_category(self, stage: str) -> str | None:
        weights = {
            "negotiation": (10, 60, 30),
            "proposal": (40, 15, 45),
            "qualified": (90, 0, 10),
            "prospect": (1, 0, 0),
        }[stage]
        return self.rng.choices((None, "commit", "best_case"), weights)[0]

    def _open_deal(self, stage: str, stale: bool, close_passed: bool) -> DealStory:
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
            story.quiet = entered[-1].date() + ONE_DAY
        return story

    def _closed_deal(self, outcome: str) -> DealStory:
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
        stories.sort(key=lambda s: created_at(s.deal))
        handles = {a.id: a.handle for a in self.accounts}
        taken: set[str] = set()
        for number, story in enumerate(stories, 1):
            deal = story.deal
            deal.id = number
            base = deal_handle(handles.get(deal.account_id or 0), deal.title)
            deal.handle = unique_handle(base, taken.__contains__)
            taken.add(deal.handle)
        self.stories = stories
