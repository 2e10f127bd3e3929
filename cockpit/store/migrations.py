"""Schema migrations: a registry {from_version: step}, each step raising the version by one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .model import SCHEMA_VERSION, TABLES

__all__ = ["MIGRATIONS", "Migration", "migrate"]

Migration = Callable[[dict[str, Any], str], dict[str, Any]]
"""A step: the raw book (TinyDB's JSON object) and the time now (ISO) -> the next version."""


def _from_0(raw: dict[str, Any], now_iso: str) -> dict[str, Any]:
    """Adopt a plain TinyDB file: give every document our ``id`` and add meta."""
    out: dict[str, Any] = {}
    counters: dict[str, int] = {}
    for name, table in raw.items():
        docs: dict[str, Any] = {}
        for key, doc in table.items():
            id_ = int(key)
            new = dict(doc)
            if "id" in new and new["id"] != id_:
                # The file's own "id" field meant something else: keep it, under another name.
                new["orig_id"] = new["id"]
            new["id"] = id_
            docs[str(id_)] = new
        out[name] = docs
        counters[name] = max((int(k) for k in docs), default=0)
    for name in TABLES:
        out.setdefault(name, {})
        counters.setdefault(name, 0)
    counters["meta"] = max(counters["meta"], 1)
    out["meta"] = {
        "1": {
            "id": 1,
            "schema_version": 1,
            "journal_seq": 0,
            "counters": {name: counters[name] for name in TABLES},
            "created": now_iso,
        }
    }
    return out


MIGRATIONS: dict[int, Migration] = {0: _from_0}
"""Version n -> n + 1 for every n below SCHEMA_VERSION."""


def migrate(raw: dict[str, Any], version: int, now_iso: str) -> dict[str, Any]:
    """Bring a raw book from ``version`` up to SCHEMA_VERSION, in memory."""
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw, now_iso)
        version += 1
    return raw
