"""Telling listeners what changed: notices queue up and are delivered in one batch."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Change, Listener

__all__ = ["Notices"]


class Notices:
    """Queued state changes and the listeners they go to."""

    def __init__(self) -> None:
        self.listeners: list[Listener] = []
        self.pending: list[Sequence[Change] | None] = []

    def queue(self, changes: Sequence[Change] | None) -> None:
        """Remember a change (None: the state was reloaded wholesale)."""
        self.pending.append(changes)

    def take(self) -> list[Sequence[Change] | None]:
        """Everything queued so far, leaving the queue empty."""
        pending, self.pending = self.pending, []
        return pending

    def deliver(self, pending: list[Sequence[Change] | None]) -> None:
        """Call every listener once with ``pending`` merged; the first error propagates."""
        payload: Sequence[Change] | None
        if any(p is None for p in pending):
            payload = None
        elif len(pending) == 1:
            payload = pending[0]
        else:
            payload = [c for p in pending if p is not None for c in p]
        failed: BaseException | None = None
        for listener in list(self.listeners):
            # One broken listener must not keep the others uninformed.
            try:
                listener(payload)
            except Exception as exc:
                failed = failed or exc
        if failed is not None:
            raise failed
