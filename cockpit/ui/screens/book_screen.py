"""A screen that works on the app's open book unless it was handed one (tests do)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from cockpit.services.session import Session

__all__ = ["BookScreen"]


class BookScreen(Screen[None]):
    """A Screen with a `session`: the one given, else the app's."""

    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        self._session = session

    @property
    def session(self) -> Session:
        """The open book: the one given, else the app's."""
        if self._session is None:
            self._session = self.app.session  # type: ignore[attr-defined]
        assert self._session is not None
        return self._session
