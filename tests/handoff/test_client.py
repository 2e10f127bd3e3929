"""The handoff client reads only the command lines it can hand over, and finds the socket."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.handoff.client import book_path, parse_request
from cockpit.handoff.protocol import socket_path
from cockpit.store import default_book_path


@pytest.mark.parametrize(
    ("argv", "command", "db"),
    [
        (["log", "call #x"], ("log", "call #x", False, False), None),
        (["--db", "b.json", "log", "call #x", "--json"], ("log", "call #x", True, False), "b.json"),
        (["log", "--dry-run", "call #x", "--db=b.json"], ("log", "call #x", False, True), "b.json"),
        (["undo", "--db", "b.json"], ("undo", "", False, False), "b.json"),
        (["today", "--json"], ("today", "", True, False), None),
    ],
)
def test_the_commands_it_hands_over(
    argv: list[str], command: tuple[str, str, bool, bool], db: str | None
) -> None:
    parsed = parse_request(argv)
    assert parsed is not None
    request, got_db = parsed
    assert (request["command"], request["line"], request["json"], request["dry_run"]) == command
    assert got_db == db


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--demo"],
        ["quarter"],
        ["log"],  # no line: argparse says so
        ["log", "a", "b"],
        ["log", "call #x", "--help"],
        ["today", "--dry-run"],
        ["undo", "extra"],
        ["log", "--db"],
        ["-h"],
        ["log", "--", "-x"],
    ],
)
def test_anything_else_runs_in_full(argv: list[str]) -> None:
    assert parse_request(argv) is None


def test_the_default_book_is_the_one_platformdirs_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("COCKPIT_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert book_path(None, os.environ) == os.path.realpath(default_book_path())
    monkeypatch.delenv("XDG_DATA_HOME")
    assert book_path(None, os.environ) == os.path.realpath(default_book_path())


def test_a_symlinked_book_finds_the_real_books_socket(tmp_path: Path) -> None:
    real = tmp_path / "real" / "cockpit.json"
    real.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(real)
    found = book_path(str(link), {})
    assert found == str(real)
    assert socket_path(str(real)) == f"{real}.sock"


def test_a_path_too_long_for_a_socket_gets_a_short_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    book = "/" + "d" * 120 + "/cockpit.json"
    short = socket_path(book)
    assert short.startswith(f"{tmp_path}/cockpit-") and short.endswith(".sock")
    assert len(short.encode()) <= 107
    assert socket_path(book + "x") != short  # one socket per book


def test_the_client_imports_only_the_standard_library() -> None:
    code = (
        "import sys; import cockpit.handoff.client; "
        "ours = {'cockpit', 'cockpit.handoff', 'cockpit.handoff.client', "
        "'cockpit.handoff.protocol'}; "
        "bad = sorted(m for m in sys.modules if m not in ours "
        "and m.split('.')[0] not in sys.stdlib_module_names and not m.startswith('_')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
