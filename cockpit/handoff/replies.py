"""What `cockpit log`, `undo` and `today` print, and their exit codes, on an open session.

The command line runs these on the session it opens; the open TUI runs them on its own
session for a command that handed its request over; so both print the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cockpit.quicklog import QuickLogError
from cockpit.services.session import Session
from cockpit.store import (
    SCHEMA_VERSION,
    Busy,
    NothingToUndo,
    StoreError,
    SystemRefused,
    UndoConflict,
)

__all__ = ["Reply", "failure", "log_reply", "reply_for", "today_reply", "undo_reply"]

EXIT_OK, EXIT_INPUT, EXIT_REFUSED, EXIT_BUSY, EXIT_NO_UNDO, EXIT_SYSTEM = 0, 2, 3, 4, 5, 6


@dataclass(frozen=True, slots=True)
class Reply:
    """A command's stdout, stderr and exit code."""

    out: str = ""
    err: str = ""
    code: int = EXIT_OK

    def as_json(self) -> dict[str, Any]:
        """The handoff answer carrying this reply."""
        return {"out": self.out, "err": self.err, "code": self.code}


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _error(message: str, code: int) -> Reply:
    return Reply(err=f"cockpit: error: {message}\n", code=code)


def failure(exc: BaseException) -> tuple[str, int] | None:
    """An expected store error's one-line message and exit code (None: not one)."""
    if isinstance(exc, UndoConflict):
        return str(exc), EXIT_INPUT
    if isinstance(exc, Busy):
        return str(exc), EXIT_BUSY
    if isinstance(exc, NothingToUndo):
        return str(exc), EXIT_NO_UNDO
    if isinstance(exc, SystemRefused):
        return str(exc), EXIT_SYSTEM
    if isinstance(exc, StoreError):  # BookRefused and the rest: the book was refused
        return str(exc), EXIT_REFUSED
    return None


def _guarded(run: Any) -> Reply:
    try:
        reply: Reply = run()
    except StoreError as exc:
        known = failure(exc)
        assert known is not None
        return _error(*known)
    return reply


def log_reply(
    session: Session, line: str, *, dry_run: bool, as_json: bool, fold: bool = True
) -> Reply:
    """`cockpit log LINE [--dry-run] [--json]` (`fold=False`: see Session.execute)."""

    def run() -> Reply:
        try:
            outcome = session.execute(line, dry_run=dry_run, fold=fold)
        except QuickLogError as exc:
            if not as_json:
                return _error(str(exc), EXIT_INPUT)
            error = {
                "message": exc.message,
                "column": exc.column,
                "token": exc.token,
                "suggestions": list(exc.suggestions),
            }
            return Reply(out=_json({"ok": False, "error": error}), code=EXIT_INPUT)
        if as_json:
            return Reply(out=_json(outcome.as_json()))
        prefix = "would have " if outcome.dry_run and outcome.command != "undo" else ""
        warnings = "".join(f"cockpit: warning: {w}\n" for w in outcome.warnings)
        return Reply(out=prefix + outcome.message + "\n", err=warnings)

    return _guarded(run)


def undo_reply(session: Session) -> Reply:
    """`cockpit undo`."""
    return _guarded(lambda: Reply(out=session.undo().message + "\n"))


def today_reply(session: Session, *, as_json: bool, everything: bool = False) -> Reply:
    """`cockpit today [--json] [--all]` (`--all`: every Sprint deal, not the top 15)."""
    from cockpit.services.today import today_json, today_text

    def run() -> Reply:
        now, book = session.now(), session.book
        limit = len(book.deals) if everything else 15
        if as_json:
            return Reply(out=_json(today_json(book, now, limit, schema_version=SCHEMA_VERSION)))
        return Reply(out=today_text(book, now, limit) + "\n")

    return _guarded(run)


def reply_for(session: Session, request: dict[str, Any], *, fold: bool = True) -> Reply:
    """Run a handoff request (already read by `client.parse_request`) on `session`
    (`fold=False`: a long journal is checkpointed by the caller, after its answer)."""
    command = request.get("command")
    as_json = request.get("json") is True
    if command == "log":
        line = request.get("line")
        if not isinstance(line, str):
            return _error("the handoff request has no line", EXIT_INPUT)
        dry_run = request.get("dry_run") is True
        return log_reply(session, line, dry_run=dry_run, as_json=as_json, fold=fold)
    if command == "undo":
        return undo_reply(session)
    if command == "today":
        return today_reply(session, as_json=as_json)
    return _error(f"the open cockpit cannot run {command!r}", EXIT_INPUT)
