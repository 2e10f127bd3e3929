"""Keys on a selected row: every one is a quick-log line, run or pre-filled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.dialogs.lost import LostDialog
from cockpit.ui.widgets.log_bar import LogBar
from cockpit.ui.widgets.record_list import RecordList
from tests.ui.helpers import lines_of, settle, type_text


def status(app: CockpitApp) -> str:
    return str(app.screen.query_one("#log-status").render())


def sprint(app: CockpitApp) -> list[str]:
    return lines_of(app.screen.query_one("#sprint", RecordList))


async def test_x_asks_why_and_closes_the_deal_as_lost(
    day_one_app: CockpitApp, day_one: Path, open_session: Callable[[Path], Session]
) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("x")  # on #1 Renewal 2027, the top of the Sprint
        assert isinstance(app.screen, LostDialog)
        await pilot.press("enter")  # no reason yet: the dialog insists
        assert isinstance(app.screen, LostDialog)
        await type_text(pilot, "budget frozen until Q3")
        await pilot.press("enter", "home", "down", "enter")  # the codes: price, budget, ...
        await settle(pilot)

        assert status(app) == (
            '✓ saved lost #1 acme-corp-renewal-2027 (budget: "budget frozen until Q3")'
        )
        assert [line.split()[1] for line in sprint(app)[1:]] == ["#2"]

    deal = open_session(day_one).book.deals[1]
    assert (deal.stage, deal.lost_code, deal.lost_reason) == (
        "lost",
        "budget",
        "budget frozen until Q3",
    )


async def test_u_undoes_the_last_command(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("down", "s")  # snooze #2 Pilot until tomorrow
        await settle(pilot)
        assert [line.split()[1] for line in sprint(app)[1:]] == ["#1"]
        await pilot.press("u")
        await settle(pilot)
        assert status(app) == '✓ saved undid "snooze #2"'
        assert [line.split()[1] for line in sprint(app)[1:]] == ["#1", "#2"]
    assert app.session.book.deals[2].snoozed_until is None


async def test_row_keys_prefill_the_log_bar(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(LogBar)
        cases = [
            (["1", "c"], "call #1 "),
            (["1", "down", "e"], "email #2 "),
            (["1", "home", "d"], "next #1 "),
            (["1", "f"], "deal #1 fc:"),
            (["1", "w"], "won #1 "),
            (["1", "N"], 'deal @acme-corp "'),
            (["2", "m"], "meeting @acme-corp "),
            (["2", "down", "n"], "note @globex "),
            (["4", "p"], "promise ~jane-ortiz "),
            (["1", "A"], 'account "'),
        ]
        for keys, expected in cases:
            await pilot.press("escape", *keys)
            assert bar.value == expected, keys
            assert bar.input.has_focus
            assert bar.input.cursor_position == len(expected)
            await pilot.press("ctrl+u")


async def test_a_advances_the_stage_and_F_pins_the_deal(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("down", "a")  # #2 Pilot: qualified -> proposal
        await settle(pilot)
        assert app.session.book.deals[2].stage == "proposal"
        await pilot.press("escape", "1", "down", "F")
        await settle(pilot)
        # Focused: +15 puts it on top, marked with a star.
        assert sprint(app)[1].split()[:4] == ["1", "★", "#2", "Pilot"]
        assert "proposal" in sprint(app)[1]


async def test_D_keeps_a_promise(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("4", "D")
        await settle(pilot)
        promises = lines_of(app.screen.query_one("#promises", RecordList))
        # Done on Wednesday, due Friday: kept early, and shown dimmed below the open ones.
        assert promises[1].split()[:3] == ["!1", "✓", "early"]
        assert app.session.book.promises[1].done_at is not None


async def test_a_deal_key_on_an_account_row_says_what_to_do(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2", "x")
        await pilot.pause()
        assert not isinstance(app.screen, LostDialog)
        assert any("Pick a deal first" in str(n.message) for n in app._notifications)
