"""Promise verbs: promise (aimed a working day early) and done."""

from __future__ import annotations

from dataclasses import replace

from cockpit.domain.model import Promise
from cockpit.domain.promises import aim_date
from cockpit.services.outcome import RecordRef
from cockpit.services.verbs.context import CommandContext, Verb, date_note

__all__ = ["VERBS"]


def _promise(ctx: CommandContext) -> None:
    book, resolved = ctx.book, ctx.resolved
    if not ctx.parsed.text:
        raise ctx.error('promise needs what you promised: promise ~jane "pricing sheet" due:fri')
    calendar = book.calendar
    due = ctx.attr("due")
    if due is None:
        due = calendar.next_working_day(ctx.today)
        ctx.outcome.warnings.append(f"no due: given, so it is due {due} (next working day)")
    elif due < ctx.today:
        ctx.outcome.warnings.append(f"promise due {due} is in the past")
    aim = max(aim_date(due, calendar), ctx.today) if due >= ctx.today else due
    account_id = resolved.account
    if account_id is None and resolved.deal is not None:
        account_id = book.deals[resolved.deal].account_id
    if account_id is None and resolved.contact is not None:
        account_id = book.contacts[resolved.contact].account_id
    promise = Promise(
        id=0,
        text=ctx.parsed.text,
        due=due,
        aim=aim,
        account_id=account_id,
        contact_id=resolved.contact,
        deal_id=resolved.deal,
        created=ctx.now,
    )
    new_id = ctx.insert("promises", promise)
    ctx.outcome.created[-1] = RecordRef("promises", new_id, str(new_id), promise.text)
    date_note(ctx, "due", due)
    date_note(ctx, "aim", aim)
    ctx.outcome.message = f'promised !{new_id} "{promise.text}" due {due} (aim {aim})'


def _done(ctx: CommandContext) -> None:
    if ctx.resolved.promise is None:
        raise ctx.error("done needs a promise: done !3")
    promise = replace(ctx.book.promises[ctx.resolved.promise])
    if promise.done_at is not None:
        raise ctx.error(
            f"promise !{promise.id} was already done on {promise.done_at.date()}", sigil="!"
        )
    at = ctx.attr("at", ctx.now)
    promise.done_at = at
    ctx.put("promises", promise)
    done = at.date()
    if done < promise.due:
        score = "kept early"
    elif done == promise.due:
        score = "kept on time"
    else:
        score = f"kept late ({(done - promise.due).days} days)"
    ctx.outcome.message = f'done !{promise.id} "{promise.text}": {score}'


VERBS = {"promise": Verb(_promise), "done": Verb(_done)}
