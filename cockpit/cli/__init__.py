"""The `cockpit` command line (DESIGN §5). Imports no Textual unless the TUI is opened.

Exit codes: 0 done; 1 internal error; 2 bad input; 3 the book is refused; 4 busy;
5 nothing to undo.

common.py (exit codes, errors, the book's path), book.py (log, undo, today, quarter,
review), files.py (demo, tui, restore, archive, import, export), parser.py, entry.py (main).
"""

from cockpit.cli.entry import main

__all__ = ["main"]
