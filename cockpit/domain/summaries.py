"""What today's views need from the activities, counted from their documents (DESIGN §9.7).

Per owner (a deal, contact or account): its last touch, last activity and last response,
and its chase (outbound touches since that response); per day ("YYYY-MM-DD" in the
activity's own offset) how many activities of each kind. `recount` is the one
definition. The book keeps a `Summaries` current change by change (`apply`); a change
the rules cannot follow exactly marks its owners stale, and they are counted again from
the activities (`refresh`). At each checkpoint the store keeps a recount in the book's
meta document (`summaries_doc`), so a command that reads no activities (`cockpit today`)
starts from it plus the journal's changes since (`follow`).

Summaries live in meta, not as fields on each record: a command's journal images stay
pure records, undo cannot make a summary drift, and the counting is written once, here.
Work is on documents, not decoded records: a recount of 36k activities is one sort.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import compress
from operator import itemgetter
from typing import Any

from cockpit.domain.codec import to_doc
from cockpit.domain.model import RESPONSE_OUTCOMES, TOUCH_KINDS, Activity

__all__ = [
    "ARCHIVED",
    "OWNER_KEYS",
    "Mark",
    "OwnerSummary",
    "Summaries",
    "carried_moment",
    "follow",
    "from_meta",
    "recount",
    "summaries_doc",
    "summarize",
]

Doc = dict[str, Any]

OWNER_KEYS = ("deal_id", "contact_id", "account_id")

ARCHIVED = "archived"
"""The field on an account, contact or open deal that carries what `cockpit archive` moved
out of the book: {"last_touch", "last_activity"} (ISO timestamps), "chase" (outbound
touches since the last response, counted up to the archive's cut) and, on an account,
"won" (minor units of its archived won deals). Absent keys mean nothing was archived."""


def carried_moment(carried: Mapping[str, Any], key: str) -> datetime | None:
    """A timestamp from an archived summary (None if absent or unreadable)."""
    value = carried.get(key)
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


FORMAT = 2
"""The shape of the summaries kept in meta; another value reads as none (a recount)."""

_ID = itemgetter("id")

Mark = tuple[datetime, int]
"""An activity's place in time: (at, id), the order every view sorts activities in."""


@dataclass(slots=True)
class OwnerSummary:
    """One deal's, contact's or account's activities, summed up (none: all None, 0)."""

    last_touch: Mark | None = None
    last_activity: Mark | None = None
    last_response: Mark | None = None
    chase: int = 0
    """Outbound touches after the last response (after the first activity if none)."""


@dataclass(frozen=True, slots=True)
class _Row:
    """What the counting reads from one activity."""

    mark: Mark
    kind: str
    touch: bool
    response: bool
    chaser: bool
    owners: tuple[tuple[str, int], ...]


def _response(direction: object, outcome: object) -> bool:
    # As Activity.is_response and the chase rule: a response ends a run of outbound touches.
    return direction == "in" or outcome in RESPONSE_OUTCOMES


def _row(doc: Mapping[str, Any]) -> _Row:
    direction = doc.get("direction", "out")
    kind = str(doc["kind"])
    touch = kind in TOUCH_KINDS
    response = _response(direction, doc.get("outcome"))
    owners = tuple((key, doc[key]) for key in OWNER_KEYS if doc.get(key) is not None)
    mark = (datetime.fromisoformat(doc["at"]), int(doc["id"]))
    return _Row(mark, kind, touch, response, touch and not response and direction == "out", owners)


def _day(doc: Mapping[str, Any]) -> str:
    return str(doc["at"])[:10]


@dataclass(slots=True)
class Summaries:
    """Every owner's summary and every day's count of activities by kind."""

    owners: dict[str, dict[int, OwnerSummary]] = field(
        default_factory=lambda: {key: {} for key in OWNER_KEYS}
    )
    days: dict[str, Counter[str]] = field(default_factory=dict)
    stale: set[tuple[str, int]] = field(default_factory=set)
    """Owners a change left unknown until they are counted again (`refresh`)."""
    unknown: bool = False
    """Nothing is known (a book checkpointed without summaries): count them all."""
    kept: dict[str, dict[int, str]] = field(default_factory=dict)
    """Owners as read from meta, decoded when first asked for (`today` reads a few)."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Summaries):
            return NotImplemented
        mine, theirs = self._decoded(), other._decoded()
        return (mine.owners, mine.days, mine.stale, mine.unknown) == (
            theirs.owners,
            theirs.days,
            theirs.stale,
            theirs.unknown,
        )

    def _decoded(self) -> Summaries:
        for key, table in self.kept.items():
            for owner in list(table):
                self._get(key, owner)
        return self

    def _get(self, key: str, owner: int) -> OwnerSummary | None:
        found = self.owners[key].get(owner)
        if found is None and self.kept:
            entry = self.kept[key].pop(owner, None)
            if entry is not None:
                found = self.owners[key][owner] = _owner_in(entry)
        return found

    @property
    def exact(self) -> bool:
        """Every figure is known without counting again."""
        return not (self.stale or self.unknown)

    def owner(self, key: str, owner: int) -> OwnerSummary:
        """The summary of one owner (key: deal_id, contact_id, account_id)."""
        found = self._get(key, owner)
        return OwnerSummary() if found is None else found

    def kinds_on(self, day: str) -> Mapping[str, int]:
        """How many activities of each kind fall on `day` ("YYYY-MM-DD")."""
        return self.days.get(day, _NO_KINDS)

    # -- following changes -----------------------------------------------------------

    def apply(self, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> None:
        """One activity changed from `before` to `after` (None: absent)."""
        if before is not None:
            self._count_day(before, -1)
            self._remove(_row(before))
        if after is not None:
            self._count_day(after, 1)
            self._add(_row(after))

    def _count_day(self, doc: Mapping[str, Any], step: int) -> None:
        day = _day(doc)
        kinds = self.days.setdefault(day, Counter())
        kinds[str(doc["kind"])] += step
        if kinds[str(doc["kind"])] <= 0:
            del kinds[str(doc["kind"])]
            if not kinds:
                del self.days[day]

    def _remove(self, row: _Row) -> None:
        for key, owner in row.owners:
            summary = self._get(key, owner)
            if summary is None or (key, owner) in self.stale:
                continue
            if row.mark in (summary.last_touch, summary.last_activity, summary.last_response):
                # What came before it is not kept here: count this owner again.
                self.stale.add((key, owner))
            elif row.chaser and _after(row.mark, summary.last_response):
                summary.chase -= 1

    def _add(self, row: _Row) -> None:
        for key, owner in row.owners:
            if (key, owner) in self.stale:
                continue
            summary = self._get(key, owner) or self.owners[key].setdefault(owner, OwnerSummary())
            newest = _after(row.mark, summary.last_activity)
            if newest:
                summary.last_activity = row.mark
            if row.touch and _after(row.mark, summary.last_touch):
                summary.last_touch = row.mark
            if row.response:
                if _after(row.mark, summary.last_response):
                    if not newest:
                        # A backdated response: the outbound touches after it are not
                        # counted here.
                        self.stale.add((key, owner))
                        continue
                    summary.last_response = row.mark
                    summary.chase = 0
            elif row.chaser and _after(row.mark, summary.last_response):
                summary.chase += 1

    def refresh(self, docs: Iterable[Mapping[str, Any]]) -> None:
        """Count the stale owners again from `docs` (all activities, or at least theirs)."""
        if not self.stale:
            return
        stale = self.stale
        mine = (d for d in docs if any((k, d.get(k)) in stale for k in OWNER_KEYS))
        counted = _count_owners(mine)
        for key, owner in stale:
            self._get(key, owner)  # what meta kept for it goes
            found = counted[key].get(owner)
            if found is None:
                self.owners[key].pop(owner, None)
            else:
                self.owners[key][owner] = found
        self.stale = set()

    # -- kept in meta --------------------------------------------------------------------

    def to_doc(self) -> Doc:
        """As JSON: per owner "last_touch id last_activity id last_response id chase"
        (timestamps in ISO 8601, "- -" for none); per day its counts by kind."""
        self._decoded()
        owners = {
            key: {str(owner): _owner_out(s) for owner, s in sorted(table.items())}
            for key, table in self.owners.items()
        }
        days = {day: dict(sorted(kinds.items())) for day, kinds in sorted(self.days.items())}
        return {"format": FORMAT, "owners": owners, "days": days}

    @classmethod
    def from_doc(cls, doc: object) -> Summaries | None:
        """Summaries read back from `to_doc`'s shape; None if absent or not that shape."""
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            return None
        try:
            made = cls()
            for key in OWNER_KEYS:
                entries = doc["owners"][key]
                if not all(type(e) is str for e in entries.values()):
                    return None
                made.kept[key] = {int(owner): entry for owner, entry in entries.items()}
            for day, kinds in doc["days"].items():
                counts = Counter({str(k): n for k, n in kinds.items() if type(n) is int})
                if len(counts) != len(kinds) or len(day) != 10:
                    return None
                made.days[day] = counts
        except (AttributeError, KeyError, IndexError, TypeError, ValueError):
            return None
        return made


_NO_KINDS: Mapping[str, int] = Counter()


def _after(mark: Mark, than: Mark | None) -> bool:
    return than is None or mark > than


def _mark_out(mark: Mark | None) -> str:
    return "- -" if mark is None else f"{mark[0].isoformat()} {mark[1]}"


def _owner_out(summary: OwnerSummary) -> str:
    # One string per owner: a 10-year book's ~18k owners parse as 18k objects, not 130k
    # (every command reads meta; `cockpit log` paid for them in parsing and collection).
    marks = (summary.last_touch, summary.last_activity, summary.last_response)
    return " ".join([*map(_mark_out, marks), str(summary.chase)])


def _mark_in(at: str, id_: str) -> Mark | None:
    return None if at == "-" else (datetime.fromisoformat(at), int(id_))


def _owner_in(entry: str) -> OwnerSummary:
    parts = entry.split(" ")
    if len(parts) != 7:
        raise ValueError("not an owner's summary")
    marks = [_mark_in(parts[i], parts[i + 1]) for i in (0, 2, 4)]
    return OwnerSummary(marks[0], marks[1], marks[2], int(parts[6]))


# -- counting --------------------------------------------------------------------------


def _count_owners(docs: Iterable[Mapping[str, Any]]) -> dict[str, dict[int, OwnerSummary]]:
    """Every owner's summary, counted column by column: a 36k-activity book is counted
    in C-level passes (a loop over records took ~0.4 s)."""
    by_id = sorted(docs, key=_ID)  # same instant: the lower id first, as the views sort
    moments = list(map(datetime.fromisoformat, [d["at"] for d in by_id]))
    # A float's spacing at today's epoch is 0.24 µs, finer than a datetime's 1 µs; the
    # sort is stable, so ties in time stay in id order.
    order = sorted(range(len(by_id)), key=[m.timestamp() for m in moments].__getitem__)
    docs = [by_id[i] for i in order]
    marks = [(moments[i], by_id[i]["id"]) for i in order]
    directions = [d.get("direction", "out") for d in docs]
    touch = [d["kind"] in TOUCH_KINDS for d in docs]
    response = [_response(w, d.get("outcome")) for w, d in zip(directions, docs, strict=True)]
    chaser = [
        t and not r and w == "out" for t, r, w in zip(touch, response, directions, strict=True)
    ]
    owners: dict[str, dict[int, OwnerSummary]] = {}
    for key in OWNER_KEYS:
        of: list[tuple[Any, int]] = list(
            zip([d.get(key) for d in docs], range(len(docs)), strict=True)
        )
        # In time order the last one seen is the latest: a dict keeps the last it is given.
        last = dict(of)
        last.pop(None, None)  # activities without such an owner
        touched = dict(compress(of, touch))
        answered = dict(compress(of, response))
        chases = Counter(o for o, at in compress(of, chaser) if at > answered.get(o, -1))
        owners[key] = {
            owner: OwnerSummary(
                marks[touched[owner]] if owner in touched else None,
                marks[at],
                marks[answered[owner]] if owner in answered else None,
                chases[owner],
            )
            for owner, at in last.items()
        }
    return owners


def recount(docs: Iterable[Mapping[str, Any]]) -> Summaries:
    """The summaries of these activity documents, counted from scratch."""
    docs = list(docs)
    days: dict[str, Counter[str]] = {}
    for (day, kind), n in Counter((_day(d), str(d["kind"])) for d in docs).items():
        days.setdefault(day, Counter())[kind] = n
    return Summaries(_count_owners(docs), days)


def summarize(activities: Iterable[Activity], key: str, owner: int) -> OwnerSummary:
    """One owner's summary counted from decoded activities (a view of the past)."""
    counted = _count_owners(to_doc(a) for a in activities)
    return counted[key].get(owner) or OwnerSummary()


def follow(summaries: Summaries, changes: Iterable[tuple[int, Doc | None, Doc | None]]) -> None:
    """Bring summaries up to date with a run of activity changes, (id, before, after) in
    the order they happened: what each activity was before the first and is after the
    last counts, so a line logged and undone since leaves no trace, and the survivors
    are added oldest first (exact while they are newer than what was there)."""
    first: dict[int, Doc | None] = {}
    last: dict[int, Doc | None] = {}
    for id_, before, after in changes:
        first.setdefault(id_, before)
        last[id_] = after
    for id_, before in first.items():
        if before is not None and before != last[id_]:
            summaries.apply(before, None)
    added = [a for id_, a in last.items() if a is not None and a != first[id_]]
    for row_doc in sorted(added, key=lambda d: _row(d).mark):
        summaries.apply(None, row_doc)


def summaries_doc(tables: Mapping[str, Mapping[int, Doc]]) -> Doc:
    """What a checkpoint keeps in meta (the store's `derive` hook): a recount of the
    activities, stamped with the journal seq it is as of."""
    doc = recount(tables["activities"].values()).to_doc()
    doc["journal_seq"] = tables["meta"][1]["journal_seq"]
    return doc


def from_meta(meta: Mapping[str, Any]) -> Summaries | None:
    """The summaries a checkpoint kept in this meta document; None when there are none
    (a book written by an older cockpit) or they are not as of this checkpoint."""
    doc = meta.get("summaries")
    if not isinstance(doc, dict) or doc.get("journal_seq") != meta.get("journal_seq"):
        return None
    return Summaries.from_doc(doc)
