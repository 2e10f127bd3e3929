"""Waiting for the app's workers in UI tests."""

from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerState


async def wait_for_workers(pilot: Pilot[Any], *, but: str | None = None) -> None:
    """Wait until no worker runs (`but`: except those of this group, held back by a test).
    An exclusive worker (the 2 s poll, the view) cancelled by its successor is not a
    failure: Textual's wait_for_complete raises for it, so wait again."""
    for _ in range(50):
        workers = [
            w
            for w in pilot.app.workers
            if w.group != but and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
        ]
        if not workers:  # wait_for_complete([]) would wait for all of them
            return
        try:
            await pilot.app.workers.wait_for_complete(workers)
            if but is None:
                return
        except WorkerCancelled:
            await pilot.pause()
    raise AssertionError("workers kept being cancelled for 50 rounds")
