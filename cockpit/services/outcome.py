"""What a command did, in a shape the CLI and the TUI can both show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Outcome", "RecordRef"]

SINGULAR = {
    "accounts": "account",
    "contacts": "contact",
    "deals": "deal",
    "activities": "activity",
    "promises": "promise",
    "plans": "plan",
    "days_off": "day_off",
    "settings": "setting",
    "reviews": "review",
}


@dataclass(frozen=True, slots=True)
class RecordRef:
    """A record as commands report it: its type, id and handle."""

    table: str
    id: int
    handle: str | None = None
    name: str | None = None

    @property
    def type(self) -> str:
        """The singular record type ("deal")."""
        return SINGULAR.get(self.table, self.table)

    def as_json(self) -> dict[str, Any]:
        """`{"type", "id", "handle"}` as the `log --json` contract says."""
        return {"type": self.type, "id": self.id, "handle": self.handle}

    def record_json(self) -> dict[str, Any]:
        """`{"id", "handle", "name"}`: a record as every --json output shows one."""
        return {"id": self.id, "handle": self.handle, "name": self.name}


@dataclass(slots=True)
class Outcome:
    """The result of one quick-log line."""

    command: str
    message: str = ""
    created: list[RecordRef] = field(default_factory=list)
    updated: list[RecordRef] = field(default_factory=list)
    refs: dict[str, RecordRef] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    seq: int | None = None

    def as_json(self) -> dict[str, Any]:
        """The `cockpit log --json` document for this outcome."""
        return {
            "ok": True,
            "dry_run": self.dry_run,
            "command": self.command,
            "message": self.message,
            "created": [r.as_json() for r in self.created],
            "updated": [r.as_json() for r in self.updated],
            "resolved": {
                "refs": {kind: ref.record_json() for kind, ref in self.refs.items()},
                "dates": dict(self.dates),
            },
            "warnings": list(self.warnings),
        }
