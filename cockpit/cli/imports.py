"""`cockpit import`: CRM exports (deals, accounts, contacts) and whole books."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cockpit.cli.common import EXIT_INPUT, EXIT_OK, fail, open_session, print_json

__all__ = ["cmd_import"]


def _cmd_import_book(args: argparse.Namespace) -> int:
    from cockpit.imports import ImportInputError, import_book

    given = [
        option
        for option, value in (
            ("--map", args.map),
            ("--where", args.where),
            ("--stage-map", args.stage_map),
            ("--date-format", args.date_format),
            ("--fx", args.fx),
            ("--decimal-comma", args.decimal_comma),
            ("--skip-bad", args.skip_bad),
        )
        if value
    ]
    if given:
        fail(f"import book reads a whole exported book: {', '.join(given)} do not apply", 2)
    try:
        session = open_session(args)
        report = import_book(session, Path(args.file), dry_run=args.dry_run)
    except ImportInputError as exc:
        if args.json:
            print_json({"ok": False, "error": {"message": str(exc)}})
            return EXIT_INPUT
        fail(str(exc), EXIT_INPUT)
    if args.json:
        print_json(report.as_json())
    else:
        print(report.summary)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Import a file; the report on stdout; exit 2 when nothing could be imported."""
    if args.kind == "book":
        return _cmd_import_book(args)
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
            args.map,
            args.where,
            args.stage_map,
            args.date_format,
            args.skip_bad,
            args.dry_run,
            decimal_comma=args.decimal_comma,
            fx=args.fx,
        )
        session = open_session(args)
        report = import_file(session, args.kind, Path(args.file), options)
    except ImportInputError as exc:
        if args.json:
            print_json({"ok": False, "error": {"message": str(exc)}})
            return EXIT_INPUT
        fail(str(exc), EXIT_INPUT)
    if args.json:
        book = session.book
        print_json(report_json(report, session.now(), book.settings.currency, SCHEMA_VERSION))
    else:
        print(report_text(report))
    if report.refused:
        print(f"cockpit: error: {report.summary}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK
