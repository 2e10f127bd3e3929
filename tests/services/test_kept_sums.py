"""The quarter's deal sums and the promise board are kept between lines (a logged call
changes neither), and follow every change that does: each is what a fresh book counts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.demo import write_demo
from cockpit.domain.book import Book
from cockpit.domain.marathon import marathon
from cockpit.domain.promises import promise_board
from cockpit.domain.quarter import quarter_report
from cockpit.quicklog import QuickLogError
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)


def counted_afresh(session: Session) -> Book:
    return Book.from_tables(session.store.tables)


def test_kept_sums_follow_every_change(tmp_path: Path) -> None:
    path = tmp_path / "cockpit.json"
    write_demo(path, NOW, seed=7)
    session = Session.open(path, clock=fixed_clock(NOW))
    try:
        book, today = session.book, NOW.date()
        quarter = book.calendar.quarter_of(today)
        in_quarter = [d for d in book.open_deals() if d.close and quarter.contains(d.close)]
        deal, other = in_quarter[0], in_quarter[1]
        open_promises = [p for p in book.promises.values() if p.done_at is None]
        made_to = next(p for p in open_promises if p.contact_id is not None)
        promise = next(p for p in open_promises if p is not made_to)
        contact = book.contacts[made_to.contact_id]  # type: ignore[index]
        account = next(a for a in book.accounts.values() if a.cadence_days is None)
        lines = [
            f'note #{deal.id} "kept"',  # activities only: both are kept
            f"won #{deal.id} value:77k",
            f'call #{other.id} out:connected "x" next:"send terms" due:fri',
            f"stage #{other.id} negotiation",
            "set prob.negotiation:60",
            f"done !{promise.id}",
            f'contact ~{contact.handle} role:"Head of Kept Sums"',
            f'promise #{other.id} "a new one" due:fri',
            f"account @{account.handle} cadence:7d",
            f"contact ~{contact.handle} cadence:10d",
            "set cadence.key:21",
            "off 2026-11-27",
            "undo",
        ]
        for line in lines:
            session.execute(line) if line != "undo" else session.undo()
            fresh = counted_afresh(session)
            kept_report = quarter_report(session.book, quarter, today)
            assert kept_report == quarter_report(fresh, quarter, today), line
            assert promise_board(session.book, today) == promise_board(fresh, today), line
            assert marathon(session.book, today) == marathon(fresh, today), line
    finally:
        session.close()


def test_a_handle_prefix_finds_deals_made_since_it_was_last_looked_up(tmp_path: Path) -> None:
    session = Session.open(tmp_path / "cockpit.json", clock=fixed_clock(NOW))
    try:
        session.execute('account "Acme Corp"')
        session.execute('deal @acme "Zeta Pilot" value:10k')
        first = session.execute('call #acme-corp-ze out:connected "one"')
        assert first.message.startswith("logged call on #1 acme-corp-zeta-pilot")
        session.execute('deal @acme "Zeta Two" value:10k')
        with pytest.raises(QuickLogError, match='ambiguous deal "#acme-corp-ze"') as error:
            session.execute('call #acme-corp-ze out:connected "two"')
        assert error.value.suggestions == ["#acme-corp-zeta-pilot", "#acme-corp-zeta-two"]
        session.execute("won #acme-corp-zeta-t")
        closed_one_left_open = session.execute('call #acme-corp-ze out:connected "three"')
        assert closed_one_left_open.message.startswith("logged call on #1 ")
    finally:
        session.close()
