"""`cockpit --help` says where the book lives, `help verbs` lists the verbs, `today --all`."""

from __future__ import annotations

import pytest

from cockpit.quicklog.grammar import VERBS
from tests.cli.helpers import Run


def test_help_says_where_the_book_lives(cockpit: Run, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cockpit("--help")
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    # COCKPIT_DB is set by the fixture; the default path is the one this machine would use.
    assert "the book: --db PATH, else $COCKPIT_DB, else " in out
    assert "cockpit.json" in out.split("else $COCKPIT_DB, else ")[1]
    assert "cockpit help verbs" in out


def test_help_verbs_lists_every_verb(cockpit: Run) -> None:
    result = cockpit("help", "verbs")
    assert result.code == 0
    starts = {line.split()[0] for line in result.out.splitlines() if not line.startswith(" ")}
    assert starts == set(VERBS)
    assert "plan [2027-Q1] [quota:300k] [start:today] [won:120k]" in result.out


def test_today_lists_every_sprint_deal_with_all(cockpit: Run) -> None:
    for n in range(17):
        line = f'deal "Deal {n}" value:{n + 1}k next:"call" due:2026-11-20'
        assert cockpit("log", line).code == 0
    top = cockpit("today")
    assert "Sprint (15 shown · 17 need you)" in top.out
    assert "… 2 more need you today: `cockpit today --all` lists them" in top.out
    everything = cockpit("today", "--all")
    assert everything.code == 0 and "Sprint (17)" in everything.out
    assert all(
        f"Deal {n} " in everything.out or everything.out.count(f"Deal {n}") for n in range(17)
    )
    assert len(cockpit("today", "--all", "--json").json()["sprint"]) == 17


def test_log_help_has_examples_that_run(cockpit: Run, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cockpit("log", "--help")
    examples = [
        line.split("cockpit log ", 1)[1].strip("'")
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("  cockpit log ")
    ]
    assert len(examples) >= 5
    for line in examples:  # in order, on an empty book: each one works as shown
        result = cockpit("log", line)
        assert result.code == 0, (line, result.err)
