"""A headless cockpit open on a book, for the benchmarks that need one open beside them.

    python benchmarks/bench_tui_child.py BOOK

Opens the book as `cockpit` does (the collector paused while it loads, the first board
built before Textual starts, the heap frozen after the first view), runs the app headless
and prints "ready" once its handoff socket listens. Stop it with SIGTERM.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from pathlib import Path

from cockpit.services.session import Session
from cockpit.store import claim_tui
from cockpit.ui.app import CockpitApp
from cockpit.ui.data.board import build_board
from cockpit.ui.handoff_server import book_socket


def _say_ready(socket_file: str) -> None:
    while not os.path.exists(socket_file):
        time.sleep(0.01)
    print("ready", flush=True)


def main() -> None:
    book = Path(sys.argv[1])
    claim = claim_tui(book)
    gc.disable()
    session = Session.open(book)
    with session.lock:
        board = build_board(session.book, session.now())
    gc.enable()
    app = CockpitApp(session, first_board=board, freeze_heap=True)
    signal.signal(signal.SIGTERM, lambda *_: app.exit())
    threading.Thread(target=_say_ready, args=(book_socket(book),), daemon=True).start()
    try:
        app.run(headless=True)
    finally:
        session.close()
        claim.release()


if __name__ == "__main__":
    main()
