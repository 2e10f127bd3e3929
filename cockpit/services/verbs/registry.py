"""Every quick-log verb, by name: the one table the session runs lines through."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from cockpit.quicklog import ParsedLine
from cockpit.services.outcome import Outcome
from cockpit.services.verbs import activities, deals, people, plan, promises
from cockpit.services.verbs.context import CommandContext, SessionLike, Verb, note_refs

__all__ = ["VERBS", "answer_directly", "apply_command"]


def _undo(parsed: ParsedLine, session: SessionLike, dry_run: bool) -> Outcome:
    """Undo reverses the last command in the store itself, outside any new transaction."""
    return session.preview_undo() if dry_run else session.undo()


VERBS: Mapping[str, Verb] = MappingProxyType(
    {
        **activities.VERBS,
        **people.VERBS,
        **deals.VERBS,
        **promises.VERBS,
        **plan.VERBS,
        "undo": Verb(direct=_undo),
    }
)


def answer_directly(parsed: ParsedLine, session: SessionLike, dry_run: bool) -> Outcome | None:
    """The answer to a line that needs no transaction (undo, a bare set), else None."""
    direct = VERBS[parsed.verb].direct
    return None if direct is None else direct(parsed, session, dry_run)


def apply_command(ctx: CommandContext) -> None:
    """Apply the parsed line through the transaction, filling in ctx.outcome."""
    write = VERBS[ctx.parsed.verb].write
    if write is None:
        raise AssertionError(f"{ctx.parsed.verb} is answered directly, never written")
    note_refs(ctx)
    ctx.outcome.warnings.extend(ctx.parsed.warnings)
    write(ctx)
