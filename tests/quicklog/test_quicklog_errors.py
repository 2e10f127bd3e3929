# ruff: noqa: E501  (a table of whole error messages reads best one case per line)
"""Every way a line can be wrong: the message, the column and the token it names."""

from __future__ import annotations

import pytest

from cockpit.quicklog import ParseContext, QuickLogError, parse

VERB_LIST = (
    "call, email, meeting, demo, proposal, social, note, account, contact, deal, next, "
    "stage, won, lost, focus, unfocus, snooze, promise, done, plan, off, set, undo"
)
DATE_FORMS = (
    "today, tomorrow, yesterday, mon..sun, 2026-12-01, +3d, +2w, +1m, -1d, "
    "sow/eow, som/eom, soq/eoq, soy/eoy"
)

CASES = [
    # verbs
    ("cll #x", 1, "cll", 'unknown verb "cll" (did you mean call?)'),
    ("prom @acme x", 1, "prom", 'unknown verb "prom" (did you mean promise?)'),
    ("frobnicate", 1, "frobnicate", f'unknown verb "frobnicate" (a line starts with a verb: {VERB_LIST})'),
    ('"call" #x', 1, '"call"', f"a line starts with a verb, not quoted text ({VERB_LIST})"),
    ("", 1, "", "empty line (start with a verb: call, email, note, deal ...)"),
    ("   ", 4, "", "empty line (start with a verb: call, email, note, deal ...)"),
    # keys
    ("call ot:x", 6, "ot:x", 'unknown key "ot:" for call (did you mean out:?)'),
    ("call #x dur:fri", 9, "dur:fri", 'unknown key "dur:" for call (did you mean dir: or due:?)'),
    ("deal #x vaule:45k", 9, "vaule:45k", 'unknown key "vaule:" for deal (did you mean value:?)'),
    ("contact ~jane mail:j@x.io", 15, "mail:j@x.io", 'unknown key "mail:" for contact (did you mean email:?)'),
    ("plan call:50/w", 6, "call:50/w", 'unknown key "call:" for plan (did you mean calls:?)'),
    ("set sprint_windw:3", 5, "sprint_windw:3", 'unknown setting "sprint_windw:" (did you mean sprint_window:?)'),
    ("set foo:bar", 5, "foo:bar", 'unknown setting "foo:" (set alone lists them)'),
    ("set currency EUR", 5, "currency", "set takes key:value (set currency:EUR)"),
    ("call #x due:", 9, "due:", "due: needs a value (write due:VALUE, no space after the colon)"),
    ('call #x next:""', 9, 'next:""', "next: needs a value (write next:VALUE, no space after the colon)"),
    ("call #x out:sent out:sent", 18, "out:sent", "out: given twice"),
    ("call #x DUE:fri due:mon", 17, "due:mon", "due: given twice"),
    # choices
    ("call #x out:conected", 13, "conected", 'unknown outcome "conected" (did you mean connected?)'),
    ("call #x out:maybe", 13, "maybe", 'unknown outcome "maybe" (one of connected, replied, voicemail, no_answer, busy, meeting_booked, sent, bounced)'),
    ("call #x dir:sideways", 13, "sideways", 'unknown direction "sideways" (one of in, out)'),
    ("account Foo tier:gold", 18, "gold", 'unknown tier "gold" (one of key, growth, nurture, none)'),
    ("deal #x stage:closed", 15, "closed", 'unknown stage "closed" (one of prospect, qualified, proposal, negotiation, won, lost)'),
    ("deal #x fc:maybe", 12, "maybe", 'unknown forecast category "maybe" (one of pipeline, best_case, commit, closed, omitted)'),
    ('lost #x reason:"no" code:moon', 26, "moon", 'unknown lost code "moon" (one of price, budget, timing, competitor, no_decision, no_fit, ghosted, champion_left, other)'),
    ('lost #x reason:"no" code:budgte', 26, "budgte", 'unknown lost code "budgte" (did you mean budget?)'),
    # numbers and strings
    ("account Foo cadence:2x", 21, "2x", 'bad cadence "2x" (write 14d or 2w)'),
    ("account Foo cadence:0d", 21, "0d", 'bad cadence "0d" (write 14d or 2w)'),
    ("contact ~jane email:jane.acme.com", 21, "jane.acme.com", 'bad email "jane.acme.com" (like jane@acme.com)'),
    ("deal #x prob:120", 14, "120", 'bad probability "120" (a whole number from 0 to 100, like 30 or 30%)'),
    ("deal #x prob:abc", 14, "abc", 'bad probability "abc" (a whole number from 0 to 100, like 30 or 30%)'),
    ("plan calls:lots", 12, "lots", 'bad target "lots" (write 50/w or 10/d; a bare number is per week)'),
    ("plan demos:5/m", 12, "5/m", 'bad target "5/m" (write 50/w or 10/d; a bare number is per week)'),
    ("plan daily:-1", 12, "-1", 'bad daily minimum "-1" (a whole number, like 20)'),
    ("set currency:EURO", 14, "EURO", "bad currency: expected a three-letter currency code like EUR, got 'EURO'"),
    ("set prob.qualified:130", 20, "130", "bad prob.qualified: expected a whole number from 0 to 100, got '130'"),
    ("set week_start:someday", 16, "someday", "bad week_start: expected a weekday (mon..sun), got 'someday'"),
    # money
    ("deal #x value:12,5", 15, "12,5", 'bad amount "12,5" (write 12.5: "." for decimals, "," between thousands)'),
    ("deal #x value:1.200,50", 15, "1.200,50", 'bad amount "1.200,50" (write 1200.50: "." for decimals, "," between thousands)'),
    ("deal #x value:1,2345", 15, "1,2345", 'bad amount "1,2345" (write 12500, 12,500, 12500.50 or 45k)'),
    ("deal #x value:-5", 15, "-5", 'bad amount "-5": amounts cannot be negative'),
    ("deal #x value:1.234", 15, "1.234", 'bad amount "1.234": USD takes at most 2 decimals'),
    ("deal #x value:1.2345k", 15, "1.2345k", 'bad amount "1.2345k": USD takes at most 2 decimals (write 1234.50)'),
    ("deal #x value:€5", 15, "€5", 'bad amount "€5": this book is in USD (write 5 or $5)'),
    ('plan quota:"5 EUR"', 12, '"5 EUR"', 'bad amount "5 EUR": this book is in USD (write 5 or $5)'),
    ("won #x value:lots", 14, "lots", 'bad amount "lots" (write 12500, 12,500, 12500.50 or 45k)'),
    # dates and times
    ("call #x due:frday", 13, "frday", 'unknown date "frday" (did you mean friday?)'),
    ("call #x due:someday", 13, "someday", f'unknown date "someday" (use {DATE_FORMS})'),
    ("call #x due:2026-02-30", 13, "2026-02-30", 'no such date "2026-02-30"'),
    ("deal #x close:+99999m", 15, "+99999m", 'date out of range "+99999m"'),
    ("snooze #x until:nevr", 17, "nevr", f'unknown date "nevr" (use {DATE_FORMS})'),
    ("snooze #x until:tomorow", 17, "tomorow", 'unknown date "tomorow" (did you mean tomorrow?)'),
    ("call #x at:25:00", 12, "25:00", 'bad time "25:00"'),
    ("call #x at:13pm", 12, "13pm", 'bad time "13pm"'),
    ('call #x at:"yesterday 9:75"', 12, '"yesterday 9:75"', 'bad time "9:75"'),
    ('call #x at:"tomorrow at noon"', 12, '"tomorrow at noon"', 'unknown date/time "tomorrow at noon" (use now, 16:30, yesterday 16:30, 2026-11-24T16:30, -2h, -30m, +1h or a date)'),
    ("call #x at:yestrday", 12, "yestrday", 'unknown date/time "yestrday" (did you mean yesterday?)'),
    ("call #x at:2026-13-01T10:00", 12, "2026-13-01T10:00", 'no such date/time "2026-13-01T10:00"'),
    # quotes
    ('call #x "unterminated', 9, '"unterminated', 'unterminated quote (close it with ")'),
    ('call #x next:"send it', 14, '"send it', 'unterminated quote (close it with ")'),
    ('note "ends with \\"', 6, '"ends with \\"', 'unterminated quote (close it with ")'),
    # references
    ("done #x", 6, "#x", "done does not take #deal (done takes !promise)"),
    ("won @acme", 5, "@acme", "won does not take @account (won takes #deal)"),
    ("next ~jane #x", 6, "~jane", "next does not take ~contact (next takes #deal)"),
    ("account ~jane", 9, "~jane", "account does not take ~contact (account takes @account)"),
    ("contact #x", 9, "#x", "contact does not take #deal (contact takes @account ~contact)"),
    ("plan @acme", 6, "@acme", "plan does not take @account (plan takes no references)"),
    ("undo @acme", 6, "@acme", "undo does not take @account (undo takes no references)"),
    ("call #a #b", 9, "#b", "one #deal per line"),
    ("call @", 6, "@", "a bare @ (write @acme)"),
    ("promise ~ x", 9, "~", "a bare ~ (write ~jane)"),
    ("done !abc", 6, "!abc", "a promise is named by its number, like !3 (not !abc)"),
    # what a verb cannot do without
    ("won", 4, "", "won needs a deal (#renewal or #12)"),
    ("focus", 6, "", "focus needs a deal (#renewal or #12)"),
    ("focus ~jane", 7, "~jane", "focus does not take ~contact (focus takes #deal)"),
    ("snooze until:fri", 17, "", "snooze needs a deal (#renewal or #12)"),
    ("lost #x code:budget", 20, "", 'lost needs reason:"..." — a definitive no, because X'),
    ("done", 5, "", "done needs a promise (!3)"),
    ("account tier:key", 17, "", 'account needs a name (account "Acme Corp")'),
    ('account "  " tier:key', 22, "", 'account needs a name (account "Acme Corp")'),
    ("contact @acme role:CFO", 23, "", 'contact needs a name (contact @acme "Jane Doe")'),
    ("deal @acme value:5k", 20, "", 'deal needs a title (deal @acme "Renewal 2027") or a #deal'),
    ("stage #x", 9, "", "stage needs a stage name (prospect, qualified, proposal, negotiation, won, lost)"),
    ("stage #x negotation", 10, "negotation", 'unknown stage "negotation" (did you mean negotiation?)'),
    ("promise @acme due:fri", 22, "", 'promise needs text: what you promised ("pricing sheet to Jane")'),
    ("next #x", 8, "", 'next needs the next step as text (next #renewal "send pricing")'),
    ("off", 4, "", "off needs a date or a range like 2026-12-24..2027-01-02"),
    ("off xmas", 5, "xmas", f'unknown date "xmas" (use {DATE_FORMS})'),
    ("off xmas 2026-12-32", 10, "2026-12-32", 'no such date "2026-12-32"'),
    ("off 2027-01-02..2026-12-24", 5, "2027-01-02..2026-12-24", 'bad range "2027-01-02..2026-12-24": it ends before it starts'),
    ("off 2026-12-24..", 5, "2026-12-24..", 'bad range "2026-12-24.." (write 2026-12-24..2027-01-02)'),
    ("plan 2027-Q5", 6, "2027-Q5", 'unknown quarter "2027-Q5" (write 2027-Q1)'),
    ("plan 2027-Q1 extra", 14, "extra", 'unexpected "extra" (plan takes a quarter and targets)'),
    ("undo now", 6, "now", "undo takes nothing else"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "column", "token", "message"), CASES)
