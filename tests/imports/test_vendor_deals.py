"""Deals from HubSpot, Salesforce and Pipedrive exports: the book the file describes, or a
clear refusal (issue 10's six wrong books). Expected figures are worked out by hand from
the fixtures in data/.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli.helpers import Run
from tests.imports.helpers import DATA, deals_of, imported, total

PIPEDRIVE = str(DATA / "pipedrive_deals.csv")
SALESFORCE = str(DATA / "salesforce_opportunities.csv")
HUBSPOT = str(DATA / "hubspot_deals.csv")


# -- 1. Pipedrive: status decides the stage, currency is converted or refused --------------


def test_pipedrive_amounts_in_another_currency_are_bad_rows_naming_fx(cockpit: Run) -> None:
    result = cockpit("import", "deals", PIPEDRIVE)

    assert result.code == 2
    assert (
        '  line 2, Deal - Value "23000": an amount in EUR, and the book is in USD:'
        " add --fx EUR=RATE"
    ) in result.out
    assert "line 6, Deal - Value" in result.out  # Epsilon, the open EUR deal
    assert deals_of(cockpit) == {}


def test_pipedrive_status_currency_and_lost_reason_make_the_files_book(cockpit: Run) -> None:
    result = imported(cockpit("import", "deals", PIPEDRIVE, "--fx", "EUR=1.08"))

    deals = deals_of(cockpit)
    # Won: 23,000 EUR x 1.08 = 24,840, plus 120,000 and 99,000 USD.
    assert total(deals, "won") == 24_840 + 120_000 + 99_000
    acme = deals["Acme renewal"]
    assert (acme["stage"], acme["won_at"], acme["close"]) == (
        "won",
        "2026-03-20T14:05:00+00:00",
        "2026-03-20",
    )
    assert acme["original_value"] == {"amount": 23_000, "currency": "EUR", "fx": "1.08"}
    delta = deals["Delta"]
    assert (delta["stage"], delta["lost_reason"], delta["lost_at"]) == (
        "lost",
        "Price too high",
        "2026-06-02T11:00:00+00:00",
    )
    epsilon = deals["Epsilon"]  # open, in its stage, converted: 15,000 x 1.08
    assert (epsilon["stage"], epsilon["value"], epsilon["close"]) == (
        "prospect",
        16_200,
        "2026-12-15",
    )
    assert "Deal - Status -> status (Pipedrive)" in result.out
    assert "stages: Negotiations Started -> negotiation (Pipedrive)" in result.out


def test_a_new_rate_updates_the_converted_deals_and_keeps_the_original(cockpit: Run) -> None:
    imported(cockpit("import", "deals", PIPEDRIVE, "--fx", "EUR=1.08"))
    again = imported(cockpit("import", "deals", PIPEDRIVE, "--fx", "EUR=1.10"))

    assert "(0 new, 2 updated, 3 unchanged)" in again.out.splitlines()[-1]
    acme = deals_of(cockpit)["Acme renewal"]
    assert acme["value"] == 25_300  # 23,000 x 1.10
    assert acme["original_value"] == {"amount": 23_000, "currency": "EUR", "fx": "1.10"}


def test_an_owner_column_only_filters(cockpit: Run) -> None:
    result = imported(
        cockpit(
            "import", "deals", PIPEDRIVE, "--fx", "EUR=1.08", "--where", "Deal - Owner=Piotr Lis"
        )
    )

    assert list(deals_of(cockpit)) == ["Gamma pilot"]
    assert "owner column: Deal - Owner (not imported" in result.out
    assert "Piotr Lis" not in str(deals_of(cockpit))


# -- 2. Salesforce: report footers are no deals ----------------------------------------------


def test_salesforce_footers_are_skipped_and_counted(cockpit: Run) -> None:
    result = imported(cockpit("import", "deals", SALESFORCE))

    deals = deals_of(cockpit)
    assert sorted(deals) == [
        "Acme - Renewal",
        "Globex - Expansion",
        "Hooli - Pilot",
        "Initech - New Seats",
    ]
    assert total(deals, "won") == 125_000
    assert sum(d["value"] for d in deals.values() if d["stage"] not in ("won", "lost")) == 128_500.5
    assert result.out.splitlines()[-1] == (
        "imported 4 deals (4 new, 0 updated) into 4 accounts (4 new); 0 bad rows; 0 warnings;"
        " set aside: 3 rows that are not records"
    )
    assert 'not records (3, skipped): line 7 "Total", line 9 "Confidential' in result.out


def test_salesforce_day_first_dates_and_times_of_day_read_right(cockpit: Run) -> None:
    result = imported(cockpit("import", "deals", SALESFORCE))

    deals = deals_of(cockpit)
    initech = deals["Initech - New Seats"]
    assert (initech["close"], initech["created"], initech["probability"]) == (
        "2026-06-30",
        "2026-02-02T16:40:00+00:00",
        90,
    )
    assert initech["next_step"] == "Send MSA, redlines\nthen call legal"
    assert initech["stage"] == "negotiation"
    assert deals["Hooli - Pilot"]["lost_at"] == "2026-02-12T12:00:00+00:00"
    assert 'Close Date: dates read day first (%d/%m/%Y), as "31/03/2026" on line 2' in result.out


# -- 3. Probability as a fraction ------------------------------------------------------------


def test_hubspot_probability_fractions_read_as_percentages(cockpit: Run) -> None:
    result = imported(cockpit("import", "deals", HUBSPOT))

    deals = deals_of(cockpit)
    assert {t: d["probability"] for t, d in deals.items()} == {
        "Northwind upgrade": 100,
        "Contoso renewal": 90,
        "Fabrikam pilot": 40,
        "Tailspin": 0,
    }
    assert "Deal probability: every value is 1 or less, read as fractions" in result.out


# -- 4. Duplicates ---------------------------------------------------------------------------


def test_hubspot_record_id_is_the_key_and_a_repeated_row_imports_once(cockpit: Run) -> None:
    first = imported(cockpit("import", "deals", HUBSPOT))

    assert "Record ID -> external_id (HubSpot)" in first.out
    assert "repeated rows (1, imported once): line 5 = line 4" in first.out
    assert len(deals_of(cockpit)) == 4
    again = imported(cockpit("import", "deals", HUBSPOT))
    assert again.out.splitlines()[-1].startswith("imported 4 deals (0 new, 0 updated, 4 unchanged)")
    assert len(deals_of(cockpit)) == 4


def test_without_an_id_column_the_rows_values_are_the_key(cockpit: Run) -> None:
    imported(cockpit("import", "deals", SALESFORCE))
    again = imported(cockpit("import", "deals", SALESFORCE))

    assert "(0 new, 0 updated, 4 unchanged)" in again.out.splitlines()[-1]
    assert len(deals_of(cockpit)) == 4


# -- 5. Day and month -----------------------------------------------------------------------


def test_a_semicolon_file_with_decimal_commas_reads_with_the_option(cockpit: Run) -> None:
    path = str(DATA / "semicolon_deals.csv")
    refused = cockpit("import", "deals", path)
    assert refused.code == 2
    assert 'note: value holds amounts like "45.000,00": add --decimal-comma' in refused.out

    result = imported(cockpit("import", "deals", path, "--decimal-comma"))

    deals = deals_of(cockpit)
    assert {t: (d["value"], d["close"]) for t, d in deals.items()} == {
        "Alpha": (45_000, "2026-12-31"),
        "Beta": (1_200.5, "2026-10-05"),  # 05.10: day first, as 31.12.2026 shows; never May
        "Gamma": (7_500, "2027-01-14"),
        "Delta": (0, None),
    }
    assert deals["Alpha"]["account"]["name"] == "Müller & Söhne"
    assert "line 2: won on 2026-12-31, after today: check the date" in result.out


def test_a_column_that_cannot_say_its_order_is_refused_naming_date_format(
    cockpit: Run, tmp_path: Path
) -> None:
    path = tmp_path / "deals.csv"
    path.write_text("title,stage,value,close\nA,won,10,05.10.2026\nB,won,20,03.04.2026\n")

    refused = cockpit("import", "deals", str(path))
    assert refused.code == 2
    assert refused.err == (
        'cockpit: error: column "close": "05.10.2026" (line 2) reads day first or month first'
        ' and no value in the column says which: give --date-format "close=%d.%m.%Y"'
        " (or %m.%d.%Y)\n"
    )
    assert deals_of(cockpit) == {}

    imported(cockpit("import", "deals", str(path), "--date-format", "close=%d.%m.%Y"))
    assert {t: d["close"] for t, d in deals_of(cockpit).items()} == {
        "A": "2026-10-05",
        "B": "2026-04-03",
    }


def test_each_date_column_has_its_own_format_and_mixed_orders_are_refused(
    cockpit: Run, tmp_path: Path
) -> None:
    path = tmp_path / "deals.csv"
    path.write_text(
        "title,stage,value,close,created\n"
        "A,won,10,05/10/2026,10-05-2026 09:30\n"
        "B,qualified,20,03/04/2027,04-03-2026\n"
    )
    result = imported(
        cockpit(
            "import", "deals", str(path),
            "--date-format", "close=%m/%d/%Y", "--date-format", "created=%d-%m-%Y",
        )
    )  # fmt: skip
    deals = deals_of(cockpit)
    assert (deals["A"]["close"], deals["A"]["created"]) == (
        "2026-05-10",
        "2026-05-10T09:30:00+00:00",
    )
    assert (deals["B"]["close"], deals["B"]["created"]) == (
        "2027-03-04",
        "2026-03-04T12:00:00+00:00",
    )
    assert result.code == 0

    mixed = tmp_path / "mixed.csv"
    mixed.write_text("title,stage,close\nA,qualified,31/12/2026\nB,qualified,12/31/2026\n")
    refused = cockpit("import", "deals", str(mixed))
    assert refused.code == 2
    assert 'column "close" mixes day-first ("31/12/2026", line 2) and month-first' in refused.err


# -- 6. Files with no usable column -----------------------------------------------------------


def test_files_that_are_no_csv_of_deals_are_refused_before_any_row(
    cockpit: Run, tmp_path: Path
) -> None:
    vcard = tmp_path / "people.vcf"
    vcard.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n")
    book = tmp_path / "export.json"
    book.write_text('{"now": "2026-11-25", "deals": []}\n')
    junk = tmp_path / "notes.csv"
    junk.write_text("colour,flavour\nred,sweet\n")
    sheet = tmp_path / "deals.xlsx"
    sheet.write_bytes(b"PK\x03\x04" + bytes(60))

    for path, message in (
        (vcard, "is a vCard file (contacts), not CSV deals: import it with"),
        (book, "is JSON, not CSV: a book written by `cockpit export --format json` imports"),
        (junk, 'no column cockpit can use for deals (columns: "colour", "flavour")'),
        (sheet, "is a spreadsheet (xlsx or xls), not CSV: save it as CSV UTF-8"),
    ):
        result = cockpit("import", "deals", str(path))
        assert (result.code, result.out) == (2, ""), path
        assert message in result.err and result.err.count("\n") == 1
    assert deals_of(cockpit) == {}


# -- issue 8: a NUL byte and an unterminated quote are bad rows ------------------------------


def test_a_nul_byte_is_a_bad_row(cockpit: Run, tmp_path: Path) -> None:
    path = tmp_path / "deals.csv"
    path.write_bytes(b"title,stage,value\nPilot\x00,qualified,10\nRenewal,qualified,20\n")

    result = cockpit("import", "deals", str(path))

    assert result.code == 2
    assert "line 2: a NUL byte (\\0) in a cell: not text" in result.out
    assert deals_of(cockpit) == {}
    imported(cockpit("import", "deals", str(path), "--skip-bad"))
    assert list(deals_of(cockpit)) == ["Renewal"]


def test_an_unterminated_quote_never_swallows_rows_silently(cockpit: Run, tmp_path: Path) -> None:
    path = tmp_path / "deals.csv"
    path.write_text(
        "title,stage,value\n"
        "Pilot,qualified,10\n"
        '"Renewal,qualified,20\n'
        "Upsell,qualified,30\n"
        "Expansion,proposal,40\n"
    )

    result = cockpit("import", "deals", str(path))

    assert result.code == 2
    assert 'line 3: a quote (") opened on this line never closes: lines 3-5 ran together' in (
        result.out
    )
    assert deals_of(cockpit) == {}


def test_a_quote_left_open_on_the_last_row_is_a_bad_row(cockpit: Run, tmp_path: Path) -> None:
    path = tmp_path / "deals.csv"
    path.write_text('title,stage,value\nPilot,qualified,10\n"Renewal,qualified\n')

    result = cockpit("import", "deals", str(path))

    assert result.code == 2
    assert 'line 3: a quote (") opened on line 3 never closes' in result.out
