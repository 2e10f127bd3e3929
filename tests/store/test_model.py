"""Random command sequences agree with a plain dict model, on both backends, across reopens."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from cockpit.store import Backend, FileBackend, MemoryBackend, NothingToUndo, Store

from .helpers import Clock

TABLES = ("accounts", "deals")
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.lists(st.integers(0, 9), max_size=3),
)
fields = st.dictionaries(
    st.sampled_from(["name", "stage", "value", "x", "note"]), values, max_size=3
)


class Boom(Exception):
    pass


class StoreModel(RuleBasedStateMachine):
    backend_kind = "memory"

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="cockpit-model-"))
        self.book = self.folder / "cockpit.json"
        self.backend: Backend = MemoryBackend() if self.backend_kind == "memory" else FileBackend()
        self.clock = Clock()
        self.store = Store.open(self.book, now=self.clock, backend=self.backend)
        self.other = Store.open(self.book, now=self.clock, backend=self.backend)
        self.model: dict[str, dict[int, dict[str, Any]]] = {t: {} for t in TABLES}
        self.counter = {t: 0 for t in TABLES}
        # Each command: {(table, id): (before, after)}; undone ones are popped.
        self.commands: list[dict[tuple[str, int], tuple[Any, Any]]] = []

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _ids(self, data: st.DataObject) -> tuple[str, int] | None:
        pairs = [(t, i) for t in TABLES for i in self.model[t]]
        return data.draw(st.sampled_from(pairs)) if pairs else None

    def _record(self, changes: dict[tuple[str, int], tuple[Any, Any]]) -> None:
        net = {k: v for k, v in changes.items() if v[0] != v[1]}
        if net:
            self.commands.append(net)

    @rule(table=st.sampled_from(TABLES), doc=fields)
    def insert(self, table: str, doc: dict[str, Any]) -> None:
        with self.store.transaction("insert") as tx:
            new = tx.insert(table, dict(doc))
        self.counter[table] += 1
        assert new == self.counter[table]
        self.model[table][new] = {**doc, "id": new}
        self._record({(table, new): (None, self.model[table][new])})

    @rule(data=st.data(), update=fields)
    def patch(self, data: st.DataObject, update: dict[str, Any]) -> None:
        target = self._ids(data)
        if target is None:
            return
        table, id_ = target
        with self.store.transaction("patch") as tx:
            tx.patch(table, id_, update)
        before = self.model[table][id_]
        self.model[table][id_] = {**before, **update}
        self._record({target: (before, self.model[table][id_])})

    @rule(data=st.data(), doc=fields)
    def put(self, data: st.DataObject, doc: dict[str, Any]) -> None:
        target = self._ids(data)
        if target is None:
            return
        table, id_ = target
        with self.other.transaction("put") as tx:  # from the other "process"
            tx.put(table, {**doc, "id": id_})
        before = self.model[table][id_]
        self.model[table][id_] = {**doc, "id": id_}
        self._record({target: (before, self.model[table][id_])})

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        target = self._ids(data)
        if target is None:
            return
        table, id_ = target
        with self.store.transaction("delete") as tx:
            tx.delete(table, id_)
        before = self.model[table].pop(id_)
        self._record({target: (before, None)})

    @rule(data=st.data(), doc=fields)
    def failed_command(self, data: st.DataObject, doc: dict[str, Any]) -> None:
        target = self._ids(data)
        with pytest.raises(Boom), self.store.transaction("fails") as tx:
            tx.insert("deals", dict(doc))
            if target is not None:
                tx.delete(*target)
            raise Boom

    @rule(which=st.booleans())
    def undo(self, which: bool) -> None:
        store = self.store if which else self.other
        if not self.commands:
            with pytest.raises(NothingToUndo):
                store.undo()
            return
        store.undo()
        for (table, id_), (before, _after) in self.commands.pop().items():
            if before is None:
                self.model[table].pop(id_, None)
            else:
                self.model[table][id_] = before

    @precondition(lambda self: len(self.commands) < 45)
    @rule()
    def checkpoint(self) -> None:
        self.other.checkpoint()

    @rule()
    def reopen(self) -> None:
        self.store.close(checkpoint=False)
        self.store = Store.open(self.book, now=self.clock, backend=self.backend)

    @invariant()
    def agrees(self) -> None:
        for store in (self.store, self.other):
            store.refresh()
            for table in TABLES:
                assert dict(store.tables[table]) == self.model[table]


class MemoryStoreModel(StoreModel):
    backend_kind = "memory"


class FileStoreModel(StoreModel):
    backend_kind = "file"


_settings = settings(
    max_examples=40,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestMemoryStore = _settings(MemoryStoreModel).TestCase
TestFileStore = _settings(FileStoreModel).TestCase
