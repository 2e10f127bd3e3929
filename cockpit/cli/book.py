"""The day-to-day commands on the book: log, undo, today, quarter, review."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from cockpit.cli.common import EXIT_INPUT, EXIT_OK, fail, open_session, print_json

if TYPE_CHECKING:
    from cockpit.handoff.replies import Reply

__all__ = ["cmd_log", "cmd_quarter", "cmd_review", "cmd_today", "cmd_undo"]


def _emit(reply: Reply) -> int:
    if reply.out:
        sys.stdout.write(reply.out)
    if reply.err:
        sys.stdout.flush()
        sys.stderr.write(reply.err)
    return reply.code


# log, undo and today print through cockpit.handoff.replies, as the open cockpit does for
# a command handed to it: the same bytes whichever runs it.


def cmd_log(args: argparse.Namespace) -> int:
    from cockpit.handoff.replies import log_reply
    from cockpit.services.session import LINE_TABLES

    session = open_session(args, only=LINE_TABLES)
    return _emit(log_reply(session, args.line, dry_run=args.dry_run, as_json=args.json))


def cmd_undo(args: argparse.Namespace) -> int:
    from cockpit.handoff.replies import undo_reply

    return _emit(undo_reply(open_session(args, create=False)))


def cmd_today(args: argparse.Namespace) -> int:
    from cockpit.handoff.replies import today_reply
    from cockpit.services.session import LINE_TABLES

    # Today's views read the summaries kept with the book, not its activities (§9.7).
    session = open_session(args, create=False, only=LINE_TABLES)
    return _emit(today_reply(session, as_json=args.json, everything=args.all))


def cmd_quarter(args: argparse.Namespace) -> int:
    from cockpit.services.archive.view import book_for_quarter
    from cockpit.services.quarter_view import quarter_json, quarter_text
    from cockpit.services.session import LINE_TABLES
    from cockpit.store import SCHEMA_VERSION

    session = open_session(args, create=False, only=LINE_TABLES)  # as `today`
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
    from cockpit.services.archive.view import book_for_week
    from cockpit.services.review import (
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
