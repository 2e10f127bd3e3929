"""One round of the in-app TUI benchmarks on one book, headless; prints one JSON line.

    python benchmarks/bench_tui_probe.py BOOK [--lines 100] [--what log|search|both]

`log`: types quick-log lines into the log bar and presses Enter, timing each Enter to the
first frame after the panes were repainted (`show_view`) and to the first frame after
"saved" showed (`LogBar.show_done`, called once the journal's fsync has returned), while
a 5 ms ticker on the event loop records the longest gap between its ticks (a stall).
`search`: opens `/` and types queries a key at a time, timing each key to the first
frame after the result list was refilled. `both` (the default) does one then the other
in one app, as a rep would.

Nothing in cockpit is edited or subclassed: the probe wraps, on the instances, methods
the screens already call (`show_view`, `show_done`, the results' `set_rows`) and the
app's `_display`, which the screen calls with each composed frame. Headless, Textual
skips turning a frame into terminal codes; the probe does that work itself
(`render_segments`) so a frame costs what it would in a terminal, less the write.
Keys are posted as the terminal driver posts them. The book's folder (its archives too) is
copied to a temp folder first: the original is never written.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_tui_books import NOW, copy_book  # noqa: E402

os.environ["COCKPIT_NOW"] = NOW

from textual import events  # noqa: E402
from textual.keys import _character_to_key  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input  # noqa: E402

from cockpit.services.session import Session  # noqa: E402
from cockpit.ui.app import CockpitApp  # noqa: E402
from cockpit.ui.data.board import build_board  # noqa: E402
from cockpit.ui.data.history import history_path  # noqa: E402
from cockpit.ui.widgets.log_bar import LogBar  # noqa: E402

SIZE = (120, 36)  # the tmux window of the cold-start benchmark
TICK = 0.005
TIMEOUT = 10.0
GLANCE = 0.01  # a rep looks at the line before pressing Enter


class Frames:
    """Timestamps the app's frames and resolves "first frame begun after X" waits."""

    def __init__(self, app: CockpitApp) -> None:
        self.count = 0
        self._waiting: list[tuple[float, asyncio.Future[float]]] = []
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            if renderable is not None and not app._batch_count:
                started = time.perf_counter()
                if hasattr(renderable, "render_segments"):
                    renderable.render_segments(app.console)
                done = time.perf_counter()
                self.count += 1
                waiting = []
                for after, future in self._waiting:
                    if future.done():
                        continue
                    if started >= after:
                        future.set_result(done)
                    else:
                        waiting.append((after, future))
                self._waiting = waiting
            display(screen, renderable)

        app._display = timed_display

    def next_after(self, moment: float) -> asyncio.Future[float]:
        """A future set to the end time of the first frame begun at or after `moment`."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting.append((moment, future))
        return future


class Mark:
    """Wraps a method on one instance: its next call (after `arm`) starts a frame wait."""

    def __init__(self, owner: object, name: str, frames: Frames) -> None:
        self.future: asyncio.Future[float] | None = None
        self.called = asyncio.Event()
        self.called_at = 0.0  # when that call returned
        original: Callable[..., Any] = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            if self.future is None:
                self.called_at = time.perf_counter()
                self.future = frames.next_after(self.called_at)
                self.called.set()
            return result

        setattr(owner, name, wrapper)

    def arm(self) -> None:
        """Forget earlier calls: wait for the next one."""
        self.future = None
        self.called.clear()

    async def frame(self) -> float:
        """The end time of the first frame begun after the next call."""
        await asyncio.wait_for(self.called.wait(), TIMEOUT)
        assert self.future is not None
        return await asyncio.wait_for(self.future, TIMEOUT)


class Ticker:
    """The longest gap between the ticks of a 5 ms interval timer on the event loop."""

    def __init__(self) -> None:
        self.last: float | None = None
        self.longest = 0.0
        self.at = 0.0

    def tick(self) -> None:
        """Called by the timer."""
        now = time.perf_counter()
        if self.last is not None and now - self.last > self.longest:
            self.longest, self.at = now - self.last, now
        self.last = now


class GcPauses:
    """Pauses of the garbage collector's oldest generation (a full collection)."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._start)


def key_event(char: str) -> events.Key:
    """The key event a terminal driver posts for one typed character."""
    if char == " ":
        return events.Key("space", " ")
    if char == "\r":
        return events.Key("enter", "\r")
    if char.isalnum():
        return events.Key(char, char)
    return events.Key(_character_to_key(char), char)


