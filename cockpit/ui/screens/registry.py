"""Screens opened by name (`P` pipeline, `Q` quarter, `R` review): the place a new screen plugs in.

Each is imported on first use: these screens pull in Markdown and charts that the
start-up can skip.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

__all__ = ["NAMED_SCREENS"]


def _quarter() -> Screen[Any]:
    from cockpit.ui.screens.quarter import QuarterScreen

    return QuarterScreen()


def _review() -> Screen[Any]:
    from cockpit.ui.screens.review import ReviewScreen

    return ReviewScreen()


def _pipeline() -> Screen[Any]:
    from cockpit.ui.screens.pipeline import PipelineScreen

    return PipelineScreen()


NAMED_SCREENS: dict[str, Callable[[], Screen[Any]]] = {
    "pipeline": _pipeline,
    "quarter": _quarter,
    "review": _review,
}
