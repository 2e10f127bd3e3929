"""A small book a rep could have typed on day one, for tests that need exact figures."""

from __future__ import annotations

from pathlib import Path

from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from tests.ui.helpers import NOW

# Wednesday 2026-11-25. Renewal's next step was due Monday (2 days overdue) and it closes
# Friday next week (9 days); the Globex pilot has no next step; Jane is owed a pricing
# sheet by Friday (aim: Thursday).
DAY_ONE = [
    'account "Acme Corp" tier:key',
    'account "Globex" tier:growth',
    'contact @acme "Jane Ortiz" role:CFO',
    'deal @acme "Renewal 2027" value:45k close:2026-12-04 next:"send pricing" due:2026-11-23',
    'deal @globex "Pilot" value:12k close:2027-02-26 stage:qualified',
    'promise ~jane "pricing sheet to Jane" due:fri',
]


def write_day_one(path: Path) -> Path:
    """Write the day-one book at `path` (ids: Acme 1, Globex 2; Renewal #1, Pilot #2; !1)."""
    session = Session.open(path, clock=fixed_clock(NOW))
    try:
        for line in DAY_ONE:
            session.execute(line)
    finally:
        session.close()
    return path
