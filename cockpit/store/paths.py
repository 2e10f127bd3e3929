"""Where a book's companion files live, and the default book."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "backups_dir",
    "default_book_path",
    "index_path",
    "journal_path",
    "lock_path",
    "tui_path",
]


def journal_path(book: Path) -> Path:
    """The journal beside the book: ``cockpit.json.journal``."""
    return book.with_name(book.name + ".journal")


def lock_path(book: Path) -> Path:
    """The writers' lock file (never the book itself: its inode changes on replace)."""
    return book.with_name(book.name + ".lock")


def tui_path(book: Path) -> Path:
    """The pid file of the open TUI."""
    return book.with_name(book.name + ".tui")


def index_path(book: Path) -> Path:
    """The segments' index beside the book: ``cockpit.json.index`` (segments.py)."""
    return book.with_name(book.name + ".index")


def backups_dir(book: Path) -> Path:
    """The ``backups/`` folder beside the book."""
    return book.parent / "backups"


def default_book_path() -> Path:
    """``cockpit.json`` in the user data folder."""
    import platformdirs  # (and tempfile, shutil...) only when no book was named

    return Path(platformdirs.user_data_dir("cockpit", appauthor=False)) / "cockpit.json"
