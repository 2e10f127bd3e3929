"""The README's quick-log examples work on the demo book as printed (issue 9)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.cli.helpers import Run

README = Path(__file__).resolve().parents[2] / "README.md"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def _indented(section: str) -> list[str]:
    return [line[4:] for line in section.splitlines() if line.startswith("    ")]


def test_a_day_with_cockpit_on_the_demo_book(cockpit: Run, book: Path) -> None:
    assert cockpit("demo", "--db", str(book)).code == 0
    lines = _indented(_section("A day with cockpit"))
    typed = next(line for line in lines if line.startswith("call "))
    shell = next(line for line in lines if line.startswith("cockpit log "))
    printed = lines[lines.index(shell) + 1]
    args = shlex.split(shell)[1:]
    assert args[1] == typed  # the bar and the shell take the same line

    dry = cockpit(*args, "--dry-run")
    assert dry.code == 0, dry.err
    result = cockpit(*args)
    assert (result.code, result.err) == (0, "")
    assert result.out.strip() == printed


def test_the_quick_log_examples_run_in_order_on_the_demo_book(cockpit: Run, book: Path) -> None:
    assert cockpit("demo", "--db", str(book)).code == 0
    examples = _indented(_section("The quick-log line"))
    assert len(examples) >= 14
    for line in examples:
        result = cockpit("log", line)
        assert result.code == 0, f"{line!r}: {result.err}"
        assert not re.search(r"error", result.err), result.err
