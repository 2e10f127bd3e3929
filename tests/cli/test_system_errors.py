"""Every expected failure is one line and the right exit code, never "a bug" (DESIGN §9.6)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cockpit.store.paths import journal_path
from tests.cli.helpers import NOW, Run


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_a_symlinked_book_is_one_book(cockpit: Run, tmp_path: Path) -> None:
    real = tmp_path / "real" / "cockpit.json"
    link = tmp_path / "link" / "cockpit.json"
    assert cockpit("log", "--db", str(real), 'account "Acme"').code == 0
    link.parent.mkdir()
    link.symlink_to(Path("..") / "real" / "cockpit.json")
    assert cockpit("log", "--db", str(link), 'account "Globex"').code == 0
    assert sorted(p.name for p in link.parent.iterdir()) == ["cockpit.json"]
    today = cockpit("today", "--db", str(real), "--json")
    assert today.code == 0
    assert cockpit("export", "--db", str(real), "--format", "json").out.count('"Globex"') == 1
    assert link.is_symlink()


def test_a_complete_last_line_with_a_bad_crc_is_exit_3_and_kept(cockpit: Run, book: Path) -> None:
    assert cockpit("log", 'account "Acme"').code == 0
    assert cockpit("log", 'account "Globex"').code == 0
    journal = journal_path(book)
    data = journal.read_bytes()
    damaged = data[:-30] + data[-30:].replace(b"1", b"2", 1)  # one character, newline kept
    assert damaged != data
    journal.write_bytes(damaged)
    for args in (("today",), ("log", 'account "Initech"'), ("undo",)):
        result = cockpit(*args)
        assert result.code == 3, (args, result.err)
        assert f"{journal}: journal line 2 is damaged" in _one_line(result.err)
    assert journal.read_bytes() == damaged  # never deleted


def test_a_read_only_book_is_read_and_writes_are_exit_6(cockpit: Run, book: Path) -> None:
    assert cockpit("log", 'account "Acme"').code == 0
    assert cockpit("log", 'account "Globex"').code == 0
    book.chmod(0o444)
    assert cockpit("today").code == 0
    result = cockpit("log", 'account "Initech"')
    assert result.code == 6
    assert _one_line(result.err) == (
        f"cockpit: error: {book}: the file is read-only (mode 0444); nothing was written"
    )
    assert book.stat().st_mode & 0o777 == 0o444


@pytest.mark.parametrize("which", ["book", "journal"])
def test_a_folder_where_the_book_should_be_is_exit_6(cockpit: Run, book: Path, which: str) -> None:
    target = book if which == "book" else journal_path(book)
    target.mkdir(parents=True)
    for args in (("today",), ("log", 'account "Acme"')):
        if which == "journal" or args[0] == "log":
            result = cockpit(*args)
            assert result.code == 6, (args, result.err)
            assert _one_line(result.err) == (
                f"cockpit: error: {target}: a folder where a file should be"
            )


@pytest.mark.parametrize(
    "now", ["garbage", "2026-13-45", "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00"]
)
def test_a_bad_cockpit_now_is_exit_2(cockpit: Run, now: str) -> None:
    result = cockpit("today", now=now)
    assert result.code == 2
    assert _one_line(result.err).startswith(f"cockpit: error: $COCKPIT_NOW: {now!r} is ")


def test_a_line_that_is_not_utf8_is_exit_2(cockpit: Run, book: Path) -> None:
    line = b'note @acme "caf\xe9"'.decode("utf-8", "surrogateescape")  # as Python hands it in
    result = cockpit("log", line)
    assert result.code == 2
    assert _one_line(result.err) == (
        "cockpit: error: col 16: byte 0xe9 is not UTF-8 text (argument 2)"
    )
    assert not book.exists()


def test_a_missing_book_with_a_journal_is_one_message_exit_3(cockpit: Run, book: Path) -> None:
    assert cockpit("log", 'account "Acme"').code == 0
    book.unlink()
    messages = set()
    for args in (("today",), ("undo",), ("export", "--format", "json"), ("log", "note @acme")):
        result = cockpit(*args)
        assert result.code == 3, (args, result.err)
        messages.add(_one_line(result.err))
    assert messages == {
        f"cockpit: error: {book}: the book is missing but its journal is not empty; no backup found"
    }


def test_cockpit_debug_shows_the_traceback(
    cockpit: Run, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book.mkdir()
    monkeypatch.setenv("COCKPIT_DEBUG", "1")
    result = cockpit("today")
    assert result.code == 6
    assert "Traceback" in result.err


def _cockpit(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


_CAN_DROP = shutil.which("setpriv") is not None and os.geteuid() == 0


@pytest.mark.skipif(not _CAN_DROP, reason="needs root and setpriv to drop the override")
def test_a_book_the_user_may_not_read_is_exit_6(tmp_path: Path) -> None:
    book = tmp_path / "cockpit.json"
    env = {**os.environ, "COCKPIT_DB": str(book), "COCKPIT_NOW": NOW}
    assert _cockpit("log", 'account "Acme"', env=env).returncode == 0
    book.chmod(0)
    # Root reads anything; without CAP_DAC_OVERRIDE it is held to the file's mode.
    result = subprocess.run(
        ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
        + [sys.executable, "-m", "cockpit", "today"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 6
    assert _one_line(result.stderr) == f"cockpit: error: {book}: permission denied"


_DISK_FULL = r"""
import json, os, subprocess, sys
folder, now = sys.argv[1], sys.argv[2]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", folder], check=True)
env = {**os.environ, "COCKPIT_DB": folder + "/cockpit.json", "COCKPIT_NOW": now}
def cockpit(*args):
    r = subprocess.run([sys.executable, "-m", "cockpit", *args], env=env,
                       capture_output=True, text=True)
    return {"code": r.returncode, "out": r.stdout, "err": r.stderr}