async def enter_line(pilot: Pilot[None], bar: LogBar, line: str) -> None:
    """The verb typed key by key, the rest of the line pasted (one bracketed paste).

    Typing every key of 1,400 lines would not fit the suite's time; what typing a
    reference costs (completion on every key) is measured on its own: `type_refs`.
    """
    verb, rest = line.split(" ", 1)
    typed = f"{verb} "
    for length, char in enumerate(typed, 1):
        pilot.app.post_message(key_event(char))
        await wait_until(lambda: bar.value == typed[:length], poll=0)  # noqa: B023 (awaited)
    pilot.app.post_message(events.Paste(rest))
    await wait_until(lambda: bar.value == line, poll=0)


def lines_for(deal_ids: list[int], count: int) -> list[str]:
    """A rep's mix of lines, each about one of the Sprint's deals."""
    shapes = [
        'call #{d} out:connected "b{i}: CFO wants 2y price" next:"send pricing" due:+2d',
        'email #{d} out:sent "b{i}: sent the case study"',
        'next #{d} "b{i}: confirm the redlines" due:fri',
        'note #{d} "b{i}: champion moving to another team"',
    ]
    return [
        shapes[i % len(shapes)].format(d=deal_ids[i % len(deal_ids)], i=i) for i in range(count)
    ]


async def wait_until(condition: Callable[[], bool], poll: float = 0.002) -> None:
    """Wait until `condition()` holds."""
    deadline = time.perf_counter() + 60
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(poll)


async def log_lines(pilot: Pilot[None], frames: Frames, lines: int) -> dict[str, Any]:
    """Log `lines` lines from the bar: per line Enter->repainted and Enter->saved (ms)."""
    app = pilot.app
    screen: Any = app.screen
    bar = screen.log_bar
    deal_ids = [row.deal.id for row in screen.board.sprint.rows]
    repainted = Mark(screen, "show_view", frames)
    saved = Mark(bar, "show_done", frames)
    screen.set_focus(bar.input)
    await pilot.pause()
    ticker = Ticker()
    pauses = GcPauses()
    timer = app.set_interval(TICK, ticker.tick)
    repaint_ms, saved_ms, view_call_ms, done_call_ms = [], [], [], []
    failed = 0
    for line in lines_for(deal_ids, lines):
        await enter_line(pilot, bar, line)
        if bar.value != line:
            failed += 1
            bar.input.value = ""
            continue
        await asyncio.sleep(GLANCE)
        repainted.arm()
        saved.arm()
        start = time.perf_counter()
        app.post_message(key_event("\r"))
        try:
            done = await saved.frame()
            painted = await repainted.frame()
        except TimeoutError:
            failed += 1
            continue
        saved_ms.append((done - start) * 1000)
        repaint_ms.append((painted - start) * 1000)
        done_call_ms.append((saved.called_at - start) * 1000)
        view_call_ms.append((repainted.called_at - start) * 1000)
    timer.stop()
    gc.callbacks.remove(pauses._callback)
    return {
        "repaint_ms": repaint_ms,
        "saved_ms": saved_ms,
        "saved_call_ms": done_call_ms,  # show_done returned: the frame follows
        "view_call_ms": view_call_ms,  # show_view returned: the frame follows
        "stall_ms": ticker.longest * 1000,
        "gc_full_ms": [p * 1000 for p in pauses.pauses],
        "failed": failed,
    }


async def type_refs(pilot: Pilot[None], frames: Frames, refs: list[str]) -> dict[str, Any]:
    """Per key of a reference typed in the log bar: the key to the first frame showing it
    (echo) and to the end of its handling (completion runs for the status line)."""
    screen: Any = pilot.app.screen
    bar = screen.log_bar
    echoed = Mark(bar.input, "insert_text_at_cursor", frames)
    handled = Mark(bar, "_render_status", frames)
    screen.set_focus(bar.input)
    echo_ms, handled_ms = [], []
    for ref in refs:
        bar.input.value = "call "
        bar.input.cursor_position = len(bar.input.value)
        for char in ref:
            await pilot.pause()
            echoed.arm()
            handled.arm()
            start = time.perf_counter()
            pilot.app.post_message(key_event(char))
            echo_ms.append((await echoed.frame() - start) * 1000)
            await asyncio.wait_for(handled.called.wait(), TIMEOUT)
            handled_ms.append((handled.called_at - start) * 1000)
    bar.input.value = ""
    return {"ref_echo_ms": echo_ms, "ref_handled_ms": handled_ms}


async def idle_checkpoint(pilot: Pilot[None]) -> dict[str, Any]:
    """The checkpoint the app runs once the rep has paused after a write (DESIGN §6):
    how long it takes in its worker and the longest stall it causes on the event loop."""
    app: Any = pilot.app
    ticker = Ticker()
    timer = app.set_interval(TICK, ticker.tick)
    await asyncio.sleep(0.1)
    ticker.longest = 0.0
    # As if the rep had paused that long since the last write: `tick` starts the worker.
    app._written_at = time.monotonic() - app.idle_checkpoint
    start = time.perf_counter()
    app.tick()
    await app.workers.wait_for_complete()
    elapsed = (time.perf_counter() - start) * 1000
    await asyncio.sleep(0.05)
    timer.stop()
    return {"checkpoint_ms": elapsed, "checkpoint_stall_ms": ticker.longest * 1000}


