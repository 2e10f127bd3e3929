"""Quick-log lines the UI writes for the rep: every action is a line the rep could type."""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.domain.model import Account, Contact, Deal, Promise
from cockpit.domain.settings import OPEN_STAGES

__all__ = ["Target", "complete_at", "next_stage", "quote", "ref", "token_at"]


@dataclass(frozen=True, slots=True)
class Target:
    """What a row is about: ("deal", 12), ("account", 3), ("contact", 7), ("promise", 2)."""

    kind: str
    id: int


def quote(text: str) -> str:
    """Text as one quick-log token: in double quotes, inner quotes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ref(record: Account | Contact | Deal | Promise) -> str:
    """The reference a rep would type: #12 for a deal, @acme-corp, ~jane-doe, !3."""
    if isinstance(record, Deal):
        return f"#{record.id}"
    if isinstance(record, Account):
        return f"@{record.handle}"
    if isinstance(record, Contact):
        return f"~{record.handle}"
    return f"!{record.id}"


def next_stage(stage: str) -> str | None:
    """The open stage after `stage` (None from negotiation, or from a closed stage)."""
    if stage not in OPEN_STAGES:
        return None
    index = OPEN_STAGES.index(stage)
    return OPEN_STAGES[index + 1] if index + 1 < len(OPEN_STAGES) else None


def token_at(line: str, cursor: int) -> tuple[int, str]:
    """The token that ends at `cursor`: (its start, its text) ("" after a space)."""
    # rsplit scans from the right in C: a keystroke at the end of a long pasted line
    # must not walk the whole line in Python.
    head = line[:cursor]
    if not head or head[-1].isspace():
        return cursor, ""
    token = head.rsplit(None, 1)[-1]
    return cursor - len(token), token


def complete_at(line: str, cursor: int, candidate: str) -> tuple[str, int]:
    """`line` with the token ending at `cursor` replaced by `candidate` and a space;
    returns the new line and the new cursor."""
    start, _ = token_at(line, cursor)
    rest = line[cursor:]
    inserted = candidate if rest.startswith(" ") else candidate + " "
    return line[:start] + inserted + rest, start + len(inserted)
