"""References: `@acme`, `#renewal`, `~jane`, `!3` resolved against the book's directory.

A reference matches, case-insensitively: an exact handle, else a prefix of handles, else
(deals) an exact or prefix match of the title's own handle (`alt_handle`). The first of
these steps that finds anything decides; when it finds several, the one open target
among them wins, else the reference is ambiguous. `#digits` and `!digits` are ids.
`@account` in the line narrows `#` and `~` to that account; without it, a contact that
is ambiguous is settled by the deal's account when that leaves one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from cockpit.domain.handles import slugify
from cockpit.domain.text import prefix_distance
from cockpit.quicklog.errors import QuickLogError
from cockpit.quicklog.grammar import SIGILS
from cockpit.quicklog.parsed import ParsedLine, RefToken
from cockpit.quicklog.tokens import tokenize

__all__ = ["Directory", "RefTarget", "Resolved", "complete", "resolve"]

_SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_LISTED = 5  # suggestions handed back with an error
_SHOWN = 3  # candidates named in its message: whole ones, then "… and N more"


@dataclass(frozen=True)
class RefTarget:
    """Something a reference can name: its id, handles, account and a label for humans."""

    id: int
    handle: str
    alt_handle: str | None
    account_id: int | None
    is_open: bool
    label: str


class Directory(Protocol):
    """What the resolver needs to know about the book."""

    def accounts(self) -> Iterable[RefTarget]:
        """Every account."""
        ...

    def deals(self) -> Iterable[RefTarget]:
        """Every deal; `alt_handle` is the handle of its title alone."""
        ...

    def contacts(self) -> Iterable[RefTarget]:
        """Every contact."""
        ...

    def promise(self, id: int) -> RefTarget | None:
        """The promise with this id, if any."""
        ...

    def named(self, sigil: str, handle: str) -> RefTarget | None:
        """The account (@), deal (#) or contact (~) whose handle is `handle` (lower case),
        if any: handles are unique in a table, so an exact match needs no scan."""
        ...

    def deal(self, id: int) -> RefTarget | None:
        """The deal with this id, if any."""
        ...

    def prefixed(self, sigil: str, prefix: str) -> Sequence[RefTarget]:
        """The accounts, deals or contacts whose handle starts with `prefix` (lower case),
        in any order."""
        ...

    def rank(self, sigil: str, targets: Sequence[RefTarget]) -> list[RefTarget]:
        """`targets` in the order a rep most likely means them (open, urgent first)."""
        ...

    def describe(self, sigil: str, target: RefTarget) -> str:
        """A candidate as a rep reads it: `#37 Renewal 2027 · City Power & Light · $119k`."""
        ...


@dataclass(frozen=True)
class Resolved:
    """The ids a line's references name (None where the line has no such reference)."""

    account: int | None
    deal: int | None
    contact: int | None
    promise: int | None


def _normalize(text: str) -> str:
    """What a reference is compared as: lower case, and slug-folded if it is not a slug."""
    low = text.lower()
    if all(c in _SLUG_CHARS for c in low):
        return low
    slug = slugify(text)
    return low if slug == "x" and low != "x" else slug


def _matches(query: str, targets: Sequence[RefTarget]) -> list[RefTarget]:
    """The targets of the first matching step (exact, prefix, title exact, title prefix)."""
    exact = [t for t in targets if t.handle.lower() == query]
    if exact:
        return exact
    prefix = [t for t in targets if t.handle.lower().startswith(query)]
    if prefix:
        return prefix
    alt_exact = [t for t in targets if t.alt_handle and t.alt_handle.lower() == query]
    if alt_exact:
        return alt_exact
    return [t for t in targets if t.alt_handle and t.alt_handle.lower().startswith(query)]


def _pick(found: list[RefTarget]) -> RefTarget | None:
    if len(found) == 1:
        return found[0]
    open_ones = [t for t in found if t.is_open]
    return open_ones[0] if len(open_ones) == 1 else None


def _missing(counts: dict[str, int], name: str, limit: int) -> bool:
    """True when `name` lacks more than `limit` of the query's letters: then no part of
    it is within `limit` edits (a cheap filter before the real distance)."""
    missing = 0
    for char, count in counts.items():
        missing += max(0, count - name.count(char))
        if missing > limit:
            return True
    return False


def _closeness(query: str, counts: dict[str, int], name: str, limit: int) -> int | None:
    """0 when `query` is inside `name`, else the fewest edits from `query` to the start
    of one of `name`'s words (None when more than `limit`). Only words opening with the
    query's first or second letter are tried: typos rarely hit both."""
    if query in name:
        return 0
    if _missing(counts, name, limit):
        return None
    firsts = query[:2]
    best = limit + 1
    start = 0
    while True:
        if name[start : start + 1] in firsts:
            best = min(best, prefix_distance(query, name[start:], limit))
        dash = name.find("-", start)
        if dash < 0:
            break
        start = dash + 1
    return best if best <= limit else None


def _suggest(query: str, targets: Sequence[RefTarget]) -> list[RefTarget]:
    """Up to five targets close to an unknown reference, closest and open ones first.
    Queries shorter than three letters get none: too many names are that close."""
    if len(query) < 3:
        return []
    limit = max(1, min(3, len(query) // 3))
    counts = {char: query.count(char) for char in set(query)}
    scored: list[tuple[int, bool, str, RefTarget]] = []
    for t in targets:
        distance = _closeness(query, counts, t.handle.lower(), limit)
        if t.alt_handle:
            alt = _closeness(query, counts, t.alt_handle.lower(), limit)
            if alt is not None and (distance is None or alt < distance):
                distance = alt
        if distance is not None:
            scored.append((distance, not t.is_open, t.handle, t))
    scored.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in scored[:_LISTED]]


def _shown(sigil: str, targets: Sequence[RefTarget], directory: Directory) -> str:
    """Whole candidates, never one cut in the middle, then how many more there are."""
    text = "; ".join(directory.describe(sigil, t) for t in targets[:_SHOWN])
    more = len(targets) - _SHOWN
    return f"{text} … and {more} more" if more > 0 else text


def _refs(sigil: str, targets: Sequence[RefTarget]) -> list[str]:
    return [f"{sigil}{t.handle}" for t in targets[:_LISTED]]


def _source(ref: RefToken) -> str:
    return f"{ref.sigil}{ref.text}"


def _typed(ref: RefToken, line: str) -> str:
    """The reference exactly as typed in `line` (quotes and all), for the error's token."""
    if line[ref.column - 1 : ref.column] == ref.sigil:
        try:
            tokens = tokenize(line)
        except QuickLogError:
            tokens = []
        for token in tokens:
            if token.column == ref.column:
                return line[token.start : token.end]
    return _source(ref)


def _error(ref: RefToken, message: str, suggestions: list[str]) -> QuickLogError:
    return QuickLogError(message, ref.column, _source(ref), suggestions)


def _unknown(
    ref: RefToken, near: Sequence[RefTarget], directory: Directory, where: str = ""
) -> QuickLogError:
    what = SIGILS[ref.sigil]
    hint = f" (did you mean {_shown(ref.sigil, near, directory)}?)" if near else ""
    return _error(ref, f'unknown {what} "{_source(ref)}"{where}{hint}', _refs(ref.sigil, near))


def _by_id(ref: RefToken, directory: Directory) -> RefTarget:
    found = directory.deal(int(ref.text))
    if found is None:
        raise _error(ref, f"no {SIGILS[ref.sigil]} {_source(ref)}", [])
    return found


def _quick(
    ref: RefToken, directory: Directory, account: RefTarget | None, prefer: int | None = None
) -> RefTarget | None:
    """What `_find` picks when the reference spells a handle or the start of handles (its
    first two steps), found through the directory's handle index instead of a list of a
    10-year book's every deal; None: let `_find` look (titles, suggestions, errors)."""
    query = _normalize(ref.text)
    exact = directory.named(ref.sigil, query)
    if exact is not None and (account is None or exact.account_id == account.id):
        return exact
    found = [
        t
        for t in directory.prefixed(ref.sigil, query)
        if account is None or t.account_id == account.id
    ]
    return _chosen(ref, found, directory, prefer) if found else None


def _find(
    ref: RefToken,
    targets: Sequence[RefTarget],
    directory: Directory,
    account: RefTarget | None = None,
    prefer_account: int | None = None,
) -> RefTarget:
    """Resolve one handle reference among `targets`, narrowed to `account` if given."""
    query = _normalize(ref.text)
    scope = targets if account is None else [t for t in targets if t.account_id == account.id]
    found = _matches(query, scope)
    if not found:
        if account is None:
            raise _unknown(ref, _suggest(query, targets), directory)
        elsewhere = _matches(query, targets)
        near = _suggest(query, scope) or directory.rank(ref.sigil, elsewhere)
        raise _unknown(ref, near, directory, f" at @{account.handle}")
    return _chosen(ref, found, directory, prefer_account)


def _chosen(
    ref: RefToken, found: list[RefTarget], directory: Directory, prefer_account: int | None
) -> RefTarget:
    """The one target a reference means among those its step matched (in any order: a tie
    is ranked), or the ambiguity error naming them."""
    chosen = _pick(found)
    if chosen is None and prefer_account is not None:
        chosen = _pick([t for t in found if t.account_id == prefer_account])
    if chosen is not None:
        return chosen
    candidates = directory.rank(ref.sigil, [t for t in found if t.is_open] or found)
    what = SIGILS[ref.sigil]
    shown = _shown(ref.sigil, candidates, directory)
    raise _error(ref, f'ambiguous {what} "{_source(ref)}": {shown}', _refs(ref.sigil, candidates))


def _check_account(ref: RefToken, target: RefTarget, account: RefTarget | None) -> None:
    if account is not None and target.account_id != account.id:
        what = SIGILS[ref.sigil]
        raise _error(
            ref, f"{what} {_source(ref)} ({target.handle}) is not at @{account.handle}", []
        )


def resolve(parsed: ParsedLine, directory: Directory) -> Resolved:
    """The ids the line's references name; QuickLogError at the reference that fails."""
    try:
        return _resolve(parsed, directory)
    except QuickLogError as error:
        ref = next((r for r in parsed.refs.values() if r.column == error.column), None)
        if ref is not None and parsed.line:
            error.token = _typed(ref, parsed.line)
        raise


def _resolve(parsed: ParsedLine, directory: Directory) -> Resolved:
    refs = parsed.refs
    account: RefTarget | None = None
    deal: RefTarget | None = None
    contact: RefTarget | None = None
    promise: RefTarget | None = None
    if "@" in refs:
        ref = refs["@"]
        account = _quick(ref, directory, None) or _find(ref, list(directory.accounts()), directory)
    if "#" in refs:
        ref = refs["#"]
        if ref.text.isascii() and ref.text.isdigit():
            deal = _by_id(ref, directory)
            _check_account(ref, deal, account)
        else:
            deal = _quick(ref, directory, account) or _find(
                ref, list(directory.deals()), directory, account
            )
    if "~" in refs:
        ref = refs["~"]
        prefer = deal.account_id if deal is not None else None
        contact = _quick(ref, directory, account, prefer) or _find(
            ref, list(directory.contacts()), directory, account, prefer
        )
    if "!" in refs:
        ref = refs["!"]
        is_id = ref.text.isascii() and ref.text.isdigit()
        promise = directory.promise(int(ref.text)) if is_id else None
        if promise is None:
            raise _error(ref, f"no promise {_source(ref)}", [])
    return Resolved(
        account.id if account else None,
        deal.id if deal else None,
        contact.id if contact else None,
        promise.id if promise else None,
    )


def complete(prefix_token: str, directory: Directory, limit: int = 10) -> list[str]:
    """Completions for a reference being typed: "@ac" -> ["@acme-corp", ...]."""
    if not prefix_token or prefix_token[0] not in "@#~":
        return []
    sigil = prefix_token[0]
    source = {"@": directory.accounts, "#": directory.deals, "~": directory.contacts}[sigil]
    query = _normalize(prefix_token[1:]) if len(prefix_token) > 1 else ""
    ranked: list[tuple[int, bool, str]] = []
    for t in source():
        handle = t.handle.lower()
        alt = (t.alt_handle or "").lower()
        if sigil == "#" and query.isdigit() and str(t.id) == query:
            rank = -1
        elif handle.startswith(query):
            rank = 0
        elif alt.startswith(query):
            rank = 1
        elif f"-{query}" in handle:
            rank = 2
        elif query in handle or query in alt:
            rank = 3
        else:
            continue
        ranked.append((rank, not t.is_open, t.handle))
    ranked.sort()
    return [f"{sigil}{handle}" for _, _, handle in ranked[:limit]]
