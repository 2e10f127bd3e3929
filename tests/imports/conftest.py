"""Imports run as a rep runs them: the CLI on a fresh book, the clock at 2026-11-25 10:30 UTC.

helpers.py has what the tests share; tests import that, never this file."""

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
