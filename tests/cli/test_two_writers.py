"""Two processes log at the same time: nothing is lost, no id is given twice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.services.session import Session

WRITER = """
import sys
from cockpit.cli import main
name, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    rc = main(["log", f'note @acme "{name} {i}"'])
    if rc != 0:
        sys.exit(rc)
"""


@pytest.mark.slow
def test_two_writers_each_log_200_lines(tmp_path: Path) -> None:
    book = tmp_path / "cockpit.json"
    env = {**os.environ, "COCKPIT_DB": str(book), "COCKPIT_NOW": "2026-11-25T10:30:00+00:00"}
    subprocess.run([sys.executable, "-m", "cockpit", "log", 'account "Acme"'], env=env, check=True)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name, "200"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for name in ("left", "right")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
    notes = Session.open(book, create=False).book.activities.values()
    texts = sorted(a.text for a in notes)
    assert len(texts) == 400
    assert texts == sorted([f"left {i}" for i in range(200)] + [f"right {i}" for i in range(200)])
    assert len({a.id for a in notes}) == 400
