"""Resolving @account, #deal, ~contact and !promise references, and completing them."""

from __future__ import annotations

import pytest

from cockpit.quicklog import (
    ParseContext,
    ParsedLine,
    QuickLogError,
    RefToken,
    Resolved,
    complete,
    parse,
    resolve,
)
from tests.quicklog.quicklog_fakes import (
    ACME,
    GLOBEX,
    INITECH,
    FakeDirectory,
    contact,
    deal,
    small_book,
)


def busy_book() -> FakeDirectory:
    """The small book plus a won Globex renewal, an open one, and a second Jane."""
    directory = small_book()
    directory.deal_list += [
        deal(13, "globex-renewal-2026", "renewal-2026", GLOBEX, "Renewal 2026", is_open=False),
        deal(14, "globex-renewal-2028", "renewal-2028", GLOBEX, "Renewal 2028"),
    ]
    directory.contact_list.append(contact(22, "jane-roe", GLOBEX, "Jane Roe"))
    return directory


def run(line: str, ctx: ParseContext, directory: FakeDirectory) -> Resolved:
    return resolve(parse(line, ctx), directory)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("call @acme-corp", Resolved(ACME, None, None, None)),
        ("call @ACME-Corp", Resolved(ACME, None, None, None)),
        ("call @acme", Resolved(ACME, None, None, None)),
        ("call @glob", Resolved(GLOBEX, None, None, None)),
        ('call @"Acme Corp"', Resolved(ACME, None, None, None)),
        ("call #acme-corp-renewal-2027", Resolved(None, 11, None, None)),
        ("call #acme-corp-renewal", Resolved(None, 11, None, None)),
        ("call #init", Resolved(None, 12, None, None)),
        ("call #renewal", Resolved(None, 11, None, None)),
        ("call #Renewal-2027", Resolved(None, 11, None, None)),
        ("call #pilot", Resolved(None, 12, None, None)),
        ("call #11", Resolved(None, 11, None, None)),
        ("call ~jane", Resolved(None, None, 21, None)),
        ("call ~jane-doe", Resolved(None, None, 21, None)),
        ("call @initech #pilot", Resolved(INITECH, 12, None, None)),
        ("call @acme #renewal ~jane", Resolved(ACME, 11, 21, None)),
        ("call @acme #11", Resolved(ACME, 11, None, None)),
        ("done !3", Resolved(None, None, None, 3)),
        ("note nothing to resolve", Resolved(None, None, None, None)),
    ],
)
def test_resolves_in_the_small_book(
    ctx: ParseContext, book: FakeDirectory, line: str, expected: Resolved
) -> None:
    assert run(line, ctx, book) == expected


def test_open_deal_preferred_over_closed(ctx: ParseContext) -> None:
    directory = small_book()
    directory.deal_list.append(
        deal(13, "globex-renewal-2026", "renewal-2026", GLOBEX, "Renewal 2026", is_open=False)
    )
    assert run("call #renewal", ctx, directory).deal == 11
    # A closed deal is still found when it is the only match.
    assert run("call #globex", ctx, directory).deal == 13


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("call @globex #renewal", Resolved(GLOBEX, 14, None, None)),
        ("call @globex ~jane", Resolved(GLOBEX, None, 22, None)),
        ("call #globex-renewal-2028 ~jane", Resolved(None, 14, 22, None)),  # the deal's account
        ("call #acme ~jane", Resolved(None, 11, 21, None)),
        ("won #globex-renewal-2026", Resolved(None, 13, None, None)),  # exact, though closed
    ],
)
def test_narrowing_settles_ambiguity(ctx: ParseContext, line: str, expected: Resolved) -> None:
    assert run(line, ctx, busy_book()) == expected


