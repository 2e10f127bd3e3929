"""`cockpit import` and `cockpit export` as a rep's script runs them (DESIGN §5, §6)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.helpers import Result, Run

DATA = Path(__file__).parents[1] / "services" / "data" / "crm_sample.csv"
DARCEL = ["--where", "sales_agent=Darcel Schlecht"]
STAGES = ["--stage-map", "Prospecting=prospect", "--stage-map", "Engaging=qualified"]


def import_darcel(cockpit: Run, *extra: str) -> Result:
    return cockpit("import", "deals", str(DATA), *DARCEL, *STAGES, *extra)


def test_import_prints_the_report_and_undo_takes_it_back(cockpit: Run) -> None:
    result = cockpit("import", "deals", str(DATA), *DARCEL, *STAGES)

    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "import deals from crm_sample.csv (the sample export)"
    assert lines[-1] == (
        "imported 22 deals (22 new, 0 updated) into 15 accounts (15 new); 0 bad rows; 9 warnings"
    )
    undo = cockpit("undo")
    assert (undo.code, undo.out.strip()) == (0, 'undid "import deals crm_sample.csv"')
    assert cockpit("export", "--format", "json").json()["counts"]["deals"] == 0


def test_bad_rows_exit_2_and_write_nothing(cockpit: Run, tmp_path: Path) -> None:
    path = tmp_path / "deals.csv"
    path.write_text("title,stage\nPilot,Demo Booked\nRenewal,Demo Booked\nUpsell,qualified\n")
    result = cockpit("import", "deals", str(path))

    assert result.code == 2
    assert '  2 rows, stage "Demo Booked": unknown stage' in result.out
    assert result.err.startswith("cockpit: error: nothing imported: 2 bad rows;")
    assert cockpit("export", "--format", "json").json()["counts"]["deals"] == 0


def test_json_report_and_json_errors(cockpit: Run) -> None:
    result = cockpit("import", "deals", str(DATA), *DARCEL, *STAGES, "--dry-run", "--json")

    data = result.json()
    assert result.code == 0
    assert (data["ok"], data["dry_run"], data["written"]) == (True, True, False)
    assert data["counts"]["created"] == 22 and data["currency"] == "USD"
    assert data["summary"].startswith("would import 22 deals")

    refused = cockpit("import", "deals", str(DATA), "--map", "close_value=valeu", "--json")
    assert refused.code == 2
    assert refused.json()["ok"] is False
    assert '"valeu" is no deal field' in refused.json()["error"]["message"]

    plain = cockpit("import", "deals", str(DATA), "--where", "nope=1")
    assert plain.code == 2
    assert plain.err.startswith('cockpit: error: --where nope=1: the file has no column "nope"')


def test_export_json_checkpoints_and_prints_the_book(cockpit: Run, book: Path) -> None:
    import_darcel(cockpit)
    journal = book.with_name(book.name + ".journal")
    assert journal.stat().st_size > 0

    result = cockpit("export", "--format", "json")

    assert result.code == 0, result.err
    assert journal.stat().st_size == 0  # folded into the book before exporting
    data = result.json()
    assert (data["now"], data["currency"], data["schema_version"]) == (
        "2026-11-25T10:30:00+00:00", "USD", 1,
    )  # fmt: skip
    assert sum(d["value"] for d in data["deals"] if d["stage"] == "won") == 17_991
    on_disk = json.loads(book.read_text(encoding="utf-8"))
    assert len(on_disk["deals"]) == 22


def test_export_files(cockpit: Run, tmp_path: Path) -> None:
    import_darcel(cockpit)

    ics = cockpit("export", "--format", "ics", "--out", str(tmp_path / "cockpit.ics"))
    assert ics.code == 0, ics.err
    assert ics.out.startswith(f"exported ics to {tmp_path / 'cockpit.ics'}: ")
    assert (tmp_path / "cockpit.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")

    folder = tmp_path / "csv"
    result = cockpit("export", "--format", "csv", "--out", str(folder))
    assert result.code == 0, result.err
    assert result.out.startswith(f"exported 10 CSV files to {folder}: accounts.csv (15)")
    assert (folder / "deals.csv").read_text(encoding="utf-8").count("\n") == 23


def test_export_refuses_what_it_cannot_do(cockpit: Run, tmp_path: Path) -> None:
    missing = cockpit("export", "--format", "json")
    assert missing.code == 2 and "no book at" in missing.err
    import_darcel(cockpit)

    csv_to_stdout = cockpit("export", "--format", "csv")
    assert (csv_to_stdout.code, csv_to_stdout.err.strip()) == (
        2, "cockpit: error: --format csv writes one file per table: give a folder with --out PATH",
    )  # fmt: skip
    xml = cockpit("export", "--format", "xml")
    assert (xml.code, xml.err.strip()) == (
        2, 'cockpit: error: unknown --format "xml" (use json, csv or ics)',
    )  # fmt: skip
    bare = cockpit("export")
    assert (bare.code, bare.err.strip()) == (
        2,
        "cockpit: error: export needs --format json, csv or ics",
    )
