"""Generate a demo book's documents, and write one through the store."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from cockpit.demo.plans import Builder
from cockpit.demo.shape import shape_for
from cockpit.domain.codec import RECORD_TYPES, to_doc
from cockpit.domain.model import WORKED_FIELDS
from cockpit.domain.summaries import summaries_doc
from cockpit.store import Store
from cockpit.store.paths import index_path, journal_path, lock_path

__all__ = ["TABLES", "Tables", "demo_summary", "generate_demo", "write_demo"]

Doc = dict[str, Any]
Tables = dict[str, list[Doc]]

# The demo writes the settings table (empty: default settings) and every record table
# but the saved reviews.
TABLES = ("settings", *(table for table in RECORD_TYPES if table != "reviews"))


def generate_demo(now: datetime, *, years: int | None = None, seed: int = 7) -> Tables:
    """The documents of a demo book around `now`, table by table, ids 1..n in each.

    years=None: a few months of one rep's book; years=N: the N-year benchmark book.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (the book's time zone)")
    if years is not None and (isinstance(years, bool) or not isinstance(years, int) or years < 1):
        raise ValueError(f"years must be a positive whole number, got {years!r}")
    # A plain datetime: subclasses such as pendulum's do their own arithmetic.
    now = datetime(
        now.year,
        now.month,
        now.day,
        now.hour,
        now.minute,
        now.second,
        now.microsecond,
        tzinfo=now.tzinfo,
        fold=now.fold,
    )
    builder = Builder(now, shape_for(now.date(), years), seed)
    builder.build_accounts()
    builder.build_contacts()
    builder.choose_overdue_accounts()
    builder.build_deals()
    builder.tell_story()
    builder.build_activities()
    promises = builder.build_promises()
    for story in builder.stories:
        story.deal.history.sort(key=lambda change: change.at)
        # The story's next steps and close dates stand for the rep's commands: worked then.
        worked = [c.at for c in story.deal.history if c.field in WORKED_FIELDS]
        story.deal.worked = worked[-1] if worked else None
    records: dict[str, list[Any]] = {
        "accounts": builder.accounts,
        "contacts": builder.contacts,
        "deals": [s.deal for s in builder.stories],
        "activities": builder.activities,
        "promises": promises,
        "plans": builder.build_plans(),
        "days_off": builder.build_days_off(),
    }
    tables: Tables = {"settings": []}  # the demo runs on the default settings
    for table in TABLES[1:]:
        tables[table] = [to_doc(record) for record in records[table]]
    return tables


def demo_summary(tables: Tables) -> str:
    """One line of counts: "40 accounts, 120 contacts, 60 deals, 1,523 activities, ..."."""
    words = (
        ("accounts", "account"),
        ("contacts", "contact"),
        ("deals", "deal"),
        ("activities", "activity"),
        ("promises", "promise"),
    )
    parts = []
    for table, singular in words:
        count = len(tables.get(table, []))
        parts.append(f"{count:,} {singular if count == 1 else table}")
    return ", ".join(parts)


def write_demo(
    path: Path,
    now: datetime,
    *,
    years: int | None = None,
    seed: int = 7,
    force: bool = False,
) -> str:
    """Write a demo book at `path` through the store; return its summary.

    Refuses an existing book (or a journal left beside it) unless `force`, which replaces
    the old book and removes its journal and lock; backups are left alone.
    """
    path = Path(path)
    leftovers = [p for p in (path, journal_path(path)) if p.exists()]
    if leftovers and not force:
        raise FileExistsError(f"{leftovers[0]} already exists; use --force to replace it")
    tables = generate_demo(now, years=years, seed=seed)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Built in a folder of its own and moved in whole: the store's checkpoint would
    # otherwise file the empty book it starts from as today's backup, over the backup
    # of the book being replaced.
    workdir = Path(tempfile.mkdtemp(prefix=".cockpit-demo-", dir=path.parent))
    try:
        built = workdir / path.name
        store = Store.open(built, now=lambda: now, create=True)
        store.derive = summaries_doc  # so a command that reads no activities has them
        try:
            with store.transaction("demo") as tx:
                for table in TABLES:
                    for doc in tables[table]:
                        if tx.insert(table, dict(doc)) != doc["id"]:
                            raise RuntimeError(f"{built}: {table} ids do not start at 1")
            # Clearing undo keeps `cockpit undo` from emptying the new book (and the
            # undo table from holding a second copy of it).
            store.checkpoint(clear_undo=True)
        finally:
            store.close()
        # The old journal goes first: replayed onto the new book, it would corrupt it.
        journal_path(path).unlink(missing_ok=True)
        lock_path(path).unlink(missing_ok=True)
        if index_path(built).exists():  # still the book's: a rename keeps what it names
            os.replace(index_path(built), index_path(path))
        os.replace(built, path)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return demo_summary(tables)
