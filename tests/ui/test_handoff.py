"""`cockpit log`, `undo` and `today` beside the open cockpit: handed to it over its socket.

Each command runs twice in a real subprocess: once against a book the app has open (the
request goes to the app's session), once against a copy of the same book with no cockpit
open (the command runs itself). Both must print the same and exit the same.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from cockpit.domain.book import Book
from cockpit.handoff.protocol import decode, encode, read_message
from cockpit.services.session import Session
from cockpit.store import claim_tui
from cockpit.ui import handoff_server, live
from cockpit.ui.app import CockpitApp
from cockpit.ui.data.search import SearchIndex
from cockpit.ui.handoff_server import book_socket
from cockpit.ui.live import searchable_copy
from cockpit.ui.widgets.header import CockpitHeader, header_text
from tests.handoff.helpers import ENV, cockpit, journal_lines
from tests.ui.helpers import NOW, settle


@pytest.fixture
def alone(book: Path, tmp_path: Path) -> Path:
    """A copy of the demo book that no cockpit has open."""
    folder = tmp_path / "alone"
    folder.mkdir()
    return Path(shutil.copy2(book, folder / book.name))


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    # The app's clock is fixed at NOW; the commands are told the same moment.
    monkeypatch.setenv("COCKPIT_NOW", NOW.isoformat())


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["log", 'next #22 "send the handoff pricing" due:fri'], 0),
        (["log", "--json", 'call #22 out:connected "json reply"'], 0),
        (["log", 'call #nosuchdeal out:connected "typo"'], 2),
        (["log", "--json", "call #nosuchdeal"], 2),
        (["undo"], 5),
        (["today"], 0),
        (["today", "--json"], 0),
    ],
)
async def test_a_command_beside_the_open_cockpit_prints_what_it_prints_alone(
    app: CockpitApp, book: Path, alone: Path, args: list[str], code: int
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert stat.S_ISSOCK(os.stat(book_socket(book)).st_mode)
        handed = await asyncio.to_thread(cockpit, book, *args)
        await settle(pilot)
    direct = cockpit(alone, *args)
    assert (handed.returncode, handed.stdout, handed.stderr) == (
        direct.returncode,
        direct.stdout,
        direct.stderr,
    )
    assert handed.returncode == code
    # The write went through the app's session: one journal line, as alone.
    assert (
        journal_lines(book) == journal_lines(alone) == (1 if args[0] == "log" and not code else 0)
    )


def touches(app: CockpitApp) -> str:
    """The header's "today N/M touches"."""
    board = app.screen.query_one(CockpitHeader).board
    assert board is not None
    return header_text(board).plain.rsplit(" · ", 1)[-1]


async def test_the_screen_shows_a_handed_over_line_at_once(app: CockpitApp, book: Path) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        revision = app.revision
        refused = await asyncio.to_thread(cockpit, book, "log", "call #nosuchdeal")
        assert refused.returncode == 2
        await settle(pilot)
        assert app.revision == revision  # nothing written: nothing to repaint
        before = touches(app)
        done = await asyncio.to_thread(cockpit, book, "log", 'call #22 out:connected "handed"')
        assert done.returncode == 0, done.stderr
        await settle(pilot)  # no poll: the app was told by its own session
        after = touches(app)
        assert after != before
        assert int(after.split()[1].split("/")[0]) == int(before.split()[1].split("/")[0]) + 1
        undone = await asyncio.to_thread(cockpit, book, "undo")
        assert undone.stdout == 'undid "call #22 out:connected "handed""\n'
        await settle(pilot)
        assert touches(app) == before


