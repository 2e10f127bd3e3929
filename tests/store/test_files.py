"""Real files: private modes, temp files swept only when stale, atomic replace."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from cockpit.store import FileBackend, Store, claim_tui, default_book_path
from cockpit.store.files import atomic_write, sweep_temp, temp_name

from .helpers import Clock


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_0600_and_folders_0700(book: Path, clock: Clock) -> None:
    store = Store.open(book, now=clock, backend=FileBackend())
    with store.transaction("add") as tx:
        tx.insert("deals", {})
    store.checkpoint()
    with store.transaction("add") as tx:
        tx.insert("deals", {})
    claim = claim_tui(book)
    folder = book.parent
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "backups",
        "cockpit.json",
        "cockpit.json.index",
        "cockpit.json.journal",
        "cockpit.json.lock",
        "cockpit.json.tui",
    ]
    for name in names[1:]:
        assert _mode(folder / name) == 0o600, name
    assert _mode(folder) == 0o700
    assert _mode(folder / "backups") == 0o700
    (backup,) = (folder / "backups").iterdir()
    assert _mode(backup) == 0o600
    claim.release()


def test_an_existing_folder_keeps_its_mode(tmp_path: Path, clock: Clock) -> None:
    tmp_path.chmod(0o755)
    Store.open(tmp_path / "cockpit.json", now=clock, backend=FileBackend()).close()
    assert _mode(tmp_path) == 0o755
    assert _mode(tmp_path / "cockpit.json") == 0o600


def test_stale_temp_files_are_swept_and_fresh_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "cockpit.json"
    old, young = temp_name(target), temp_name(target)
    unrelated = tmp_path / ".other.json.tmp-1-abcd"
    for path in (old, young, unrelated):
        path.write_bytes(b"partial")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    os.utime(unrelated, (hour_ago, hour_ago))
    assert sweep_temp(tmp_path, target.name) == 1
    assert not old.exists() and young.exists() and unrelated.exists()


def test_a_checkpoint_sweeps_stale_temp_files(book: Path, clock: Clock) -> None:
    store = Store.open(book, now=clock, backend=FileBackend())
    with store.transaction("add") as tx:
        tx.insert("deals", {})
    stale = temp_name(book)
    stale.write_bytes(b"left by a crash")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    store.checkpoint()
    assert not stale.exists()
    assert not [p for p in book.parent.iterdir() if ".tmp-" in p.name]


def test_atomic_write_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    target.write_bytes(b"old")
    inode = target.stat().st_ino
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_ino != inode  # replaced, not rewritten in place
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_default_book_path_is_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_book_path() == tmp_path / "cockpit" / "cockpit.json"
