"""Fixtures to run the `cockpit` command line in-process on a fresh book (helpers.py has
the runner and its result type: tests import those, never this file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import Run, runner


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return tmp_path / "cockpit.json"


@pytest.fixture
def cockpit(book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """`cockpit(*args)` runs the CLI on a fresh book with the clock fixed at NOW."""
    return runner(book, monkeypatch, capsys)


@pytest.fixture
def acme(cockpit: Run) -> Run:
    """A book with Acme Corp, Jane, and the Renewal 2027 deal."""
    assert cockpit("log", 'account "Acme Corp" tier:key').code == 0
    assert cockpit("log", 'contact @acme "Jane Doe" role:CFO email:jane@acme.com').code == 0
    assert cockpit("log", 'deal @acme "Renewal 2027" value:45k close:eoq stage:qualified').code == 0
    return cockpit
