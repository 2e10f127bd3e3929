"""The crm-sample export (shared/data/crm-sample, beside the repository as in CI): the
book's figures against figures worked out here from the CSV itself, not by cockpit."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from cockpit.imports import ImportOptions, import_file
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]
# shared/ sits beside the repository (the CI clone, /work/main); a worktree is one deeper.
CANDIDATES = [base / "shared" / "data" / "crm-sample" for base in (ROOT.parent, ROOT.parents[1])]
SAMPLE = next((c for c in CANDIDATES if c.exists()), CANDIDATES[0]) / "sales_pipeline.csv"

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="shared/ is not beside the repo")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        path = tmp_path_factory.mktemp("sample") / "cockpit.json"
        session = Session.open(path, clock=fixed_clock(NOW))
        report = import_file(session, "deals", SAMPLE, ImportOptions())
        assert report.written and not report.plan.problems
        yield session
        session.close()


def test_every_row_is_a_deal_in_the_files_stage(rows: list[dict[str, str]], book: Session) -> None:
    wanted = Counter(
        {"Won": "won", "Lost": "lost", "Engaging": "qualified", "Prospecting": "prospect"}[
            r["deal_stage"]
        ]
        for r in rows
    )
    assert Counter(d.stage for d in book.book.deals.values()) == wanted
    assert len(book.book.accounts) == len({r["account"] for r in rows if r["account"]})


def test_won_money_matches_the_file_to_the_cent_per_quarter(
    rows: list[dict[str, str]], book: Session
) -> None:
    def quarter(day: date) -> str:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"

    from_file: Counter[str] = Counter()
    for r in rows:
        if r["deal_stage"] == "Won":
            cents = int(Decimal(r["close_value"]) * 100)
            from_file[quarter(date.fromisoformat(r["close_date"]))] += cents
    in_book: Counter[str] = Counter()
    for deal in book.book.deals.values():
        if deal.stage == "won":
            assert deal.won_at is not None
            in_book[quarter(deal.won_at.date())] += deal.value
    assert in_book == from_file
    assert sum(from_file.values()) > 0


def test_one_agents_quarter_won_total(rows: list[dict[str, str]], book: Session) -> None:
    agent = "Darcel Schlecht"
    ids = {
        r["opportunity_id"]
        for r in rows
        if r["sales_agent"] == agent
        and r["deal_stage"] == "Won"
        and "2017-04-01" <= r["close_date"] <= "2017-06-30"
    }
    expected = sum(int(Decimal(r["close_value"]) * 100) for r in rows if r["opportunity_id"] in ids)
    got = sum(d.value for d in book.book.deals.values() if d.external_id in ids)
    assert got == expected and expected > 0
