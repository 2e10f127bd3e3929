"""The limits of a line (DESIGN §9.2): what a rep could not have meant is refused before
it is read, pointing at the column.

A name or title is at most 200 characters, a text 10,000 and a whole line 20,000. NUL and
the other control characters are refused (a tab is a space), and so is a character that
stood for bytes that were not UTF-8 (Python hands those over as lone surrogates).
"""

from __future__ import annotations

import unicodedata

from cockpit.quicklog.errors import QuickLogError
from cockpit.quicklog.parsed import ParsedLine

__all__ = ["MAX_LINE", "MAX_NAME", "MAX_TEXT", "NAMING_VERBS", "check_line", "check_parsed"]

MAX_LINE = 20_000
MAX_TEXT = 10_000
MAX_NAME = 200
# Verbs whose text is the record's name or title.
NAMING_VERBS = frozenset({"account", "contact", "deal"})


def _refused(char: str) -> str | None:
    """Why `char` cannot be in a line, or None when it can."""
    if char == "\t":
        return None
    category = unicodedata.category(char)
    if category == "Cs":
        return "bytes that are not UTF-8"
    if category == "Cc":
        name = "NUL" if char == "\0" else f"U+{ord(char):04X}"
        return f"a control character ({name})"
    return None


def check_line(line: str) -> None:
    """Refuse a line that is too long or holds a character no rep types."""
    if len(line) > MAX_LINE:
        raise QuickLogError(
            f"the line is {len(line):,} characters; a line holds at most {MAX_LINE:,}",
            MAX_LINE + 1,
            line[MAX_LINE : MAX_LINE + 10],
        )
    if line.isprintable():  # the common case, checked in C
        return
    for index, char in enumerate(line):
        why = _refused(char)
        if why is not None:
            raise QuickLogError(f"{why} in the line: retype it", index + 1, char)


def check_parsed(parsed: ParsedLine) -> None:
    """Refuse a name, title or text longer than its limit."""
    column = parsed.text_column or 1
    length = len(parsed.text)
    if parsed.verb in NAMING_VERBS and length > MAX_NAME:
        what = "a title" if parsed.verb == "deal" else "a name"
        raise QuickLogError(
            f"{what} is at most {MAX_NAME} characters (this one is {length:,})", column
        )
    if length > MAX_TEXT:
        raise QuickLogError(
            f"a text is at most {MAX_TEXT:,} characters (this one is {length:,})", column
        )
    for attr in parsed.attrs.values():
        if isinstance(attr.value, str) and len(attr.value) > MAX_TEXT:
            raise QuickLogError(
                f"{attr.key}: is at most {MAX_TEXT:,} characters", attr.column, f"{attr.key}:"
            )
