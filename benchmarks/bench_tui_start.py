"""Cold start in a real terminal: `cockpit --db BOOK` in tmux until the Sprint pane shows
its first row, against `python -c "import textual.app"` timed in the same rounds.

    python benchmarks/bench_tui_start.py [--rounds 7] [--years 3 10] [--books DIR] [--json]

Each round times the reference, then cockpit on each book, alternating, on a private tmux
server (`tmux -L bench-PID`) started once with a placeholder session, so cockpit's time is
not charged for starting tmux. The clock starts just before `tmux new-session` and stops
when `capture-pane` (polled every 10 ms) shows a line like "#123 " inside the Sprint box;
each poll forks a tmux client, which a 2-core machine feels, so the figure errs high.
Cockpit runs on a copy of each book, as a rep's install would (bytecode compiled), and
is closed with `q` between rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_tui_books import REPO, book_env, copy_book, ensure_books, median, prepare_python

__all__ = ["sprint_row_shown", "start_rounds"]

SIZE = ("120", "36")
POLL = 0.01
TIMEOUT = 30.0
ROW = re.compile(r"#\d+ ")


def sprint_row_shown(screen: str) -> bool:
    """True once a deal row ("#123 ...") shows inside the Sprint box."""
    inside = False
    for line in screen.splitlines():
        if not inside:
            inside = "Sprint" in line and "╭" in line
        elif line.lstrip().startswith("╰"):
            return False
        elif ROW.search(line):
            return True
    return False


class Tmux:
    """A private tmux server for the benchmark; killed on exit."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"bench-{os.getpid()}"
        self.env = env
        # The placeholder session starts the server (with this environment) once.
        self.run("new-session", "-d", "-s", "idle", "-x", SIZE[0], "-y", SIZE[1], "sleep 3600")
        self.path = self.run("display-message", "-p", "#{socket_path}").stdout.strip()

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """One tmux command on the private server."""
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
        )

    def alive(self, session: str) -> bool:
        """Whether `session` still runs."""
        return self.run("has-session", "-t", session, check=False).returncode == 0

    def close(self) -> None:
        """Kill the server and everything in it, and remove its socket."""
        self.run("kill-server", check=False)
        if self.path:
            Path(self.path).unlink(missing_ok=True)


def cold_start(tmux: Tmux, book: Path) -> float:
    """Milliseconds from `tmux new-session` to a Sprint row on screen."""
    command = f"{sys.executable} -m cockpit --db {book}"
    start = time.perf_counter()
    tmux.run(
        "new-session", "-d", "-s", "cockpit", "-x", SIZE[0], "-y", SIZE[1], "-c", str(REPO), command
    )
    screen = ""
    while time.perf_counter() - start < TIMEOUT:
        screen = tmux.run("capture-pane", "-p", "-t", "cockpit", check=False).stdout
        if sprint_row_shown(screen):
            elapsed = (time.perf_counter() - start) * 1000
            break
        time.sleep(POLL)
    else:
        tmux.run("kill-session", "-t", "cockpit", check=False)
        raise RuntimeError(f"no Sprint row within {TIMEOUT:.0f} s; the screen:\n{screen}")
    tmux.run("send-keys", "-t", "cockpit", "q")
    deadline = time.perf_counter() + 15
    while tmux.alive("cockpit") and time.perf_counter() < deadline:
        time.sleep(0.05)
    tmux.run("kill-session", "-t", "cockpit", check=False)
    return elapsed


def import_textual(env: dict[str, str]) -> float:
    """Milliseconds for `python -c "import textual.app"`."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import textual.app"], env=env, check=True)
    return (time.perf_counter() - start) * 1000


def start_rounds(books: dict[int, Path], rounds: int) -> dict[str, list[float]]:
    """Per round: the reference, then each book's cold start, alternating."""
    times: dict[str, list[float]] = {"import_textual_ms": []}
    times.update({f"start_{n}y_ms": [] for n in books})
    with tempfile.TemporaryDirectory() as tmp:
        copies = {n: copy_book(book, Path(tmp)) for n, book in books.items()}
        env = book_env()
        tmux = Tmux(env)
        try:
            cold_start(tmux, copies[min(copies)])  # warm the page cache, as a rep's disk is
            for _ in range(rounds):
                for n, book in copies.items():
                    times["import_textual_ms"].append(import_textual(env))
                    times[f"start_{n}y_ms"].append(cold_start(tmux, book))
        finally:
            tmux.close()
    return times


def main() -> int:
    """Print the medians (a Markdown table, or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--years", type=int, nargs="+", default=[3, 10])
    parser.add_argument("--books", type=Path, help="folder to keep the demo books in")
    parser.add_argument("--archive", action="store_true", help="archived books (context only)")
    parser.add_argument("--json", action="store_true", help="print every time as JSON")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is not installed: no cold-start figures", file=sys.stderr)
        return 1
    prepare_python()
    with tempfile.TemporaryDirectory() as tmp:
        books = ensure_books(args.books or Path(tmp), args.years, args.archive)
        times = start_rounds(books, args.rounds)
    if args.json:
        print(json.dumps(times))
        return 0
    reference = median(times["import_textual_ms"])
    print("| book | cold start to a Sprint row (ms) | `import textual.app` (ms) | ratio |")
    print("|---|---|---|---|")
    for n in args.years:
        ours = median(times[f"start_{n}y_ms"])
        print(f"| {n}-year | {ours:.0f} | {reference:.0f} | {ours / reference:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
