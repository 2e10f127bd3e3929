"""The handoff socket: where it is, who may use it, and one JSON line each way.

Standard library only: the client imports this before it knows whether cockpit must be
loaded at all.

A request is one line, `{"v": 1, "command": "log"|"undo"|"today", "line": str,
"json": bool, "dry_run": bool, "now": $COCKPIT_NOW or null, "deadline": float}`; the answer
is one line, `{"out": str, "err": str, "code": int}` (what the command prints and its exit
code) or `{"decline": reason}` (the client runs the command itself: nothing was written).
"""

from __future__ import annotations

import json
import os
import socket
import struct

TYPE_CHECKING = False  # typing itself costs an import on the fast path
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "MAX_MESSAGE",
    "SOCKET_SUFFIX",
    "SUN_PATH_MAX",
    "TIMEOUT",
    "VERSION",
    "decode",
    "encode",
    "peer_uid",
    "read_message",
    "socket_path",
    "tui_socket_line",
    "tui_socket_path",
]

VERSION = 1
TIMEOUT = 5.0  # seconds a client waits for the open cockpit before giving up (exit 4)
SOCKET_SUFFIX = ".sock"
MAX_MESSAGE = 4 * 1024 * 1024  # a line is at most 20,000 characters; `today --json` is small
SUN_PATH_MAX = 107  # sockaddr_un holds 108 bytes, the last one a NUL
_SOCKET_LINE = "socket "


def socket_path(book: str) -> str:
    """Where the TUI open on `book` (a real path) listens: `cockpit.json.sock` beside the
    book, or, when that path is too long for a socket, a short name under
    $XDG_RUNTIME_DIR (else /tmp/cockpit-UID) that the TUI also writes into `.tui`."""
    beside = book + SOCKET_SUFFIX
    if len(os.fsencode(beside)) <= SUN_PATH_MAX:
        return beside
    import hashlib  # only for books this deep

    name = f"cockpit-{hashlib.sha256(os.fsencode(book)).hexdigest()[:20]}{SOCKET_SUFFIX}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    short = os.path.join(runtime, name)
    if runtime and os.path.isdir(runtime) and len(os.fsencode(short)) <= SUN_PATH_MAX:
        return short
    return os.path.join("/tmp", f"cockpit-{os.getuid()}", name)


def tui_socket_line(path: str) -> str:
    """The line the TUI adds to `cockpit.json.tui` when its socket is not beside the book."""
    return f"{_SOCKET_LINE}{path}\n"


def tui_socket_path(book: str) -> str | None:
    """The socket named in the book's `.tui` file, if it names one."""
    try:
        with open(book + ".tui", encoding="utf-8", errors="replace") as handle:
            text = handle.read(8192)
    except OSError:
        return None
    for line in text.splitlines()[1:]:
        if line.startswith(_SOCKET_LINE):
            return line[len(_SOCKET_LINE) :]
    return None


def peer_uid(sock: socket.socket) -> int:
    """The user id of the process at the other end of a Unix socket (SO_PEERCRED)."""
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return int(struct.unpack("3i", creds)[1])


def encode(message: dict[str, Any]) -> bytes:
    """One message as one line (JSON escapes every newline inside it)."""
    return json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"


def decode(data: bytes) -> dict[str, Any]:
    """A message read back; ValueError if it is not one."""
    message = json.loads(data.decode("utf-8"))
    if not isinstance(message, dict):
        raise ValueError("not a message")
    return message


def read_message(sock: socket.socket) -> bytes:
    """Bytes up to the first newline (the socket's timeout applies to each read);
    ConnectionError if the other end closes first."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before a whole message")
        end = chunk.find(b"\n")
        if end >= 0:
            chunks.append(chunk[:end])
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_MESSAGE:
            raise ConnectionError("message too long")
