"""Round trips on the 1-year demo book (with a saved review and settings of its own).

`cockpit import book`: export --format json, import into an empty book, export again: the
same document. cockpit's own CSV files (accounts, contacts, deals) import back to the
same files, and into the book they came from without a single duplicate.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.demo import write_demo
from cockpit.exports import export_csv, run_export
from cockpit.imports import ImportOptions, import_book, import_file
from cockpit.services.clock import fixed_clock
from cockpit.services.review import save_review
from cockpit.services.session import Session
from cockpit.store import SCHEMA_VERSION
from tests.cli.helpers import Run

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The 1-year demo book, with a review and two settings of its own, exported as JSON."""
    folder = tmp_path_factory.mktemp("book")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        write_demo(folder / "demo.json", NOW, years=1)
        session = Session.open(folder / "demo.json", clock=fixed_clock(NOW))
        session.execute("set prob.qualified:30 rot.proposal:12")
        save_review(session, "2026-W47", {})
        run_export(session, "json", folder / "export.json", SCHEMA_VERSION)
        run_export(session, "csv", folder / "csv", SCHEMA_VERSION)
        session.close()
        yield folder / "export.json"


def open_fresh(path: Path) -> Session:
    return Session.open(path, clock=fixed_clock(NOW))


def test_export_import_export_gives_the_same_document(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    session = open_fresh(tmp_path / "copy.json")
    report = import_book(session, exported)
    again = tmp_path / "again.json"
    run_export(session, "json", again, SCHEMA_VERSION)
    session.close()

    assert report.written
    assert report.counts["deals"] == 700 and report.counts["reviews"] == 1
    assert report.settings == {"prob.qualified": 30, "rot.proposal": 12}
    assert again.read_bytes() == exported.read_bytes()


def test_undo_takes_the_whole_book_back(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    session = open_fresh(tmp_path / "copy.json")
    import_book(session, exported)
    session.undo()

    assert (len(session.book.deals), len(session.book.activities)) == (0, 0)
    session.close()


def test_a_book_goes_only_into_an_empty_book(exported: Path, cockpit: Run) -> None:
    assert cockpit("log", 'account "Acme Corp"').code == 0

    result = cockpit("import", "book", str(exported))

    assert result.code == 2
    assert result.err.startswith("cockpit: error: the book ")
    assert result.err.endswith(
        "already holds 1 account: a whole book goes into an empty one (give a new --db PATH)\n"
    )


def test_what_is_no_exported_book_is_refused(cockpit: Run, tmp_path: Path) -> None:
    csv = tmp_path / "deals.csv"
    csv.write_text("title,stage\nPilot,qualified\n")
    result = cockpit("import", "book", str(csv))
    assert (result.code, result.out) == (2, "")
    assert "is not a book from `cockpit export --format json`" in result.err

    options = cockpit("import", "book", str(csv), "--where", "a=b")
    assert options.code == 2 and "--where do not apply" in options.err


def test_the_cli_prints_what_it_imported(exported: Path, cockpit: Run) -> None:
    result = cockpit("import", "book", str(exported))

    assert result.code == 0, result.err
    assert result.out.startswith("imported book export.json: 300 accounts, 1,200 contacts, 700")


def test_own_csv_files_import_back_to_the_same_files(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    csv = exported.parent / "csv"
    session = open_fresh(tmp_path / "copy.json")
    for kind in ("accounts", "contacts", "deals"):
        report = import_file(session, kind, csv / f"{kind}.csv", ImportOptions())
        assert report.written and not report.plan.problems, report.summary
    export_csv(session.book, tmp_path / "again")
    lost = [d for d in session.book.deals.values() if d.stage == "lost"]
    session.close()

    for kind in ("accounts", "contacts", "deals"):
        assert (tmp_path / "again" / f"{kind}.csv").read_text() == (csv / f"{kind}.csv").read_text()
    assert lost and all(d.lost_reason != "imported as lost" for d in lost)


def test_own_deals_csv_into_its_own_book_changes_nothing(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    session = open_fresh(tmp_path / "copy.json")
    import_book(session, exported)

    report = import_file(session, "deals", exported.parent / "csv" / "deals.csv", ImportOptions())

    assert report.summary.startswith("imported 700 deals (0 new, 0 updated, 700 unchanged)")
    assert len(session.book.deals) == 700
    session.close()
