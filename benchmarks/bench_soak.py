"""A soak, as a rep uses cockpit: a simulated working day and a midnight on one open TUI.

    python benchmarks/bench_soak.py [--minutes 480] [--books DIR] [--json] [--trace FRAMES]

The real app, headless under Pilot, on a copy of the 3-year demo book (as written, not
archived), with an injected clock: one quick-log line typed into the log bar every
simulated minute from 09:00 for 8 hours, then the clock jumps to 23:50 and the day rolls
over at midnight with a few more lines after it. Every 10th line is logged instead by
`cockpit log` from a second process (it hands over to the open TUI, DESIGN §9.7).
The app's idle checkpoint is due after every line (a rep pausing a minute between lines
passes the 30 s idle mark each time), so the soak checkpoints the 3-year book all day.

Reported: resident memory (VmRSS) at the start, after the first simulated hour and at
the end (goal: growth <= 10 %); the longest event-loop stall over the whole run, from a
5 ms ticker (goal <= 100 ms); and the lines present in the book at the end (all of
them). A few minutes of wall time; the simulated minutes are not waited for.

`--trace FRAMES` runs it under tracemalloc (several times slower; the RSS figures then
include tracemalloc's own bookkeeping) and prints where Python memory grew: the top
allocation sites between the start and the first simulated hour, and between the first
hour and the end, by line and by file.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import gc
import json
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_tui_books import REPO, book_env, ensure_books, prepare_python  # noqa: E402
from bench_tui_probe import Ticker, enter_line, key_event, wait_until  # noqa: E402

from cockpit.services.session import Session  # noqa: E402
from cockpit.ui.app import CockpitApp  # noqa: E402
from cockpit.ui.data.board import build_board  # noqa: E402
from cockpit.ui.data.history import history_path  # noqa: E402

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday morning
AFTER_MIDNIGHT = 10  # lines logged after the day rolls over
EVERY = 10  # every 10th line comes from a second process


class SimClock:
    """The simulated time; the session reads it, the soak moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def malloc_mb() -> tuple[float, float]:
    """glibc's heap, all arenas: (in use incl. mmapped blocks, free but kept), MB; NaN
    where there is no mallinfo2 (not glibc 2.33+)."""
    try:
        call = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return float("nan"), float("nan")
    call.restype = _MallInfo2
    info = call()
    return (info.uordblks + info.hblkhd) / 2**20, info.fordblks / 2**20


