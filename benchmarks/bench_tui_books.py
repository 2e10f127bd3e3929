"""Shared by the TUI benchmarks: the benchmark books, a rep-like Python, medians.

A benchmark book (DESIGN §8) is `cockpit demo --years N --seed 7` written with the clock
at the benchmarks' "today", then archived the way a rep would (`cockpit archive`: every
closed year moves to `cockpit-YYYY.json` beside the book). Each book lives in its own
folder with its archives; `--no-archive` keeps the whole history in the book (the worst
case: a rep who never archives). A folder given with --books keeps them between runs.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "NOW",
    "REPO",
    "book_env",
    "copy_book",
    "ensure_books",
    "median",
    "prepare_python",
]

NOW = "2026-11-25T10:30:00+00:00"
REPO = Path(__file__).resolve().parents[1]


def prepare_python() -> None:
    """Compile cockpit's bytecode and let child processes use it, as a rep's install does."""
    # This sandbox sets PYTHONDONTWRITEBYTECODE, which would charge every start for
    # compiling cockpit again.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "cockpit")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def book_env() -> dict[str, str]:
    """The environment a benchmarked cockpit runs in: the fixed clock, no default book."""
    dropped = ("PYTHONDONTWRITEBYTECODE", "COCKPIT_DB")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["COCKPIT_NOW"] = NOW
    return env


def _cockpit(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "cockpit", *args],
        env=book_env(),
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def ensure_books(folder: Path, years: Sequence[int], archive: bool = True) -> dict[int, Path]:
    """`folder/{N}y[-full]/cockpit.json` for each N, written unless already there."""
    books = {}
    for n in years:
        book = folder / (f"{n}y" if archive else f"{n}y-full") / "cockpit.json"
        if not book.exists():
            shutil.rmtree(book.parent, ignore_errors=True)
            book.parent.mkdir(parents=True)
            _cockpit("demo", "--db", str(book), "--years", str(n), "--seed", "7")
            if archive:
                _cockpit("archive", "--db", str(book))
        books[n] = book
    return books


def copy_book(book: Path, folder: Path) -> Path:
    """A copy of the book's folder (its archives too) under `folder`; the copied book."""
    target = folder / book.parent.name
    shutil.copytree(book.parent, target, ignore=shutil.ignore_patterns("*.lock", "*.tui"))
    _reindex(target / book.name)
    return target / book.name


def _reindex(book: Path) -> None:
    """Make the copied sidecar index name the copy, as a checkpoint would have written it.

    The index records the book's identity (inode, mtime, size): a copy reads as a stale
    index, and every start would read the whole book, which a rep's book (indexed at each
    checkpoint) never does. The bytes are the same, so the table ranges still hold.
    """
    import orjson

    from cockpit.store.segments import index_bytes, index_path

    sidecar = index_path(book)
    if not sidecar.exists():
        return
    ranges = {name: tuple(r) for name, r in orjson.loads(sidecar.read_bytes())["tables"].items()}
    sidecar.write_bytes(index_bytes(ranges, os.stat(book)))


def median(values: Sequence[float]) -> float:
    """The median (nan for no values, so a failed measurement shows rather than crashes)."""
    return statistics.median(values) if values else float("nan")
