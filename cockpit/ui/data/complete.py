"""What Tab offers in the log bar: @account, #deal and ~contact references, and the values
of attributes that take one of a few words (`fc:best` -> `fc:best_case`).

The quick-log resolver narrows `#` and `~` by an `@account` in the same line; so does
completion, or the rep would be offered deals the line cannot mean. Candidates read as
`#37 Renewal 2027 · City Power & Light · $119k` and rank the selected row's deal and
account first, then open deals by urgency (DESIGN §9.1); Tab puts `#37` in the line.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from cockpit.domain.book import Book
from cockpit.domain.model import DIRECTIONS, FORECAST_CATEGORIES, LOST_CODES, OUTCOMES, TIERS
from cockpit.domain.settings import STAGES
from cockpit.quicklog import RefTarget, complete
from cockpit.services.directory import BookDirectory
from cockpit.ui.data.lines import Target

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
TABLES = {"@": "accounts", "#": "deals", "~": "contacts"}
RANKED = 200  # matches ranked by urgency at most: a bare "#" must stay cheap per keystroke


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


def _inserted(sigil: str, target: RefTarget) -> str:
    """What Tab puts in the line: a deal's id (the label starts with it), else the handle."""
    return f"#{target.id}" if sigil == "#" else f"{sigil}{target.handle}"


def _selected_account(book: Book, selected: Target | None) -> int | None:
    if selected is None:
        return None
    if selected.kind == "account":
        return selected.id
    record: object = None
    if selected.kind == "deal":
        record = book.deals.get(selected.id)
    elif selected.kind == "contact":
        record = book.contacts.get(selected.id)
    elif selected.kind == "promise":
        record = book.promises.get(selected.id)
    owner = getattr(record, "account_id", None)
    return owner if isinstance(owner, int) else None


def _references(
    book: Book, token: str, line: str, limit: int, selected: Target | None, today: date | None
) -> list[Candidate]:
    sigil = token[0]
    directory = BookDirectory(book, today)
    account = line_account(book, line, skip=token) if sigil in "#~" else None
    table = TABLES[sigil]
    targets: list[RefTarget] = []
    for handle in complete(token, directory, limit=RANKED):
        record_id = book.by_handle(table, handle[1:])
        if record_id is None:
            continue
        owner: int | None = record_id
        is_open = True
        if sigil == "#":
            deal = book.deals[record_id]
            owner, is_open = deal.account_id, deal.is_open
        elif sigil == "~":
            owner = book.contacts[record_id].account_id
        if account is not None and owner != account:
            continue
        targets.append(RefTarget(record_id, handle[1:], None, owner, is_open, ""))
    near = _selected_account(book, selected)
    chosen = selected.id if selected is not None and selected.kind == KINDS[sigil] else None
    ranked = directory.rank(sigil, targets)
    # Stable: the selected record, then its account's, then the directory's order.
    ranked.sort(key=lambda t: (t.id != chosen, near is None or t.account_id != near))
    return [
        Candidate(
            f"#{t.id}" if sigil == "#" else f"{sigil}{t.handle}", directory.describe(sigil, t)
        )
        for t in ranked[:limit]
    ]


def completions(
    book: Book,
    token: str,
    line: str = "",
    limit: int = LIMIT,
    *,
    selected: Target | None = None,
    today: date | None = None,
) -> list[Candidate]:
    """Candidates for the token being typed in `line`: a reference ("@ac", "#renew",
    "~ja") or a word-valued attribute ("fc:be"); `selected` is the row the rep is on."""
    if not token:
        return []
    if token[0] in KINDS:
        return _references(book, token, line, limit, selected, today)
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
