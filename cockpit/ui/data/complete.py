"""Completion of @account, #deal and ~contact references in the log bar.

The quick-log resolver narrows `#` and `~` by an `@account` in the same line; so does
completion, or the rep would be offered deals the line cannot mean.
"""

from __future__ import annotations

from cockpit.domain.book import Book
from cockpit.quicklog import complete
from cockpit.services.directory import BookDirectory

__all__ = ["LIMIT", "completions", "line_account"]

LIMIT = 12


def line_account(book: Book, line: str, skip: str = "") -> int | None:
    """The account an `@ref` elsewhere in the line names (exact or unique prefix), if any."""
    handles = [t[1:].lower() for t in line.split() if t.startswith("@") and t != skip]
    for handle in handles:
        exact = book.by_handle("accounts", handle)
        if exact is not None:
            return exact
        found = [a.id for a in book.accounts.values() if a.handle.lower().startswith(handle)]
        if len(found) == 1:
            return found[0]
    return None


def completions(book: Book, token: str, line: str = "", limit: int = LIMIT) -> list[str]:
    """Candidates for the reference `token` ("@ac", "#renew", "~ja") typed in `line`."""
    if not token or token[0] not in "@#~":
        return []
    directory = BookDirectory(book)
    account = line_account(book, line, skip=token) if token[0] in "#~" else None
    if account is None:
        return complete(token, directory, limit)
    table = "deals" if token[0] == "#" else "contacts"
    records = book.deals if token[0] == "#" else book.contacts
    kept = []
    for candidate in complete(token, directory, limit=len(records)):
        record_id = book.by_handle(table, candidate[1:])
        if record_id is not None and records[record_id].account_id == account:
            kept.append(candidate)
            if len(kept) == limit:
                break
    return kept
