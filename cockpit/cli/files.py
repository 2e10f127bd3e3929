"""Commands on whole books and files: demo, the TUI, restore, archive, import, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cockpit.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    book_path,
    fail,
    local_now,
    open_session,
)

__all__ = ["cmd_archive", "cmd_demo", "cmd_export", "cmd_restore", "cmd_tui", "demo_book_path"]


def cmd_demo(args: argparse.Namespace) -> int:
    from cockpit.demo import write_demo

    path = book_path(args.db)
    if args.years is not None and args.years < 1:
        fail("--years must be 1 or more", EXIT_INPUT)
    try:
        summary = write_demo(path, local_now(), years=args.years, seed=args.seed, force=args.force)
    except FileExistsError as exc:
        fail(str(exc), EXIT_INPUT)
    print(f"wrote demo book {path}: {summary}")
    return EXIT_OK


def demo_book_path() -> Path:
    """Where `cockpit --demo` writes its book: one folder per user, reused (and emptied)
    each time, so demo books do not pile up in the temp folder; a fresh one beside it only
    while another demo is open."""
    import os
    import shutil
    import tempfile  # only here: `cockpit log` must not pay for it

    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"cockpit-demo-{uid}"
    path = folder / "cockpit.json"
    if path.with_name(path.name + ".tui").exists():  # another demo is open on it
        return Path(tempfile.mkdtemp(prefix="cockpit-demo-")) / "cockpit.json"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def cmd_tui(args: argparse.Namespace) -> int:
    from cockpit.ui.run import run_app

    if args.demo:
        from cockpit.demo import write_demo

        path = demo_book_path()
        write_demo(path, local_now())
    else:
        path = book_path(args.db)
    code = int(run_app(path, demo=args.demo))
    if args.demo:
        print(f"the demo book is {path} (rewritten the next time cockpit --demo starts)")
    return code


def cmd_restore(args: argparse.Namespace) -> int:
    from cockpit.store import list_backups, restore_backup

    path = book_path(args.db)
    backups = list_backups(path)
    if not args.backup:
        if not backups:
            print(f"no backups of {path} yet (one is kept each day the book is checkpointed)")
        for backup in backups:
            print(f"{backup.path.name}  {backup.day}  {backup.size:,} bytes")
        return EXIT_OK
    chosen = next(
        (b.path for b in backups if args.backup in (b.path.name, str(b.path), str(b.day))), None
    )
    if chosen is None:
        candidate = Path(args.backup)
        if not candidate.exists():
            names = ", ".join(b.path.name for b in backups[:5]) or "none"
            fail(f"no backup {args.backup!r} (backups: {names})", EXIT_INPUT)
        chosen = candidate
    if not args.yes:
        if not sys.stdin.isatty():
            fail(f"restore replaces {path} with {chosen.name}: add --yes to confirm", EXIT_INPUT)
        answer = input(f"Replace {path} with {chosen.name}? The current book is kept aside. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("restore cancelled")
            return EXIT_OK
    kept = restore_backup(path, chosen, now=local_now)
    aside = f"; the previous book is kept as {kept}" if kept else ""
    print(f"restored {chosen.name} into {path}{aside}")
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    from cockpit.services.archive import (
        ArchiveInputError,
        archive_book,
        parse_year,
        restore_year,
    )

    session = open_session(args, create=False)
    try:
        if args.restore is not None:
            print(restore_year(session, parse_year(args.restore)).message)
        else:
            before = None if args.before is None else parse_year(args.before)
            print(archive_book(session, before).message)
    except ArchiveInputError as exc:
        fail(str(exc), EXIT_INPUT)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from cockpit.exports import ExportError, run_export
    from cockpit.store import SCHEMA_VERSION

    if not args.format:
        fail("export needs --format json, csv or ics", EXIT_INPUT)
    session = open_session(args, create=False)
    out = Path(args.out).expanduser() if args.out else None
    try:
        text, message = run_export(session, args.format, out, SCHEMA_VERSION)
    except ExportError as exc:
        fail(str(exc), EXIT_INPUT)
    if text is not None:
        sys.stdout.write(text)
    if message is not None:
        print(message)
    return EXIT_OK
