"""Any keys typed into the open log bar change the book only through a line Enter submits
(issue 9): no Tab, letter or arrow ever reaches a row key."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.data.history import history_path
from cockpit.ui.widgets.log_bar import LogBar
from tests.ui.helpers import settle

# Row keys (c e m n d a w x f s F p D N A u), sigils, attribute pieces, and the bar's own
# keys. Escape is left out: it leaves the bar, after which letters are row keys by design.
KEYS = [
    *"cemndawxfsFpDNAuq",
    *"#@~!:",
    "1",
    "2",
    "space",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "backspace",
    "enter",
]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(keys=st.lists(st.sampled_from(KEYS), min_size=1, max_size=40))
def test_keys_in_the_open_bar_write_only_submitted_lines(
    day_one: Path, open_session: Callable[[Path], Session], keys: list[str]
) -> None:
    session = open_session(day_one)
    app = CockpitApp(session, poll_interval=0, tick_interval=0, history_file=history_path(day_one))
    executed: list[str] = []
    execute = session.execute

    def recording(line: str, **kwargs: object) -> object:
        executed.append(line)
        return execute(line, **kwargs)  # type: ignore[arg-type]

    session.execute = recording  # type: ignore[method-assign]
    before = day_one.read_bytes(), len(session.book.activities)

    async def run() -> list[str]:
        submitted: list[str] = []
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("colon")
            bar = app.screen.query_one(LogBar)
            for key in keys:
                if key == "enter":
                    if not bar.value.strip():
                        continue  # Enter on an empty bar leaves it: not "typing into it"
                    submitted.append(bar.value.strip())
                await pilot.press(key)
                assert bar.input.has_focus, f"the bar lost the focus at {key!r}"
            await settle(pilot)
        return submitted

    submitted = asyncio.run(run())
    assert executed == submitted[: len(executed)] and len(executed) == len(submitted)
    if not executed:
        assert (day_one.read_bytes(), len(session.book.activities)) == before
