"""`cockpit archive`: move closed years out of the book, and bring the newest one back.

What moves, each record to the archive of its fiscal year (`cockpit-2024.json`):
- activities dated before the cut (those of open deals too);
- closed deals (won or lost) closed before the cut, when all their activities and
  promises move with them;
- promises done, and due, before the cut.
Accounts, contacts, open deals, open promises, plans, reviews, days off and settings stay.

The cut is the start of fiscal year YEAR (`--before`, default the current year), pulled
back to the start of an earlier quarter while today's views still read older days: the
last nine weeks (this week's review and its eight-week trend, promises done this week)
and the running momentum streak. What moved leaves a summary on the records that stay
(`book.ARCHIVED`: last touch, last activity, chase, lifetime won), so every view of today
reads the same. Each archive file also keeps the summaries as they stood before its year,
so the newest archived year comes back exactly.

Order, for crash safety: archive files are written first (merged with what they held, by
id, so a re-run moves nothing twice), then the book drops the records and is checkpointed
in one atomic write (`Store.rewrite`). A crash in between leaves copies in both, which
the next run merges away; a record is never in neither.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.domain.book import Book
from cockpit.domain.handles import unique_handle
from cockpit.services.archive.plan import (
    OWNER_TABLES,
    Carried,
    Carry,
    MovePlan,
    archive_cut,
    carried_from_json,
    plan_moves,
    touches_by_day,
    with_summary,
)
from cockpit.store import BookRefused, Change, Doc
from cockpit.store.archive import (
    ArchiveFile,
    archive_path,
    read_archive,
    remove_archive,
    sweep_archive_temps,
    write_archive,
)

if TYPE_CHECKING:
    from cockpit.services.session import Session

__all__ = [
    "ArchiveInputError",
    "ArchiveResult",
    "RestoreResult",
    "YearMoved",
    "archive_book",
    "archive_info",
    "parse_year",
    "restore_year",
]

_MOVED_TABLES = ("activities", "deals", "promises")


class ArchiveInputError(ValueError):
    """A year archive cannot take: not a year, not closed yet, or not archived."""


@dataclass(frozen=True)
class YearMoved:
    """What one fiscal year's archive received (or gave back)."""

    year: int
    path: Path
    activities: int
    deals: int
    promises: int

    def counts(self) -> str:
        """ "11,873 activities, 412 closed deals, 690 promises"."""
        return (
            f"{_plural(self.activities, 'activity', 'activities')}, "
            f"{_plural(self.deals, 'closed deal')}, {_plural(self.promises, 'promise')}"
        )


@dataclass
class ArchiveResult:
    """The outcome of `cockpit archive`."""

    boundary: date  # start of the fiscal year asked for
    cut: date  # records dated before this moved
    years: list[YearMoved] = field(default_factory=list)
    size_before: int | None = None
    size_after: int | None = None

    @property
    def message(self) -> str:
        """The lines `cockpit archive` prints."""
        if not self.years:
            return f"nothing to archive before {self.cut.isoformat()}"
        lines = [f"archived {y.year}: {y.counts()} -> {y.path.name}" for y in self.years]
        lines[-1] += _sizes(self.size_before, self.size_after)
        if self.cut < self.boundary:
            lines.append(
                f"kept in the book from {self.cut.isoformat()}: this week's review and the "
                "momentum streak still read it; archive again later to move the rest"
            )
        return "\n".join(lines)


@dataclass
class RestoreResult:
    """The outcome of `cockpit archive --restore`."""

    moved: YearMoved
    renamed: list[tuple[int, str, str]] = field(default_factory=list)  # id, from, to
    size_before: int | None = None
    size_after: int | None = None

    @property
    def message(self) -> str:
        """The lines `cockpit archive --restore` prints."""
        moved = self.moved
        lines = [
            f"restored {moved.year}: {moved.counts()} from {moved.path.name}"
            + _sizes(self.size_before, self.size_after)
        ]
        lines += [
            f"renamed #{i} {old} -> {new} (its handle was taken)" for i, old, new in self.renamed
        ]
        return "\n".join(lines)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} kB"


def _sizes(before: int | None, after: int | None) -> str:
    if before is None or after is None:
        return ""
    return f"; the book is now {_megabytes(after)} (was {_megabytes(before)})"


