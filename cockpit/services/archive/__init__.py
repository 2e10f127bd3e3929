"""`cockpit archive`: closed fiscal years moved out of the book into a file each, and back.

plan.py decides what moves (closed years, what each keeps) and the summaries the book
carries; moves.py archives and restores through the store; view.py reads a book together
with its archives, for a quarter or a week that reaches into them.
"""

from cockpit.services.archive.moves import (
    ArchiveInputError,
    ArchiveResult,
    RestoreResult,
    YearMoved,
    archive_book,
    archive_info,
    parse_year,
    restore_year,
)
from cockpit.services.archive.view import (
    book_for_quarter,
    book_for_week,
    book_with_archives,
    quarter_needs_archives,
    week_needs_archives,
)

__all__ = [
    "ArchiveInputError",
    "ArchiveResult",
    "RestoreResult",
    "YearMoved",
    "archive_book",
    "archive_info",
    "book_for_quarter",
    "book_for_week",
    "book_with_archives",
    "parse_year",
    "quarter_needs_archives",
    "restore_year",
    "week_needs_archives",
]
