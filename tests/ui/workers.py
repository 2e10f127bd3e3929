"""Waiting for the app's workers in UI tests."""

from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled


async def wait_for_workers(pilot: Pilot[Any]) -> None:
    """Wait until no worker runs. An exclusive worker (the 2 s poll, the view) cancelled by
    its successor is not a failure: Textual's wait_for_complete raises for it, so wait again."""
    for _ in range(50):
        try:
            await pilot.app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            await pilot.pause()
    raise AssertionError("workers kept being cancelled for 50 rounds")
