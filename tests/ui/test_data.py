"""The UI's plain helpers: column layout, search, history, lines, completion."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cockpit.services.session import Session
from cockpit.ui.data.complete import completions
from cockpit.ui.data.history import append_history, history_path, load_history
from cockpit.ui.data.lines import complete_at, next_stage, quote, token_at
from cockpit.ui.data.search import SearchIndex
from cockpit.ui.widgets.record_list import Column, layout


def test_layout_drops_the_least_useful_columns_then_shares_the_rest() -> None:
    columns = [
        Column("a", "", 10, flex=1),
        Column("b", "", 6, drop=2),
        Column("c", "", 6, drop=1),
        Column("d", "", 8, flex=3),
    ]
    # 10 + 6 + 6 + 8 + 3 gaps = 33: all fit in 41, the 8 spare go 1:3 to a and d.
    assert [(c.key, w) for c, w in layout(columns, 41)] == [
        ("a", 12),
        ("b", 6),
        ("c", 6),
        ("d", 14),
    ]
    # In 30, b (drop 2) goes first: 10 + 6 + 8 + 2 gaps = 26, 4 spare.
    assert [(c.key, w) for c, w in layout(columns, 30)] == [("a", 11), ("c", 6), ("d", 11)]
    # In 18 only a and d remain (19 wide): the flexible columns squeeze.
    assert sum(w for _, w in layout(columns, 18)) + 1 == 18


def test_layout_never_lays_columns_out_past_the_width() -> None:
    """Issue 11: at 60 columns a timeline showed "n" of "notes", cut bare at the border.
    Too narrow for every column even squeezed: the last narrows (its cells end in "…")
    or goes."""
    columns = [
        Column("when", "when", 10),
        Column("kind", "what", 8),
        Column("text", "notes", 16, flex=3),
    ]
    for width in range(1, 60):
        widths = layout(columns, width)
        assert widths and all(w >= 1 for _, w in widths), width
        assert sum(w for _, w in widths) + len(widths) - 1 <= width, (width, widths)
        assert all(w >= 3 for _, w in widths[1:]), (width, widths)  # room for "a…"
    assert [(c.key, w) for c, w in layout(columns, 20)] == [("when", 10), ("kind", 8)]


def test_lines_quote_and_complete_tokens() -> None:
    assert quote('said "no" \\ twice') == '"said \\"no\\" \\\\ twice"'
    assert token_at("call #ren", 9) == (5, "#ren")
    assert token_at("call ", 5) == (5, "")
    assert complete_at("call #ren out:", 9, "#acme-renewal") == ("call #acme-renewal out:", 18)
    assert complete_at("call #ren", 9, "#acme-renewal") == ("call #acme-renewal ", 19)
    assert [next_stage(s) for s in ("prospect", "negotiation", "won")] == ["qualified", None, None]


def test_history_keeps_the_last_lines_beside_the_book(tmp_path: Path) -> None:
    path = history_path(tmp_path / "cockpit.json")
    assert path.name == "cockpit.json.history"
    assert load_history(path) == []
    for i in range(12):
        append_history(path, f"note @acme {i}\n", limit=5)
    assert load_history(path, limit=5) == [f"note @acme {i}" for i in range(7, 12)]
    assert path.stat().st_mode & 0o777 == 0o600


_SEEN: list[tuple[str, int]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    # os.chmod on the temp file, and the temp file's mode when it is renamed into place.
    if event == "os.chmod" and str(args[0]).endswith(".history.tmp"):
        _SEEN.append(("chmod", int(str(args[1]))))
    elif event == "os.rename" and str(args[0]).endswith(".history.tmp"):
        _SEEN.append(("rename", os.stat(str(args[0])).st_mode & 0o777))


def test_the_history_rewrite_creates_its_temp_file_0600_never_chmod_ed(tmp_path: Path) -> None:
    # Audit events show what the process asked the system for: the temp file (the rep's
    # last typed lines) must be created private (DESIGN 9.6), not made wider then chmod-ed.
    path = history_path(tmp_path / "cockpit.json")
    (tmp_path / "cockpit.json.history.tmp").write_text("stale, 0644\n")
    sys.addaudithook(_audit)  # cannot be removed; it only records .history.tmp files
    _SEEN.clear()
    for i in range(100):  # past 2 x 5 x 80 bytes: the file is rewritten
        append_history(path, f"note @acme {i}", limit=5)
    assert _SEEN, "the history was never rewritten"
    assert {what for what, _mode in _SEEN} == {"rename"}, _SEEN
    assert all(mode == 0o600 for _what, mode in _SEEN), _SEEN
    assert load_history(path, limit=5) == [f"note @acme {i}" for i in range(95, 100)]


def test_search_narrows_as_you_type(day_one: Path) -> None:
    session = Session.open(day_one)
    try:
        session.execute('note @globex "their CTO likes Postgres"')
        index = SearchIndex.build(session.book)
    finally:
        session.close()
    everything = index.search("")
    assert everything.total == 6  # 2 deals, 2 accounts, 1 contact, 1 note
    assert [e.ref for e in index.search("glob").hits] == ["#2", "@globex"]
    assert [e.ref for e in index.search("globex pil").hits] == ["#2"]
    assert [e.kind for e in index.search("postgres").hits] == ["activity"]
    assert index.search("jane cfo").hits[0].ref == "~jane-ortiz"
    assert index.search("nothing like this").total == 0


def test_completion_is_narrowed_by_the_account_in_the_line(day_one: Path) -> None:
    session = Session.open(day_one)
    try:
        book = session.book

        def texts(token: str, line: str = "") -> list[str]:
            return [c.text for c in completions(book, token, line)]

        assert texts("#") == ["#1", "#2"]
        assert texts("#", "call @glob #") == ["#2"]
        assert [c.label for c in completions(book, "#")] == [
            "#1 Renewal 2027 · Acme Corp · $45k",
            "#2 Pilot · Globex · $12k",
        ]
        assert texts("~", "call @globex ~") == []
        assert texts("@a") == ["@acme-corp"]
        assert texts("renewal") == []
        assert texts("fc:be") == ["fc:best_case"]
    finally:
        session.close()
