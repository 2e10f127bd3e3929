"""The `cockpit` command line (DESIGN §5). Imports no Textual unless the TUI is opened.

Exit codes: 0 done; 1 internal error; 2 bad input; 3 the book is refused; 4 busy;
5 nothing to undo.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

__all__ = ["main"]

EXIT_OK, EXIT_BUG, EXIT_INPUT, EXIT_REFUSED, EXIT_BUSY, EXIT_NO_UNDO = 0, 1, 2, 3, 4, 5


class CliError(Exception):
    """A one-line error with its exit code."""

    def __init__(self, message: str, code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.code = code


def _fail(message: str, code: int) -> NoReturn:
    raise CliError(message, code)


def book_path(option: str | None) -> Path:
    """--db, else $COCKPIT_DB, else cockpit.json in the user data folder."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("COCKPIT_DB")
    if env:
        return Path(env).expanduser()
    from cockpit.store import default_book_path

    return default_book_path()


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _open_session(args: argparse.Namespace, create: bool = True) -> Any:
    from cockpit.services.session import Session

    path = book_path(args.db)
    if not create and not path.exists():
        _fail(f"no book at {path} (create one with `cockpit log` or `cockpit demo --db {path}`)", 2)
    return Session.open(path, create=create)


# -- commands --------------------------------------------------------------------


def cmd_log(args: argparse.Namespace) -> int:
    from cockpit.quicklog import QuickLogError

    session = _open_session(args)
    try:
        outcome = session.execute(args.line, dry_run=args.dry_run)
    except QuickLogError as exc:
        if args.json:
            _print_json(
                {
                    "ok": False,
                    "error": {
                        "message": exc.message,
                        "column": exc.column,
                        "token": exc.token,
                        "suggestions": list(exc.suggestions),
                    },
                }
            )
            return EXIT_INPUT
        _fail(str(exc), EXIT_INPUT)
    if args.json:
        _print_json(outcome.as_json())
    else:
        prefix = "would have " if outcome.dry_run and outcome.command != "undo" else ""
        print(prefix + outcome.message)
        for warning in outcome.warnings:
            print(f"cockpit: warning: {warning}", file=sys.stderr)
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    session = _open_session(args, create=False)
    print(session.undo().message)
    return EXIT_OK


def cmd_today(args: argparse.Namespace) -> int:
    from cockpit.services.today import today_json, today_text
    from cockpit.store import SCHEMA_VERSION

    session = _open_session(args, create=False)
    if args.json:
        _print_json(today_json(session.book, session.now(), schema_version=SCHEMA_VERSION))
    else:
        print(today_text(session.book, session.now()))
    return EXIT_OK


