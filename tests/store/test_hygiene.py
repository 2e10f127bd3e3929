"""The store is plain Python: importing it pulls in no Textual."""

from __future__ import annotations

import subprocess
import sys

from .helpers import REPO


def test_importing_the_store_does_not_import_textual() -> None:
    code = (
        "import sys, cockpit.store\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'tinydb'})\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
