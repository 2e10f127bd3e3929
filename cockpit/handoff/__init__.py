"""Handing `cockpit log`, `undo` and `today` to the open cockpit (DESIGN §9.7).

`protocol` and `client` import only the standard library: a command asks the open TUI
first and imports the rest of cockpit only when it must run itself. `replies` is what
those commands print, run on whichever session is open (the CLI's or the TUI's).
"""