@pytest.mark.parametrize(
    ("line", "column", "token", "message", "suggestions"),
    [
        (
            "call #renwal",
            6,
            "#renwal",
            'unknown deal "#renwal" (did you mean #acme-corp-renewal-2027?)',
            ["#acme-corp-renewal-2027"],
        ),
        (
            "call @acme-crop",
            6,
            "@acme-crop",
            'unknown account "@acme-crop" (did you mean @acme-corp?)',
            ["@acme-corp"],
        ),
        (
            "call ~jnae",
            6,
            "~jnae",
            'unknown contact "~jnae" (did you mean ~jane-doe?)',
            ["~jane-doe"],
        ),
        ("call @zzz", 6, "@zzz", 'unknown account "@zzz"', []),
        ('call @"Umbrella Corp"', 6, '@"Umbrella Corp"', 'unknown account "@Umbrella Corp"', []),
        (
            "call @acme #pilot",
            12,
            "#pilot",
            'unknown deal "#pilot" at @acme-corp (did you mean #initech-pilot?)',
            ["#initech-pilot"],
        ),
        (
            "call @globex ~jane",
            14,
            "~jane",
            'unknown contact "~jane" at @globex (did you mean ~jane-doe?)',
            ["~jane-doe"],
        ),
        (
            "call @globex #11",
            14,
            "#11",
            "deal #11 (acme-corp-renewal-2027) is not at @globex",
            [],
        ),
        ("call #99", 6, "#99", "no deal #99", []),
        ("done !9", 6, "!9", "no promise !9", []),
        (
            "call @zzz #nothing",
            6,
            "@zzz",
            'unknown account "@zzz"',
            [],
        ),
    ],
)
def test_resolve_errors(
    ctx: ParseContext,
    book: FakeDirectory,
    line: str,
    column: int,
    token: str,
    message: str,
    suggestions: list[str],
) -> None:
    with pytest.raises(QuickLogError) as caught:
        run(line, ctx, book)
    error = caught.value
    assert (error.message, error.column, error.token, error.suggestions) == (
        message,
        column,
        token,
        suggestions,
    )
    assert line[column - 1 :].startswith(token)


@pytest.mark.parametrize(
    ("line", "message", "suggestions"),
    [
        (
            "call #renewal",
            'ambiguous deal "#renewal": #acme-corp-renewal-2027; #globex-renewal-2028',
            ["#acme-corp-renewal-2027", "#globex-renewal-2028"],
        ),
        (
            "call ~jane",
            'ambiguous contact "~jane": ~jane-doe; ~jane-roe',
            ["~jane-doe", "~jane-roe"],
        ),
    ],
)
def test_ambiguous(ctx: ParseContext, line: str, message: str, suggestions: list[str]) -> None:
    with pytest.raises(QuickLogError) as caught:
        run(line, ctx, busy_book())
    assert (caught.value.message, caught.value.column, caught.value.suggestions) == (
        message,
        6,
        suggestions,
    )


def test_ambiguous_names_three_whole_and_counts_the_rest(ctx: ParseContext) -> None:
    directory = small_book()
    directory.deal_list += [
        deal(100 + i, f"acme-corp-deal-{i}", f"deal-{i}", ACME, f"Deal {i}") for i in range(8)
    ]
    with pytest.raises(QuickLogError) as caught:
        run("call #acme-corp-deal", ctx, directory)
    assert caught.value.message == (
        'ambiguous deal "#acme-corp-deal": #acme-corp-deal-0; #acme-corp-deal-1; '
        "#acme-corp-deal-2 … and 5 more"
    )
    assert len(caught.value.suggestions) == 5


def test_hand_built_parsed_line_resolves(book: FakeDirectory) -> None:
    parsed = ParsedLine("call", {"#": RefToken("#", "pilot", 6)}, {}, "", None)
    assert resolve(parsed, book).deal == 12


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("@ac", ["@acme-corp"]),
        ("@", ["@acme-corp", "@globex", "@initech"]),
        ("@corp", ["@acme-corp"]),
        ("@A", ["@acme-corp"]),
        ("#ren", ["#acme-corp-renewal-2027", "#globex-renewal-2028", "#globex-renewal-2026"]),
        ("#globex", ["#globex-renewal-2028", "#globex-renewal-2026"]),
        ("#11", ["#acme-corp-renewal-2027"]),
        ("~ja", ["~jane-doe", "~jane-roe"]),
        ("~roe", ["~jane-roe"]),
        ("!3", []),
        ("acme", []),
        ("", []),
        ("@zzz", []),
    ],
)
def test_complete(prefix: str, expected: list[str]) -> None:
    assert complete(prefix, busy_book()) == expected


def test_complete_respects_the_limit() -> None:
    assert complete("#", busy_book(), limit=2) == [
        "#acme-corp-renewal-2027",
        "#globex-renewal-2028",
    ]
