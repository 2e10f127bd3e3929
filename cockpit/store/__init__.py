"""The book on disk: strict load, journal, checkpoint, lock, backups, migrations, undo.

The only code that touches the book's files. Generic over tables of JSON documents.

The book is a TinyDB file, and cockpit opens it through TinyDB's extension point,
``TinyDB(path, storage=CockpitStorage)`` (``tinydb_storage``; imported on its own so that
importing the store costs no TinyDB). TinyDB is the file format and the query language
off the hot path; commands never go through TinyDB's tables, which rewrite the whole
table on every insert (64 ms at 10k documents, measured, DESIGN §6). The hot path works
on the store's in-memory tables and the indexes built from them, and writes one journal
line per command.
"""

from .backend import Backend, FileBackend
from .backups import Backup, list_backups
from .errors import (
    BookRefused,
    Busy,
    NothingToUndo,
    StoreError,
    SystemRefused,
    TuiAlreadyOpen,
    UndoConflict,
    system_refusal,
)
from .lock import LOCK_TIMEOUT
from .memory import MemoryBackend
from .model import SCHEMA_VERSION, TABLES, Change, Committed, Doc, Listener
from .paths import default_book_path
from .restore import restore_backup
from .segments import BIG_TABLES
from .store import Store
from .transaction import Transaction
from .tui_pidfile import TuiClaim, claim_tui

__all__ = [
    "BIG_TABLES",
    "LOCK_TIMEOUT",
    "SCHEMA_VERSION",
    "TABLES",
    "Backend",
    "Backup",
    "BookRefused",
    "Busy",
    "Change",
    "Committed",
    "Doc",
    "FileBackend",
    "Listener",
    "MemoryBackend",
    "NothingToUndo",
    "Store",
    "StoreError",
    "SystemRefused",
    "Transaction",
    "TuiAlreadyOpen",
    "TuiClaim",
    "UndoConflict",
    "claim_tui",
    "default_book_path",
    "list_backups",
    "restore_backup",
    "system_refusal",
]
