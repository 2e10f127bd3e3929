"""Plan account and contact rows: create what the book lacks, update what changed.

An account is the same account again by name (any case), then by handle; a contact by
email, else by name at the same account. A name twice in one file is a bad row.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cockpit.domain.handles import slugify
from cockpit.domain.model import Contact
from cockpit.imports.accounts import NewAccount, name_key
from cockpit.imports.rows import Action, HandleSet, PlanContext, Row, RowProblem
from cockpit.imports.values import read_tier

__all__ = ["MULTI", "AccountPlanner", "ContactPlanner"]

MULTI = " ::: "  # how Google Contacts (and our vCard reader) join several values in a cell


def _set_changed(record: Any, updates: dict[str, Any]) -> tuple[str, ...]:
    """Set the given (non-None) fields that differ; the names of those that did."""
    changed = []
    for name, value in updates.items():
        if value is not None and getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    return tuple(changed)


def _more(contact: Contact, more: dict[str, list[str]]) -> list[str]:
    """Keep a contact's further emails and phones beside the first (in `extra`)."""
    changed = []
    for key, values in more.items():
        if values and contact.extra.get(key) != values:
            contact.extra[key] = values
            changed.append(key)
    return changed


def _twice(row: Row, ctx: PlanContext, field: str, value: str, first: int) -> RowProblem:
    column = ctx.columns.column(field)
    return RowProblem(row.line, column, value, f"{value} is also on line {first}: one row each")


class AccountPlanner:
    """Plans account rows (name, tier, industry)."""

    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self._seen: dict[str, int] = {}

    def plan_row(self, row: Row) -> None:
        """Plan one row: a new account, an update, nothing, or a bad row."""
        ctx = self.ctx
        name = row.raw("name")
        tier = row.read("tier", read_tier)
        if name is None:
            row.problem("name", "an account needs a name")
        else:
            first = self._seen.setdefault(name_key(name), row.line)
            if first != row.line:
                row.problems.append(_twice(row, ctx, "name", name, first))
        if row.problems or name is None:
            ctx.plan.problems.extend(row.problems)
            return
        industry = row.raw("industry")
        found = ctx.accounts.find(name)
        if isinstance(found, int):
            account = replace(ctx.book.accounts[found])
            account.extra = dict(account.extra)
            changed = _set_changed(account, {"tier": tier, "industry": industry})
            action = Action(row.line, "accounts", account, changed=changed)
            (ctx.plan.actions if changed else ctx.plan.unchanged).append(action)
            return
        planned = ctx.accounts.plan(name, row.line, tier or "none", industry)
        ctx.plan.actions.append(Action(row.line, "accounts", planned.record, planned))


class ContactPlanner:
    """Plans contact rows (name, account, role, email, phone)."""

    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self._handles = HandleSet(ctx.book, "contacts")
        self._seen: dict[str, int] = {}
        self._by_email: dict[str, int] = {}
        self._by_name: dict[tuple[str, Any], int] = {}
        for contact_id, doc in ctx.book.contacts.docs.items():
            email = doc.get("email")
            if email:
                self._by_email.setdefault(str(email).casefold(), contact_id)
            key = (name_key(str(doc.get("name", ""))), doc.get("account_id"))
            self._by_name.setdefault(key, contact_id)

    def _name(self, row: Row) -> str | None:
        name = row.raw("name")
        if name is None:
            parts = [p for p in (row.helper("first_name"), row.helper("last_name")) if p]
            name = " ".join(parts) or None
        return name

    def _several(self, row: Row, name: str) -> list[str]:
        """Every value of a field: Google's " ::: " cells, its "E-mail 2" columns, a vCard's
        several EMAIL lines; the first is the contact's, the others are kept beside it."""
        values: list[str] = []
        for raw in (row.raw(name), row.helper(f"{name}_2"), row.helper(f"{name}_3")):
            for value in (raw or "").split(MULTI):
                if value.strip() and value.strip() not in values:
                    values.append(value.strip())
        return values

    def plan_row(self, row: Row) -> None:
        """Plan one row: a new contact, an update, nothing, or a bad row."""
        ctx = self.ctx
        name = self._name(row)
        emails, phones = self._several(row, "email"), self._several(row, "phone")
        email = emails[0] if emails else None
        if name is None:
            row.problem("name", "a contact needs a name")
        else:
            key = email.casefold() if email else name_key(name)
            first = self._seen.setdefault(key, row.line)
            if first != row.line:
                row.problems.append(
                    _twice(row, ctx, "email" if email else "name", email or name, first)
                )
        if row.problems or name is None:
            ctx.plan.problems.extend(row.problems)
            return
        account_name = row.raw("account")
        account = ctx.accounts.ensure(account_name, row.line) if account_name else None
        account_id = account if isinstance(account, int) else None
        new_account = account if isinstance(account, NewAccount) else None
        fields = {"role": row.raw("role"), "email": email, "phone": phones[0] if phones else None}
        more = {"emails": emails[1:], "phones": phones[1:]}
        existing = self._by_email.get(email.casefold()) if email else None
        if existing is None and new_account is None:
            existing = self._by_name.get((name_key(name), account_id))
        if existing is not None:
            contact = replace(ctx.book.contacts[existing])
            contact.extra = dict(contact.extra)
            changed = list(_set_changed(contact, {"name": name, **fields}))
            changed += _more(contact, more)
            if new_account is not None or (
                account_id is not None and account_id != contact.account_id
            ):
                contact.account_id = account_id
                changed.append("account")
            action = Action(row.line, "contacts", contact, new_account, tuple(changed))
            (ctx.plan.actions if changed else ctx.plan.unchanged).append(action)
            return
        if account is None:
            row.warn(ctx.plan, "contact without an account: imported with no account", "account")
        handle = self._handles.claim(slugify(name))
        contact = Contact(id=0, handle=handle, name=name, account_id=account_id, created=ctx.now)
        _set_changed(contact, fields)
        _more(contact, more)
        ctx.plan.actions.append(Action(row.line, "contacts", contact, new_account))
