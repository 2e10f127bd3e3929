"""Demo promises: kept early, on time and late, one missed, and some due this week."""

from __future__ import annotations

import bisect
from datetime import date, datetime, timedelta

from cockpit.demo.activities import ActivitiesBuilder
from cockpit.demo.timeline import ONE_DAY, created_at
from cockpit.domain.model import (
    Contact,
    Promise,
)
from cockpit.domain.promises import aim_date

__all__ = ["PromisesBuilder"]


class PromisesBuilder(ActivitiesBuilder):
    """Promises to contacts and accounts, aimed a working day early."""

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
            ahead = list(cal.working_days(week_end + ONE_DAY, week_end + timedelta(days=7)))
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
                text = rng.choice([t for t in self.names.promise_texts if "{first}" not in t])
            else:
                text = rng.choice(self.names.promise_texts)
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
                    created=max(created, created_at(account)),
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
        promises.sort(key=created_at)
        for number, promise in enumerate(promises, 1):
            promise.id = number
        return promises

    def _contact_before(self, account_id: int, moment: datetime) -> Contact | None:
        pool = [c for c in self.contacts_of.get(account_id, []) if created_at(c) < moment]
        return self.rng.choice(pool) if pool else None
