"""The TUI's budgets (DESIGN §8) on the 3-year book, and the 10-year book against it.

    python benchmarks/bench_tui.py [--rounds 7] [--lines 100] [--quick] [--books DIR] [--json]

- Enter on a log line to the panes repainted (<= 50 ms) and to "saved" (<= 100 ms); the
  longest event-loop stall during 100 logged lines (<= 100 ms): `bench_tui_probe.py`,
  headless, one fresh process and book copy per round and book.
- Filter as you type in `/`: key press to the first repainted frame (<= 33 ms): the same
  process, after the lines.
- Cold start in tmux to the first Sprint row (<= 2.0x `python -c "import textual.app"`):
  `bench_tui_start.py`.
Rounds alternate the 3-year and 10-year books so both see the same machine; each figure
is the median over the rounds of that round's figure (the median of its lines or keys, or
its longest stall). About 5 minutes on a 2-core machine (--quick: 3 rounds of 30 lines).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_tui_books import REPO, book_env, ensure_books, median, prepare_python
from bench_tui_start import start_rounds
from bench_tui_table import Row, at_most, info, markdown, ratio_row, within

__all__ = ["probe_rounds", "tui_rows"]

PROBE = Path(__file__).with_name("bench_tui_probe.py")
YEARS = (3, 10)


def probe_rounds(books: dict[int, Path], rounds: int, lines: int) -> dict[int, list[Any]]:
    """Each round: one probe process per book, alternating; their JSON results."""
    results: dict[int, list[Any]] = {n: [] for n in books}
    for i in range(rounds):
        for n, book in books.items():
            done = subprocess.run(
                [sys.executable, str(PROBE), str(book), "--lines", str(lines)],
                env=book_env(),
                cwd=REPO,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                print(f"probe failed on the {n}-year book:\n{done.stderr}", file=sys.stderr)
                continue
            results[n].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"  round {i + 1}/{rounds}, {n}-year book: done", file=sys.stderr)
    return results


def _per_round(results: list[Any], key: str) -> list[float]:
    """Each round's figure: the median of a list, or the number itself."""
    figures = []
    for r in results:
        value = r.get(key)
        if isinstance(value, list):
            if value:
                figures.append(median(value))
        elif value is not None:
            figures.append(float(value))
    return figures


FIGURES = [
    # (key in the probe's JSON, figure, budget in ms)
    ("repaint_ms", "Enter on a log line → panes repainted", 50.0),
    ("saved_ms", 'Enter on a log line → "saved" shown (fsync done)', 100.0),
    ("stall_ms", "longest event-loop stall, {lines} logged lines", 100.0),
    ("key_ms", "search: key press → first repainted frame", 33.0),
]

CONTEXT = [
    # figures with no budget of their own that explain the ones above
    ("ref_echo_ms", "log bar: key in a #reference → echoed on screen"),
    ("ref_handled_ms", "log bar: key in a #reference → completion done"),
    ("checkpoint_stall_ms", "longest stall during the idle checkpoint"),
]


def tui_rows(
    probes: dict[int, list[Any]], starts: dict[str, list[float]] | None, lines: int
) -> list[Row]:
    """The table rows: 3-year against its budget, 10-year against twice the 3-year."""
    rows: list[Row] = []
    for key, name, budget in FIGURES:
        figure = name.format(lines=lines)
        three = median(_per_round(probes.get(3, []), key))
        rows.append(at_most(figure, "3-year", three, budget))
        if 10 in probes:
            ten = median(_per_round(probes[10], key))
            rows.append(within(figure, "10-year", ten, three, 1.2))
    if starts:
        reference = median(starts["import_textual_ms"])
        figure = "cold start in tmux → first Sprint row"
        three = median(starts.get("start_3y_ms", []))
        rows.append(ratio_row(figure, "3-year", three, reference, "`import textual.app`", 2.0))
        if "start_10y_ms" in starts:
            rows.append(within(figure, "10-year", median(starts["start_10y_ms"]), three, 1.2))
    for key, name in CONTEXT:
        for n in sorted(probes):
            rows.append(info(name, f"{n}-year", median(_per_round(probes[n], key))))
    return rows


def details(probes: dict[int, list[Any]]) -> list[str]:
    """Where the time goes (medians over the rounds): for the notes, not the verdicts."""
    out = []
    for n, results in probes.items():
        if not results:
            continue

        def m(key: str) -> float:
            return median(_per_round(results, key))  # noqa: B023 (used at once)

        gc_longest = median([max(r["gc_full_ms"], default=0.0) for r in results])
        gc_count = median([len(r["gc_full_ms"]) for r in results])
        out.append(
            f"{n}-year: session open {m('session_open_ms'):.0f} ms, first board built "
            f"in {m('first_board_build_ms'):.0f} ms (before Textual starts); per line: "
            f"show_done returned at "
            f"{m('saved_call_ms'):.0f} ms, show_view at {m('view_call_ms'):.0f} ms; "
            f"{gc_count:.0f} full GCs per round, longest {gc_longest:.0f} ms; search: "
            f"filter returned at {m('filter_call_ms'):.0f} ms, first key of a query "
            f"{m('first_key_ms'):.0f} ms, open to first results {m('open_ms'):.0f} ms; "
            f"idle checkpoint {m('checkpoint_ms'):.0f} ms in its worker"
        )
    return out


def main() -> int:
    """Print the table (Markdown, or JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--lines", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="3 rounds of 30 lines")
    parser.add_argument("--books", type=Path, help="folder to keep the demo books in")
    parser.add_argument("--no-start", action="store_true", help="skip the cold start")
    parser.add_argument("--archive", action="store_true", help="archived books (context only)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.lines = 3, 30
    prepare_python()
    with tempfile.TemporaryDirectory() as tmp:
        books = ensure_books(args.books or Path(tmp), YEARS, args.archive)
        probes = probe_rounds(books, args.rounds, args.lines)
        starts = None
        if not args.no_start and shutil.which("tmux"):
            starts = start_rounds(books, args.rounds)
    rows = tui_rows(probes, starts, args.lines)
    if args.json:
        print(
            json.dumps(
                {
                    "rows": [r.as_dict() for r in rows],
                    "details": details(probes),
                    "probes": probes,
                    "starts": starts,
                }
            )
        )
    else:
        print(markdown(rows))
        for line in details(probes):
            print(f"- {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
