"""`cockpit log` and `cockpit today --json` end to end, before and after `cockpit archive`.

For each benchmark book (DESIGN §8: `cockpit demo --years N --seed 7`) two copies are made;
one is archived the way a rep would (`cockpit archive`: every closed fiscal year). Each
round then runs, one after the other so both see the same machine load: `python -c pass`,
`log` and `today --json` on the full book, the same on the archived one. Medians over the
rounds are printed as a Markdown table. Usage:

    python benchmarks/bench_archive.py [--rounds 9] [--years 3 10]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, this folder is on sys.path: share bench_log's clock and timer.
from bench_log import NOW, timed  # noqa: E402


def cockpit(python: str, env: dict[str, str], *args: str) -> str:
    """Run the CLI and return its stdout."""
    done = subprocess.run(
        [python, "-m", "cockpit", *args], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--years", type=int, nargs="+", default=[3, 10])
    args = parser.parse_args()
    python = sys.executable
    # A rep's install has its bytecode compiled; this sandbox sets PYTHONDONTWRITEBYTECODE.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [python, "-m", "compileall", "-q", str(Path(__file__).parents[1] / "cockpit")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for years in args.years:
            folder = Path(tmp) / f"{years}y"
            folder.mkdir()
            full, small = folder / "full" / "cockpit.json", folder / "archived" / "cockpit.json"
            envs = {}
            for book in (full, small):
                env = {**os.environ, "COCKPIT_DB": str(book), "COCKPIT_NOW": NOW}
                cockpit(python, env, "demo", "--years", str(years), "--seed", "7")
                envs[book] = env
            size_before = small.stat().st_size
            start = time.perf_counter()
            report = cockpit(python, envs[small], "archive")
            archive_ms = (time.perf_counter() - start) * 1000
            print(report, file=sys.stderr)
            top = json.loads(cockpit(python, envs[full], "today", "--json"))["sprint"][0]
            deal = top["deal"]["handle"]
            times: dict[str, list[float]] = {}
            for i in range(args.rounds):
                times.setdefault("pass", []).append(timed([python, "-c", "pass"], envs[full]))
                for label, book in (("full", full), ("archived", small)):
                    line = f'call #{deal} out:voicemail "bench {i}"'
                    log = [python, "-m", "cockpit", "log", line]
                    today = [python, "-m", "cockpit", "today", "--json"]
                    times.setdefault(f"log {label}", []).append(timed(log, envs[book]))
                    times.setdefault(f"today {label}", []).append(timed(today, envs[book]))
            median = {key: statistics.median(values) for key, values in times.items()}
            rows.append((years, size_before, small.stat().st_size, archive_ms, median))
    print(
        "| book | book size (MB) | archive (ms) | cockpit log (ms) | today --json (ms) "
        "| python -c pass (ms) |"
    )
    print("|---|---|---|---|---|---|")
    for years, before, after, archive_ms, m in rows:
        print(
            f"| {years}-year | {before / 1e6:.1f} -> {after / 1e6:.1f} | {archive_ms:.0f} "
            f"| {m['log full']:.0f} -> {m['log archived']:.0f} "
            f"| {m['today full']:.0f} -> {m['today archived']:.0f} | {m['pass']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
