"""A session on a hand-built book, for the service and screen tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from cockpit.domain.book import Book
from cockpit.domain.codec import RECORD_TYPES, to_doc
from cockpit.imports import ImportOptions, import_file
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from cockpit.store import MemoryBackend, Store

__all__ = ["BOOK_PATH", "one_agents_deals", "session_on"]

BOOK_PATH = Path("/memory/cockpit.json")


def session_on(book: Book, now: datetime, backend: MemoryBackend | None = None) -> Session:
    """A session whose store holds `book`'s records (same ids), on a fixed clock."""
    backend = backend or MemoryBackend()
    store = Store.open(BOOK_PATH, now=lambda: now, backend=backend)
    with store.transaction("test book") as tx:
        for key, value in book.stored_settings.items():
            tx.insert("settings", {"key": key, "value": value})
        for table in RECORD_TYPES:
            records: dict[int, Any] = getattr(book, table)
            for record_id in sorted(records):
                doc = to_doc(records[record_id])
                doc.pop("id")
                assert tx.insert(table, doc) == record_id
    return Session(store, fixed_clock(now))


def one_agents_deals(book: Path, export: Path, now: datetime) -> Session:
    """A book at `book` holding Darcel Schlecht's deals imported from a crm-sample CSV
    (`export`), its stages mapped as a rep would map them."""
    session = Session.open(book, clock=fixed_clock(now))
    options = ImportOptions.parse(
        where=["sales_agent=Darcel Schlecht"],
        stage_map=["Prospecting=prospect", "Engaging=qualified"],
    )
    import_file(session, "deals", export, options)
    return session
