"""`cockpit` (the TUI) refuses a damaged book (exit 3) and a second TUI (exit 4), and opens
a book without reading its activities first."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.demo import write_demo
from cockpit.store import claim_tui
from cockpit.ui.app import CockpitApp
from cockpit.ui.run import run_app
from tests.ui.helpers import NOW


def test_a_damaged_book_is_refused_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "cockpit.json"
    book.write_text("{ not json")
    assert run_app(book) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"cockpit: error: {book}")
    assert err.count("\n") == 1
    assert book.read_text() == "{ not json"  # bytes untouched
    assert claim_tui(book).release() is None  # the TUI slot was given back


def test_a_second_tui_is_refused_with_the_pid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "cockpit.json"
    first = claim_tui(book)
    try:
        assert run_app(book) == 4
    finally:
        first.release()
    err = capsys.readouterr().err
    assert err == (
        f"cockpit: error: cockpit is already open on {book} (pid {first.pid}); close it first "
        "(commands like `cockpit log` still work beside it)\n"
    )


def test_the_tui_paints_from_the_small_tables_and_reads_the_activities_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "cockpit.json"
    write_demo(book, NOW, seed=7)
    started: list[CockpitApp] = []

    def run(app: CockpitApp) -> None:  # instead of taking over the terminal
        started.append(app)

    monkeypatch.setattr(CockpitApp, "run", run)
    monkeypatch.setenv("COCKPIT_NOW", NOW.isoformat())
    assert run_app(book) == 0
    (app,) = started
    assert not app.session.book.activities_loaded  # not read before the first frame
    board = app.take_first_board()
    assert board is not None and board.sprint.rows  # the Sprint is there all the same