def test_error(ctx: ParseContext, line: str, column: int, token: str, message: str) -> None:
    with pytest.raises(QuickLogError) as caught:
        parse(line, ctx)
    error = caught.value
    assert (error.message, error.column, error.token) == (message, column, token)
    assert str(error) == f"col {column}: {message}"
    assert line[column - 1 :].startswith(token)


@pytest.mark.parametrize(
    ("line", "suggestions"),
    [
        ("call ot:x", ["out:"]),
        ("cll", ["call"]),
        ("deal #x value:12,5", ["12.5"]),
        ("call #x out:conected", ["connected"]),
        ("call #x dir:sideways", ["in", "out"]),
        ("frobnicate", []),
    ],
)
def test_suggestions(ctx: ParseContext, line: str, suggestions: list[str]) -> None:
    with pytest.raises(QuickLogError) as caught:
        parse(line, ctx)
    assert caught.value.suggestions == suggestions


def test_error_is_a_value_error(ctx: ParseContext) -> None:
    with pytest.raises(ValueError):
        parse("cll", ctx)


def test_first_problem_wins(ctx: ParseContext) -> None:
    """Tokens are read left to right; what is missing is checked last."""
    with pytest.raises(QuickLogError) as caught:
        parse("lost code:moon due:frday", ctx)
    assert caught.value.column == 11


def test_error_survives_pickling(ctx: ParseContext) -> None:
    import pickle

    with pytest.raises(QuickLogError) as caught:
        parse("call ot:x", ctx)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.message, copy.column, copy.token, copy.suggestions) == (
        caught.value.message,
        6,
        "ot:x",
        ["out:"],
    )
