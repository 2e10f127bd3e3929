"""One TUI per book: ``cockpit.json.tui`` holds the pid of the open TUI, under an flock."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from types import TracebackType

from .errors import TuiAlreadyOpen, refused_by_system
from .files import FILE_MODE, ensure_dir
from .paths import tui_path

__all__ = ["TuiClaim", "claim_tui"]


class TuiClaim:
    """This process's hold on the book's TUI slot; ``release()`` (or ``with``) gives it up."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.pid = os.getpid()
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        """True until released."""
        return self._fd is not None

    def release(self) -> None:
        """Remove the pid file and free the slot; safe to call twice."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            with contextlib.suppress(FileNotFoundError):
                # Only remove the file if it is still ours (not a successor's).
                if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    os.unlink(self.path)
        finally:
            os.close(fd)  # closing drops the flock

    def __enter__(self) -> TuiClaim:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _read_pid(fd: int) -> int:
    try:
        # The first line; a second may name the TUI's socket (cockpit.handoff.protocol).
        return int(os.pread(fd, 32, 0).split(b"\n", 1)[0].decode("ascii").strip() or 0)
    except (ValueError, UnicodeDecodeError):
        return 0


def claim_tui(book: Path) -> TuiClaim:
    """Claim the TUI slot of ``book``; TuiAlreadyOpen(pid) if a live TUI holds it.

    The flock is what says "live": it dies with its process, so a pid file left by a
    crashed TUI (or a reused pid) is simply taken over. SystemRefused when the pid file
    cannot be written (a read-only folder, a full disk).
    """
    path = tui_path(Path(os.path.realpath(book)))
    with refused_by_system(path):
        return _claim(path, book)


def _claim(path: Path, book: Path) -> TuiClaim:
    ensure_dir(path.parent)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise TuiAlreadyOpen(pid, book) from None
        except BaseException:
            os.close(fd)
            raise
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            # The holder released (unlinked) between our open and our flock: try again.
            os.close(fd)
            continue
        data = f"{os.getpid()}\n".encode("ascii")
        os.ftruncate(fd, 0)
        os.pwrite(fd, data, 0)
        return TuiClaim(path, fd)
