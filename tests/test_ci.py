"""CI fails when it cannot run the end-to-end tests, instead of skipping them silently."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_run_fails_under_ci_when_tmux_cannot_be_installed(tmp_path: Path) -> None:
    # A PATH with bash and dirname only: no tmux, no apt-get, no python3.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "dirname"):
        found = shutil.which(tool)
        assert found is not None
        (bin_dir / tool).symlink_to(found)
    env = {**os.environ, "PATH": str(bin_dir), "CI": "true"}
    result = subprocess.run(
        [str(bin_dir / "bash"), str(ROOT / ".ci" / "run")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "tmux could not be installed" in result.stderr
