"""Idle days count from the rep working the deal: a command that sets its next step, the
step's due date or its close date (issue 11, done when: after one agent's rows of the sample
export are imported and the stale open deals get close dates and next steps in one line,
none of them reads as idle since the export's engage dates)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.domain.sprint import idle_days, sprint
from cockpit.services.bulk import execute_each
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from tests.services.sessions import one_agents_deals

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]
# shared/ sits beside the repository (the CI clone, /work/main); a worktree is one deeper.
CANDIDATES = [base / "shared" / "data" / "crm-sample" for base in (ROOT.parent, ROOT.parents[1])]
SAMPLE = next((c for c in CANDIDATES if c.exists()), CANDIDATES[0]) / "sales_pipeline.csv"

needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="shared/ is not beside the repo")


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    monkeypatch.setenv("TZ", "UTC")
    session = one_agents_deals(tmp_path / "cockpit.json", SAMPLE, NOW)
    yield session
    session.close()


def _rotting(session: Session) -> list[int]:
    view = sprint(session.book, NOW.date(), limit=1000)
    return [row.deal.id for row in view.rows if any(r.code == "rotting" for r in row.reasons)]


@needs_sample
def test_the_import_alone_is_not_working_the_deals(imported: Session) -> None:
    book = imported.book
    open_deals = [d for d in book.deals.values() if d.is_open]
    assert len(open_deals) == 194
    # The export's engage dates are years old, and importing them is not the rep at work.
    assert len(_rotting(imported)) > 50
    assert max(idle_days(book, d, NOW.date()) or 0 for d in open_deals) > 3000


@needs_sample
def test_close_dates_and_next_steps_in_one_line_end_idle(imported: Session) -> None:
    refs = [f"#{d.id}" for d in imported.book.deals.values() if d.is_open]
    line = 'close:2027-01-29 next:"requalify after the import" due:2026-11-27'
    execute_each(imported, line, refs)
    book = imported.book
    assert _rotting(imported) == []
    assert {idle_days(book, d, NOW.date()) for d in book.deals.values() if d.is_open} == {0}

    imported.execute("undo")  # undone, the deals are as idle as the import left them
    assert len(_rotting(imported)) > 50


@pytest.mark.parametrize(
    "line",
    [
        'next #1 "send pricing"',
        "next #1 due:fri",
        "deal #1 close:2027-01-29",
        'deal #1 next:"send pricing" due:mon',
        'call #1 out:voicemail next:"call again" at:-3d',
    ],
)
def test_a_command_that_sets_next_step_due_or_close_works_the_deal(
    tmp_path: Path, line: str
) -> None:
    early = Session.open(tmp_path / "cockpit.json", clock=fixed_clock(NOW - timedelta(days=40)))
    early.execute('deal "Renewal" value:45k next:"intro" stage:proposal')
    early.close()
    session = Session.open(tmp_path / "cockpit.json", clock=fixed_clock(NOW))
    try:
        deal = session.book.deals[1]
        assert deal.worked is None
        assert idle_days(session.book, deal, NOW.date()) == 40
        session.execute(line)
        deal = session.book.deals[1]
        assert deal.worked == NOW
        assert idle_days(session.book, deal, NOW.date()) == 0
        session.execute("undo")
        assert session.book.deals[1].worked is None
    finally:
        session.close()


@pytest.mark.parametrize("line", ["deal #1 value:50k", "focus #1", "deal #1 fc:commit"])
def test_other_edits_are_not_working_the_deal(tmp_path: Path, line: str) -> None:
    session = Session.open(tmp_path / "cockpit.json", clock=fixed_clock(NOW))
    try:
        session.execute('deal "Renewal" value:45k next:"intro" stage:proposal')
        session.execute(line)
        assert session.book.deals[1].worked is None
    finally:
        session.close()
