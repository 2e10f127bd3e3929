"""What a line is refused for, and what it is accepted with a word about (DESIGN §9.1,
§9.2; issue 9): limits, warnings on stderr and in --json, links a confirmation names."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.services.session import Session
from tests.cli.helpers import Run

FRIDAY = "2026-11-27T10:30:00+00:00"


def book_json(book: Path) -> str:
    return book.read_text(encoding="utf-8")


def activities(book: Path) -> list[dict[str, object]]:
    session = Session.open(book, create=False)
    try:
        return [
            {"text": a.text, "ids": (a.contact_id, a.account_id, a.deal_id)}
            for a in session.book.activities.values()
        ]
    finally:
        session.close()


def warnings_of(cockpit: Run, line: str) -> list[str]:
    result = cockpit("log", line, "--json")
    assert result.code == 0, result.err
    warnings: list[str] = result.json()["warnings"]
    return warnings


# -- limits -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("account " + "A" * 3000, 9, "a name is at most 200 characters"),
        ('deal @acme "' + "T" * 201 + '"', 12, "a title is at most 200 characters"),
        ("note @acme " + "x" * 10_001, 12, "a text is at most 10,000 characters"),
        ("note @acme " + "x " * 10_000, 20_001, "a line holds at most 20,000"),
        ("note @acme hi\0there", 14, "a control character (NUL)"),
        ("note @acme hi\x1b[31m", 14, "a control character (U+001B)"),
        ("note @acme caf\udce9", 15, "not UTF-8"),
    ],
    ids=["name", "title", "text", "line", "nul", "escape", "not-utf8"],
)
def test_a_line_past_a_limit_is_refused_at_its_column(
    acme: Run, book: Path, line: str, column: int, words: str
) -> None:
    before = book_json(book)
    result = acme("log", line)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("cockpit: error: "), result.err[:200]
    assert f"col {column}: " in result.err, result.err[:200]
    assert words in result.err
    assert len(result.err.splitlines()) == 1
    assert book_json(book) == before


def test_a_tab_is_a_space_not_a_control_character(acme: Run) -> None:
    result = acme("log", "note @acme\tkept\tgoing")
    assert result.code == 0, result.err


def test_names_and_texts_at_the_limit_are_fine(acme: Run) -> None:
    assert acme("log", "account " + "B" * 200).code == 0
    assert acme("log", "note @acme " + "y" * 10_000).code == 0


# -- warnings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "warning"),
    [
        ("won #renewal value:0", "won with value $0: add value:48k if it had one"),
        ('deal @acme "Old one" close:yesterday', "close 2026-11-24 has already passed"),
        ('promise ~jane "pricing" due:yesterday', "promise due 2026-11-24 is in the past"),
        ('next #renewal "send terms" due:2026-11-20', "next step due 2026-11-20 is in the past"),
        ('call ~jane next:"send terms" due:-2d', "next step due 2026-11-23 is in the past"),
        ("won #renewal at:2026-12-02", "won dated 2026-12-02, in the future"),
        ('lost #renewal reason:"no budget" at:+3d', "lost dated 2026-11-28, in the future"),
        ("set currency:XYZ", "XYZ is not an ISO 4217 currency code"),
        ("call #renewal value:45k", "value: is not a call attribute; kept as text"),
    ],
    ids=["won-0", "close", "promise", "next", "call-next", "won-at", "lost-at", "xyz", "value"],
)
def test_accepted_with_a_word(acme: Run, line: str, warning: str) -> None:
    assert warning in warnings_of(acme, line)


@pytest.mark.parametrize("line", ["stage #pilot won", "deal #pilot stage:won"])
def test_moved_to_won_with_value_0_warns_as_won_does(acme: Run, line: str) -> None:
    assert acme("log", 'deal @acme "Pilot"').code == 0
    assert warnings_of(acme, line) == ["won with value $0: add value:48k if it had one"]


def test_moved_to_won_with_a_value_has_no_warning(acme: Run) -> None:
    assert warnings_of(acme, "stage #renewal won") == []
    assert warnings_of(acme, 'deal @acme "Pilot" value:5k stage:won') == []


def test_a_warning_is_one_line_on_stderr_after_the_confirmation(acme: Run) -> None:
    result = acme("log", "call #renewal value:45k")
    assert result.code == 0
    assert result.out.startswith("logged call on #1 acme-corp-renewal-2027")
    assert result.err == "cockpit: warning: value: is not a call attribute; kept as text\n"


def test_the_value_stays_in_the_text(acme: Run, book: Path) -> None:
    acme("log", "call #renewal value:45k")
    (call,) = activities(book)
    assert call["text"] == "value:45k"


def test_ordinary_lines_have_no_warnings(acme: Run) -> None:
    assert warnings_of(acme, 'call ~jane out:connected "fine" next:"send" due:fri') == []
    assert warnings_of(acme, "won #renewal value:48k") == []
    assert warnings_of(acme, "set currency:EUR") == []
    assert warnings_of(acme, "note @acme see http://x.example at 10:30 Re:pricing") == []


# -- default dates on working days ----------------------------------------------------


def test_snooze_on_a_friday_lands_on_monday(acme: Run) -> None:
    result = acme("log", "snooze #renewal", now=FRIDAY)
    assert result.code == 0
    assert result.out.strip() == "snoozed #1 acme-corp-renewal-2027 until 2026-11-30"


# -- what a contact's activity links ----------------------------------------------------


def test_a_contacts_call_links_the_one_open_deal_and_says_so(acme: Run, book: Path) -> None:
    result = acme("log", 'call ~jane out:connected "hi" next:"send terms"', "--json")
    payload = result.json()
    assert payload["message"] == (
        "logged call with ~jane-doe on #1 acme-corp-renewal-2027 (the only open deal at "
        '@acme-corp); next "send terms" due 2026-11-26'
    )
    (call,) = activities(book)
    assert call["ids"] == (1, 1, 1)


def test_a_contacts_call_with_two_open_deals_links_none_and_says_the_account(
    acme: Run, book: Path
) -> None:
    assert acme("log", 'deal @acme "Pilot" value:5k').code == 0
    result = acme("log", 'call ~jane out:connected "hi"')
    assert result.out.strip() == "logged call with ~jane-doe at @acme-corp"
    (call,) = activities(book)
    assert call["ids"] == (1, 1, None)


# -- candidates ---------------------------------------------------------------------------


def test_an_ambiguous_deal_names_its_candidates_whole_most_urgent_first(acme: Run) -> None:
    assert acme("log", 'deal @acme "Renewal 2028" value:119k close:+3d').code == 0
    result = acme("log", "call #renewal")
    assert result.code == 2
    assert result.err == (
        'cockpit: error: col 6: ambiguous deal "#renewal": '
        "#2 Renewal 2028 · Acme Corp · $119k; #1 Renewal 2027 · Acme Corp · $45k\n"
    )
    payload = acme("log", "call #renewal", "--json").json()
    assert payload["error"]["suggestions"] == ["#acme-corp-renewal-2028", "#acme-corp-renewal-2027"]
