"""A headless cockpit TUI on a book, for the handoff tests.

    python tests/handoff/tui_child.py BOOK

Claims the book's TUI slot as `cockpit` does, runs the app headless, and prints "ready"
on stdout once its handoff socket is listening (a test then hangs or kills it).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

from cockpit.services.session import Session
from cockpit.store import claim_tui
from cockpit.ui.app import CockpitApp
from cockpit.ui.handoff_server import book_socket


def _say_ready(socket_file: str) -> None:
    while not os.path.exists(socket_file):
        time.sleep(0.01)
    print("ready", flush=True)


def main() -> None:
    book = Path(sys.argv[1])
    claim = claim_tui(book)
    session = Session.open(book)
    threading.Thread(target=_say_ready, args=(book_socket(book),), daemon=True).start()
    try:
        CockpitApp(session, poll_interval=0, tick_interval=0).run(headless=True)
    finally:
        session.close()
        claim.release()


if __name__ == "__main__":
    main()
