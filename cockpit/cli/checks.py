"""Input every command refuses before anything else runs (the handoff included).

`cockpit log` checks its arguments before it asks the open cockpit (standard library
only); a bad $COCKPIT_NOW needs the clock's parser, so it is checked once the command runs
itself, which is always: the open cockpit declines a request whose clock is not its own.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["bad_arguments", "bad_input"]


def bad_arguments(argv: Sequence[str]) -> str | None:
    """An argument that is not UTF-8 text, at its column (exit 2), or None."""
    # Python hands bytes that are not UTF-8 in as lone surrogates (U+DC80-U+DCFF).
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as exc:
            char = arg[exc.start]
            what = f"byte 0x{ord(char) - 0xDC00:02x}" if "\udc80" <= char <= "\udcff" else "text"
            return f"col {exc.start + 1}: {what} is not UTF-8 text (argument {number})"
    return None


def _bad_now() -> str | None:
    fixed = os.environ.get("COCKPIT_NOW")
    if not fixed:
        return None
    from datetime import UTC

    from cockpit.services.clock import parse_now

    try:
        parse_now(fixed, UTC)
    except ValueError as exc:
        return str(exc)
    return None


def bad_input(argv: Sequence[str]) -> str | None:
    """Why the command line cannot run at all (exit 2), or None."""
    return bad_arguments(argv) or _bad_now()