out = {"first": cockpit("log", 'account "Acme"')}
# A journal just past the 1,000 lines that trigger the automatic checkpoint.
from cockpit.services.session import Session
session = Session.open(__import__("pathlib").Path(env["COCKPIT_DB"]))
session.store.checkpoint_lines = 10**9
for i in range(1001):
    session.execute(f"note @acme n{i}")
session.store.close(checkpoint=False)
def fill():
    try:
        with open(folder + "/fill", "ab") as fh:
            while True:
                fh.write(b"x" * 4096)
                fh.flush()
    except OSError:
        pass
with open(folder + "/reserve", "wb") as fh:
    fh.write(b"x" * 65536)
fill()
os.unlink(folder + "/reserve")  # room for a journal line, not for a new book
out["saved"] = cockpit("log", "note @acme after")
fill()
out["long"] = cockpit("log", "note @acme " + "y" * 9000)  # no room left for this one
os.unlink(folder + "/fill")
out["later"] = cockpit("log", "note @acme later")
out["today"] = cockpit("today", "--json")
out["journal"] = os.path.getsize(folder + "/cockpit.json.journal")
out["notes"] = sum(1 for d in json.load(open(folder + "/cockpit.json"))["activities"].values()
                   if d.get("text", "").startswith(("after", "later")))
