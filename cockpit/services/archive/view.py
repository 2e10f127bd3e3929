"""Archives on demand: the whole book, archived years included, for views of the past.

Today's views read only the book (the summaries carried on its records stand in for what
moved). A quarter or a weekly review of a period the archive reaches into reads the
archive files too: `book_for_quarter` and `book_for_week` decide, `book_with_archives`
builds the read-only Book with every archived year in it, exactly the book as it was
before anything moved.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cockpit.domain.book import ARCHIVED, Book, carried_moment
from cockpit.domain.calendar import Quarter, Week, add_days
from cockpit.domain.momentum import momentum
from cockpit.domain.review import TREND_WEEKS
from cockpit.services.archive.moves import archive_info
from cockpit.services.archive.plan import OWNER_TABLES
from cockpit.store import BookRefused, Doc
from cockpit.store.archive import archive_path, read_archive

if TYPE_CHECKING:
    from cockpit.services.session import Session

__all__ = [
    "book_for_quarter",
    "book_for_week",
    "book_with_archives",
    "quarter_needs_archives",
    "week_needs_archives",
]


def book_with_archives(session: Session) -> Book:
    """A read-only Book of the book's records plus every archived year's.

    The carried summaries are dropped (the records they summarise are back), and a record
    both in the book and in an archive (a copy a crash left) is read from the book.
    """
    session.load_activities()  # the archives' activities join the book's
    store = session.store
    tables: dict[str, dict[int, Doc]] = {name: dict(docs) for name, docs in store.tables.items()}
    years, _through = archive_info(store.tables)
    now_iso = session.now().isoformat()
    for year in years:
        archive = read_archive(store.path, year, now_iso=now_iso, backend=store.backend)
        if archive is None:
            path = archive_path(store.path, year)
            raise BookRefused(
                path, f"the archive of {year} is missing (the book says it holds {year})"
            )
        for table, docs in archive.tables.items():
            into = tables.setdefault(table, {})
            for doc_id, doc in docs.items():
                into.setdefault(doc_id, doc)
    for table in OWNER_TABLES:
        # A deal archived after it had carried a summary keeps it in its document.
        docs = tables[table]
        for doc_id, doc in docs.items():
            if ARCHIVED in doc:
                docs[doc_id] = {k: v for k, v in doc.items() if k != ARCHIVED}
    return Book.from_tables(tables)


def quarter_needs_archives(through: date | None, quarter: Quarter) -> bool:
    """True when the quarter starts before the archive's cut."""
    return through is not None and quarter.start < through


def week_needs_archives(book: Book, through: date | None, week: Week, today: date) -> bool:
    """True when the review of `week` would read a day or a touch that was archived: its
    eight-week trend or its quarters reach past the cut, its momentum streak runs into
    it, or an account's last touch before the week is only known from the archive."""
    if through is None:
        return False
    calendar = book.calendar
    if week.shifted(-(TREND_WEEKS - 1)).start < through:
        return True
    if calendar.quarter_of(week.start).start < through:
        return True
    as_of = min(week.end, today)
    # The streak walks back from the day before `as_of`: reaching the cut, it would
    # have gone on into archived days.
    since_cut = calendar.count_working_days(through, add_days(as_of, -1))
    if momentum(book, as_of).streak >= since_cut:
        return True
    for account in book.accounts.values():
        if book.cadence(account) is None:
            continue
        if carried_moment(book.archived("account_id", account.id), "last_touch") is None:
            continue
        touches = (a for a in book.activities_of("account_id", account.id) if a.is_touch)
        first = next(touches, None)
        if first is None or first.at.date() > week.start:
            return True
    return False


def book_for_quarter(session: Session, quarter: Quarter) -> Book:
    """The book to report `quarter` from: with the archives if it reaches into them."""
    _years, through = archive_info(session.store.tables)
    if quarter_needs_archives(through, quarter):
        return book_with_archives(session)
    return session.book


def book_for_week(session: Session, week: str | None) -> Book:
    """The book to review `week` ("2026-W48", None: this week) from: with the archives
    if the review reads archived days. A malformed week gets the book (the review says
    what is wrong with it)."""
    _years, through = archive_info(session.store.tables)
    if through is None:
        return session.book
    today = session.now().date()
    try:
        parsed = Week.of(today) if week is None else Week.parse(week)
    except ValueError:
        return session.book
    if week_needs_archives(session.book, through, parsed, today):
        return book_with_archives(session)
    return session.book