def cmd_quarter(args: argparse.Namespace) -> int:
    from cockpit.services.archive_view import book_for_quarter
    from cockpit.services.quarter_view import quarter_json, quarter_text
    from cockpit.store import SCHEMA_VERSION

    session = _open_session(args, create=False)
    calendar = session.book.calendar
    if args.quarter:
        try:
            quarter = calendar.parse_quarter(args.quarter)
        except ValueError as exc:
            _fail(f"--quarter: {exc}", EXIT_INPUT)
    else:
        quarter = calendar.quarter_of(session.now().date())
    book = book_for_quarter(session, quarter)  # with the archives if it reaches into them
    if args.json:
        _print_json(quarter_json(book, quarter, session.now(), SCHEMA_VERSION))
    else:
        print(quarter_text(book, quarter, session.now()))
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from cockpit.services.archive_view import book_for_week
    from cockpit.services.review_view import (
        ReviewInputError,
        review_json,
        review_markdown,
        review_text,
    )
    from cockpit.store import SCHEMA_VERSION

    session = _open_session(args, create=False)
    book = book_for_week(session, args.week)  # with the archives if it reads archived days
    try:
        if args.json:
            _print_json(review_json(book, args.week, session.now(), SCHEMA_VERSION))
        elif args.markdown:
            print(review_markdown(book, args.week, session.now()))
        else:
            print(review_text(book, args.week, session.now()))
    except ReviewInputError as exc:
        _fail(str(exc), EXIT_INPUT)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from cockpit.services.demo import write_demo

    path = book_path(args.db)
    if args.years is not None and args.years < 1:
        _fail("--years must be 1 or more", EXIT_INPUT)
    try:
        summary = write_demo(path, _now(), years=args.years, seed=args.seed, force=args.force)
    except FileExistsError as exc:
        _fail(str(exc), EXIT_INPUT)
    print(f"wrote demo book {path}: {summary}")
    return EXIT_OK


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
            _fail(f"no backup {args.backup!r} (backups: {names})", EXIT_INPUT)
        chosen = candidate
    if not args.yes:
        if not sys.stdin.isatty():
            _fail(f"restore replaces {path} with {chosen.name}: add --yes to confirm", EXIT_INPUT)
        answer = input(f"Replace {path} with {chosen.name}? The current book is kept aside. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("restore cancelled")
            return EXIT_OK
    kept = restore_backup(path, chosen, now=_now)
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

    session = _open_session(args, create=False)
    try:
        if args.restore is not None:
            print(restore_year(session, parse_year(args.restore)).message)
        else:
            before = None if args.before is None else parse_year(args.before)
            print(archive_book(session, before).message)
    except ArchiveInputError as exc:
        _fail(str(exc), EXIT_INPUT)
    return EXIT_OK


def cmd_tui(args: argparse.Namespace) -> int:
    from cockpit.ui.app import run_app

    if args.demo:
        from cockpit.services.demo import write_demo

        folder = Path(tempfile.mkdtemp(prefix="cockpit-demo-"))
        path = folder / "cockpit.json"
        write_demo(path, _now())
    else:
        path = book_path(args.db)
    return int(run_app(path, demo=args.demo))


def cmd_import(args: argparse.Namespace) -> int:
    from cockpit.imports import (
        ImportInputError,
        ImportOptions,
        import_file,
        report_json,
        report_text,
    )
    from cockpit.store import SCHEMA_VERSION

    try:
        options = ImportOptions.parse(
            args.map, args.where, args.stage_map, args.date_format, args.skip_bad, args.dry_run
        )
        session = _open_session(args)
        report = import_file(session, args.kind, Path(args.file), options)
    except ImportInputError as exc:
        if args.json:
            _print_json({"ok": False, "error": {"message": str(exc)}})
            return EXIT_INPUT
        _fail(str(exc), EXIT_INPUT)
    if args.json:
        book = session.book
        _print_json(report_json(report, session.now(), book.settings.currency, SCHEMA_VERSION))
    else:
        print(report_text(report))
    if report.refused:
        print(f"cockpit: error: {report.summary}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from cockpit.services.exporter import ExportError, run_export
    from cockpit.store import SCHEMA_VERSION

    if not args.format:
        _fail("export needs --format json, csv or ics", EXIT_INPUT)
    session = _open_session(args, create=False)
    out = Path(args.out).expanduser() if args.out else None
    try:
        text, message = run_export(session, args.format, out, SCHEMA_VERSION)
    except ExportError as exc:
        _fail(str(exc), EXIT_INPUT)
    if text is not None:
        sys.stdout.write(text)
    if message is not None:
        print(message)
    return EXIT_OK


def _now() -> Any:
    """Now in the system's time zone (for commands that run before a book is open)."""
    from datetime import datetime

    from cockpit.services.clock import local_zone, parse_now

    zone = local_zone()
    fixed = os.environ.get("COCKPIT_NOW")
    return parse_now(fixed, zone).astimezone(zone) if fixed else datetime.now(zone)


# -- parser ------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argparse tree for every command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the book file")
    parser = argparse.ArgumentParser(
        prog="cockpit",
        description="A personal sales cockpit for the terminal.",
        parents=[common],
    )
    parser.add_argument("--demo", action="store_true", help="open on a fresh demo book")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    log = sub.add_parser("log", parents=[common], help="record one quick-log line")
    log.add_argument("line", help='e.g. call #renewal out:connected "CFO wants 2-year price"')
    log.add_argument("--dry-run", action="store_true", help="show how it reads, write nothing")
    log.add_argument("--json", action="store_true", help="print the result as JSON")
    log.set_defaults(func=cmd_log)

    today = sub.add_parser("today", parents=[common], help="sprint list, touches due, promises")
    today.add_argument("--json", action="store_true")
    today.set_defaults(func=cmd_today)

    quarter = sub.add_parser("quarter", parents=[common], help="the quarter against the plan")
    quarter.add_argument("--quarter", metavar="2026-Q4")
    quarter.add_argument("--json", action="store_true")
    quarter.set_defaults(func=cmd_quarter)

    review = sub.add_parser("review", parents=[common], help="the weekly review")
    review.add_argument("--week", metavar="2026-W48")
    fmt = review.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--markdown", action="store_true")
    review.set_defaults(func=cmd_review)

    demo = sub.add_parser("demo", parents=[common], help="write a demo book")
    demo.add_argument("--years", type=int, help="1, 3 or 10: the benchmark books")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--force", action="store_true", help="replace an existing book")
    demo.set_defaults(func=cmd_demo)

    imp = sub.add_parser("import", parents=[common], help="import deals, accounts or contacts")
    imp.add_argument("kind", choices=("deals", "accounts", "contacts"))
    imp.add_argument("file", help="a CSV file with a header row")
    imp.add_argument("--map", action="append", default=[], metavar="COL=field")
    imp.add_argument("--where", action="append", default=[], metavar="COL=VALUE")
    imp.add_argument("--stage-map", action="append", default=[], metavar="VALUE=stage")
    imp.add_argument("--date-format", metavar="FMT", help="strptime format, e.g. %%m/%%d/%%Y")
    imp.add_argument("--skip-bad", action="store_true", help="import the good rows anyway")
    imp.add_argument("--dry-run", action="store_true", help="report, write nothing")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.set_defaults(func=cmd_import)

    export = sub.add_parser("export", parents=[common], help="export the book")
    export.add_argument("--format", metavar="json|csv|ics")
    export.add_argument("--out", metavar="PATH", help="file (json, ics) or folder (csv)")
    export.set_defaults(func=cmd_export)

    archive = sub.add_parser("archive", parents=[common], help="move closed years out of the book")
    which = archive.add_mutually_exclusive_group()
    which.add_argument("--before", metavar="YEAR", help="archive the fiscal years before YEAR")
    which.add_argument("--restore", metavar="YEAR", help="bring an archived year back")
    archive.set_defaults(func=cmd_archive)

    undo = sub.add_parser("undo", parents=[common], help="undo the last command")
    undo.set_defaults(func=cmd_undo)

    restore = sub.add_parser("restore", parents=[common], help="list or restore backups")
    restore.add_argument("backup", nargs="?", help="a backup name, day or path")
    restore.add_argument("--yes", action="store_true", help="do not ask")
    restore.set_defaults(func=cmd_restore)
    return parser


def _dispatch(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        return cmd_tui(args)
    if args.command == "demo" and args.db is None and not os.environ.get("COCKPIT_DB"):
        _fail("demo needs --db PATH (it never writes over your own book by default)", EXIT_INPUT)
    return func(args)


def _silence_stdout() -> None:
    # Python flushes stdout at exit; into a closed pipe that would raise once more.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from cockpit.store import BookRefused, Busy, NothingToUndo, StoreError, UndoConflict

    try:
        return _dispatch(argv)
    except CliError as exc:
        print(f"cockpit: error: {exc}", file=sys.stderr)
        return exc.code
    except BookRefused as exc:
        print(f"cockpit: error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except Busy as exc:
        print(f"cockpit: error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except NothingToUndo as exc:
        print(f"cockpit: error: {exc}", file=sys.stderr)
        return EXIT_NO_UNDO
    except UndoConflict as exc:
        print(f"cockpit: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except StoreError as exc:
        print(f"cockpit: error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `cockpit today | head`: the reader has what it wanted; say nothing more.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # a bug: say so, with enough to report it
        import traceback

        traceback.print_exc()
        print(f"cockpit: internal error: {exc!r} (a bug: please report it)", file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
