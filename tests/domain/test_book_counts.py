"""The book's chase and daily touch counts follow every change (they are cached)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cockpit.domain.codec import to_doc
from cockpit.domain.momentum import touches_on
from tests.domain.factory import BookFactory, at

DAY = date(2026, 11, 24)


def test_chase_and_touches_move_with_each_logged_activity() -> None:
    f = BookFactory()
    acme = f.account("Acme Corp")
    jane = f.contact("Jane", acme)
    deal = f.deal("Renewal", acme)
    f.activity("call", at(DAY, 9), deal=deal, contact=jane, outcome="voicemail")
    f.activity("email", at(DAY, 10), deal=deal, contact=jane, outcome="sent")
    assert (f.book.chase("deal_id", deal.id), f.book.chase("contact_id", jane.id)) == (2, 2)
    assert touches_on(f.book, DAY) == 2

    reply = f.activity("email", at(DAY, 11), deal=deal, contact=jane, direction="in")
    assert (f.book.chase("deal_id", deal.id), f.book.chase("contact_id", jane.id)) == (0, 0)
    assert touches_on(f.book, DAY) == 3

    f.book.apply("activities", reply.id, None)  # undone
    assert f.book.chase("deal_id", deal.id) == 2
    assert touches_on(f.book, DAY) == 2

    moved = replace(f.book.activities[1], at=at(date(2026, 11, 23), 9))
    f.book.apply("activities", moved.id, to_doc(moved))  # re-dated to the day before
    assert touches_on(f.book, DAY) == 1
    assert touches_on(f.book, date(2026, 11, 23)) == 1
    assert f.book.account_chase(acme.id) == 2
