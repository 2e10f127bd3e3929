"""Helpers to run the `cockpit` command line in-process, as a rep's script would."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cockpit.cli import main

NOW = "2026-11-25T10:30:00+00:00"  # a Wednesday


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


Run = Callable[..., Result]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return tmp_path / "cockpit.json"


@pytest.fixture
def cockpit(book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """`cockpit(*args)` runs the CLI on a fresh book with the clock fixed at NOW."""
    monkeypatch.setenv("COCKPIT_DB", str(book))
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")

    def run(*args: str, now: str | None = None) -> Result:
        if now is not None:
            monkeypatch.setenv("COCKPIT_NOW", now)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        monkeypatch.setenv("COCKPIT_NOW", NOW)
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def acme(cockpit: Run) -> Run:
    """A book with Acme Corp, Jane, and the Renewal 2027 deal."""
    assert cockpit("log", 'account "Acme Corp" tier:key').code == 0
    assert cockpit("log", 'contact @acme "Jane Doe" role:CFO email:jane@acme.com').code == 0
    assert cockpit("log", 'deal @acme "Renewal 2027" value:45k close:eoq stage:qualified').code == 0
    return cockpit
