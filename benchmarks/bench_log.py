"""`cockpit log` end to end against taskwarrior 2.6 `task add` on 10k pending tasks.

Each round runs the reference and cockpit one after the other (alternating), so both see
the same machine load; the medians over the rounds are compared. Usage:

    python benchmarks/bench_log.py [--rounds 9] [--years 1 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

NOW = "2026-11-25T10:30:00+00:00"


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def make_taskwarrior(folder: Path, pending: int) -> dict[str, str] | None:
    if not shutil.which("task"):
        return None
    data = folder / "task"
    data.mkdir()
    rc = folder / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nhooks=off\n")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    tasks = [
        {
            "uuid": str(uuid.UUID(int=i + 1)),
            "description": f"follow up with prospect {i}",
            "status": "pending",
            "entry": "20261101T090000Z",
            "project": f"p{i % 40}",
        }
        for i in range(pending)
    ]
    subprocess.run(
        ["task", "import", "-"],
        input=json.dumps(tasks).encode(),
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return env


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--years", type=int, nargs="+", default=[1, 3])
    args = parser.parse_args()
    python = sys.executable
    # A rep's install has its bytecode compiled; this sandbox sets PYTHONDONTWRITEBYTECODE,
    # which would charge every run for compiling cockpit again.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [python, "-m", "compileall", "-q", str(Path(__file__).parents[1] / "cockpit")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        task_env = make_taskwarrior(folder, 10_000)
        rows = []
        for years in args.years:
            book = folder / f"book-{years}y.json"
            env = {**os.environ, "COCKPIT_DB": str(book), "COCKPIT_NOW": NOW}
            subprocess.run(
                [python, "-m", "cockpit", "demo", "--years", str(years), "--seed", "7"],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            account = json.loads(
                subprocess.run(
                    [python, "-m", "cockpit", "today", "--json"],
                    env=env,
                    check=True,
                    capture_output=True,
                ).stdout
            )["sprint"][0]["deal"]["handle"]
            cockpit_times, task_times, python_times = [], [], []
            for i in range(args.rounds):
                python_times.append(timed([python, "-c", "pass"], env))
                if task_env:
                    task_times.append(timed(["task", "add", f"bench {i}"], task_env))
                line = f'call #{account} out:voicemail "bench {i}"'
                cockpit_times.append(timed([python, "-m", "cockpit", "log", line], env))
            rows.append(
                (
                    years,
                    statistics.median(cockpit_times),
                    statistics.median(task_times) if task_times else None,
                    statistics.median(python_times),
                )
            )
        print("| book | cockpit log (ms) | task add, 10k pending (ms) | python -c pass (ms) |")
        print("|---|---|---|---|")
        for years, ours, theirs, bare in rows:
            ref = f"{theirs:.0f}" if theirs is not None else "n/a"
            print(f"| {years}-year | {ours:.0f} | {ref} | {bare:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
