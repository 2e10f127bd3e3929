"""The pipeline screen (P): every open deal, sorted, filtered as you type, rows selected and
one line applied to all of them as one undoable command."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cockpit.services.session import Session
from cockpit.store.paths import journal_path
from cockpit.ui.app import CockpitApp
from cockpit.ui.screens.pipeline import PipelineScreen
from tests.ui.helpers import screen_lines, settle, type_text


def _rows(app: CockpitApp) -> list[str]:
    """The deal (or account) rows on screen, as text."""
    return [line for line in screen_lines(app) if re.match(r"^ *[✓ ] *[#@]\w", line)]


def _ids(app: CockpitApp) -> list[int]:
    return [int(m.group(1)) for line in _rows(app) if (m := re.search(r"#(\d+)", line))]


def _title(app: CockpitApp) -> str:
    return screen_lines(app)[0].strip()


def _journal_lines(book: Path) -> int:
    path = journal_path(book)
    return len(path.read_text().splitlines()) if path.exists() else 0


async def test_p_lists_every_open_deal_by_value(app: CockpitApp) -> None:
    book = app.session.book
    open_deals = sorted(book.open_deals(), key=lambda d: -d.value)
    async with app.run_test(size=(120, 200)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert _title(app).startswith(f"Pipeline · {len(open_deals)} open deals · by value")
        assert [book.deals[i].value for i in _ids(app)] == [d.value for d in open_deals]
        assert set(_ids(app)) == {d.id for d in open_deals}
        # o sorts by the next column (close), r reverses it.
        await pilot.press("o")
        closes = [book.deals[i].close or date.max for i in _ids(app)]
        assert closes == sorted(closes, reverse=True)
        await pilot.press("r")
        closes = [book.deals[i].close or date.max for i in _ids(app)]
        assert closes == sorted(closes)
        await pilot.press("C")  # closed deals too
        await settle(pilot)
        assert len(_ids(app)) == len(book.deals)


async def test_typing_filters_the_list(app: CockpitApp) -> None:
    book = app.session.book
    renewals = {d.id for d in book.open_deals() if "renewal" in d.title.lower()}
    assert 1 < len(renewals) < sum(1 for _ in book.open_deals())
    async with app.run_test(size=(120, 200)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "renew")
        assert set(_ids(app)) == renewals
        assert f"· {len(renewals)} match" in _title(app)
        await pilot.press("enter")  # back to the list, the filter kept
        await pilot.press("space")
        assert "· 1 selected" in _title(app)


async def test_one_line_on_the_selected_deals_is_one_command(
    app: CockpitApp, book: Path, open_session: Callable[[Path], Session]
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        first_three = _ids(app)[:3]
        await pilot.press("space", "space", "down", "space")  # the 1st, 2nd and 4th rows
        chosen = [first_three[0], first_three[1], _ids(app)[3]]
        assert [line.lstrip()[0] for line in _rows(app)[:5]] == ["✓", "✓", "#", "✓", "#"]
        assert "· 3 selected" in _title(app)
        before = _journal_lines(book)
        await pilot.press("colon")
        await type_text(pilot, 'close:2027-01-29 next:"call back" due:2026-12-01')
        await pilot.press("enter")
        await settle(pilot)
        assert _journal_lines(book) == before + 1
        deals = open_session(book).book.deals
        for deal_id in chosen:
            assert (deals[deal_id].close, deals[deal_id].next_step) == (
                date(2027, 1, 29),
                "call back",
            )
        assert deals[_ids(app)[2]].next_step != "call back"

        await pilot.press("escape", "u")  # one undo takes the whole line back
        await settle(pilot)
        deals = open_session(book).book.deals
        assert all(deals[i].next_step != "call back" for i in chosen)


async def test_accounts_get_tier_and_cadence_in_one_line(
    app: CockpitApp, book: Path, open_session: Callable[[Path], Session]
) -> None:
    async with app.run_test(size=(120, 200)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        count = len(app.session.book.accounts)
        assert _title(app).startswith(f"Pipeline · {count} accounts")
        await pilot.press("asterisk")
        assert f"· {count} selected" in _title(app)
        await pilot.press("colon")
        await type_text(pilot, "tier:growth cadence:21d")
        await pilot.press("enter")
        await settle(pilot)
    accounts = open_session(book).book.accounts.values()
    assert {(a.tier, a.cadence_days) for a in accounts} == {("growth", 21)}


async def test_an_error_on_one_row_keeps_the_line_and_writes_nothing(
    app: CockpitApp, book: Path
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        await pilot.press("asterisk")
        before = _journal_lines(book)
        await pilot.press("colon")
        await type_text(pilot, "stage nowhere")
        await pilot.press("enter")
        await settle(pilot)
        assert _journal_lines(book) == before
        assert app.screen.log_bar.value == "stage nowhere"
