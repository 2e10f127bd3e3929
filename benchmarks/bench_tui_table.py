"""Rows of the results table: a figure, its target, the measured median, its reference."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["Row", "at_most", "info", "markdown", "ms", "ratio_row", "within"]


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    figure: str
    book: str
    target: str
    measured: float  # ms; nan when it could not be measured
    reference: str = ""
    verdict: str = ""
    note: str = ""
    unit: str = "ms"

    def as_dict(self) -> dict[str, Any]:
        """For JSON."""
        return asdict(self)


def _verdict(ok: bool, measured: float) -> str:
    if math.isnan(measured):
        return "not measured"
    return "met" if ok else "**missed**"


def at_most(figure: str, book: str, measured: float, limit: float, note: str = "") -> Row:
    """A fixed budget: measured <= limit ms."""
    return Row(
        figure, book, f"≤ {limit:g} ms", measured, "", _verdict(measured <= limit, measured), note
    )


def ratio_row(
    figure: str, book: str, measured: float, reference: float, ref_name: str, times: float
) -> Row:
    """A budget relative to a reference measured in the same rounds: <= times x reference."""
    ok = measured <= times * reference
    target = f"≤ {times:g}× {ref_name}" if times != 1 else f"≤ {ref_name}"
    ratio = measured / reference if reference else math.nan
    return Row(
        figure,
        book,
        target,
        measured,
        f"{reference:.0f} ms ({ratio:.2f}×)",
        _verdict(ok, measured),
    )


def info(figure: str, book: str, measured: float, reference: str = "") -> Row:
    """A figure with no budget of its own, shown to explain the others."""
    return Row(figure, book, "none (for context)", measured, reference, "—")


def within(figure: str, book: str, measured: float, three_year: float, times: float) -> Row:
    """DESIGN §8 (v3): no 10-year figure more than `times` (1.2) its 3-year figure."""
    return ratio_row(figure, book, measured, three_year, "3-year", times)


def ms(value: float) -> str:
    """Milliseconds to the precision that matters: 345 ms, 4.2 ms, 0.43 ms."""
    if math.isnan(value):
        return "n/a"
    digits = 0 if value >= 10 else 1 if value >= 1 else 2
    return f"{value:.{digits}f} ms"


def markdown(rows: list[Row]) -> str:
    """The table in Markdown."""
    out = [
        "| figure | book | target | measured (median) | reference (median) | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        measured = ms(r.measured) if r.unit == "ms" else f"{r.measured:.0f} {r.unit}"
        verdict = f"{r.verdict} ({r.note})" if r.note else r.verdict
        out.append(
            f"| {r.figure} | {r.book} | {r.target} | {measured} | {r.reference} | {verdict} |"
        )
    return "\n".join(out)
