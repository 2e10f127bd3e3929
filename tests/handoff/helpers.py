"""What the handoff tests share: a `cockpit` command in another process, and the journal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NOW = "2026-11-25T10:30:00+00:00"
ENV = {**os.environ, "COCKPIT_NOW": NOW, "TZ": "UTC"}


def cockpit(book: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`cockpit ARGS --db BOOK` in a subprocess, as a rep's other terminal runs it."""
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *args, "--db", str(book)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )


def journal_lines(book: Path) -> int:
    """How many command lines the book's journal holds."""
    journal = book.with_name(book.name + ".journal")
    return len(journal.read_bytes().splitlines()) if journal.exists() else 0