print(json.dumps(out))
"""


def _can_mount() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(not _can_mount(), reason="needs root and unshare to mount a small tmpfs")
def test_a_full_disk_is_exit_6_on_the_append_and_a_warning_after_the_fsync(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo), "TZ": "UTC"}
    run = subprocess.run(
        ["unshare", "-m", sys.executable, "-c", _DISK_FULL, str(folder), NOW],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["first"]["code"] == 0
    saved = out["saved"]
    assert saved["code"] == 0, saved  # saved at the fsync: success, with a warning
    assert saved["out"].startswith("logged note")
    warning = _one_line(saved["err"])
    assert warning.startswith("cockpit: warning: saved; the book could not be checkpointed (")
    assert "disk full" in warning
    long = out["long"]
    assert long["code"] == 6, long
    assert _one_line(long["err"]) == (f"cockpit: error: {folder}/cockpit.json.journal: disk full")
    assert out["later"]["code"] == 0 and out["later"]["err"] == ""  # retried: folded in
    assert out["journal"] == 0
    assert out["notes"] == 2


def _edit_book(book: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    raw = json.loads(book.read_text())
    edit(raw)
    book.write_text(json.dumps(raw))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{}", "the file holds {}, not a book (no meta.schema_version)"),
        (b'{"accounts": {"1": {"foo": "bar"}}}', "accounts #1: field 'handle' is missing"),
    ],
)
def test_a_book_that_is_not_one_is_refused_exit_3(
    cockpit: Run, book: Path, content: bytes, reason: str
) -> None:
    book.write_bytes(content)
    for args in (("today",), ("log", 'account "Acme"')):
        result = cockpit(*args)
        assert result.code == 3, (args, result.err)
        assert _one_line(result.err) == f"cockpit: error: {book}: {reason}; no backup found"
    assert book.read_bytes() == content


def test_hand_edited_bad_values_are_refused_naming_table_id_and_field(
    cockpit: Run, book: Path
) -> None:
    assert cockpit("log", 'account "Acme"').code == 0
    assert cockpit("log", "set timezone:Europe/Berlin").code == 0
    assert cockpit("undo").code == 0
    assert cockpit("log", "set timezone:Europe/Berlin").code == 0
    assert cockpit("export", "--format", "json").code == 0  # checkpoints: the book holds all

    def name_a_number(raw: dict[str, Any]) -> None:
        raw["accounts"]["1"]["name"] = 42

    _edit_book(book, name_a_number)
    result = cockpit("today")
    assert result.code == 3
    assert "accounts #1: field 'name' is 42: not text" in _one_line(result.err)

    def mars(raw: dict[str, Any]) -> None:
        raw["accounts"]["1"]["name"] = "Acme"
        (setting,) = (d for d in raw["settings"].values() if d["key"] == "timezone")
        setting["value"] = "Mars/Olympus"

    _edit_book(book, mars)
    for args in (("today",), ("undo",), ("log", 'account "Globex"')):
        result = cockpit(*args)
        assert result.code == 3, (args, result.err)
        line = _one_line(result.err)
        assert "settings #" in line and "field 'value' of timezone is 'Mars/Olympus'" in line


def test_a_deal_written_before_worked_loads_and_a_bad_worked_is_refused(
    cockpit: Run, book: Path
) -> None:
    assert cockpit("log", 'deal "Renewal" next:"call" due:tomorrow').code == 0
    assert cockpit("export", "--format", "json").code == 0  # checkpoints: the book holds all

    def before_worked(raw: dict[str, Any]) -> None:
        del raw["deals"]["1"]["worked"]  # as a book from before the field was written

    _edit_book(book, before_worked)
    assert cockpit("today").code == 0
    assert cockpit("log", "next #1 due:fri").code == 0
    assert cockpit("export", "--format", "json").code == 0

    def bad_worked(raw: dict[str, Any]) -> None:
        raw["deals"]["1"]["worked"] = "yesterday"

    _edit_book(book, bad_worked)
    result = cockpit("today")
    assert result.code == 3
    assert "deals #1: field 'worked' is 'yesterday': not a timestamp" in _one_line(result.err)


def test_a_setting_that_moves_plans_says_which_and_needs_confirm(cockpit: Run) -> None:
    assert cockpit("log", "set fiscal_start:2").code == 0  # nothing saved yet: nothing moves
    assert cockpit("log", "plan quota:300k").code == 0
    refused = cockpit("log", "set fiscal_start:12")
    assert refused.code == 2
    assert _one_line(refused.err) == (
        "cockpit: error: col 5: set fiscal_start:12: plans move to other months: "
        "2027-Q4 Nov 2026-Jan 2027 -> Sep-Nov 2027; add confirm:yes to go ahead"
    )
    assert cockpit("today", "--json").json()["date"] == "2026-11-25"
    for line in ("set timezone:Europe/Berlin", "set week_start:sun"):
        result = cockpit("log", line)
        assert result.code == 2 and "plans 2027-Q4 would be read with the new" in result.err
    done = cockpit("log", "set fiscal_start:12 confirm:yes")
    assert done.code == 0 and done.out == "set fiscal_start: 12\n"
    assert "2027-Q4 Nov 2026-Jan 2027 -> Sep-Nov 2027" in done.err
    assert cockpit("log", "set currency:EUR").code == 0  # moves no plan: no question


def test_dates_in_year_1_and_9999_do_not_overflow_the_views(cockpit: Run) -> None:
    assert cockpit("log", 'account "Acme"').code == 0
    assert cockpit("log", 'deal @acme "Forever" close:9999-12-31 value:1k').code == 0
    assert cockpit("log", 'deal @acme "Ancient" close:0001-01-01 value:1k').code == 0
    assert cockpit("log", 'next #1 "one day" due:9999-12-31').code == 0
    for args in (
        ("today",),
        ("quarter",),
        ("review",),
        ("export", "--format", "ics"),
        ("export", "--format", "json"),
    ):
        result = cockpit(*args)
        assert result.code == 0, (args, result.err)
    for args in (("quarter", "--quarter", "9999-Q4"), ("review", "--week", "9999-W52")):
        result = cockpit(*args)
        assert result.code == 2, (args, result.err)
        assert "year 9999 is out of range (2-9998)" in _one_line(result.err)
