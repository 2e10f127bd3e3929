"""The command side of the handoff: ask the open cockpit to run `log`, `undo` or `today`.

Standard library only. `hand_over(argv)` returns the exit code when the open TUI answered
(its output already printed), or None when the command must run itself: no TUI, a stale
socket (removed here), another user's socket, a TUI that declined, or a command line this
module does not read (help, other commands, anything unusual: the full CLI reports it).
Once the request is sent it is never sent again, and never run here as well: a TUI that
does not answer in 5 s gives exit 4 (busy), so a line is written at most once.
"""

from __future__ import annotations

import os
import socket
import sys
import time

from cockpit.handoff.protocol import (
    TIMEOUT,
    VERSION,
    decode,
    encode,
    peer_uid,
    read_message,
    socket_path,
    tui_socket_path,
)

TYPE_CHECKING = False  # typing and collections.abc cost imports on the fast path
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

__all__ = ["EXIT_BUSY", "book_path", "hand_over", "parse_request"]

EXIT_BUSY = 4
_CONNECT_TIMEOUT = 1.0  # a live TUI accepts at once; a full backlog means it is stuck
_FLAGS = {"log": {"--json", "--dry-run"}, "undo": set(), "today": {"--json"}}


def parse_request(argv: Sequence[str]) -> tuple[dict[str, Any], str | None] | None:
    """(request, --db value) for `[--db P] log LINE [--json] [--dry-run] [--db P]`, `undo`
    and `today [--json]`; None for anything else (the full CLI will read it)."""
    command: str | None = None
    db: str | None = None
    flags: set[str] = set()
    line: str | None = None
    items = list(argv)
    i = 0
    while i < len(items):
        item = items[i]
        i += 1
        if item == "--db":
            if i >= len(items):
                return None
            db = items[i]
            i += 1
        elif item.startswith("--db="):
            db = item[len("--db=") :]
        elif item.startswith("-"):
            if command is None or item not in _FLAGS[command]:
                return None
            flags.add(item)
        elif command is None:
            if item not in _FLAGS:
                return None
            command = item
        elif command == "log" and line is None:
            line = item
        else:
            return None
    if command is None or (command == "log") != (line is not None):
        return None
    request = {
        "v": VERSION,
        "command": command,
        "line": line or "",
        "json": "--json" in flags,
        "dry_run": "--dry-run" in flags,
    }
    return request, db


def book_path(db: str | None, environ: Mapping[str, str]) -> str | None:
    """The book's real path as the full CLI would choose it (None: ask platformdirs)."""
    chosen = db or environ.get("COCKPIT_DB")
    if not chosen:
        if not sys.platform.startswith("linux"):
            return None  # platformdirs knows the other systems' folders; run in full
        data = environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        chosen = os.path.join(data, "cockpit", "cockpit.json")
    return os.path.realpath(os.path.expanduser(chosen))


def _remove_stale(path: str, seen: os.stat_result) -> None:
    # Refused: nobody listens (a TUI killed with -9). A TUI publishes its socket only once
    # it listens (bind elsewhere, then rename), so the file is dead, unless a new TUI has
    # just replaced it: remove it only if it is still the one we tried.
    try:
        now = os.stat(path)
        if (now.st_ino, now.st_dev) == (seen.st_ino, seen.st_dev):
            os.unlink(path)
    except OSError:
        pass


def _tui_pid(book: str) -> str:
    try:
        with open(book + ".tui", encoding="ascii", errors="replace") as handle:
            return handle.readline().strip() or "?"
    except OSError:
        return "?"


def _connect(path: str) -> socket.socket | None:
    try:
        seen = os.stat(path)
    except OSError:
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(_CONNECT_TIMEOUT)
    try:
        sock.connect(path)
    except ConnectionRefusedError:
        sock.close()
        _remove_stale(path, seen)
        return None
    except OSError:  # gone, not a socket, not ours to open, or a stuck TUI's full backlog
        sock.close()
        return None
    try:
        if peer_uid(sock) != os.getuid():
            sock.close()  # another user's socket: hand them nothing
            return None
    except OSError:
        sock.close()
        return None
    return sock


def _busy(book: str, what: str) -> int:
    sys.stderr.write(
        f"cockpit: error: the open cockpit (pid {_tui_pid(book)}) {what}; the line was "
        "not sent again (check the cockpit before retrying)\n"
    )
    return EXIT_BUSY


def hand_over(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> int | None:
    """Run the command in the open cockpit and print its answer; None: run it yourself."""
    env = os.environ if environ is None else environ
    parsed = parse_request(argv)
    if parsed is None:
        return None
    request, db = parsed
    book = book_path(db, env)
    if book is None:
        return None
    path = socket_path(book)
    if not path.startswith(book):
        path = tui_socket_path(book) or ""
    sock = _connect(path) if path else None
    if sock is None:
        return None
    deadline = time.monotonic() + TIMEOUT
    request["now"] = env.get("COCKPIT_NOW") or None
    request["deadline"] = deadline  # the TUI will not start what the client gave up on
    with sock:
        try:
            sock.settimeout(TIMEOUT)
            sock.sendall(encode(request))
        except OSError:
            # Not all of it went: the TUI cannot have read a whole line, so nothing ran.
            return None
        try:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            answer = decode(read_message(sock))
        except TimeoutError:
            return _busy(book, f"did not answer within {TIMEOUT:.0f} s")
        except (OSError, ValueError):
            return _busy(book, "closed the connection without an answer")
    if "decline" in answer:
        return None
    out, err, code = answer.get("out", ""), answer.get("err", ""), answer.get("code", 1)
    try:
        if out:
            sys.stdout.write(out)
            sys.stdout.flush()
    except BrokenPipeError:
        # `cockpit today | head`: the reader has what it wanted (as the direct path says).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if err:
        sys.stderr.write(err)
        sys.stderr.flush()
    return int(code)
