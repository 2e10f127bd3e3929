"""One table of the book: records by id, decoded from their documents on first access."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, ValuesView
from typing import Any, TypeVar

from cockpit.domain.codec import from_doc, to_doc

__all__ = ["RecordTable"]

Doc = dict[str, Any]
R = TypeVar("R")


class RecordTable(Mapping[int, R]):
    """One table's records by id, decoded from their documents on first access.

    A command-line `log` touches a handful of records in a book of tens of thousands:
    decoding them all up front would cost more than everything else it does.
    """

    def __init__(self, table: str) -> None:
        self.table = table
        self.docs: dict[int, Doc] = {}
        self._records: dict[int, R] = {}
        self.version = 0
        """Moves whenever a record changes (set_doc)."""
        self.derived: dict[Hashable, Any] = {}
        """What a view computed from this table's records, forgotten whenever one changes:
        a line that only adds an activity leaves the deals' quarter sums as they were."""

    @classmethod
    def of_records(cls, table: str, records: Mapping[int, R]) -> RecordTable[R]:
        """A table holding records made elsewhere (a view of the past, say)."""
        made: RecordTable[R] = cls(table)
        made.docs = {record_id: to_doc(record) for record_id, record in records.items()}
        made._records = dict(records)
        return made

    def copy(self) -> RecordTable[R]:
        """The same records in a table of their own: later changes to this one leave the
        copy as it was (documents and records are shared, never mutated)."""
        made: RecordTable[R] = RecordTable(self.table)
        made.docs = dict(self.docs)
        made._records = dict(self._records)
        return made

    def __getitem__(self, record_id: int) -> R:
        record = self._records.get(record_id)
        if record is None:
            record = from_doc(self.table, self.docs[record_id])
            self._records[record_id] = record
        return record

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.docs

    def __iter__(self) -> Iterator[int]:
        return iter(self.docs)

    def __len__(self) -> int:
        return len(self.docs)

    def values(self) -> ValuesView[R]:
        """Every record (decoding those not yet decoded)."""
        if len(self._records) != len(self.docs):
            for record_id in self.docs:
                self[record_id]
        return self._records.values()

    def set_doc(self, record_id: int, doc: Doc | None) -> None:
        """Replace (or, with None, remove) a record's document."""
        if self.docs.get(record_id) is doc:
            return  # the same document again: applied before the fsync, then after it
        self.version += 1
        self.derived.clear()
        self._records.pop(record_id, None)
        if doc is None:
            self.docs.pop(record_id, None)
        else:
            self.docs[record_id] = doc
