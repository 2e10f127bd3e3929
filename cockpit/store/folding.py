"""A checkpoint's file work: the day's backup, the new book written whole, backups pruned."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from . import undo as undo_rules
from .backend import Backend
from .backups import prune_backups, save_backup
from .load import write_book
from .model import SCHEMA_VERSION, Change, Derive, Doc, Token

__all__ = ["diff_table", "write_folded"]


def write_folded(
    backend: Backend,
    path: Path,
    tables: dict[str, dict[int, Doc]],
    extra: dict[str, Any],
    history: undo_rules.History,
    last_seq: int,
    today: date,
    derive: Derive | None = None,
) -> tuple[Token, dict[int, Doc]]:
    """Write the state as the new book (under the lock); its token and the new undo table.

    The book being replaced is kept as the day's backup first (if the day has none). A
    failure leaves the book and the backups as they were; the live meta's undo counter
    may have moved past the undo ids, which is harmless. ``derive`` gives what meta
    keeps as "summaries" (made from the state written); without it meta keeps none, so
    summaries are never older than the tables they sum up.
    """
    made = save_backup(backend, path, today)
    meta = tables["meta"][1]
    new_meta = {
        **meta,
        "schema_version": SCHEMA_VERSION,
        "journal_seq": last_seq,
        "counters": dict(meta["counters"]),
    }
    history.keep_last(undo_rules.UNDO_KEEP)
    new_undo = history.to_table()
    # Undo docs are id'd by seq; keep the counter past them, as a load would.
    top = max(new_undo, default=0)
    for counters in (new_meta["counters"], meta["counters"]):
        counters["undo"] = max(counters.get("undo", 0), top)
    out = dict(tables)
    out["meta"] = {1: new_meta}
    out["undo"] = new_undo
    new_meta.pop("summaries", None)
    if derive is not None:
        new_meta["summaries"] = derive(out)
    try:
        token = write_book(backend, path, out, extra)
    except BaseException:
        # A failed checkpoint leaves the backups as they were.
        if made is not None:
            backend.remove_file(made)
        raise
    prune_backups(backend, path)
    return token, new_undo


def diff_table(old: Mapping[int, Doc], new: Mapping[int, Doc], table: str) -> list[Change]:
    """The changes that turn ``old`` into ``new``."""
    changes = [Change(table, k, v, new.get(k)) for k, v in old.items() if new.get(k) != v]
    changes += [Change(table, k, None, v) for k, v in new.items() if k not in old]
    return changes
