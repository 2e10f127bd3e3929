"""Messages that thread workers post back to the screens (attributes down, messages up)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from cockpit.services.outcome import Outcome
from cockpit.ui.data.lines import Target

__all__ = ["BookChanged", "CommandDone", "CommandFailed", "OpenDetail", "ViewReady"]


@dataclass
class CommandDone(Message):
    """A line was applied and written (the journal's fsync has returned)."""

    line: str
    outcome: Outcome
    from_bar: bool


@dataclass
class CommandFailed(Message):
    """A line was refused (bad input, busy store, nothing to undo): nothing was written."""

    line: str
    message: str
    column: int | None = None
    token: str = ""
    from_bar: bool = True


@dataclass
class BookChanged(Message):
    """Another process wrote the book and this session has caught up, or a command handed
    to this session wrote it (`written`: it counts towards the idle checkpoint)."""

    written: bool = False


@dataclass
class ViewReady(Message):
    """A screen's data, built off the event loop, ready to show."""

    data: Any
    revision: int


@dataclass
class OpenDetail(Message):
    """A screen asks the app to open the detail of a record."""

    target: Target
