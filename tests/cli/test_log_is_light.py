"""`cockpit log` runs without loading what it does not use: it must start fast (DESIGN §8,
§9.7). With no cockpit open it runs itself: still no Textual, Rich, pendulum (the line has
no date word that needs it), import or export machinery, nor the whole argparse tree of
the other commands and the help formatting it loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.handoff.helpers import ENV

MODULES = """
import json, sys
from cockpit.cli import main
try:
    rc = main(sys.argv[1:])
except SystemExit as done:  # argparse's help
    rc = done.code
sys.stdout.flush()
sys.stderr.write(json.dumps(sorted(sys.modules)))
sys.exit(rc)
"""

# What the log path never needs: the TUI, dates beyond the standard library, the other
# commands, the argparse help machinery (shutil, locale), secrets' hashlib and random.
BANNED = ("textual", "rich", "pendulum", "vobject", "platformdirs", "shutil", "locale")
BANNED_OURS = ("cockpit.ui", "cockpit.imports", "cockpit.exports", "cockpit.demo")
NEVER = ("cockpit.cli.parser", "cockpit.cli.files", "cockpit.cli.imports", "secrets", "hashlib")


def loaded(book: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", MODULES, *args, "--db", str(book)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done, json.loads(done.stderr)


def test_cockpit_log_runs_itself_loading_only_what_the_line_needs(tmp_path: Path) -> None:
    book = tmp_path / "b.json"
    first, _ = loaded(book, "log", 'account "Acme"')
    assert first.returncode == 0
    done, modules = loaded(book, "log", 'call @acme out:connected "light"')
    assert (done.returncode, done.stdout) == (0, "logged call at @acme\n")
    heavy = [m for m in modules if m.split(".")[0] in BANNED or m in NEVER]
    heavy += [m for m in modules if m.startswith(BANNED_OURS)]
    assert heavy == []


def test_help_still_reads_the_whole_command_line(tmp_path: Path) -> None:
    done, modules = loaded(tmp_path / "b.json", "log", "--help")
    assert done.returncode == 0
    assert "cockpit log 'won #renewal value:48k'" in done.stdout
    assert "cockpit.cli.parser" in modules