def reference_handles(session: Session) -> list[str]:
    """Two deal handles from the book, to type as references."""
    deals = sorted(session.book.deals.values(), key=lambda d: d.id)
    return [deals[len(deals) // 2].handle, deals[-1].handle]


def search_queries(session: Session) -> list[str]:
    """What a rep types into search: two names from the book and two note words."""
    book = session.book
    accounts = sorted(book.accounts.values(), key=lambda a: a.id)
    contacts = sorted(book.contacts.values(), key=lambda c: c.id)
    names = [accounts[len(accounts) // 3].name, contacts[len(contacts) // 2].name]
    return [name.split()[0].lower()[:6] for name in names] + ["pricing", "renewal"]


async def search(pilot: Pilot[None], frames: Frames, queries: list[str]) -> dict[str, Any]:
    """Per key typed into `/`: the key to the first frame after the results refilled (ms)."""
    app = pilot.app
    main = app.screen
    if isinstance(app.focused, Input):
        app.post_message(events.Key("escape", "\x1b"))  # out of the log bar first
        await wait_until(lambda: not isinstance(app.focused, Input))
    await pilot.pause()
    start = time.perf_counter()
    app.post_message(key_event("/"))
    await wait_until(lambda: app.screen is not main)
    screen: Any = app.screen
    await wait_until(lambda: bool(screen.query("#search-results")))
    results = screen.query_one("#search-results")
    refilled = Mark(results, "set_rows", frames)
    try:
        open_ms: float | None = (await refilled.frame() - start) * 1000
    except TimeoutError:
        open_ms = None  # the first fill came before the probe was in place
    await wait_until(lambda: screen.index is not None)
    box = screen.query_one("#search-input")
    key_ms, first_key_ms, filter_call_ms = [], [], []
    for query in queries:
        for i, char in enumerate(query):
            await pilot.pause()
            refilled.arm()
            start = time.perf_counter()
            app.post_message(key_event(char))
            elapsed = (await refilled.frame() - start) * 1000
            key_ms.append(elapsed)
            filter_call_ms.append((refilled.called_at - start) * 1000)
            if i == 0:
                first_key_ms.append(elapsed)
        await pilot.pause()
        refilled.arm()
        box.value = ""
        await refilled.frame()
    return {
        "key_ms": key_ms,
        "first_key_ms": first_key_ms,
        "filter_call_ms": filter_call_ms,  # the results' set_rows returned
        "open_ms": open_ms,
    }


async def run(
    app: CockpitApp, what: str, lines: int, queries: list[str], refs: list[str]
) -> dict[str, Any]:
    """Start the app headless, wait for its first board, then measure."""
    frames = Frames(app)
    result: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen: Any = app.screen
        start = time.perf_counter()
        await wait_until(lambda: screen.board is not None)
        result["first_board_ms"] = (time.perf_counter() - start) * 1000
        # The app freezes the loaded heap just after its first view: start from there.
        deadline = time.perf_counter() + 2
        while not gc.get_freeze_count() and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        result["heap_frozen"] = gc.get_freeze_count()
        if what in ("log", "both"):
            result.update(await log_lines(pilot, frames, lines))
            result.update(await type_refs(pilot, frames, refs))
            result.update(await idle_checkpoint(pilot))
        if what in ("search", "both"):
            result.update(await search(pilot, frames, queries))
    return result


def open_app(book: Path) -> tuple[Session, CockpitApp, dict[str, float]]:
    """The session and the app made as `cockpit` makes them (`run_app`, less the pid file
    and `App.run`): collector paused while the book loads, first board built up front, the
    heap frozen once it shows, the app's own timers, the history file beside the book."""
    timings = {}
    gc.disable()
    try:
        started = time.perf_counter()
        session = Session.open(book)
        timings["session_open_ms"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        with session.lock:
            board = build_board(session.book, session.now())
        timings["first_board_build_ms"] = (time.perf_counter() - started) * 1000
    finally:
        gc.enable()
    app = CockpitApp(
        session,
        history_file=history_path(book),
        freeze_heap=True,
        first_board=board,
    )
    return session, app, timings


def main() -> int:
    """Print one JSON line of figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", type=Path)
    parser.add_argument("--what", choices=["log", "search", "both"], default="both")
    parser.add_argument("--lines", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book = copy_book(args.book, Path(tmp))
        session, app, timings = open_app(book)
        try:
            refs = [f"#{h[:10]}" for h in reference_handles(session)]
            result = asyncio.run(run(app, args.what, args.lines, search_queries(session), refs))
        finally:
            session.store.close(checkpoint=False)  # the copy is thrown away
    result.update(timings)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
