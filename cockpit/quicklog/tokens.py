"""The tokenizer: whitespace-separated tokens, "double quotes" keep spaces, `\\"` is a quote."""

from __future__ import annotations

from typing import NamedTuple

from cockpit.quicklog.errors import QuickLogError

__all__ = ["Token", "tokenize"]


class Token(NamedTuple):
    """One token: its text with quotes removed and where it sits in the line."""

    text: str  # unquoted, `\"` turned into `"`
    start: int  # 0-based index of its first character in the line
    end: int  # 0-based index just past its last character
    quoted_at: int | None  # index in `text` where the first quoted part begins, if any

    @property
    def column(self) -> int:
        """1-based column of the token's first character."""
        return self.start + 1

    @property
    def quoted(self) -> bool:
        """True when the token opens with a quote: it is text, whatever it holds."""
        return self.quoted_at == 0

    def plain_prefix(self) -> str:
        """The part before any quote: the only part that can be a sigil or a key."""
        return self.text if self.quoted_at is None else self.text[: self.quoted_at]


def tokenize(line: str) -> list[Token]:
    """Split a line into tokens; an unterminated quote is an error at the quote."""
    tokens: list[Token] = []
    i, n = 0, len(line)
    while i < n:
        if line[i].isspace():
            i += 1
            continue
        start = i
        parts: list[str] = []
        length = 0
        quoted_at: int | None = None
        while i < n and not line[i].isspace():
            if line[i] == '"':
                quote = i
                if quoted_at is None:
                    quoted_at = length
                i += 1
                while True:
                    if i >= n:
                        raise QuickLogError(
                            'unterminated quote (close it with ")', quote + 1, line[quote:]
                        )
                    char = line[i]
                    if char == "\\" and i + 1 < n and line[i + 1] == '"':
                        parts.append('"')
                        length += 1
                        i += 2
                    elif char == '"':
                        i += 1
                        break
                    else:
                        parts.append(char)
                        length += 1
                        i += 1
            else:
                parts.append(line[i])
                length += 1
                i += 1
        tokens.append(Token("".join(parts), start, i, quoted_at))
    return tokens
