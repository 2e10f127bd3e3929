"""Demo plans (a quota the rep is a little behind on) and days off; the whole builder."""

from __future__ import annotations

from datetime import timedelta

from cockpit.demo.promises import PromisesBuilder
from cockpit.domain.model import (
    DayOff,
    Plan,
)

__all__ = ["PLAN_TARGETS", "Builder"]

PLAN_TARGETS: dict[str, int] = {
    "call": 50,
    "email": 100,
    "meeting": 8,
    "demo": 3,
    "proposal": 2,
    "deal": 5,
}
"""Weekly activity targets of every demo plan."""
"""Weekly activity targets of every demo plan."""

_QUOTA = 30_000_000  # 300k in cents: the default book's quota
_DAILY_MINIMUM = 20


class Builder(PromisesBuilder):
    """Builds one demo book; the order of the steps is part of the determinism."""

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
