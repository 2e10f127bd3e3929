"""The argparse tree for every command."""

from __future__ import annotations

import argparse

from cockpit.cli.book import cmd_log, cmd_quarter, cmd_review, cmd_today, cmd_undo
from cockpit.cli.files import (
    cmd_archive,
    cmd_demo,
    cmd_export,
    cmd_restore,
)
from cockpit.cli.imports import cmd_import

__all__ = ["build_parser", "verbs_text"]

BOOK_WORDS = """the book: --db PATH, else $COCKPIT_DB, else {default}
$COCKPIT_NOW fixes the clock (scripts, tests). `cockpit help verbs` lists the quick-log verbs."""


LOG_EXAMPLES = """examples:
  cockpit log 'account "Acme Corp" tier:key'
  cockpit log 'deal @acme "Renewal 2027" value:45k close:eoq next:"intro call" due:tomorrow'
  cockpit log 'call #renewal out:connected "wants 2y pricing" next:"send pricing" due:thu'
  cockpit log 'promise @acme "pricing sheet to Jane" due:fri'
  cockpit log 'won #renewal value:48k'
  cockpit log 'plan quota:300k start:today won:120k calls:50/w daily:20'
every verb: cockpit help verbs"""


class _Parser(argparse.ArgumentParser):
    """Says where the book lives at the end of `cockpit --help` (the default path is only
    worked out when help is asked for: every other command skips it)."""

    def format_help(self) -> str:
        from cockpit.cli.common import book_path

        try:
            default = str(book_path(None)) + " (this machine)"
        except Exception:  # no user data folder: say what it would be
            default = "cockpit.json in the user data folder"
        self.epilog = BOOK_WORDS.format(default=default)
        return super().format_help()


def verbs_text() -> str:
    """Every quick-log verb: its usage and what it does."""
    from cockpit.quicklog.grammar import verb_help

    rows = verb_help()
    width = max(len(usage) for usage, _ in rows)
    lines = []
    for usage, effect in rows:
        if len(usage) > 60:  # a long usage on its own line, its effect under it
            lines += [usage, f"{'':4}{effect}"]
        else:
            lines.append(f"{usage.ljust(min(width, 60))}  {effect}")
    return "\n".join(lines)


def _cmd_help(args: argparse.Namespace) -> int:
    if args.topic == "verbs":
        print(verbs_text())
    else:
        build_parser().print_help()
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argparse tree for every command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the book file")
    parser = _Parser(
        prog="cockpit",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="A personal sales cockpit for the terminal.",
        parents=[common],
    )
    parser.add_argument("--demo", action="store_true", help="open on a fresh demo book")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=argparse.ArgumentParser
    )

    log = sub.add_parser(
        "log",
        parents=[common],
        help="record one quick-log line",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=LOG_EXAMPLES,
    )
    log.add_argument("line", help='e.g. call #renewal out:connected "CFO wants 2-year price"')
    log.add_argument("--dry-run", action="store_true", help="show how it reads, write nothing")
    log.add_argument("--json", action="store_true", help="print the result as JSON")
    log.set_defaults(func=cmd_log)

    today = sub.add_parser("today", parents=[common], help="sprint list, touches due, promises")
    today.add_argument("--json", action="store_true")
    today.add_argument("--all", action="store_true", help="every Sprint deal, not the top 15")
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

    imp = sub.add_parser(
        "import", parents=[common], help="import deals, accounts, contacts or a whole book"
    )
    imp.add_argument("kind", choices=("deals", "accounts", "contacts", "book"))
    imp.add_argument(
        "file", help="a CSV file with a header row (contacts: or .vcf; book: export --format json)"
    )
    imp.add_argument("--map", action="append", default=[], metavar="COL=field")
    imp.add_argument("--where", action="append", default=[], metavar="COL=VALUE")
    imp.add_argument("--stage-map", action="append", default=[], metavar="VALUE=stage")
    imp.add_argument(
        "--date-format",
        action="append",
        default=[],
        metavar="[COL=]FMT",
        help="strptime format, e.g. %%d.%%m.%%Y, for every date column or COL's",
    )
    imp.add_argument("--decimal-comma", action="store_true", help="amounts like 45.000,00")
    imp.add_argument("--fx", action="append", default=[], metavar="CUR=RATE", help="EUR=1.08")
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

    helps = sub.add_parser("help", help="this help; `cockpit help verbs`: the quick-log verbs")
    helps.add_argument("topic", nargs="?", choices=("verbs",))
    helps.set_defaults(func=_cmd_help)

    undo = sub.add_parser("undo", parents=[common], help="undo the last command")
    undo.set_defaults(func=cmd_undo)

    restore = sub.add_parser("restore", parents=[common], help="list or restore backups")
    restore.add_argument("backup", nargs="?", help="a backup name, day or path")
    restore.add_argument("--yes", action="store_true", help="do not ask")
    restore.set_defaults(func=cmd_restore)
    return parser