# -- years ----------------------------------------------------------------------------


def parse_year(text: str) -> int:
    """A fiscal year as typed ("2025"); ArchiveInputError otherwise."""
    if not re.fullmatch(r"\s*\d{4}\s*", text):
        raise ArchiveInputError(f"expected a fiscal year like 2025, got {text!r}")
    return int(text)


def archive_info(tables: Mapping[str, Mapping[int, Doc]]) -> tuple[list[int], date | None]:
    """The archived fiscal years and the cut they reach (None: nothing archived)."""
    info = tables["meta"][1].get("archive")
    if not isinstance(info, dict):
        return [], None
    years = sorted(y for y in info.get("years") or [] if isinstance(y, int))
    through = info.get("through")
    return years, date.fromisoformat(through) if isinstance(through, str) and years else None


def _fiscal_start(book: Book, year: int) -> date:
    return book.calendar.quarter(year, 1).start


def _check_closed(book: Book, year: int, today: date, verb: str) -> None:
    current = book.calendar.fiscal_year_of(today)
    if year > current or (verb == "restore" and year == current):
        raise ArchiveInputError(
            f"{year} is not a closed year: the current fiscal year is {current} "
            "(archive takes the years before it)"
        )


def _book_size(session: Session) -> int | None:
    path = session.store.path
    for name, size in session.store.backend.list_dir(path.parent):
        if name == path.name:
            return size
    return None


# -- archive ----------------------------------------------------------------------------


class _NothingToMove(Exception):
    """Unwinds the store's rewrite when no record moves (the book stays untouched)."""


def archive_book(session: Session, before: int | None = None) -> ArchiveResult:
    """Move the fiscal years before `before` (default: the current one) out of the book."""
    store = session.store
    now = session.now()
    today = now.date()
    year = session.book.calendar.fiscal_year_of(today) if before is None else before
    _check_closed(session.book, year, today, "archive")
    boundary = _fiscal_start(session.book, year)
    result = ArchiveResult(boundary=boundary, cut=boundary, size_before=_book_size(session))

    def build(tables: Mapping[str, Mapping[int, Doc]]) -> tuple[list[Change], Doc]:
        # Under the lock and caught up with every other writer: plan from these tables.
        sweep_archive_temps(store.path, store.backend)
        book = Book.from_tables(tables)
        archived_years, through = archive_info(tables)
        touches = touches_by_day(tables["activities"].values())
        result.cut = archive_cut(book, boundary, today, lambda day: touches[day])
        # Nothing joins a year before the newest archived one (see plan_moves).
        floor = archived_years[-1] if archived_years else None
        plan = plan_moves(tables, book.calendar, result.cut, floor)
        if not plan.years:
            raise _NothingToMove
        carry = Carry(tables)
        changes: list[Change] = []
        for each in plan.years:
            before_year = carry.snapshot()
            moved = plan.of_year(each)
            for doc_id in moved["activities"]:
                carry.activity(tables["activities"][doc_id])
            for doc_id in moved["deals"]:
                carry.deal(tables["deals"][doc_id])
            path = _write_year(session, tables, each, moved, before_year, archived_years, now)
            result.years.append(YearMoved(each, path, *(len(ids) for ids in moved.values())))
            for table, ids in moved.items():
                changes += [Change(table, i, tables[table][i], None) for i in ids]
        changes += _summary_changes(tables, carry, plan)
        cut = result.cut if through is None else max(result.cut, through)
        years = sorted(set(archived_years) | set(plan.years))
        return changes, {"archive": {"through": cut.isoformat(), "years": years}}

    try:
        store.rewrite(build)
    except _NothingToMove:
        return result
    result.size_after = _book_size(session)
    return result


def _summary_changes(
    tables: Mapping[str, Mapping[int, Doc]], carry: Carry, plan: MovePlan
) -> list[Change]:
    """The records that stay, with their summaries brought up to date."""
    leaving = {i for ids in plan.deals.values() for i in ids}
    changes: list[Change] = []
    for table in OWNER_TABLES:
        for doc_id, summary in carry.by[table].items():
            doc = tables[table].get(doc_id)
            if doc is None or (table == "deals" and doc_id in leaving):
                continue
            after = with_summary(doc, summary)
            if after != doc:
                changes.append(Change(table, doc_id, doc, after))
    return changes


