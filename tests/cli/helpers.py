"""Running the `cockpit` command line in-process, as a rep's script would: the result type
and the runner the cli and imports fixtures build."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cockpit.cli import main

__all__ = ["NOW", "Result", "Run", "runner"]

NOW = "2026-11-25T10:30:00+00:00"  # a Wednesday


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


Run = Callable[..., Result]


def runner(book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """`run(*args)` runs the CLI on `book` with the clock fixed at NOW."""
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
