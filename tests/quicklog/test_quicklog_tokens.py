"""The tokenizer, and the small helpers the quick-log shares with the domain."""

from __future__ import annotations

import pytest

from cockpit.domain.handles import deal_handle, slugify, unique_handle
from cockpit.domain.text import edit_distance, nearest, prefix_distance
from cockpit.quicklog.errors import QuickLogError
from cockpit.quicklog.tokens import Token, tokenize


def test_whitespace_and_columns() -> None:
    assert tokenize("  call\t#x  out:sent ") == [
        Token("call", 2, 6, None),
        Token("#x", 7, 9, None),
        Token("out:sent", 11, 19, None),
    ]


def test_quotes_keep_spaces_and_escapes() -> None:
    line = 'note "a  b" next:"say \\"hi\\"" x"y z"w'
    tokens = tokenize(line)
    assert [t.text for t in tokens] == ["note", "a  b", 'next:say "hi"', "xy zw"]
    assert [t.quoted_at for t in tokens] == [None, 0, 5, 1]
    assert [t.column for t in tokens] == [1, 6, 13, 31]
    assert tokens[1].quoted and not tokens[2].quoted
    assert tokens[2].plain_prefix() == "next:"
    assert line[tokens[2].start : tokens[2].end] == 'next:"say \\"hi\\""'


def test_backslash_outside_quotes_is_literal() -> None:
    assert tokenize("a\\b") == [Token("a\\b", 0, 3, None)]


def test_empty_quotes() -> None:
    assert tokenize('""') == [Token("", 0, 2, 0)]


def test_empty_line() -> None:
    assert tokenize("") == [] and tokenize(" \t ") == []


@pytest.mark.parametrize(
    ("line", "column", "token"),
    [('"abc', 1, '"abc'), ('x "a b', 3, '"a b'), ('x y:"a\\"', 5, '"a\\"'), ('ok "a" "', 8, '"')],
)
def test_unterminated_quote(line: str, column: int, token: str) -> None:
    with pytest.raises(QuickLogError) as caught:
        tokenize(line)
    assert (caught.value.column, caught.value.token) == (column, token)
    assert caught.value.message == 'unterminated quote (close it with ")'


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Acme Corp", "acme-corp"),
        ("  Acme   Corp, Inc. ", "acme-corp-inc"),
        ("Müller & Söhne GmbH", "muller-sohne-gmbh"),
        ("Straße", "strasse"),
        ("Ærø Ålborg", "aero-alborg"),
        ("Renewal 2027", "renewal-2027"),
        ("", "x"),
        ("!!!", "x"),
        ("東京", "x"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_unique_handle() -> None:
    taken = {"acme-corp", "acme-corp-2"}
    assert unique_handle("globex", taken.__contains__) == "globex"
    assert unique_handle("acme-corp", taken.__contains__) == "acme-corp-3"


def test_deal_handle() -> None:
    assert deal_handle("acme-corp", "Renewal 2027") == "acme-corp-renewal-2027"
    assert deal_handle(None, "Pilot") == "pilot"
    assert deal_handle(None, "2027") == "deal-2027"  # never an id look-alike


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("", "", 0),
        ("out", "out", 0),
        ("ot", "out", 1),
        ("ta", "at", 1),  # a swap of neighbours is one edit
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("re", "at", 2),
        ("http", "at", 3),
    ],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance
    assert edit_distance(b, a) == distance


def test_edit_distance_limit() -> None:
    assert edit_distance("abcdef", "uvwxyz", 2) == 3
    assert edit_distance("a", "abcd", 1) == 2


def test_prefix_distance() -> None:
    assert prefix_distance("renwal", "renewal-2027", 2) == 1
    assert prefix_distance("jnae", "jane-doe", 1) == 1
    assert prefix_distance("zzz", "jane-doe", 1) == 2


def test_nearest() -> None:
    assert nearest("cal", ["call", "email", "calls"], 2) == ["call", "calls"]
    assert nearest("cal", ["call", "email", "calls"], 2, closest_only=True) == ["call"]
    assert nearest("zzz", ["call"], 1) == []
