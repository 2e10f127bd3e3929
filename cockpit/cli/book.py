"""The day-to-day commands on the book: log, undo, today, quarter, review."""

from __future__ import annotations

import argparse
import sys

from cockpit.cli.common import EXIT_INPUT, EXIT_OK, fail, open_session, print_json

__all__ = ["cmd_log", "cmd_quarter", "cmd_review", "cmd_today", "cmd_undo"]


def cmd_log(args: argparse.Namespace) -> int:
    from cockpit.quicklog import QuickLogError

    session = open_session(args)
    try:
        outcome = session.execute(args.line, dry_run=args.dry_run)
    except QuickLogError as exc:
        if args.json:
            print_json(
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
        fail(str(exc), EXIT_INPUT)
    if args.json:
        print_json(outcome.as_json())
    else:
        prefix = "would have " if outcome.dry_run and outcome.command != "undo" else ""
        print(prefix + outcome.message)
        for warning in outcome.warnings:
            print(f"cockpit: warning: {warning}", file=sys.stderr)
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    session = open_session(args, create=False)
    print(session.undo().message)
    return EXIT_OK


def cmd_today(args: argparse.Namespace) -> int:
    from cockpit.services.today import today_json, today_text
    from cockpit.store import SCHEMA_VERSION

    session = open_session(args, create=False)
    if args.json:
        print_json(today_json(session.book, session.now(), schema_version=SCHEMA_VERSION))
    else:
        print(today_text(session.book, session.now()))
    return EXIT_OK


def cmd_quarter(args: argparse.Namespace) -> int:
    from cockpit.services.archive_view import book_for_quarter
    from cockpit.services.quarter_view import quarter_json, quarter_text
    from cockpit.store import SCHEMA_VERSION

    session = open_session(args, create=False)
    calendar = session.book.calendar
    if args.quarter:
        try:
            quarter = calendar.parse_quarter(args.quarter)
        except ValueError as exc:
            fail(f"--quarter: {exc}", EXIT_INPUT)
    else:
        quarter = calendar.quarter_of(session.now().date())
    book = book_for_quarter(session, quarter)  # with the archives if it reaches into them
    if args.json:
        print_json(quarter_json(book, quarter, session.now(), SCHEMA_VERSION))
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

    session = open_session(args, create=False)
    book = book_for_week(session, args.week)  # with the archives if it reads archived days
    try:
        if args.json:
            print_json(review_json(book, args.week, session.now(), SCHEMA_VERSION))
        elif args.markdown:
            print(review_markdown(book, args.week, session.now()))
        else:
            print(review_text(book, args.week, session.now()))
    except ReviewInputError as exc:
        fail(str(exc), EXIT_INPUT)
    return EXIT_OK
