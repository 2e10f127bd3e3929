"""Real processes: SIGKILL at random moments loses no acknowledged write; two writers interleave."""

from __future__ import annotations

import queue
import random
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pytest
import tinydb

from cockpit.store import FileBackend, Store
from cockpit.store.segments import ORDER, read_segments

from .helpers import Clock, spawn

KILLS = 60


@dataclass
class Promised:
    """What the children acknowledged: inserted ids with their n, the last v patched in."""

    inserted: dict[int, int] = field(default_factory=dict)
    patched: dict[int, int] = field(default_factory=dict)
    last_n: int = 0


def _reader(child: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
    assert child.stdout is not None
    for line in child.stdout:
        lines.put(line)
    lines.put(None)


def _run_and_kill(book: Path, start: int, rng: random.Random, promised: Promised) -> str:
    """Run one child, SIGKILL it, fold what it acknowledged into ``promised``."""
    child = spawn("crash", str(book), str(start), str(rng.randrange(1 << 30)))
    lines: queue.Queue[str | None] = queue.Queue()
    thread = threading.Thread(target=_reader, args=(child, lines), daemon=True)
    thread.start()
    # Half the kills land at a random moment, half at a random moment inside a checkpoint.
    aim_at_checkpoint = rng.random() < 0.5
    deadline = float("inf")
    in_checkpoint = False
    try:
        while True:
            try:
                line = lines.get(timeout=0.01)
            except queue.Empty:
                line = ""
            if line is None:
                raise AssertionError("the child died on its own")
            in_checkpoint = _take(line, promised, in_checkpoint)
            now = time.monotonic()
            if line.startswith("ready"):
                deadline = now + rng.uniform(0.02, 0.25)
            if now < deadline:
                continue
            if not aim_at_checkpoint or now > deadline + 5:
                break
            if in_checkpoint and line.startswith("C"):
                time.sleep(rng.uniform(0, 0.01))
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    thread.join(10)
    while (line := lines.get()) is not None:  # lines printed before the kill count too
        in_checkpoint = _take(line, promised, in_checkpoint)
    return "checkpoint" if in_checkpoint else "commit"


def _take(line: str, promised: Promised, in_checkpoint: bool) -> bool:
    """Record an acknowledged write; track whether the child is inside a checkpoint."""
    word = line.split()[0] if line.strip() else ""
    if word == "C":
        return True
    if word == "c":
        return False
    if word in ("I", "P"):
        _record(line, promised)
    return in_checkpoint


def _record(line: str, promised: Promised) -> None:
    kind, _seq, id_, n = line.split()
    if kind == "I":
        promised.inserted[int(id_)] = int(n)
    else:
        promised.patched[int(id_)] = int(n)
    promised.last_n = max(promised.last_n, int(n))


def _check(book: Path, clock: Clock, promised: Promised) -> bool:
    """Every acknowledged write is there; True if the index matched the book."""
    store = Store.open(book, now=clock, backend=FileBackend(), create=False)
    docs = store.tables["activities"]
    for id_, n in promised.inserted.items():
        assert id_ in docs, f"acknowledged insert #{id_} lost"
        assert docs[id_]["n"] == n
    for id_, v in promised.patched.items():
        # The child may have written one more (unacknowledged) patch before it died.
        assert docs[id_].get("v", -1) >= v, f"acknowledged patch of #{id_} lost"
    with tinydb.TinyDB(book, access_mode="r") as db:  # plain TinyDB reads the book
        activities = db.table("activities").all()
        assert len(activities) >= 1500
        assert all(doc.doc_id == doc["id"] for doc in activities)
        assert db.table("meta").get(doc_id=1)["schema_version"] == 1  # type: ignore[index]
    # The index either matches the book (every range and crc right) or reads as stale.
    got = read_segments(book, ORDER)  # SegmentDamaged if it matched with a wrong crc
    if got is None:
        return False
    assert {name: orjson.loads(part) for name, part in got[0].items()} == orjson.loads(
        book.read_bytes()
    )
    return True


@pytest.mark.slow
def test_sigkill_never_loses_an_acknowledged_write(book: Path, clock: Clock) -> None:
    rng = random.Random(20261125)
    seed = Store.open(book, now=clock, backend=FileBackend())
    with seed.transaction("seed") as tx:
        for i in range(1500):
            tx.insert("activities", {"n": -i, "pad": "seed" * 20})
    seed.close()
    promised = Promised()
    where: list[str] = []
    for _ in range(KILLS):
        where.append(_run_and_kill(book, promised.last_n + 1000, rng, promised))
        _check(book, clock, promised)
    assert len(promised.inserted) > KILLS  # the children did real work
    assert where.count("checkpoint") >= 5, where  # some kills landed inside a checkpoint
    final = Store.open(book, now=clock, backend=FileBackend())
    final.close()  # recovers and folds everything in
    assert _check(book, clock, promised)  # and leaves an index that matches


@pytest.mark.slow
def test_two_writers_at_once(book: Path, clock: Clock, tmp_path: Path) -> None:
    Store.open(book, now=clock, backend=FileBackend()).close()
    go = tmp_path / "go"
    children = [spawn("writer", str(book), tag, "200", str(go)) for tag in ("a", "b")]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    go.touch()
    ids: dict[str, list[int]] = {}
    for tag, child in zip(("a", "b"), children, strict=True):
        out, _ = child.communicate(timeout=60)
        assert child.returncode == 0
        ids[tag] = [int(x) for x in out.split()]
    assert len(ids["a"]) == len(ids["b"]) == 200
    assert len(set(ids["a"]) | set(ids["b"])) == 400  # distinct ids
    fresh = Store.open(book, now=clock, backend=FileBackend())
    deals = fresh.tables["deals"]
    assert sorted(deals) == sorted(ids["a"] + ids["b"])
    for tag in ("a", "b"):
        assert [deals[i]["n"] for i in ids[tag]] == list(range(200))
        assert all(deals[i]["writer"] == tag for i in ids[tag])
    assert fresh.last_seq == 400
