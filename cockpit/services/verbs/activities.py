"""Activity verbs (call, email, meeting, demo, proposal, social, note): one line, one touch,
and optionally the deal's next step moved with next:/due:."""

from __future__ import annotations

from cockpit.domain.calendar import seconds_between
from cockpit.domain.model import ACTIVITY_KINDS, Activity
from cockpit.services.verbs.context import (
    CommandContext,
    Verb,
    date_note,
    optional_deal,
    record_ref,
)
from cockpit.services.verbs.deals import copy_deal, label, set_next_step

__all__ = ["KIND_NOUNS", "VERBS"]

# How a message names each kind of activity ("logged social touch at @acme").
KIND_NOUNS = {kind: kind for kind in ACTIVITY_KINDS} | {"social": "social touch"}


def _activity(ctx: CommandContext) -> None:
    parsed, book, resolved = ctx.parsed, ctx.book, ctx.resolved
    if resolved.account is None and resolved.deal is None and resolved.contact is None:
        raise ctx.error(
            f"{parsed.verb} needs someone: add @account, #deal or ~contact"
            f" (e.g. {parsed.verb} @acme)"
        )
    deal = optional_deal(ctx)
    contact = book.contacts[resolved.contact] if resolved.contact is not None else None
    account_id = resolved.account
    if account_id is None and deal is not None:
        account_id = deal.account_id
    if account_id is None and contact is not None:
        account_id = contact.account_id
    # DESIGN §9.1: a contact's activity (or one that moves a next step) goes on a deal
    # the line names, else on the account's one open deal; the confirmation says which.
    wants_next = ctx.has("next") or ctx.has("due")
    only_open = ""
    if deal is None and account_id is not None and (contact is not None or wants_next):
        open_deals = [d for d in book.deals_of(account_id) if d.is_open]
        if len(open_deals) == 1:
            deal = open_deals[0]
            only_open = f" (the only open deal at @{book.accounts[account_id].handle})"
    at = ctx.attr("at", ctx.now)
    if seconds_between(ctx.now, at) > 5 * 60:
        raise ctx.error("at: is in the future; log what happened, plan with next: and due:", "at")
    activity = Activity(
        id=0,
        kind=parsed.verb,
        at=at,
        direction=ctx.attr("dir", "out"),
        account_id=account_id,
        contact_id=contact.id if contact else None,
        deal_id=deal.id if deal else None,
        outcome=ctx.attr("out"),
        text=parsed.text,
    )
    ctx.insert("activities", activity)
    if ctx.has("at"):
        date_note(ctx, "at", at.date())

    if wants_next and deal is None:
        key = "next" if ctx.has("next") else "due"
        raise ctx.error(f"{key}: moves a deal's next step: add #deal", key)
    message = f"logged {KIND_NOUNS[parsed.verb]}"
    if contact is not None:
        message += f" with ~{contact.handle}"
    if deal is not None:
        message += f" on {label(deal)}{only_open}"
        ctx.outcome.refs["deal"] = record_ref("deals", deal)
    elif account_id is not None:
        message += f" at @{book.accounts[account_id].handle}"
    if wants_next and deal is not None:
        if not ctx.has("next") and deal.next_step is None:
            raise ctx.error(f'{label(deal)} has no next step to re-date: add next:"..."', "due")
        updated = copy_deal(deal)
        set_next_step(ctx, updated, ctx.attr("next"), ctx.attr("due"))
        ctx.put("deals", updated)
        message += f'; next "{updated.next_step}" due {updated.next_due}'
        ctx.outcome.refs["deal"] = record_ref("deals", updated)
    ctx.outcome.message = message


VERBS = {kind: Verb(_activity) for kind in ACTIVITY_KINDS}
