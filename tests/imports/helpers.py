"""What the import tests share: their data folder, and reading the book back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.helpers import Result, Run

__all__ = ["DATA", "deals_of", "imported", "total"]

DATA = Path(__file__).parent / "data"


def deals_of(run: Run) -> dict[str, dict[str, Any]]:
    """The book's deals as `export --format json` shows them, by title."""
    return {deal["title"]: deal for deal in run("export", "--format", "json").json()["deals"]}


def total(deals: dict[str, dict[str, Any]], stage: str) -> float:
    """The summed value of the deals in `stage`, in major units."""
    return sum(deal["value"] for deal in deals.values() if deal["stage"] == stage)


def imported(result: Result) -> Result:
    """The result, after checking the import went in."""
    assert result.code == 0, result.out + result.err
    return result
