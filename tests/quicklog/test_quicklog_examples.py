"""Every example line of DESIGN §3 (and §1) reads as intended and resolves in a small book."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cockpit.quicklog import (
    Attr,
    ParseContext,
    ParsedLine,
    RefToken,
    Resolved,
    parse,
    resolve,
)
from tests.quicklog.quicklog_fakes import ACME, GLOBEX, TZ, FakeDirectory


def col(line: str, fragment: str) -> int:
    """1-based column where `fragment` first occurs in `line`."""
    index = line.find(fragment)
    assert index >= 0, fragment
    return index + 1


def attr(line: str, key: str, value: object, raw: str) -> tuple[str, Attr]:
    return key, Attr(key, value, raw, col(line, f"{key}:"))


def ref(line: str, sigil: str, text: str) -> tuple[str, RefToken]:
    return sigil, RefToken(sigil, text, col(line, sigil + text))


def test_account(ctx: ParseContext) -> None:
    line = 'account "Acme Corp" tier:key cadence:14d'
    assert parse(line, ctx) == ParsedLine(
        verb="account",
        refs={},
        attrs=dict([attr(line, "tier", "key", "key"), attr(line, "cadence", 14, "14d")]),
        text="Acme Corp",
        text_column=9,
        line=line,
    )


def test_deal(ctx: ParseContext, book: FakeDirectory) -> None:
    line = 'deal @acme "Renewal 2027" value:45k close:eoq stage:qualified'
    parsed = parse(line, ctx)
    assert parsed == ParsedLine(
        verb="deal",
        refs=dict([ref(line, "@", "acme")]),
        attrs=dict(
            [
                attr(line, "value", 4_500_000, "45k"),
                attr(line, "close", date(2026, 12, 31), "eoq"),
                attr(line, "stage", "qualified", "qualified"),
            ]
        ),
        text="Renewal 2027",
        text_column=col(line, '"Renewal'),
        line=line,
    )
    assert resolve(parsed, book) == Resolved(ACME, None, None, None)


def test_call_with_next_step(ctx: ParseContext, book: FakeDirectory) -> None:
    line = 'call #renewal out:voicemail next:"call again" due:+2d'
    parsed = parse(line, ctx)
    assert parsed == ParsedLine(
        verb="call",
        refs=dict([ref(line, "#", "renewal")]),
        attrs=dict(
            [
                attr(line, "out", "voicemail", "voicemail"),
                attr(line, "next", "call again", "call again"),
                attr(line, "due", date(2026, 11, 27), "+2d"),
            ]
        ),
        text="",
        text_column=None,
        line=line,
    )
    assert resolve(parsed, book) == Resolved(None, 11, None, None)


def test_email(ctx: ParseContext, book: FakeDirectory) -> None:
    line = 'email @globex "sent case study" out:sent'
    parsed = parse(line, ctx)
    assert parsed == ParsedLine(
        verb="email",
        refs=dict([ref(line, "@", "globex")]),
        attrs=dict([attr(line, "out", "sent", "sent")]),
        text="sent case study",
        text_column=15,
        line=line,
    )
    assert resolve(parsed, book) == Resolved(GLOBEX, None, None, None)


def test_inbound_call_backdated(ctx: ParseContext, book: FakeDirectory) -> None:
    line = 'call ~jane dir:in "asked for references" at:yesterday'
    parsed = parse(line, ctx)
    assert parsed == ParsedLine(
        verb="call",
        refs=dict([ref(line, "~", "jane")]),
        attrs=dict(
            [
                attr(line, "dir", "in", "in"),
                attr(line, "at", datetime(2026, 11, 24, 12, 0, tzinfo=TZ), "yesterday"),
            ]
        ),
        text="asked for references",
        text_column=col(line, '"asked'),
        line=line,
    )
    assert resolve(parsed, book) == Resolved(None, None, 21, None)


def test_promise(ctx: ParseContext, book: FakeDirectory) -> None:
    line = 'promise @acme "pricing sheet to Jane" due:fri'
    parsed = parse(line, ctx)
    assert parsed == ParsedLine(
        verb="promise",
        refs=dict([ref(line, "@", "acme")]),
        attrs=dict([attr(line, "due", date(2026, 11, 27), "fri")]),
        text="pricing sheet to Jane",
        text_column=col(line, '"pricing'),
        line=line,
    )
    assert resolve(parsed, book) == Resolved(ACME, None, None, None)


def test_done(ctx: ParseContext, book: FakeDirectory) -> None:
    parsed = parse("done !3", ctx)
    assert parsed == ParsedLine("done", {"!": RefToken("!", "3", 6)}, {}, "", None, line="done !3")
    assert resolve(parsed, book) == Resolved(None, None, None, 3)


def test_won(ctx: ParseContext, book: FakeDirectory) -> None:
    line = "won #acme-corp-renewal value:48k"
    parsed = parse(line, ctx)
    assert parsed == ParsedLine(
        verb="won",
        refs=dict([ref(line, "#", "acme-corp-renewal")]),
        attrs=dict([attr(line, "value", 4_800_000, "48k")]),
        text="",
        text_column=None,
        line=line,
    )
    assert resolve(parsed, book) == Resolved(None, 11, None, None)


def test_lost(ctx: ParseContext, book: FakeDirectory) -> None:
    line = 'lost #initech-pilot code:budget reason:"budget frozen until Q3"'
    parsed = parse(line, ctx)
    assert parsed == ParsedLine(
        verb="lost",
        refs=dict([ref(line, "#", "initech-pilot")]),
        attrs=dict(
            [
                attr(line, "code", "budget", "budget"),
                attr(line, "reason", "budget frozen until Q3", "budget frozen until Q3"),
            ]
        ),
        text="",
        text_column=None,
        line=line,
    )
    assert resolve(parsed, book) == Resolved(None, 12, None, None)


def test_plan(ctx: ParseContext) -> None:
    line = "plan quota:300k calls:50/w meetings:8/w daily:20"
    assert parse(line, ctx) == ParsedLine(
        verb="plan",
        refs={},
        attrs=dict(
            [
                attr(line, "quota", 30_000_000, "300k"),
                attr(line, "calls", (50, "w"), "50/w"),
                attr(line, "meetings", (8, "w"), "8/w"),
                attr(line, "daily", 20, "20"),
            ]
        ),
        text="",
        text_column=None,
        arg=None,
        line=line,
    )


def test_day_in_the_life_line(ctx: ParseContext, book: FakeDirectory) -> None:
    """DESIGN §1: the line typed after a call."""
    line = 'call #renewal out:connected "CFO wants 2-year price" next:"send 2y pricing" due:thu'
    parsed = parse(line, ctx)
    assert parsed.verb == "call"
    assert parsed.text == "CFO wants 2-year price"
    assert parsed.value("out") == "connected"
    assert parsed.value("next") == "send 2y pricing"
    assert parsed.value("due") == date(2026, 11, 26)
    assert resolve(parsed, book).deal == 11


@pytest.mark.parametrize(
    ("line", "verb"),
    [("c ~jane", "call"), ("e ~jane", "email"), ("m ~jane", "meeting"), ("n ~jane", "note")],
)
def test_aliases(ctx: ParseContext, line: str, verb: str) -> None:
    assert parse(line, ctx).verb == verb


def test_verbs_are_case_insensitive(ctx: ParseContext) -> None:
    parsed = parse("CALL #renewal OUT:Connected", ctx)
    assert parsed.verb == "call"
    assert parsed.attrs["out"] == Attr("out", "connected", "Connected", 15)


@pytest.mark.parametrize("line", ["call http://x", "call 10:30", "call Re:pricing"])
def test_colon_words_stay_text(ctx: ParseContext, line: str) -> None:
    parsed = parse(line, ctx)
    assert parsed.attrs == {}
    assert parsed.text == line.split(" ", 1)[1]
    assert parsed.text_column == 6


def test_text_joins_tokens_with_single_spaces(ctx: ParseContext) -> None:
    parsed = parse('note   left   "a  message"   for ~jane   "say \\"hi\\""', ctx)
    assert parsed.text == 'left a  message for say "hi"'
    assert parsed.text_column == 8
    assert set(parsed.refs) == {"~"}


def test_blank_quoted_words_are_dropped(ctx: ParseContext) -> None:
    parsed = parse('note "" "   " " kept "', ctx)
    assert (parsed.text, parsed.text_column) == (" kept ", 15)


def test_quoted_sigils_and_keys_are_text(ctx: ParseContext) -> None:
    parsed = parse('note "@acme" "#renewal" "out:sent"', ctx)
    assert parsed.refs == {} and parsed.attrs == {}
    assert parsed.text == "@acme #renewal out:sent"


def test_quoted_values(ctx: ParseContext) -> None:
    parsed = parse('call #renewal at:"yesterday 16:30" next:"send \\"2y\\" pricing"', ctx)
    assert parsed.value("at") == datetime(2026, 11, 24, 16, 30, tzinfo=TZ)
    assert parsed.value("next") == 'send "2y" pricing'
    assert parsed.attrs["next"].raw == 'send "2y" pricing'


def test_stage_argument(ctx: ParseContext, book: FakeDirectory) -> None:
    parsed = parse("stage #renewal Negotiation", ctx)
    assert parsed.arg == "negotiation"
    assert parsed.text == "" and parsed.text_column is None
    assert resolve(parsed, book).deal == 11


def test_stage_keeps_the_rest_as_text(ctx: ParseContext) -> None:
    parsed = parse('stage #renewal proposal "sent the pricing"', ctx)
    assert (parsed.arg, parsed.text, parsed.text_column) == ("proposal", "sent the pricing", 25)


@pytest.mark.parametrize(
    ("line", "arg"),
    [("plan", None), ("plan 2027-Q1 quota:250k", "2027-Q1"), ("plan 2027q1", "2027-Q1")],
)
def test_plan_quarter(ctx: ParseContext, line: str, arg: str | None) -> None:
    assert parse(line, ctx).arg == arg


@pytest.mark.parametrize(
    ("line", "arg", "text"),
    [
        ("off 2026-12-24..2027-01-02", (date(2026, 12, 24), date(2027, 1, 2)), ""),
        ("off fri", (date(2026, 11, 27), date(2026, 11, 27)), ""),
        ("off xmas 2026-12-24..2026-12-26", (date(2026, 12, 24), date(2026, 12, 26)), "xmas"),
        ("off tomorrow..+1w", (date(2026, 11, 26), date(2026, 12, 2)), ""),
    ],
)
def test_off_days(ctx: ParseContext, line: str, arg: tuple[date, date], text: str) -> None:
    parsed = parse(line, ctx)
    assert (parsed.arg, parsed.text) == (arg, text)


def test_set(ctx: ParseContext) -> None:
    parsed = parse("set currency:eur prob.qualified:30 rot.proposal:12 week_start:sunday", ctx)
    assert {k: a.value for k, a in parsed.attrs.items()} == {
        "currency": "EUR",
        "prob.qualified": 30,
        "rot.proposal": 12,
        "week_start": "sun",
    }
    assert parse("set", ctx).attrs == {}


def test_undo(ctx: ParseContext) -> None:
    assert parse("undo", ctx) == ParsedLine("undo", {}, {}, "", None, line="undo")


@pytest.mark.parametrize(
    ("raw", "value"),
    [("no-answer", "no_answer"), ("meeting_booked", "meeting_booked"), ("BUSY", "busy")],
)
def test_outcome_spellings(ctx: ParseContext, raw: str, value: str) -> None:
    assert parse(f"call ~jane out:{raw}", ctx).value("out") == value


@pytest.mark.parametrize("raw", ["best", "best-case", "best_case", "Best-Case"])
def test_forecast_category_spellings(ctx: ParseContext, raw: str) -> None:
    assert parse(f"deal #renewal fc:{raw}", ctx).value("fc") == "best_case"


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("cadence:14d", 14),
        ("cadence:2w", 14),
        ("cadence:30", 30),
        ("role:CFO", "CFO"),
        ("email:jane@acme.com", "jane@acme.com"),
        ('phone:"+1 555 0100"', "+1 555 0100"),
    ],
)
def test_contact_attributes(ctx: ParseContext, attribute: str, value: object) -> None:
    parsed = parse(f"contact ~jane {attribute}", ctx)
    assert next(iter(parsed.attrs.values())).value == value


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("prob:30", 30), ("prob:30%", 30), ("prob:0", 0), ("prob:100%", 100)],
)
def test_probability(ctx: ParseContext, attribute: str, value: int) -> None:
    assert parse(f"deal #renewal {attribute}", ctx).value("prob") == value


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("calls:50", (50, "w")), ("demos:3/w", (3, "w")), ("emails:10/D", (10, "d"))],
)
def test_plan_targets(ctx: ParseContext, attribute: str, value: tuple[int, str]) -> None:
    assert next(iter(parse(f"plan {attribute}", ctx).attrs.values())).value == value


def test_snooze_and_done_at(ctx: ParseContext) -> None:
    assert parse("snooze #renewal until:mon", ctx).value("until") == date(2026, 11, 30)
    assert parse("done !3 at:-2h", ctx).value("at") == datetime(2026, 11, 25, 8, 15, tzinfo=TZ)


def test_deal_update_without_title(ctx: ParseContext) -> None:
    parsed = parse("deal #renewal value:50k", ctx)
    assert parsed.text == "" and parsed.value("value") == 5_000_000


def test_next_with_only_due_redates(ctx: ParseContext) -> None:
    assert parse("next #renewal due:fri", ctx).value("due") == date(2026, 11, 27)


def test_help_rows_cover_every_verb() -> None:
    from cockpit.quicklog import ALIASES, VERBS, verb_help

    rows = verb_help()
    assert len(rows) == len(VERBS)
    assert all(usage.split()[0] in VERBS for usage, _ in rows)
    assert dict(ALIASES) == {"c": "call", "e": "email", "m": "meeting", "n": "note"}
    assert VERBS["lost"].attrs == ("reason", "code", "at")
    assert VERBS["call"].refs == "@#~"
