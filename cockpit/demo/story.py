"""The story on today's pipeline: next steps due, focus, snooze, chases, touches that stop."""

from __future__ import annotations

from datetime import date, timedelta

from cockpit.demo.deals import DealsBuilder
from cockpit.demo.timeline import WORK_MINUTES, DealStory, created_at
from cockpit.domain.model import (
    Activity,
    Contact,
)

__all__ = ["StoryBuilder"]

_CHASE_KINDS = (("call", ("voicemail", "no_answer", "busy")), ("email", ("sent",)))


class StoryBuilder(DealsBuilder):
    """Gives every pane something to show (the module docstring lists what)."""

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
            stage_entry = deal.stage_changed or created_at(deal)
            if i < overdue:
                due = self._workday(today - timedelta(days=rng.randint(1, 8)))
                due = max(due, created_at(deal).date())
            elif i < overdue + due_today:
                due = today
            elif i < overdue + due_today + none:
                continue  # no next step at all
            else:
                due = self._next_workday(today + timedelta(days=rng.randint(1, 14)))
            hi = min(self.now, self._start_of(due) + timedelta(minutes=WORK_MINUTES))
            self._next_step(deal, deal.stage, due, min(stage_entry, hi), hi)
        for story in stale:
            deal = story.deal
            entry = deal.stage_changed or created_at(deal)
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
                rng.choice(self.names.chase_texts),
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
            if c.id not in self.contact_quiet and created_at(c).date() < before
        ]
        return self.rng.choice(pool) if pool else None

    def _chase_deals(self, candidates: list[DealStory], wanted: int) -> None:
        done = 0
        for story in candidates:
            if done == wanted:
                break
            deal = story.deal
            response, touches = self._chase_days()
            start = self.days[response]
            if (
                deal.snoozed_until is not None
                or (deal.stage_changed or created_at(deal)).date() >= start
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
            if (
                contact.id in self.contact_quiet
                or created_at(contact).date() >= self.days[response]
            ):
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
