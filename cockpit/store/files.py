"""Durable file primitives: atomic replace, fsync'd append, private modes, temp sweeping."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from .errors import SystemRefused
from .model import Token

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "append_durable",
    "append_token",
    "atomic_write",
    "ensure_dir",
    "fsync_dir",
    "is_temp_of",
    "refuse_read_only",
    "stat_token",
    "sweep_temp",
    "temp_name",
]

FILE_MODE = 0o600
"""Mode of every file the store creates."""

DIR_MODE = 0o700
"""Mode of every folder the store creates."""

_TMP_MARK = ".tmp-"


def ensure_dir(path: Path) -> None:
    """Create ``path`` (0700) if missing; existing folders keep their mode."""
    if path.is_dir():
        return
    try:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    except FileExistsError:
        raise SystemRefused(path, "a file where a folder should be") from None
    fsync_dir(path.parent)


def refuse_read_only(path: Path) -> None:
    """SystemRefused if ``path`` is a folder or a file without write permission.

    A read-only book or journal says "do not change me": replacing it with a writable
    copy would defeat that (and root could, so the mode is checked, not access()).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        raise SystemRefused(path, "a folder where a file should be")
    if not st.st_mode & 0o222:
        mode = stat.S_IMODE(st.st_mode)
        raise SystemRefused(path, f"the file is read-only (mode {mode:04o}); nothing was written")


def fsync_dir(path: Path) -> None:
    """Make a folder's entries (creations, renames) durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_name(target: Path) -> Path:
    """A unique hidden temp name beside ``target`` that ``sweep_temp`` recognises."""
    # os.urandom, not secrets: secrets loads hmac, hashlib and random on every command.
    return target.with_name(f".{target.name}{_TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def is_temp_of(name: str, prefix: str) -> bool:
    """True if ``name`` is a temp file ``temp_name`` made for a target starting with ``prefix``."""
    return name.startswith(f".{prefix}") and _TMP_MARK in name


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def stat_token(st: os.stat_result) -> Token:
    """Identity and version of a file: changes whenever it is replaced or rewritten."""
    return Token((st.st_dev, st.st_ino, st.st_mtime_ns), st.st_size)


def append_token(st: os.stat_result) -> Token:
    """A journal's token: its identity changes only when it is replaced, not appended to."""
    return Token((st.st_dev, st.st_ino), st.st_size)


def atomic_write(target: Path, data: bytes) -> os.stat_result:
    """Replace ``target`` with ``data`` all-or-nothing and durably; return its stat."""
    tmp = temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
            st = os.fstat(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)
    return st


def append_durable(path: Path, data: bytes) -> Token:
    """Append ``data`` and fdatasync it; return the journal token. A failed write is cut off."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        created = False
    except FileNotFoundError:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        created = True
    try:
        start = os.fstat(fd).st_size
        try:
            _write_all(fd, data)
            os.fdatasync(fd)
        except BaseException:
            # Never leave half a line for the next writer to append after.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, start)
                os.fdatasync(fd)
            raise
        st = os.fstat(fd)
    finally:
        os.close(fd)
    if created:
        # A new journal's directory entry must be durable before we acknowledge.
        fsync_dir(path.parent)
    return append_token(st)


def sweep_temp(folder: Path, prefix: str, older_than: float = 60.0) -> int:
    """Delete our temp files for targets named ``prefix...`` older than ``older_than`` s.

    Call it under the lock only, so no live writer's temp file can go.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return 0
    # The file's age is the point here, so the wall clock is the right one.
    limit = time.time() - older_than
    for entry in entries:
        if not is_temp_of(entry.name, prefix):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
                removed += 1
        except FileNotFoundError:
            continue
    return removed
