"""What every command shares: exit codes, the one-line error, the book's path, the session.

Imports nothing heavy: `cockpit log` must start fast and never load Textual.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

__all__ = [
    "EXIT_BUG",
    "EXIT_BUSY",
    "EXIT_INPUT",
    "EXIT_NO_UNDO",
    "EXIT_OK",
    "EXIT_REFUSED",
    "CliError",
    "book_path",
    "fail",
    "local_now",
    "open_session",
    "print_json",
]

EXIT_OK, EXIT_BUG, EXIT_INPUT, EXIT_REFUSED, EXIT_BUSY, EXIT_NO_UNDO = 0, 1, 2, 3, 4, 5
EXIT_SYSTEM = 6
"""The system refused: permissions, disk full, a folder where a file should be (§9.6)."""


class CliError(Exception):
    """A one-line error with its exit code."""

    def __init__(self, message: str, code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int) -> NoReturn:
    """Stop the command with a one-line error and its exit code."""
    raise CliError(message, code)


def book_path(option: str | None) -> Path:
    """--db, else $COCKPIT_DB, else cockpit.json in the user data folder."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("COCKPIT_DB")
    if env:
        return Path(env).expanduser()
    from cockpit.store import default_book_path

    return default_book_path()


def print_json(data: Any) -> None:
    """Print `data` as indented JSON."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def open_session(
    args: argparse.Namespace, create: bool = True, only: Iterable[str] | None = None
) -> Any:
    """The session on the book the command names (exit 2 if it must exist and does not);
    `only`: the tables the command reads."""
    from cockpit.services.session import Session
    from cockpit.store.paths import journal_path

    path = book_path(args.db)
    # A missing book beside a non-empty journal is damage, not "no book yet": every
    # command lets the store refuse it (exit 3) with one message.
    if not create and not path.exists() and not _size(journal_path(path)):
        fail(f"no book at {path} (create one with `cockpit log` or `cockpit demo --db {path}`)", 2)
    return Session.open(path, create=create, only=only)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def local_now() -> Any:
    """Now in the system's time zone (for commands that run before a book is open)."""
    from datetime import datetime

    from cockpit.services.clock import local_zone, parse_now

    zone = local_zone()
    fixed = os.environ.get("COCKPIT_NOW")
    return parse_now(fixed, zone).astimezone(zone) if fixed else datetime.now(zone)
