"""Painting first (DESIGN §9.7): the TUI opens the book without its activities, paints the
main screen from the small tables, then reads the activities in a thread worker.

Until they are in, the detail's timeline, search over notes and the review say
"loading…"; once they are, the book's revision moves and every screen fills itself in
(no key press needed). A line typed meanwhile runs as any other line does.

A mixin for the App, like ui/live.py: the worker needs a running Textual node.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from textual import work

from cockpit.store import StoreError
from cockpit.ui.messages import BookChanged

if TYPE_CHECKING:
    from textual.app import App

    from cockpit.services.session import Session

    _Base = App[None]
else:
    _Base = object

__all__ = ["ACTIVITIES_WORKER", "PaintFirst"]

ACTIVITIES_WORKER = "activities"
"""The loader's worker group (tests that hold the load back wait for every other one)."""


class PaintFirst(_Base):
    """Reads the book's activities once the first frame is out, and keeps the heap frozen."""

    session: Session
    freeze_heap: bool
    """Freeze what the book allocated out of the cyclic collector's reach (not in tests:
    they share one process)."""

    activities_error: str | None = None
    """Why the activities could not be read (a damaged segment), if they could not."""

    def after_first_paint(self) -> None:
        """The first frame is out: read the activities, if the book was opened without."""
        self._freeze()
        if not self.session.book.activities_loaded:
            self._load_activities()

    def _freeze(self) -> None:
        """A 3-year book is a few hundred thousand long-lived objects; a full collection
        over them stalls the event loop for 100 ms and more while the rep types. Freezing
        them keeps collections to what the app allocates from here on."""
        if self.freeze_heap:
            gc.collect()
            gc.freeze()

    @work(thread=True, exclusive=True, group=ACTIVITIES_WORKER, exit_on_error=False)
    def _load_activities(self) -> None:
        if self.freeze_heap:
            gc.disable()  # as run_app does while it reads the small tables
        try:
            self.session.load_activities()
        except StoreError as exc:  # a damaged activities segment: the rest still works
            self.activities_error = str(exc)
            self.notify(f"activities not read: {exc}", severity="error", timeout=30)
        finally:
            if self.freeze_heap:
                gc.enable()
                gc.freeze()  # the activities just read, without a collection on top
        # Every screen reloads: timelines, note search and the review fill themselves in
        # (or the timeline says why it cannot).
        self.post_message(BookChanged(written=False))
