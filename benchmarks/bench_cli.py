"""The command line's budgets (DESIGN §8, issue 12) on the books as written (not archived).

    python benchmarks/bench_cli.py [--rounds 9] [--books DIR] [--json]

Each round times, one after the other so they share the machine's load:
taskwarrior 2.6 `task add` and `task next` on 10k pending tasks (the references), then on
the 3-year and the 10-year book: `cockpit log` with no cockpit open, `cockpit today` with
none open, and `cockpit log` while a (headless) cockpit is open on a second copy of the
book (the request is handed to it over its socket, DESIGN §9.7). The open cockpits' resident
memory is read from /proc once the rounds are done. Every command is a fresh process
(`python -m cockpit`, bytecode compiled, as a rep's install has it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_log import make_taskwarrior
from bench_tui_books import REPO, book_env, ensure_books, median, prepare_python
from bench_tui_table import Row, info, markdown, ratio_row, within

from cockpit.store.paths import index_path
from cockpit.store.segments import index_bytes

__all__ = ["cli_rows", "measure"]

CHILD = Path(__file__).with_name("bench_tui_child.py")
YEARS = (3, 10)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Milliseconds from start to exit (the command must succeed)."""
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def copy(book: Path, folder: Path, name: str) -> Path:
    """A copy of the book and its index (no journal, lock or socket) in its own folder."""
    target = folder / name / book.name
    target.parent.mkdir(parents=True)
    shutil.copy2(book, target)
    index = index_path(book)
    if index.exists():
        # The same bytes under a new inode: the index still says where each table is.
        ranges = {
            k: (v[0], v[1], v[2]) for k, v in json.loads(index.read_bytes())["tables"].items()
        }
        index_path(target).write_bytes(index_bytes(ranges, os.stat(target)))
    return target


def open_cockpit(book: Path) -> subprocess.Popen[str]:
    """A headless cockpit on `book`, once it listens."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(book)],
        env=book_env(),
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    if child.stdout.readline().strip() != "ready":
        raise RuntimeError(f"the cockpit on {book} did not start")
    return child


def rss_mb(pid: int) -> float:
    """Resident set size of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def close(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGTERM)
    try:
        child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def deal_handle(book: Path) -> str:
    """A deal on the book's Sprint, to log calls on."""
    out = subprocess.run(
        [sys.executable, "-m", "cockpit", "today", "--json", "--db", str(book)],
        env=book_env(),
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout
    return str(json.loads(out)["sprint"][0]["deal"]["handle"])


def measure(books: dict[int, Path], folder: Path, rounds: int) -> dict[str, Any]:
    """Every figure's times over the rounds (ms), and the open cockpits' memory (MB)."""
    task_env = make_taskwarrior(folder, 10_000)
    env = book_env()
    py = [sys.executable, "-m", "cockpit"]
    alone = {n: copy(book, folder, f"alone-{n}y") for n, book in books.items()}
    beside = {n: copy(book, folder, f"open-{n}y") for n, book in books.items()}
    handles = {n: deal_handle(book) for n, book in alone.items()}
    times: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        times.setdefault(key, []).append(value)

    children = {n: open_cockpit(book) for n, book in beside.items()}
    try:
        for i in range(rounds):
            add("python", timed([sys.executable, "-c", "pass"], env))
            if task_env:
                add("task_add", timed(["task", "add", f"bench {i}"], task_env))
                add("task_next", timed(["task", "next"], task_env))
            for n in books:
                line = f'call #{handles[n]} out:voicemail "bench {i}"'
                add(f"log_{n}y", timed([*py, "log", line, "--db", str(alone[n])], env))
                add(f"today_{n}y", timed([*py, "today", "--db", str(alone[n])], env))
                add(f"handoff_{n}y", timed([*py, "log", line, "--db", str(beside[n])], env))
            print(f"  round {i + 1}/{rounds} done", file=sys.stderr)
        memory = {f"rss_{n}y": rss_mb(child.pid) for n, child in children.items()}
    finally:
        for child in children.values():
            close(child)
    return {"times": times, "memory": memory}


def cli_rows(result: dict[str, Any]) -> list[Row]:
    """The table rows: the 3-year figures against taskwarrior, the 10-year against them."""
    t = {key: median(values) for key, values in result["times"].items()}
    add, nxt = t.get("task_add", float("nan")), t.get("task_next", float("nan"))
    rows = []
    for key, figure, ref, ref_name, times in (
        ("handoff", "`cockpit log`, cockpit open on the book", add, "`task add`", 0.5),
        ("log", "`cockpit log`, no cockpit open", add, "`task add`", 1.0),
        ("today", "`cockpit today`, no cockpit open", nxt, "`task next`", 1.0),
    ):
        three = t.get(f"{key}_3y", float("nan"))
        rows.append(ratio_row(figure, "3-year", three, ref, f"{ref_name} (10k pending)", times))
        rows.append(within(figure, "10-year", t.get(f"{key}_10y", float("nan")), three, 1.2))
    memory = result["memory"]
    three, ten = memory.get("rss_3y", float("nan")), memory.get("rss_10y", float("nan"))
    ratio = ten / three
    rows.append(
        Row(
            "open cockpit's resident memory",
            "10-year",
            "≤ 3× 3-year",
            ten,
            f"{three:.0f} MB ({ratio:.2f}×)",
            "met" if ratio <= 3 else "**missed**",
            unit="MB",
        )
    )
    rows.append(info("`python -c pass` (for scale)", "—", t.get("python", float("nan"))))
    return rows


def main() -> int:
    """Print the table (Markdown, or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--books", type=Path, help="folder to keep the demo books in")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    prepare_python()
    with tempfile.TemporaryDirectory() as tmp:
        books = ensure_books(args.books or Path(tmp), YEARS, archive=False)
        scratch = Path(tmp) / "scratch"
        scratch.mkdir()
        result = measure(books, scratch, args.rounds)
    rows = cli_rows(result)
    if args.json:
        print(json.dumps({"rows": [r.as_dict() for r in rows], "raw": result}))
    else:
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    os.environ.pop("COCKPIT_DB", None)
    sys.exit(main())
