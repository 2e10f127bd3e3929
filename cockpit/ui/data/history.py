"""The log bar's history: one line per entry in `<book>.history`, beside the book.

It is the rep's typing, not the rep's data, so it stays out of the book (and out of its
backups and undo). A damaged or unreadable file is an empty history, never an error.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["HISTORY_LIMIT", "append_history", "history_path", "load_history"]

HISTORY_LIMIT = 500
_MODE = 0o600


def history_path(book: Path) -> Path:
    """`cockpit.json` -> `cockpit.json.history`."""
    return book.with_name(book.name + ".history")


def load_history(path: Path, limit: int = HISTORY_LIMIT) -> list[str]:
    """The last `limit` lines, oldest first."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-limit:]


def append_history(path: Path, line: str, limit: int = HISTORY_LIMIT) -> None:
    """Add one line (newlines folded to spaces); rewrite the file once it doubles `limit`."""
    entry = " ".join(line.split())
    if not entry:
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, _MODE)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(entry + "\n")
        if path.stat().st_size > limit * 2 * 80:
            kept = load_history(path, limit * 2)
            if len(kept) > limit:
                tmp = path.with_name(path.name + ".tmp")
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)  # a leftover may have a wider mode: never reuse it
                # Private from the first byte: these are the rep's last typed lines.
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _MODE)
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write("\n".join(kept[-limit:]) + "\n")
                os.replace(tmp, path)
    except OSError:
        pass  # history is a convenience: never fail a logged line over it