def rss_mb() -> float:
    """This process's resident set, MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def second_process(book: Path, clock: SimClock, line: str) -> int:
    """`cockpit log LINE` from another process at the simulated time; its exit code."""
    env = {**book_env(), "COCKPIT_DB": str(book), "COCKPIT_NOW": clock.moment.isoformat()}
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "cockpit",
        "log",
        line,
        env=env,
        cwd=REPO,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    return await child.wait()


async def soak(book: Path, minutes: int, trace: int = 0) -> dict[str, Any]:
    """Run the soak on `book` (a copy the soak may write); its figures."""
    clock = SimClock(START)
    session = Session.open(book, clock=clock)
    with session.lock:
        board = build_board(session.book, session.now())
    handle = next(iter(session.book.accounts.values())).handle
    app = CockpitApp(
        session,
        poll_interval=0,
        tick_interval=0,
        idle_checkpoint=0.0,
        history_file=history_path(book),
        freeze_heap=True,
        first_board=board,
    )
    saved = 0
    figures: dict[str, Any] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        screen: Any = app.screen
        await wait_until(lambda: getattr(screen, "board", None) is not None)
        bar = screen.log_bar
        show_done = bar.show_done

        def counted(*args: Any, **kwargs: Any) -> Any:
            nonlocal saved
            saved += 1
            return show_done(*args, **kwargs)

        bar.show_done = counted
        await pilot.pause()
        figures["rss_start_mb"] = rss_mb()
        figures["malloc_start_mb"] = malloc_mb()
        figures["blocks_start"] = sys.getallocatedblocks()
        if trace:  # from here: what the loaded book and the first paint hold is not growth
            tracemalloc.start(trace)
        snapshots = [_snapshot()]
        counts = [_object_counts()]
        ticker = Ticker()
        timer = app.set_interval(0.005, ticker.tick)
        texts: list[str] = []
        failed_second = 0
        schedule = [START + timedelta(minutes=i) for i in range(minutes)]
        midnight = START.replace(hour=23, minute=55)
        schedule += [midnight + timedelta(minutes=i) for i in range(AFTER_MIDNIGHT)]
        started = time.perf_counter()
        for n, moment in enumerate(schedule, start=1):
            clock.moment = moment
            app.tick()  # the app's clock tick: midnight rolls "today" over
            text = f"soak {n} at {moment:%H:%M}"
            line = f'note @{handle} "{text}"'
            texts.append(text)
            if n % EVERY == 0:
                if await second_process(book, clock, line) != 0:
                    failed_second += 1
            else:
                screen = app.screen
                bar = screen.log_bar
                screen.set_focus(bar.input)
                before = saved
                await enter_line(pilot, bar, line)
                app.post_message(key_event("\r"))
                await wait_until(lambda: saved > before)  # noqa: B023 (awaited here)
            await pilot.pause()
            if n == min(60, len(schedule) // 2):  # hour 1 (or halfway in a short soak)
                figures["rss_1h_mb"] = rss_mb()
                figures["malloc_1h_mb"] = malloc_mb()
                figures["blocks_1h"] = sys.getallocatedblocks()
                snapshots.append(_snapshot())
                counts.append(_object_counts())
        await app.workers.wait_for_complete()
        figures["wall_s"] = time.perf_counter() - started
        timer.stop()
        figures["rss_end_mb"] = rss_mb()
        figures["malloc_end_mb"] = malloc_mb()
        figures["blocks_end"] = sys.getallocatedblocks()
        snapshots.append(_snapshot())
        counts.append(_object_counts())
        figures["growth_sites"] = _growth(snapshots)
        figures["growth_objects"] = _object_growth(counts)
        figures["stall_ms"] = ticker.longest * 1000
        figures["today_after"] = app.today.isoformat()
        figures["failed_second_process"] = failed_second
    session.close()
    reopened = Session.open(book, clock=clock)
    present = {a.text for a in reopened.book.activities.values()}
    reopened.close()
    figures["lines"] = len(texts)
    figures["lines_present"] = sum(1 for text in texts if text in present)
    figures["growth_pct"] = 100 * (figures["rss_end_mb"] / figures["rss_start_mb"] - 1)
    return figures


def _object_counts() -> dict[str, int]:
    """Objects the collector tracks, by type (the heap frozen at the first paint aside)."""
    gc.collect()
    counts: dict[str, int] = {}
    for obj in gc.get_objects():
        kind = type(obj)
        name = f"{kind.__module__}.{kind.__qualname__}"
        counts[name] = counts.get(name, 0) + 1
    return counts


def _object_growth(counts: list[dict[str, int]], top: int = 12) -> dict[str, list[Any]]:
    """The types whose number of live objects grew most between consecutive counts."""
    out: dict[str, list[Any]] = {}
    for name, (before, after) in zip(
        ["start -> hour 1", "hour 1 -> end"], zip(counts, counts[1:], strict=False), strict=False
    ):
        grown = sorted(
            ((after.get(k, 0) - before.get(k, 0), k) for k in after.keys() | before.keys()),
            reverse=True,
        )
        out[name] = [[k, n] for n, k in grown[:top] if n > 0]
    return out


def _snapshot() -> tracemalloc.Snapshot | None:
    if not tracemalloc.is_tracing():
        return None
    ignored = [tracemalloc.Filter(False, tracemalloc.__file__)]
    return tracemalloc.take_snapshot().filter_traces(ignored)


def _growth(snapshots: list[tracemalloc.Snapshot | None], top: int = 15) -> dict[str, Any]:
    """Where traced memory grew between consecutive snapshots: by line and by file."""
    if any(s is None for s in snapshots) or len(snapshots) < 2:
        return {}
    out: dict[str, Any] = {}
    names = ["start -> hour 1", "hour 1 -> end"]
    for name, (before, after) in zip(
        names, zip(snapshots, snapshots[1:], strict=False), strict=False
    ):
        assert before is not None and after is not None
        total = sum(s.size for s in after.statistics("filename")) - sum(
            s.size for s in before.statistics("filename")
        )
        part: dict[str, Any] = {"total_kb": round(total / 1024)}
        for key in ("lineno", "filename"):
            stats = after.compare_to(before, key)
            stats.sort(key=lambda s: s.size_diff, reverse=True)
            part[key] = [
                {
                    "site": str(s.traceback[0]),
                    "kb": round(s.size_diff / 1024),
                    "count": s.count_diff,
                    "stack": [str(f) for f in s.traceback.format()[-12:]]
                    if key == "lineno"
                    else [],
                }
                for s in stats[:top]
            ]
        out[name] = part
    return out


def growth_report(sites: dict[str, Any]) -> str:
    """The --trace breakdown, as text."""
    lines: list[str] = []
    for name, part in sites.items():
        lines.append(f"\n## traced growth {name}: {part['total_kb']:+} KB")
        for key in ("filename", "lineno"):
            lines.append(f"by {key}:")
            for row in part[key]:
                lines.append(f"  {row['kb']:+8} KB {row['count']:+8} blocks  {row['site']}")
        lines.append("stacks of the top lines:")
        for row in part["lineno"][:8]:
            lines.append(f"  {row['kb']:+} KB {row['site']}")
            lines.extend(f"      {frame}" for frame in row["stack"])
    return "\n".join(lines)


def table(figures: dict[str, Any], minutes: int) -> str:
    """The README table."""
    ok = "✓"
    growth = figures["growth_pct"]
    later = 100 * (figures["rss_end_mb"] / figures.get("rss_1h_mb", float("nan")) - 1)
    rows = [
        ("resident memory at the start", f"{figures['rss_start_mb']:.0f} MB", ""),
        (
            "… after the first simulated hour",
            f"{figures.get('rss_1h_mb', float('nan')):.0f} MB",
            "",
        ),
        (
            "… at the end (growth)",
            f"{figures['rss_end_mb']:.0f} MB ({growth:+.1f} %)",
            "≤ 10 % " + (ok if growth <= 10 else "✗"),
        ),
        ("… growth from the first hour to the end", f"{later:+.1f} %", "(context)"),
        (
            "longest event-loop stall, the whole run",
            f"{figures['stall_ms']:.0f} ms",
            "≤ 100 ms " + (ok if figures["stall_ms"] <= 100 else "✗"),
        ),
        (
            "lines present at the end",
            f"{figures['lines_present']} of {figures['lines']}",
            "all " + (ok if figures["lines_present"] == figures["lines"] else "✗"),
        ),
    ]
    out = [
        f"Soak: {minutes} simulated minutes (one line a minute, every {EVERY}th by `cockpit "
        f"log` from a second process) and midnight, {figures['wall_s']:.0f} s of wall time; "
        f"today after the run: {figures['today_after']}.",
        "",
        "| figure | measured | goal |",
        "|---|---|---|",
    ]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(out)


def main() -> int:
    """Run the soak once and print its table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=480)
    parser.add_argument("--books", type=Path, help="a folder that keeps the benchmark books")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--trace", type=int, default=0, metavar="FRAMES")
    args = parser.parse_args()
    prepare_python()
    with tempfile.TemporaryDirectory(prefix="cockpit-soak-") as tmp:
        folder = args.books or Path(tmp) / "books"
        source = ensure_books(folder, (3,), archive=False)[3]
        work = Path(tmp) / "soak"
        shutil.copytree(source.parent, work)
        os.environ["COCKPIT_NOW"] = START.isoformat()
        figures = asyncio.run(soak(work / source.name, args.minutes, args.trace))
    if args.json:
        print(json.dumps(figures))
    else:
        print(table(figures, args.minutes))
        used, kept = zip(*(figures[f"malloc_{m}_mb"] for m in ("start", "1h", "end")), strict=True)
        print("\nglibc heap in use (start, hour 1, end): " + ", ".join(f"{x:.0f}" for x in used))
        print("glibc heap free but kept: " + ", ".join(f"{x:.0f}" for x in kept) + " MB")
        blocks = (figures[f"blocks_{m}"] for m in ("start", "1h", "end"))
        print("Python's allocated blocks: " + ", ".join(f"{b:,}" for b in blocks))
        for name, grown in figures["growth_objects"].items():
            print(f"\nlive objects grown {name}: " + ", ".join(f"{k} {n:+}" for k, n in grown))
        if figures.get("growth_sites"):
            print(growth_report(figures["growth_sites"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
