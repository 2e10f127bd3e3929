"""`cockpit log` must start fast: the quick-log imports no UI, no storage, and pendulum
only for a line that holds a date word (issue 14, DESIGN §9.7)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("textual", "rich", "pendulum", "tinydb", "orjson", "platformdirs")

SCRIPT = """
import sys
from datetime import datetime, timezone
import cockpit.quicklog as q
from cockpit.domain.calendar import Calendar
ctx = q.ParseContext(datetime(2026, 11, 25, 10, 15, tzinfo=timezone.utc), Calendar())
q.parse('call #renewal out:connected "CFO" next:"send 2y pricing"', ctx)
q.parse("deal @acme Renewal value:$45k", ctx)
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[1:]))
print(",".join(heavy))
q.parse('call #renewal next:"send 2y pricing" due:thu at:-2h', ctx)
q.parse("deal @acme Renewal value:$45k close:eoq", ctx)
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[1:]))
print(",".join(heavy))
"""


def test_quicklog_imports_nothing_heavy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *HEAVY],
        capture_output=True,
        text=True,
        check=True,
    )
    without_dates, with_dates = result.stdout.splitlines()
    assert without_dates == ""
    assert with_dates == "pendulum"  # the calendar's rules, on the line that needs them


def test_importtime_report_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import cockpit.quicklog"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()
    }
    assert "cockpit" in imported
    assert not imported & set(HEAVY)