def _write_year(
    session: Session,
    tables: Mapping[str, Mapping[int, Doc]],
    year: int,
    moved: Mapping[str, list[int]],
    before_year: Carried,
    archived_years: list[int],
    now: datetime,
) -> Path:
    """Merge the moved records into the year's archive file and write it (before the
    book lets go of them)."""
    store = session.store
    existing = read_archive(store.path, year, now_iso=now.isoformat(), backend=store.backend)
    if existing is None and year in archived_years:
        path = archive_path(store.path, year)
        raise BookRefused(path, f"the archive of {year} is missing (the book says it holds {year})")
    archive = existing or ArchiveFile(year, archive_path(store.path, year))
    for table, ids in moved.items():
        docs = archive.tables.setdefault(table, {})
        for doc_id in ids:
            docs[doc_id] = tables[table][doc_id]
    if existing is None or year not in archived_years:
        # A year already archived in part keeps what the book carried before it began.
        archive.info["carry_before"] = before_year
    archive.info.update({"book": store.path.name, "fiscal_year": year, "updated": now.isoformat()})
    write_archive(archive, now_iso=now.isoformat(), backend=store.backend)
    return archive.path


# -- restore ----------------------------------------------------------------------------


def restore_year(session: Session, year: int) -> RestoreResult:
    """Move an archived year back into the book (the newest archived year first) and
    delete its archive file."""
    store = session.store
    now = session.now()
    book = session.book
    _check_closed(book, year, now.date(), "restore")
    path = archive_path(store.path, year)
    result = RestoreResult(YearMoved(year, path, 0, 0, 0), size_before=_book_size(session))

    def build(tables: Mapping[str, Mapping[int, Doc]]) -> tuple[list[Change], Doc]:
        years, _through = archive_info(tables)
        if years and year in years and year != years[-1]:
            raise ArchiveInputError(
                f"restore {years[-1]} first: archived years come back newest first"
            )
        archive = read_archive(store.path, year, now_iso=now.isoformat(), backend=store.backend)
        if archive is None:
            raise ArchiveInputError(f"no archive of {year}: {path.name} is not beside the book")
        inserted: dict[str, dict[int, Doc]] = {}
        taken = {str(doc["handle"]).lower() for doc in tables["deals"].values()}
        for table in _MOVED_TABLES:
            for doc_id, doc in sorted(archive.tables.get(table, {}).items()):
                if doc_id in tables[table]:
                    continue  # a copy a crash left behind: the book's is the newer
                if table == "deals" and str(doc.get("handle", "")).lower() in taken:
                    handle = unique_handle(str(doc["handle"]), lambda h: h.lower() in taken)
                    result.renamed.append((doc_id, str(doc["handle"]), handle))
                    doc = {**doc, "handle": handle}
                if table == "deals":
                    taken.add(str(doc["handle"]).lower())
                inserted.setdefault(table, {})[doc_id] = doc
        changes: list[Change] = []
        meta: Doc = {}
        if year in years:
            carry = carried_from_json(archive.info.get("carry_before"))
            for table in OWNER_TABLES:
                for doc_id, doc in tables[table].items():
                    after = with_summary(doc, carry[table].get(doc_id))
                    if after != doc:
                        changes.append(Change(table, doc_id, doc, after))
                for doc_id, doc in inserted.get(table, {}).items():
                    inserted[table][doc_id] = with_summary(doc, carry[table].get(doc_id))
            rest = [y for y in years if y != year]
            through = _fiscal_start(book, year).isoformat() if rest else None
            meta = {"archive": {"through": through, "years": rest}}
        for table, docs in inserted.items():
            changes += [Change(table, doc_id, None, doc) for doc_id, doc in docs.items()]
        result.moved = YearMoved(
            year,
            path,
            len(inserted.get("activities", {})),
            len(inserted.get("deals", {})),
            len(inserted.get("promises", {})),
        )
        return changes, meta

    store.rewrite(build, after=lambda: remove_archive(store.path, year, backend=store.backend))
    result.size_after = _book_size(session)
    return result
