"""Any line at all either reads or fails with a QuickLogError that points into the line."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.calendar import Calendar
from cockpit.quicklog import ALIASES, VERBS, ParseContext, QuickLogError, complete, parse, resolve
from cockpit.quicklog.grammar import ATTRIBUTES
from tests.quicklog.quicklog_fakes import FakeDirectory, small_book

CONTEXTS = [
    ParseContext(datetime(2026, 11, 25, 10, 15, tzinfo=ZoneInfo("Europe/Berlin")), Calendar()),
    ParseContext(
        datetime(2027, 1, 31, 23, 59, tzinfo=ZoneInfo("America/New_York")),
        Calendar(working_weekdays=(6, 0, 1, 2, 3), week_start=6, fiscal_start=2),
        currency="JPY",
        minor_digits=0,
    ),
]
BOOK: FakeDirectory = small_book()

WORDS = [
    *VERBS, *ALIASES, *(f"{key}:" for key in ATTRIBUTES), "currency:", "prob.qualified:",
    "@", "#", "~", "!", "@acme", "#renewal", "#11", "~jane", "!3", "!x", "#99",
    '"', '\\"', '"a b"', '"@acme x"', 'next:"a b"', 'at:"yesterday 16:30"',
    ":", "::", "..", "-", "+", "%", "/", ",", ".", "$", "€", "k", "m",
    "45k", "12,5", "1.200,50", "-5", "1.234", "2026-12-01", "2026-02-30", "2026-12-24..2027-01-02",
    "+3d", "-2h", "+1m", "eoq", "sow", "fri", "monday", "yesterday", "16:30", "25:00", "4pm",
    "2027-Q1", "50/w", "10/d", "30%", "14d", "connected", "no-answer", "best", "budget", "x",
    "http://x", "10:30", "Re:pricing", "İ", "ß", "\u00a0", "\t", "0", "9" * 30,
]  # fmt: skip

fragments = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet='abcxyz0123456789:@#~!"\\.-+/%, ', max_size=6),
)
separators = st.sampled_from([" ", " ", " ", "", "  ", "\t"])
structured = st.lists(st.tuples(fragments, separators), max_size=12).map(
    lambda parts: "".join(f + s for f, s in parts)
)
verb_lines = st.tuples(st.sampled_from([*VERBS, *ALIASES]), structured).map(" ".join)
lines = st.one_of(st.text(max_size=80), structured, verb_lines, verb_lines)


def check_error(error: QuickLogError, line: str) -> None:
    assert 1 <= error.column <= len(line) + 1, (line, error)
    assert line[error.column - 1 :].startswith(error.token), (line, error)
    assert error.message and str(error) == f"col {error.column}: {error.message}"


@settings(max_examples=500, deadline=None)
@given(line=lines, which=st.sampled_from(range(len(CONTEXTS))))
def test_any_line_reads_or_points_at_its_error(line: str, which: int) -> None:
    try:
        parsed = parse(line, CONTEXTS[which])
    except QuickLogError as error:
        check_error(error, line)
        return
    assert parsed.verb in VERBS
    assert parsed.line == line
    for ref in parsed.refs.values():
        assert line[ref.column - 1] == ref.sigil
    for attr in parsed.attrs.values():
        assert line[attr.column - 1 :].lower().startswith(attr.key)
    try:
        resolve(parsed, BOOK)
    except QuickLogError as error:
        check_error(error, line)


@settings(max_examples=200, deadline=None)
@given(prefix=st.text(max_size=12))
def test_complete_never_fails(prefix: str) -> None:
    for sigil in ("", "@", "#", "~", "!"):
        assert all(isinstance(c, str) for c in complete(sigil + prefix, BOOK))
