"""The `cockpit` command line (DESIGN §5). Imports no Textual unless the TUI is opened.

Exit codes: 0 done; 1 internal error; 2 bad input; 3 the book is refused; 4 busy;
5 nothing to undo; 6 the system refused (permissions, disk full, a folder for a file).

common.py (exit codes, errors, the book's path), book.py (log, undo, today, quarter,
review), files.py (demo, tui, restore, archive, import, export), parser.py, entry.py (main).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # the handoff path imports nothing it does not need
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from cockpit.cli.checks import bad_arguments
    from cockpit.handoff.client import hand_over

    args = sys.argv[1:] if argv is None else argv
    bad = bad_arguments(args)
    if bad is not None:  # before the handoff: the open cockpit must not see it either
        print(f"cockpit: error: {bad}", file=sys.stderr)
        return 2

    # The open cockpit answers `log`, `undo` and `today` in a few ms (DESIGN §9.7): only
    # when there is none does this process import the rest of cockpit and load the book.
    try:
        handed = hand_over(args)
    except KeyboardInterrupt:
        return 130
    if handed is not None:
        return handed
    from cockpit.cli.entry import main as run

    return run(argv)
