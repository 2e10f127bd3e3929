"""`run_app`: claim the book for the TUI, open it, build the first board, run the app."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from cockpit.services.session import LINE_TABLES, Session
from cockpit.store import BookRefused, Busy, SystemRefused, TuiAlreadyOpen, TuiClaim, claim_tui
from cockpit.ui.app import CockpitApp
from cockpit.ui.data.board import build_board
from cockpit.ui.data.history import history_path

__all__ = ["run_app"]


def _error(message: str) -> None:
    print(f"cockpit: error: {message}", file=sys.stderr)


def run_app(path: Path, demo: bool = False) -> int:
    """Open the TUI on the book at `path`; the exit code (3 refused, 4 busy or open, 6 the
    system refused to read it)."""
    path = Path(os.path.realpath(path))  # once: the pid file and history sit by the real book
    notice = None
    claim: TuiClaim | None = None
    try:
        claim = claim_tui(path)
    except TuiAlreadyOpen as exc:
        _error(f"{exc}; close it first (commands like `cockpit log` still work beside it)")
        return 4
    except SystemRefused as exc:
        # A read-only folder or a full disk: show the book all the same; writes will say
        # why they fail, line by line.
        notice = f"read-only: {exc}"
    # Loading allocates a few hundred thousand objects that live as long as the app: the
    # cyclic collector would re-scan them again and again while they are made.
    gc.disable()
    try:
        try:
            # The small tables only: the first frame needs no activities (their summaries
            # are kept with the book); the app reads them once it has painted (§9.7).
            session = Session.open(path, only=LINE_TABLES)
        except BookRefused as exc:
            _error(str(exc))
            return 3
        except Busy as exc:
            _error(str(exc))
            return 4
        except SystemRefused as exc:
            _error(str(exc))
            return 6
        try:
            # Build the first board before Textual starts, in this thread, rather than in a
            # worker that would compete with the start-up.
            with session.lock:
                board = build_board(session.book, session.now())
            gc.enable()
            app = CockpitApp(
                session,
                history_file=history_path(path),
                demo=demo,
                freeze_heap=True,
                first_board=board,
            )
            app.notice = notice
            app.run()
        finally:
            session.close()
    finally:
        gc.enable()
        if claim is not None:
            claim.release()
    return 0
