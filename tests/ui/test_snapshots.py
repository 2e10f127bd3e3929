"""Snapshots of the main screen on the demo book, at 100x30 and 160x45, clock fixed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from tests.ui.helpers import settle


def _app(book: Path, open_session: Callable[[Path], Session]) -> CockpitApp:
    return CockpitApp(open_session(book), poll_interval=0, tick_interval=0)


async def _ready(pilot: Pilot[None]) -> None:
    await settle(pilot)


def test_main_screen_at_100x30(
    snap_compare: Any, book: Path, open_session: Callable[[Path], Session]
) -> None:
    assert snap_compare(_app(book, open_session), terminal_size=(100, 30), run_before=_ready)


def test_main_screen_at_160x45(
    snap_compare: Any, book: Path, open_session: Callable[[Path], Session]
) -> None:
    assert snap_compare(_app(book, open_session), terminal_size=(160, 45), run_before=_ready)


def test_first_run_guide_at_100x30(
    snap_compare: Any, tmp_path: Path, open_session: Callable[[Path], Session]
) -> None:
    app = _app(tmp_path / "new.json", open_session)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_ready)
