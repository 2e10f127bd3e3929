"""The domain, store, quick-log and the `log` path never import Textual (they must start fast)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CHECK = (
    "import sys; {imports}; "
    "bad = sorted(m for m in sys.modules if m.split('.')[0] in {banned!r}); "
    "print(bad); sys.exit(1 if bad else 0)"
)


@pytest.mark.parametrize(
    "module",
    [
        "cockpit.domain.book",
        "cockpit.domain.sprint",
        "cockpit.domain.quarter",
        "cockpit.store",
        "cockpit.quicklog",
        "cockpit.services.session",
        "cockpit.imports",
        "cockpit.cli",
    ],
)
def test_core_modules_do_not_import_textual(module: str) -> None:
    code = CHECK.format(imports=f"import {module}", banned=("textual", "rich"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


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
