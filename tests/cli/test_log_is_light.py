"""`cockpit log` runs without loading Textual or Rich: it must start fast (DESIGN §8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_cockpit_log_runs_without_textual(tmp_path: Path) -> None:
    book = tmp_path / "b.json"
    code = (
        "import sys; from cockpit.cli import main; "
        f"rc = main(['log', '--db', {str(book)!r}, 'account \"Acme\"']); "
        "bad = [m for m in sys.modules if m.startswith(('textual', 'rich'))]; "
        "print(bad); sys.exit(rc or (1 if bad else 0))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
