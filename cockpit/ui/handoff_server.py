"""The open cockpit's side of the handoff: run `log`, `undo` and `today` for commands.

A thread accepts on a Unix socket beside the book (0600; peers of another uid are
refused) and runs each request through the app's session, so it takes the same writers'
lock and the same journal fsync as a line typed in the log bar, and prints the same
(cockpit.handoff.replies). The screen is told at once, after the answer has gone.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.message import Message

from cockpit.handoff.protocol import (
    SUN_PATH_MAX,
    TIMEOUT,
    VERSION,
    decode,
    encode,
    peer_uid,
    read_message,
    socket_path,
    tui_socket_line,
)
from cockpit.handoff.replies import Reply, reply_for
from cockpit.services.session import Session
from cockpit.ui.messages import BookChanged

__all__ = ["HandoffServer"]

_BACKLOG = 16


class HandoffServer:
    """Listens for commands on the book's socket while the TUI is open."""

    def __init__(self, session: Session, post: Callable[[Message], object]) -> None:
        self.session = session
        self._post = post  # the app's post_message (thread-safe)
        self.book = os.path.realpath(session.store.path)
        self.path = socket_path(self.book)
        self._listener: socket.socket | None = None
        self._inode: tuple[int, int] | None = None
        self._thread: threading.Thread | None = None

    # -- life -------------------------------------------------------------------------

    def start(self) -> bool:
        """Listen; False (and commands run themselves) if the socket cannot be made."""
        try:
            self._listener = self._listen()
        except OSError:
            return False
        self._thread = threading.Thread(target=self._serve, name="handoff", daemon=True)
        self._thread.start()
        return True

    def _listen(self) -> socket.socket:
        folder = os.path.dirname(self.path)
        if not os.path.isdir(folder):
            os.makedirs(folder, mode=0o700, exist_ok=True)
        # Bind under a temp name, listen, then rename into place: a socket at the real name
        # is always listening while its TUI lives, so a refused connect means a dead TUI.
        temp = os.path.join(folder, f".ck{os.getpid()}.sock")
        if len(os.fsencode(temp)) > SUN_PATH_MAX:
            temp = self.path  # no room for a second name: publish in place
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)  # ours from an earlier run (pid reused), or the killed TUI's
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(temp)
            os.chmod(temp, 0o600)  # not yet published: nobody can have connected
            listener.listen(_BACKLOG)
            if temp != self.path:
                os.replace(temp, self.path)  # a stale socket of a killed TUI goes here too
            st = os.stat(self.path)
        except OSError:
            listener.close()
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        self._inode = (st.st_ino, st.st_dev)
        if not self.path.startswith(self.book):
            self._name_in_tui_file()
        return listener

    def _name_in_tui_file(self) -> None:
        # The client finds a socket that could not sit beside the book through `.tui`.
        with contextlib.suppress(OSError):
            fd = os.open(self.book + ".tui", os.O_WRONLY | os.O_APPEND)
            try:
                os.write(fd, tui_socket_line(self.path).encode())
            finally:
                os.close(fd)

    def stop(self) -> None:
        """Stop listening; a request already queued is declined (it runs itself)."""
        listener, self._listener = self._listener, None
        if listener is None:
            return
        with contextlib.suppress(OSError):
            st = os.stat(self.path)
            if (st.st_ino, st.st_dev) == self._inode:
                os.unlink(self.path)
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        if self._thread is not None:
            self._thread.join(timeout=TIMEOUT + 1)

    # -- serving ------------------------------------------------------------------------

    def _serve(self) -> None:
        while True:
            listener = self._listener
            if listener is None:
                return
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # closed by stop()
            with conn:
                with contextlib.suppress(OSError, ValueError):
                    self._answer(conn)

    def _answer(self, conn: socket.socket) -> None:
        if peer_uid(conn) != os.getuid():
            return  # another user: close without a word
        conn.settimeout(TIMEOUT)
        request = decode(read_message(conn))
        if self._listener is None:
            conn.sendall(encode({"decline": "closing"}))
            return
        why = self._decline(request)
        if why:
            conn.sendall(encode({"decline": why}))
            return
        ran = self._run(request)
        if ran is None:
            conn.sendall(encode({"decline": "the command has given up"}))
            return
        reply, written, caught_up = ran
        # Answer first: the command's outcome was decided at the journal fsync. The screen
        # repaints after, on the app's loop (a burst of lines repaints once it catches up).
        conn.sendall(encode(reply.as_json()))
        if written or caught_up:  # a refused line: nothing to show
            self._post(BookChanged(written))
        if written:
            self.session.fold_in()  # a long journal's checkpoint: after the answer

    def _decline(self, request: dict[str, Any]) -> str:
        if request.get("v") != VERSION:
            return "another version"
        # A fixed clock ($COCKPIT_NOW) must be the same on both sides, or dates would differ.
        if (request.get("now") or None) != (os.environ.get("COCKPIT_NOW") or None):
            return "another clock"
        deadline = request.get("deadline")
        if not isinstance(deadline, int | float) or time.monotonic() >= deadline:
            return "the command has given up"  # it exited 4: never write behind its back
        return ""

    def _run(self, request: dict[str, Any]) -> tuple[Reply, bool, bool] | None:
        session = self.session
        with session.lock:
            if time.monotonic() >= request["deadline"]:
                return None  # it gave up (exit 4) while the book was busy: write nothing
            caught_up = session.refresh()  # another process may have written since
            before = session.store.last_seq
            reply = reply_for(session, request, fold=False)
            written = session.store.last_seq != before
        return reply, written, caught_up


def serve_handoff(session: Session, post: Callable[[Message], object]) -> HandoffServer | None:
    """Start listening for commands on `session`'s book (None if the socket failed); the
    app hears of what they changed through `post` (its post_message)."""
    server = HandoffServer(session, post)
    return server if server.start() else None


def book_socket(book: Path) -> str:
    """Where a TUI open on `book` listens (for tests and the benchmarks)."""
    return socket_path(os.path.realpath(book))
