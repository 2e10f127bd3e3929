"""Account and contact verbs: create one, or update it when the line names it."""

from __future__ import annotations

from dataclasses import replace

from cockpit.domain.handles import slugify, unique_handle
from cockpit.domain.model import Account, Contact
from cockpit.services.verbs.context import CommandContext, Verb

__all__ = ["VERBS"]


def _account(ctx: CommandContext) -> None:
    book, parsed = ctx.book, ctx.parsed
    if ctx.resolved.account is not None:
        account = replace(book.accounts[ctx.resolved.account])
        account.extra = dict(account.extra)
        if parsed.text:
            account.name = parsed.text
        if ctx.has("tier"):
            account.tier = ctx.attr("tier")
        if ctx.has("cadence"):
            account.cadence_days = ctx.attr("cadence")
        ctx.put("accounts", account)
        ctx.outcome.message = f"updated @{account.handle}{_account_summary(ctx, account)}"
        return
    if not parsed.text:
        raise ctx.error('account needs a name: account "Acme Corp" tier:key')
    handle = unique_handle(slugify(parsed.text), lambda h: book.handle_taken("accounts", h))
    account = Account(
        id=0,
        handle=handle,
        name=parsed.text,
        tier=ctx.attr("tier", "none"),
        cadence_days=ctx.attr("cadence"),
        created=ctx.now,
    )
    ctx.insert("accounts", account)
    ctx.outcome.message = f"created account @{handle}{_account_summary(ctx, account)}"


def _account_summary(ctx: CommandContext, account: Account) -> str:
    cadence = ctx.book.cadence(account)
    if cadence is None:
        return f" (tier {account.tier}, no cadence)"
    return f" (tier {account.tier}, touch every {cadence} days)"


# Contact attributes -> the Contact field each sets.
_CONTACT_FIELDS = {"role": "role", "email": "email", "phone": "phone", "cadence": "cadence_days"}


def _contact(ctx: CommandContext) -> None:
    book, parsed = ctx.book, ctx.parsed
    if ctx.resolved.contact is not None:
        contact = replace(book.contacts[ctx.resolved.contact])
        contact.extra = dict(contact.extra)
        if parsed.text:
            contact.name = parsed.text
        if ctx.resolved.account is not None:
            contact.account_id = ctx.resolved.account
        for key, name in _CONTACT_FIELDS.items():
            if ctx.has(key):
                setattr(contact, name, ctx.attr(key))
        ctx.put("contacts", contact)
        ctx.outcome.message = f"updated ~{contact.handle}"
        return
    if not parsed.text:
        raise ctx.error('contact needs a name: contact @acme "Jane Doe" role:CFO')
    if ctx.resolved.account is None:
        raise ctx.error('contact needs an account: contact @acme "Jane Doe"')
    handle = unique_handle(slugify(parsed.text), lambda h: book.handle_taken("contacts", h))
    contact = Contact(
        id=0,
        handle=handle,
        name=parsed.text,
        account_id=ctx.resolved.account,
        created=ctx.now,
    )
    for key, name in _CONTACT_FIELDS.items():
        if ctx.has(key):
            setattr(contact, name, ctx.attr(key))
    ctx.insert("contacts", contact)
    account = book.accounts[ctx.resolved.account]
    ctx.outcome.message = f"created contact ~{handle} at @{account.handle}"


VERBS = {"account": Verb(_account), "contact": Verb(_contact)}
