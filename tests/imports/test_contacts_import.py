"""Contacts from an address book: vCard 2.1/3.0/4.0 and Google Contacts CSV (old and new)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cli.helpers import Run
from tests.imports.helpers import DATA, imported


def contacts_of(run: Run) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in run("export", "--format", "json").json()["contacts"]}


def test_vcards_of_every_version_import_with_folded_lines_and_several_emails(
    cockpit: Run,
) -> None:
    pytest.importorskip("vobject")  # a dependency; a venv made before it was added lacks it
    result = imported(cockpit("import", "contacts", str(DATA / "contacts.vcf")))

    contacts = contacts_of(cockpit)
    assert sorted(contacts) == ["Jürgen Müller", "Åse Ørsted", "李小龍"]
    jurgen = contacts["Jürgen Müller"]  # 2.1, quoted-printable UTF-8 name
    assert (jurgen["account"]["name"], jurgen["email"], jurgen["phone"]) == (
        "Müller & Söhne",
        "juergen@mueller.de",
        "+49 30 1234567",
    )
    assert jurgen["phones"] == ["+49 170 7654321"]
    ase = contacts["Åse Ørsted"]  # 3.0: a folded TITLE, the PREF email first
    assert ase["role"] == "Head of Procurement and Strategic Sourcing for the Nordic Region"
    assert (ase["email"], ase["emails"]) == ("ase.home@example.com", ["ase@orsted.dk"])
    assert ase["account"]["name"] == "Ørsted A/S"
    li = contacts["李小龍"]  # 4.0: a tel: URI
    assert (li["email"], li["phone"]) == ("li@example.cn", "+86-10-1234-5678")
    assert result.out.splitlines()[-1] == (
        "imported 3 contacts (3 new, 0 updated) into 3 accounts (3 new); 0 bad rows; 0 warnings"
    )


def test_a_vcard_imported_again_changes_nothing(cockpit: Run) -> None:
    pytest.importorskip("vobject")
    imported(cockpit("import", "contacts", str(DATA / "contacts.vcf")))
    again = imported(cockpit("import", "contacts", str(DATA / "contacts.vcf")))

    assert "(0 new, 0 updated, 3 unchanged)" in again.out.splitlines()[-1]


def test_a_vcard_is_no_deal_or_account_file(cockpit: Run) -> None:
    for kind in ("deals", "accounts"):
        result = cockpit("import", kind, str(DATA / "contacts.vcf"))
        assert result.code == 2
        assert "is a vCard file (contacts), not CSV" in result.err


def test_google_contacts_old_headers_and_multi_values(cockpit: Run) -> None:
    result = imported(cockpit("import", "contacts", str(DATA / "google_contacts_old.csv")))

    assert result.out.splitlines()[0] == (
        "import contacts from google_contacts_old.csv (a Google Contacts export)"
    )
    contacts = contacts_of(cockpit)
    ana = contacts["Ana Lima"]
    assert (ana["email"], ana["emails"], ana["phone"], ana["phones"]) == (
        "ana@acme.com",
        ["ana.lima@gmail.com"],
        "+55 11 91234-5678",
        ["+55 11 3333-4444"],
    )
    assert (ana["role"], ana["account"]["name"]) == ("CFO", "Acme Corp")
    cary = contacts["Grant, Cary"]  # a quoted comma in the name; E-mail 2 kept
    assert (cary["email"], cary["emails"], cary["account"]["name"]) == (
        "cary@initech.com",
        ["cary@home.net"],
        "Initech, Inc.",
    )
    assert contacts["Zoë Ærø"]["account"] is None  # no Name: given and family name


def test_google_contacts_new_headers(cockpit: Run) -> None:
    imported(cockpit("import", "contacts", str(DATA / "google_contacts_new.csv")))

    contacts = contacts_of(cockpit)
    assert sorted(contacts) == ["Ana Lima", "Bo Chen"]
    assert (contacts["Ana Lima"]["role"], contacts["Bo Chen"]["account"]["name"]) == (
        "CFO",
        "Globex",
    )
