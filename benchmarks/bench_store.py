"""Store figures: commit latency on a 10k-document book, checkpoint and load at 10k / 100k.

Run: ``python benchmarks/bench_store.py [--commits 1000] [--runs 7]``. Uses a temp folder
on the same disk as the system temp dir; prints medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cockpit.store import Store  # noqa: E402


def _now() -> datetime:
    return datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def _doc(i: int) -> dict[str, object]:
    """About the size of a logged activity."""
    return {
        "kind": "call",
        "deal": i % 700,
        "account": i % 300,
        "at": "2026-11-25T10:00:00+01:00",
        "outcome": "connected",
        "note": f"CFO wants 2-year price, call {i}",
        "next": {"text": "send 2y pricing", "due": "2026-11-26"},
    }


def _book(folder: Path, docs: int) -> Store:
    store = Store.open(folder / "cockpit.json", now=_now)
    batch = 5000
    for start in range(0, docs, batch):
        with store.transaction("seed") as tx:
            for i in range(start, min(docs, start + batch)):
                tx.insert("activities", _doc(i))
    store.checkpoint()
    return store


def _commits(store: Store, n: int) -> list[float]:
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        with store.transaction(f"call #{i}") as tx:
            tx.insert("activities", _doc(i))
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "10k"
        store = _book(folder, 10_000)
        lat = _commits(store, args.commits)
        q = statistics.quantiles(lat, n=100)
        median = statistics.median(lat) * 1e3
        print(
            f"commit, 10k-doc book, {args.commits} commits: median {median:.2f} ms"
            f", p90 {q[89] * 1e3:.2f} ms, p99 {q[98] * 1e3:.2f} ms"
        )
        for docs in (10_000, 100_000):
            folder = Path(tmp) / f"b{docs}"
            store = _book(folder, docs)
            size = (folder / "cockpit.json").stat().st_size
            ckpt, load = [], []
            for run in range(args.runs):
                with store.transaction(f"touch {run}") as tx:
                    tx.insert("activities", _doc(run))
                t0 = time.perf_counter()
                store.checkpoint()
                ckpt.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                Store.open(folder / "cockpit.json", now=_now).close(checkpoint=False)
                load.append(time.perf_counter() - t0)
            print(
                f"{docs:>7} docs ({size / 1e6:.1f} MB): checkpoint median "
                f"{statistics.median(ckpt) * 1e3:.0f} ms, open median "
                f"{statistics.median(load) * 1e3:.0f} ms ({args.runs} runs)"
            )


if __name__ == "__main__":
    main()
