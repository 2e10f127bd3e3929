"""One quick-log line applied to many records as one command (the pipeline screen, §9.4).

The rep types the line once, without a reference (`close:+2w next:"call back" due:mon`,
`stage qualified`, `snooze`, `tier:key cadence:14d`); each selected record gets its own
line, read by the same parser and written by the same verbs as any other line, all in one
transaction: one journal line, one undo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cockpit.domain.book import Book
from cockpit.quicklog import ParsedLine, QuickLogError, resolve
from cockpit.services.directory import BookDirectory
from cockpit.services.outcome import Outcome
from cockpit.services.verbs import VERBS, CommandContext, apply_command
from cockpit.store import Transaction

if TYPE_CHECKING:
    from cockpit.services.session import Session

__all__ = ["EachLine", "each_lines", "execute_each"]

# The verb a line without one means: deals are edited with `deal`, accounts with `account`.
DEFAULT_VERB = {"#": "deal", "@": "account"}
NAMED_IN_JOURNAL = 12  # references the journal line spells out before "…"


@dataclass(frozen=True, slots=True)
class EachLine:
    """The line for one record: the rep's line with the reference put in after the verb."""

    ref: str
    text: str
    at: int  # 0-based offset in `text` where the inserted part starts
    inserted: int  # how many characters were inserted there

    def error(self, exc: QuickLogError) -> QuickLogError:
        """The error re-pointed at the rep's line, naming the record it is about."""
        column = exc.column
        if column - 1 >= self.at + self.inserted:
            column -= self.inserted
        elif column - 1 >= self.at:
            column = self.at + 1
        message = f"{self.ref}: {exc.message}"
        return QuickLogError(message, column, exc.token, exc.suggestions)


def each_lines(line: str, refs: Sequence[str]) -> list[EachLine]:
    """The line for every reference (`#12`, `@acme`), verb first, reference second."""
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    first = stripped.split(maxsplit=1)[0] if stripped else ""
    lines = []
    for ref in refs:
        if first in VERBS:
            at = lead + len(first)
            insert = f" {ref}"
        else:  # `close:+2w ...`: the record's own edit verb
            at = lead
            insert = f"{DEFAULT_VERB[ref[0]]} {ref} "
        lines.append(EachLine(ref, line[:at] + insert + line[at:], at, len(insert)))
    return lines


def _journal_line(line: str, refs: Sequence[str]) -> str:
    named = " ".join(refs[:NAMED_IN_JOURNAL]) + (" …" if len(refs) > NAMED_IN_JOURNAL else "")
    kind = "accounts" if refs and refs[0].startswith("@") else "deals"
    return f"{line.strip()} (on {len(refs)} {kind}: {named})"


def _merge(into: Outcome, part: Outcome) -> None:
    into.created.extend(part.created)
    into.updated.extend(r for r in part.updated if r not in into.updated)
    into.dates.update(part.dates)
    into.warnings.extend(w for w in part.warnings if w not in into.warnings)


def execute_each(session: Session, line: str, refs: Sequence[str]) -> Outcome:
    """Apply `line` to every record in `refs` as one command (QuickLogError: nothing written).

    An error names the record it is about and points at the rep's line.
    """
    if not refs:
        raise QuickLogError("select rows first (space marks one, * all shown)", 1)
    if not line.strip():
        raise QuickLogError('type what to change: close:+2w next:"call back" due:mon', 1)
    first = line.split(maxsplit=1)[0]
    if first in VERBS and VERBS[first].write is None:
        raise QuickLogError(f"{first} is not something to do to each selected row", 1, first)
    lines = each_lines(line, refs)
    parsed: list[ParsedLine] = []
    for each in lines:
        try:
            parsed.append(session.parse(each.text))
        except QuickLogError as exc:
            raise each.error(exc) from None
    verb = parsed[0].verb

    def build(tx: Transaction, book: Book) -> Outcome:
        now = session.now()
        outcome = Outcome(command=verb)
        for each, one in zip(lines, parsed, strict=True):
            part = Outcome(command=verb)
            try:
                # Resolved inside the transaction: it has caught up with other writers.
                resolved = resolve(one, BookDirectory(book))
                apply_command(CommandContext(one, resolved, book, tx, now, part))
            except QuickLogError as exc:
                raise each.error(exc) from None
            _merge(outcome, part)
        kind = "accounts" if refs[0].startswith("@") else "deals"
        outcome.message = f"{line.strip()}: done on {len(refs)} {kind}"
        return outcome

    return session.transact(_journal_line(line, refs), build)
