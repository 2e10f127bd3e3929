"""What Tab offers in the log bar: @account, #deal and ~contact references, and the values
of attributes that take one of a few words (`fc:best` -> `fc:best_case`).

The quick-log resolver narrows `#` and `~` by an `@account` in the same line; so does
completion, or the rep would be offered deals the line cannot mean.
"""

from __future__ import annotations

from typing import NamedTuple

from cockpit.domain.book import Book
from cockpit.domain.model import DIRECTIONS, FORECAST_CATEGORIES, LOST_CODES, OUTCOMES, TIERS
from cockpit.domain.settings import STAGES
from cockpit.quicklog import complete
from cockpit.services.directory import BookDirectory

__all__ = ["LIMIT", "Candidate", "completions", "line_account", "nothing_to_complete"]

LIMIT = 12

# Attributes whose value is one word of a short list: Tab completes those too.
CHOICES: dict[str, tuple[str, ...]] = {
    "out": OUTCOMES,
    "dir": DIRECTIONS,
    "fc": tuple(FORECAST_CATEGORIES),
    "stage": STAGES,
    "tier": TIERS,
    "code": LOST_CODES,
}
KINDS = {"@": "account", "#": "deal", "~": "contact"}


class Candidate(NamedTuple):
    """One thing Tab can put in the line, and how the Tab list shows it."""

    text: str
    label: str


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


def _values(token: str) -> list[Candidate]:
    key, _, typed = token.partition(":")
    choices = CHOICES.get(key.lower(), ())
    return [
        Candidate(f"{key}:{choice}", f"{key}:{choice}")
        for choice in choices
        if choice.startswith(typed.lower()) and choice != typed.lower()
    ]


def _references(book: Book, token: str, line: str, limit: int) -> list[str]:
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


def completions(book: Book, token: str, line: str = "", limit: int = LIMIT) -> list[Candidate]:
    """Candidates for the token being typed in `line`: a reference ("@ac", "#renew",
    "~ja") or a word-valued attribute ("fc:be")."""
    if not token:
        return []
    if token[0] in KINDS:
        return [Candidate(ref, ref) for ref in _references(book, token, line, limit)]
    if ":" in token:
        return _values(token)
    return []


def nothing_to_complete(token: str) -> str:
    """What Tab says when it has nothing to offer for `token`."""
    if token[:1] in KINDS and len(token) > 1:
        return f"no {KINDS[token[0]]} matches {token}"
    if ":" in token and token.partition(":")[0].lower() in CHOICES:
        return f"no {token.partition(':')[0]}: value starts with {token.partition(':')[2]!r}"
    return "nothing to complete: Tab completes @account #deal ~contact and out: fc: stage: …"