async def test_a_handed_over_line_is_answered_while_the_search_index_is_being_built(
    app: CockpitApp, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index of a 10-year book takes most of a second to build, two seconds after the
    # last write: a `cockpit log` arriving then must not wait for it (it used to: 269 ms).
    entered, release = threading.Event(), threading.Event()
    build = SearchIndex.build

    def held_build(book: Book) -> SearchIndex:
        entered.set()
        release.wait(30)
        return build(book)

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = touches(app)
        monkeypatch.setattr(SearchIndex, "build", staticmethod(held_build))
        monkeypatch.setattr(live, "INDEX_AFTER_SECONDS", 0.001)
        app.index_soon()  # as two seconds after the last write
        try:
            assert await asyncio.to_thread(entered.wait, 30)  # building, and held there
            done = await asyncio.to_thread(cockpit, book, "log", 'call #22 out:connected "now"')
            assert (done.returncode, done.stderr) == (0, "")  # not exit 4 after 5 s
            assert done.stdout.startswith("logged call on #22 ")
            assert journal_lines(book) == 1
            assert not release.is_set()  # the index is still being built
        finally:
            release.set()
        await settle(pilot)
        after = touches(app)
        assert int(after.split()[1].split("/")[0]) == int(before.split()[1].split("/")[0]) + 1
        assert app.search_index is not None and app.search_index[0] == app.revision


async def test_a_handed_over_line_is_answered_before_a_long_journal_is_checkpointed(
    app: CockpitApp, book: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every 1,000 lines the journal is folded into the book (a second or more on a
    # 10-year book): the line's outcome was decided at its fsync, so it is answered first.
    store = session.store
    monkeypatch.setattr(store, "checkpoint_lines", 0)  # this line's journal is "long"
    entered, release, folded = threading.Event(), threading.Event(), threading.Event()
    checkpoint = store.checkpoint

    def held_checkpoint() -> None:
        entered.set()
        release.wait(30)
        checkpoint()
        folded.set()

    monkeypatch.setattr(store, "checkpoint", held_checkpoint)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        try:
            done = await asyncio.to_thread(cockpit, book, "log", 'call #22 "answered first"')
            assert (done.returncode, done.stderr) == (0, "")  # not exit 4 after 5 s
            assert done.stdout.startswith("logged call on #22 ")
            assert entered.is_set() and journal_lines(book) == 1  # not folded in yet
        finally:
            release.set()
        assert await asyncio.to_thread(folded.wait, 30)
        await settle(pilot)
    assert journal_lines(book) == 0  # folded into the book after the answer
    assert "answered first" in book.read_text()


async def test_a_line_whose_command_gave_up_while_the_book_was_busy_is_never_written(
    app: CockpitApp, book: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command waits 5 s, then exits 4 saying the line was not sent again: a request
    # still waiting for the book's lock by then must be dropped, not written behind it.
    clock, asked = [0.0], threading.Event()

    def monotonic() -> float:
        now = clock[0]
        asked.set()
        return now

    monkeypatch.setattr(handoff_server, "time", SimpleNamespace(monotonic=monotonic))
    held, release = threading.Event(), threading.Event()

    def hold_the_book() -> None:
        with session.lock:  # a long rebuild, say
            held.set()
            release.wait(30)

    def ask() -> dict[str, object]:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(book_socket(book))
            request = {"v": 1, "command": "log", "line": 'call #22 "late"', "json": False}
            request |= {"dry_run": False, "now": os.environ["COCKPIT_NOW"], "deadline": 5.0}
            sock.sendall(encode(request))
            return decode(read_message(sock))

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        holder = threading.Thread(target=hold_the_book)
        holder.start()
        assert held.wait(30)
        answer = asyncio.ensure_future(asyncio.to_thread(ask))
        assert await asyncio.to_thread(asked.wait, 30)  # it checked the deadline: in time
        clock[0] = 6.0  # the command gives up (exit 4) while the book is still held
        release.set()
        await asyncio.to_thread(holder.join, 30)
        assert await answer == {"decline": "the command has given up"}
        await settle(pilot)
    assert journal_lines(book) == 0


def test_the_search_index_reads_the_same_from_a_copy_of_the_book(session: Session) -> None:
    with session.lock:
        copy = searchable_copy(session.book)
        whole = SearchIndex.build(session.book)
    session.execute('call #22 out:connected "after the copy"')  # the copy stays as it was
    assert SearchIndex.build(copy).entries == whole.entries
    assert SearchIndex.build(session.book).entries != whole.entries


async def test_the_socket_is_private_and_gone_when_the_cockpit_closes(
    app: CockpitApp, book: Path
) -> None:
    path = book_socket(book)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not os.path.exists(path)
    # Closed: the command runs itself and still works.
    done = cockpit(book, "log", 'call #22 out:connected "after closing"')
    assert done.returncode == 0, done.stderr


async def test_a_book_too_deep_for_a_socket_path_is_served_from_a_short_one(
    book: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    open_session: Callable[[Path], Session],
    request: pytest.FixtureRequest,
) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="run-", dir="/tmp"))  # as short as /run/user/N
    request.addfinalizer(lambda: shutil.rmtree(runtime, ignore_errors=True))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    deep = tmp_path / ("d" * 100) / "cockpit.json"
    deep.parent.mkdir()
    shutil.copy2(book, deep)
    with claim_tui(deep):
        app = CockpitApp(open_session(deep), poll_interval=0, tick_interval=0)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert (runtime / os.path.basename(book_socket(deep))).exists()
            assert "socket " in deep.with_name("cockpit.json.tui").read_text()
            revision = app.revision
            done = await asyncio.to_thread(cockpit, deep, "log", 'call #22 "deep"')
            assert done.returncode == 0, done.stderr
            await settle(pilot)
            assert app.revision > revision  # the app ran it, not the command itself


MODULES = (
    "import json, sys; from cockpit.cli import main; rc = main(sys.argv[1:]); "
    "sys.stdout.flush(); sys.stderr.write(json.dumps(sorted(sys.modules)))"
)


async def test_the_handoff_path_imports_no_more_than_the_client(
    app: CockpitApp, book: Path
) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-c", MODULES, "log", 'call #22 "imports"', "--db", str(book)],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stderr)
    ours = sorted(m for m in modules if m.split(".")[0] == "cockpit")
    # The arguments' check comes first (standard library only); $COCKPIT_NOW is checked
    # once a command runs itself (the open cockpit declines another clock than its own).
    checks = ["cockpit.cli.checks"]
    assert ours == sorted(["cockpit", "cockpit.cli", "cockpit.handoff", *CLIENT, *checks])
    banned = ("pendulum", "tinydb", "textual", "rich", "orjson", "platformdirs", "vobject")
    assert [m for m in modules if m.split(".")[0] in banned] == []


CLIENT = ["cockpit.handoff.client", "cockpit.handoff.protocol"]


PEER = """
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
request = {"v": 1, "command": "log", "line": sys.argv[2], "json": False,
    "dry_run": False, "now": None, "deadline": 1e12}
try:
    s.sendall(json.dumps(request).encode() + b"\\n")
    print("answer:", s.recv(65536))
except (BrokenPipeError, ConnectionResetError):
    print("answer: none")
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
async def test_another_user_gets_no_answer_even_through_an_open_socket(
    book: Path, open_session: Callable[[Path], Session], request: pytest.FixtureRequest
) -> None:
    # The socket is 0600 in a private folder; opened up here by hand, the uid check holds.
    folder = Path(tempfile.mkdtemp(prefix="cockpit-peer-", dir="/tmp"))
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
    folder.chmod(0o755)
    shared = Path(shutil.copy2(book, folder / "cockpit.json"))
    app = CockpitApp(open_session(shared), poll_interval=0, tick_interval=0)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        os.chmod(book_socket(shared), 0o666)
        stranger = await asyncio.to_thread(
            subprocess.run,
            ["/usr/bin/python3", "-c", PEER, book_socket(shared), 'call #22 "stranger"'],
            user=65534,
            capture_output=True,
            text=True,
            timeout=30,
        )
        await settle(pilot)
    # Connected, then closed without a word.
    assert stranger.stdout in ("answer: b''\n", "answer: none\n"), stranger.stderr
    assert journal_lines(shared) == 0
