"""The pipeline screen (P) on a book of 2,000 open deals: key to frame (DESIGN §9.4: <= 33 ms).

    python benchmarks/bench_pipeline.py [--deals 2000] [--rounds 3] [--json]

A book of N open deals over 200 accounts is written in one transaction (a rep after a big
import), opened as `cockpit` opens it, and `P` pressed. Then, per round: a filter typed a
key at a time (each key to the first frame after the list was refilled), the cursor moved
(`j`, to the first frame after it moved), rows marked (space), every row shown marked
(`*`) and the sort changed (`o`). Timing uses bench_tui_probe's frame clock: a frame costs
what it would in a terminal, less the write. The machine is shared and figures are noisy:
`j` (the cursor moves, no row is rebuilt) is the reference, measured in the same rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_tui_books import median  # noqa: E402
from bench_tui_probe import Frames, Mark, key_event, open_app, wait_until  # noqa: E402
from bench_tui_table import Row, at_most, info, markdown  # noqa: E402

from cockpit.domain.book import Book  # noqa: E402
from cockpit.domain.codec import to_doc  # noqa: E402
from cockpit.domain.model import Account, Deal  # noqa: E402
from cockpit.services.outcome import Outcome  # noqa: E402
from cockpit.services.session import Session  # noqa: E402
from cockpit.store import Transaction  # noqa: E402

SIZE = (120, 36)
BUDGET_MS = 33.0
STAGES = ["prospect", "qualified", "proposal", "negotiation"]
WORDS = ["Renewal", "Expansion", "Pilot", "Platform upgrade", "Analytics module", "Migration"]
FILTERS = ["renew", "pilot q", "acct-17"]


def write_book(path: Path, deals: int) -> None:
    """A book of `deals` open deals at 200 accounts, written as one command."""
    session = Session.open(path)
    now = session.now()

    def build(tx: Transaction, book: Book) -> Outcome:
        for a in range(200):
            account = Account(id=0, handle=f"acct-{a}", name=f"Account {a}", created=now)
            doc = to_doc(account)
            doc.pop("id")
            tx.insert("accounts", doc)
        for d in range(deals):
            deal = Deal(
                id=0,
                handle=f"acct-{d % 200}-deal-{d}",
                title=f"{WORDS[d % len(WORDS)]} {d}",
                account_id=d % 200 + 1,
                stage=STAGES[d % len(STAGES)],
                value=(d * 7919 % 200 + 1) * 100_000,
                close=now.date() + timedelta(days=d % 120 - 30),
                next_step=None if d % 3 == 0 else f"step {d}",
                next_due=None if d % 3 == 0 else date(2026, 11, 20) + timedelta(days=d % 20),
                created=now - timedelta(days=d % 400),
                stage_changed=now - timedelta(days=d % 90),
            )
            doc = to_doc(deal)
            doc.pop("id")
            tx.insert("deals", doc)
        return Outcome(command="bench")

    try:
        session.transact("bench: write the pipeline book", build)
    finally:
        session.close()


async def press(app: Any, frames: Frames, mark: Mark, key: str) -> float:
    """Post one key as a terminal would; ms to the first frame after `mark` was called."""
    await asyncio.sleep(0)
    mark.arm()
    start = time.perf_counter()
    app.post_message(key_event(key))
    return (await mark.frame() - start) * 1000


async def measure(app: Any, rounds: int) -> dict[str, list[float]]:
    """Open P, then time filter keys, cursor moves, marks and sorts."""
    frames = Frames(app)
    out: dict[str, list[float]] = {"open": [], "filter": [], "move": [], "mark": [], "sort": []}
    async with app.run_test(size=SIZE) as pilot:
        main = app.screen
        await wait_until(lambda: main.board is not None)
        start = time.perf_counter()
        app.post_message(key_event("P"))
        await wait_until(lambda: app.screen is not main and bool(app.screen.query("#pipeline")))
        screen = app.screen
        table = screen.query_one("#pipeline")
        filled = Mark(table, "set_rows", frames)
        await filled.frame()
        out["open"].append((time.perf_counter() - start) * 1000)
        box = screen.query_one("#filter")
        moved = Mark(table, "watch_cursor", frames)
        for _ in range(rounds):
            for query in FILTERS:
                await pilot.press("slash")
                for char in query:
                    out["filter"].append(await press(app, frames, filled, char))
                filled.arm()
                box.value = ""
                await filled.frame()
                await pilot.press("enter")
            for _ in range(20):
                out["move"].append(await press(app, frames, moved, "j"))
            for _ in range(10):
                out["mark"].append(await press(app, frames, filled, " "))
            out["mark"].append(await press(app, frames, filled, "*"))
            out["mark"].append(await press(app, frames, filled, "*"))
            for _ in range(4):
                out["sort"].append(await press(app, frames, filled, "o"))
            await pilot.pause()
    return out


def main() -> int:
    """Print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "cockpit.json"
        write_book(book, args.deals)
        session, app, _ = open_app(book)
        try:
            figures = asyncio.run(measure(app, args.rounds))
        finally:
            session.store.close(checkpoint=False)
    name = f"{args.deals} open deals"
    rows: list[Row] = [info("P: open the screen (build in a worker)", name, figures["open"][0])]
    for key, label in [
        ("filter", "P: filter key → frame"),
        ("move", "P: j → frame"),
        ("mark", "P: space / * → frame"),
        ("sort", "P: o (sort) → frame"),
    ]:
        values = figures[key]
        note = f"max {max(values):.0f} ms over {len(values)}"
        rows.append(at_most(label, name, median(values), BUDGET_MS, note))
    if args.json:
        print(json.dumps({"rows": [r.as_dict() for r in rows], "raw": figures}))
    else:
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
