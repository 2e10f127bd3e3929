"""The one error a quick-log line can raise: what is wrong, where, and how to fix it."""

from __future__ import annotations

__all__ = ["QuickLogError", "ValueProblem"]


class QuickLogError(ValueError):
    """A line cockpit cannot read; `column` (1-based) and `token` point at the culprit.

    `token` is the text of the line at `column` (`line[column - 1:].startswith(token)`);
    an error about something missing points just past the end (`len(line) + 1`, token "").
    """

    def __init__(
        self,
        message: str,
        column: int,
        token: str = "",
        suggestions: list[str] | None = None,
    ) -> None:
        self.message = message
        self.column = column
        self.token = token
        self.suggestions: list[str] = list(suggestions or [])
        super().__init__(message, column, token, self.suggestions)

    def __str__(self) -> str:
        return f"col {self.column}: {self.message}"

    def __repr__(self) -> str:
        return f"QuickLogError({self.message!r}, column={self.column}, token={self.token!r})"


class ValueProblem(ValueError):
    """A value that does not read; the parser adds the column and the token."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions: list[str] = list(suggestions or [])
