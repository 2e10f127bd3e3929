"""Run every benchmark and print one Markdown table of DESIGN §8's budgets.

    python benchmarks/run_all.py [--quick] [--archive] [--books DIR] [--readme]

Runs bench_tui.py (log line, stall, search, cold start), bench_cli.py (`cockpit log` with
and without a cockpit open, `cockpit today`, against taskwarrior; the open cockpit's
memory), bench_store.py and bench_archive.py, one after the other (never two at once:
they would time each other). The books are the §8 books as written, not archived
(--archive runs the TUI figures on archived books, for context). The full run takes ~15
minutes on a 2-core machine, --quick (fewer rounds, a smoke run) ~6. --readme also writes
the results into benchmarks/README.md between its result markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_tui_books import REPO, book_env, ensure_books, prepare_python
from bench_tui_table import Row, info, markdown

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
TIMEOUT = 1200  # seconds per script: a hung script must not hang the suite


def run_script(name: str, *args: str) -> str:
    """A benchmark script's stdout ('' if it failed, with its stderr shown)."""
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / name), *args],
            cwd=REPO,
            env=book_env(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        print(f"{name}: gave up after {TIMEOUT} s", file=sys.stderr)
        return ""
    if done.returncode != 0:
        print(f"{name} failed ({done.returncode}):\n{done.stderr}", file=sys.stderr)
        return ""
    return done.stdout


def table_cells(output: str) -> list[list[str]]:
    """The body rows of a Markdown table printed by a script, as stripped cells."""
    rows = []
    for line in output.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows[1:]  # without the header


def number(cell: str) -> float:
    """The first number in a cell ("336", "336 -> 250": 336)."""
    found = re.search(r"[\d.]+", cell)
    return float(found.group()) if found else math.nan


def archive_rows(output: str) -> list[Row]:
    """bench_archive.py: `cockpit log` and `today --json` on the archived books."""
    rows = []
    for cells in table_cells(output):
        book = cells[0]
        log_full, log_archived = (number(x) for x in cells[3].split("->"))
        today_full, today_archived = (number(x) for x in cells[4].split("->"))
        bare = number(cells[5])
        rows.append(
            info(
                "`cockpit log` end to end, archived book",
                book,
                log_archived,
                f"{log_full:.0f} ms not archived; `python -c pass` {bare:.0f} ms",
            )
        )
        rows.append(
            info(
                "`cockpit today --json`, archived book",
                book,
                today_archived,
                f"{today_full:.0f} ms not archived",
            )
        )
    return rows


def store_rows(output: str) -> list[Row]:
    """bench_store.py: commit latency, checkpoint and open (no budget of their own)."""
    rows = []
    commit = re.search(r"median ([\d.]+) ms, p90 ([\d.]+) ms, p99 ([\d.]+) ms", output)
    if commit:
        median, p90, p99 = (float(x) for x in commit.groups())
        rows.append(
            Row(
                "store: one command written (journal line + fsync)",
                "10k docs",
                "none (DESIGN §6: ~1 ms)",
                median,
                f"p90 {p90:.2f} ms, p99 {p99:.2f} ms",
                "—",
            )
        )
    for docs, size, ckpt, load in re.findall(
        r"(\d+) docs \(([\d.]+) MB\): checkpoint median (\d+) ms, open median (\d+) ms", output
    ):
        book = f"{int(docs) // 1000}k docs, {size} MB"
        rows.append(info("store: checkpoint (whole book rewritten)", book, float(ckpt)))
        rows.append(info("store: open (load + journal replay)", book, float(load)))
    return rows


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _first_line(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    except OSError:
        return "not installed"
    return out.strip().splitlines()[0] if out.strip() else "unknown"


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    ram_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            ram_kb = int(line.split()[1])
    head = _first_line(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    dirty = _first_line(["git", "-C", str(REPO), "status", "--porcelain", "--", "cockpit"])
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": f"{len(os.sched_getaffinity(0))} (nproc)",
        "cpu": cpu,
        "ram": f"{ram_kb / 1024 / 1024:.0f} GB",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": ", ".join(
            f"{p} {_version(p)}" for p in ("textual", "rich", "tinydb", "orjson", "pendulum")
        ),
        "tools": f"{_first_line(['tmux', '-V'])}, taskwarrior {_first_line(['task', '--version'])}",
        "code": f"{head}" + (" + uncommitted changes in cockpit/" if dirty != "unknown" else ""),
        "load": "load average (1 min) at start {start}, at end {end}",
    }


def load_average() -> str:
    """The 1-minute load average (other engineers' tests share this machine)."""
    return f"{os.getloadavg()[0]:.2f}"


def report(rows: list[Row], details: list[str], raw: dict[str, str], host: dict[str, str]) -> str:
    """The Markdown that goes to stdout and into the README."""
    out = [markdown(rows), ""]
    if details:
        out += ["Where the time goes (medians over the rounds):", ""]
        out += [f"- {line}" for line in details]
        out.append("")
    out += ["Machine:", ""]
    out += [f"- {key}: {value}" for key, value in host.items()]
    for name, text in raw.items():
        if text.strip():
            out += ["", f"<details><summary>{name} output</summary>", "", "```"]
            out += [text.strip(), "```", "", "</details>"]
    return "\n".join(out)


def write_readme(text: str) -> None:
    """Replace the results between the markers in benchmarks/README.md."""
    readme = README.read_text(encoding="utf-8")
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    README.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> int:
    """Run them all; print the table (and write it into the README with --readme)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds: a smoke run")
    parser.add_argument("--archive", action="store_true", help="TUI figures on archived books")
    parser.add_argument("--books", type=Path, help="folder to keep the demo books in")
    parser.add_argument("--readme", action="store_true", help="write the results into README")
    args = parser.parse_args()
    host = machine()
    start_load = load_average()
    prepare_python()
    quick = ["--quick"] if args.quick else []
    rounds = ["--rounds", "3"] if args.quick else []
    rows: list[Row] = []
    details: list[str] = []
    raw: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        books = args.books or Path(tmp)
        ensure_books(books, (3, 10), args.archive)
        print("bench_tui.py ...", file=sys.stderr)
        tui_args = [*quick, "--json", "--books", str(books)]
        tui = run_script("bench_tui.py", *tui_args, *(["--archive"] if args.archive else []))
        if tui:
            result: dict[str, Any] = json.loads(tui)
            rows += [Row(**r) for r in result["rows"]]
            details += result["details"]
        print("bench_cli.py ...", file=sys.stderr)
        cli = run_script("bench_cli.py", *rounds, "--json", "--books", str(books))
        if cli:
            rows += [Row(**r) for r in json.loads(cli)["rows"]]
    budget_rows = [r for r in rows if r.verdict != "—"]
    context_rows = [r for r in rows if r.verdict == "—"]
    if (HERE / "bench_archive.py").exists():
        print("bench_archive.py ...", file=sys.stderr)
        raw["bench_archive.py"] = run_script("bench_archive.py", *rounds)
        context_rows += archive_rows(raw["bench_archive.py"])
    print("bench_store.py ...", file=sys.stderr)
    store_args = ["--commits", "200", "--runs", "3"] if args.quick else []
    raw["bench_store.py"] = run_script("bench_store.py", *store_args)
    context_rows += store_rows(raw["bench_store.py"])
    host["load"] = host["load"].format(start=start_load, end=load_average())
    host["books"] = "`cockpit demo --years N --seed 7`" + (
        ", then `cockpit archive` (TUI figures)" if args.archive else ", not archived"
    )
    host["rounds"] = "quick (3 rounds, 30 lines)" if args.quick else "7 rounds, 100 lines"
    text = report(budget_rows + context_rows, details, raw, host)
    print(text)
    if args.readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
