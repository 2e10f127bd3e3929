"""Demo accounts and contacts, and the few accounts left overdue on their cadence."""

from __future__ import annotations

from datetime import timedelta

from cockpit.demo.timeline import Timeline, created_at, cumulative, pick
from cockpit.domain.handles import slugify, unique_handle
from cockpit.domain.model import (
    Account,
    Contact,
)

__all__ = ["PeopleBuilder"]

_CONTACT_WEIGHT = {"key": 4.0, "growth": 2.5, "nurture": 1.5, "none": 1.0}

_DEAL_WEIGHT = {"key": 5.0, "growth": 3.0, "nurture": 1.5, "none": 1.0}

_CADENCE_OVERRIDES = {"key": (7, 10), "growth": (21, 45), "nurture": (45, 90)}


class PeopleBuilder(Timeline):
    """Accounts (tiers, cadences, creation days) and their contacts."""

    def _company_names(self, count: int) -> list[tuple[str, str]]:
        rng = self.rng
        builtin = list(self.names.account_names)
        rng.shuffle(builtin)
        if count <= len(builtin):
            return builtin[:count]
        adjectives, nouns, suffixes = (
            self.names.name_adjectives,
            self.names.name_nouns,
            self.names.name_suffixes,
        )
        combos = len(adjectives) * len(nouns) * len(suffixes)
        picks = rng.sample(range(combos), min(count - len(builtin), combos))
        result = list(builtin)
        for combo in picks:
            rest, s = divmod(combo, len(suffixes))
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
        accounts.sort(key=created_at)
        taken: set[str] = set()
        for number, account in enumerate(accounts, 1):
            account.id = number
            account.handle = unique_handle(slugify(account.name), taken.__contains__)
            taken.add(account.handle)
        self.accounts = accounts
        self.account_created = [created_at(a) for a in accounts]
        self.account_cum = cumulative([_DEAL_WEIGHT[a.tier] for a in accounts])

    def build_contacts(self) -> None:
        rng, accounts = self.rng, self.accounts
        counts = [1] * len(accounts)
        weights = [_CONTACT_WEIGHT[a.tier] for a in accounts]
        extra = self.shape.contacts - len(accounts)
        for i in rng.choices(range(len(accounts)), weights=weights, k=max(extra, 0)):
            counts[i] += 1
        roles = [r for r, _ in self.names.roles]
        role_cum = cumulative([w for _, w in self.names.roles])
        # Slugs of the name lists, once: emails are first.last at the company's domain.
        slugs = {
            n: slugify(n).replace("-", "") for n in self.names.first_names + self.names.last_names
        }
        area_codes = self.names.area_codes
        contacts = []
        for account, count in zip(accounts, counts, strict=True):
            domain = slugify(account.name).replace("-", "") + ".example"
            for number in range(count):
                # The first contact at some key accounts is the rep's champion,
                # kept warm on a cadence of their own.
                champion = number == 0 and account.tier == "key" and rng.random() < 0.5
                first, last = rng.choice(self.names.first_names), rng.choice(self.names.last_names)
                joined = created_at(account).date() + timedelta(days=rng.randint(0, 45))
                created = max(self._moment(joined), created_at(account))
                contacts.append(
                    Contact(
                        0,
                        "",
                        f"{first} {last}",
                        account_id=account.id,
                        role=roles[pick(role_cum, rng.random())],
                        email=f"{slugs[first]}.{slugs[last]}@{domain}",
                        phone=f"+1 {rng.choice(area_codes)} 555 01{rng.randrange(100):02d}",
                        cadence_days=rng.choice((21, 30)) if champion else None,
                        created=created,
                    )
                )
        contacts.sort(key=created_at)
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
                a
                for a in self.accounts
                if a.tier == tier and created_at(a).date() < self.shape.start
            ]
            wanted = 1 if not self.shape.benchmark else max(1, round(len(pool) * 0.04))
            for account in rng.sample(pool, min(wanted, len(pool))):
                cadence = account.cadence_days or self.settings.tier_cadence(tier) or 30
                quiet = self.today - timedelta(days=cadence + rng.randint(3, 20))
                if self._index(quiet) >= 2:
                    self.account_quiet[account.id] = quiet
