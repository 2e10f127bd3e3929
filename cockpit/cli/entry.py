"""`main`: parse the command line, run the command, turn failures into exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from cockpit.cli.checks import bad_input
from cockpit.cli.common import (
    EXIT_BUG,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_SYSTEM,
    CliError,
    fail,
)

__all__ = ["main"]


def _quick(argv: Sequence[str]) -> argparse.Namespace | None:
    """`log`, `undo` and `today` as the handoff client reads them (the same arguments
    argparse would give), without building the whole argparse tree: that and what it
    loads (help formatting, gettext, shutil) cost `cockpit log` more than writing the
    line. None: anything else, help included, goes through argparse."""
    from cockpit.handoff.client import parse_request

    parsed = parse_request(argv)
    if parsed is None:
        return None
    request, db = parsed
    from cockpit.cli.book import cmd_log, cmd_today, cmd_undo

    command = request["command"]
    args = argparse.Namespace(command=command, db=db, demo=False)
    if command == "log":
        args.func, args.line = cmd_log, request["line"]
        args.json, args.dry_run = request["json"], request["dry_run"]
    elif command == "today":
        args.func, args.json, args.all = cmd_today, request["json"], False
    else:
        args.func = cmd_undo
    return args


def _dispatch(argv: Sequence[str] | None) -> int:
    given = sys.argv[1:] if argv is None else argv
    bad = bad_input(given)
    if bad is not None:
        fail(bad, EXIT_INPUT)
    args = _quick(given)
    if args is None:
        from cockpit.cli.parser import build_parser

        args = build_parser().parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        from cockpit.cli.files import cmd_tui

        return cmd_tui(args)
    if args.command == "demo" and args.db is None and not os.environ.get("COCKPIT_DB"):
        fail("demo needs --db PATH (it never writes over your own book by default)", EXIT_INPUT)
    return func(args)


def _silence_stdout() -> None:
    # Python flushes stdout at exit; into a closed pipe that would raise once more.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command in this process (`cockpit.cli.main` asks the open cockpit first)."""
    from cockpit.handoff.replies import failure
    from cockpit.store import StoreError

    try:
        return _dispatch(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `cockpit today | head`: the reader has what it wanted; say nothing more.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:
        _debug_traceback()
        if isinstance(exc, CliError):
            print(f"cockpit: error: {exc}", file=sys.stderr)
            return exc.code
        if isinstance(exc, StoreError):
            message, code = failure(exc) or (str(exc), EXIT_REFUSED)
            print(f"cockpit: error: {message}", file=sys.stderr)
            return code
        if isinstance(exc, OSError):
            # Whatever the system refused outside the store (an export's folder, say).
            from cockpit.store import system_refusal

            print(f"cockpit: error: {system_refusal(exc)}", file=sys.stderr)
            return EXIT_SYSTEM
        print(
            f"cockpit: internal error: {exc!r} (a bug: please report it; "
            "COCKPIT_DEBUG=1 shows where)",
            file=sys.stderr,
        )
        return EXIT_BUG


def _debug_traceback() -> None:
    if os.environ.get("COCKPIT_DEBUG") == "1":
        import traceback

        traceback.print_exc()
