"""The keyboard does only what the rep meant (issue 9, DESIGN §9.1): Tab stays in the bar,
keys typed after Enter start the next line, hints follow what is open."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual import events
from textual.command import CommandList
from textual.pilot import Pilot

from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.dialogs.lost import LostDialog
from cockpit.ui.widgets.log_bar import LogBar
from tests.ui.helpers import lines_of, paste, settle, type_text


def status(app: CockpitApp) -> str:
    return str(app.screen.query_one("#log-status").render())


def bar(app: CockpitApp) -> LogBar:
    return app.screen.query_one(LogBar)


async def type_at_once(pilot: Pilot[None], text: str) -> None:
    """Keys a fast typist sends in one burst: all queued before the app handles any."""
    driver = pilot.app._driver
    assert driver is not None
    for char in text:
        key = events.Key("space" if char == " " else char, char)
        key.set_sender(pilot.app)
        driver.send_message(key)
    await settle(pilot)


def snapshot(session: Session) -> tuple[int, int, int, dict[int, tuple[str, str | None]]]:
    book = session.book
    deals = {d.id: (d.stage, d.forecast_category) for d in book.deals.values()}
    return len(book.activities), len(book.promises), len(book.deals), deals


async def test_tab_on_an_attribute_stays_in_the_bar_and_letters_are_the_line(
    app: CockpitApp, book: Path, open_session: Callable[[Path], Session]
) -> None:
    before = snapshot(app.session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await type_text(pilot, "deal #27 fc:best")
        await pilot.press("tab")
        await settle(pilot)
        assert bar(app).input.has_focus
        await type_text(pilot, "prob:40")
        await settle(pilot)
        assert bar(app).input.has_focus
        assert bar(app).value.startswith("deal #27 fc:best")
        assert bar(app).value.endswith("prob:40")
        await pilot.press("enter")
        await settle(pilot)
        assert status(app).startswith("✓ saved")
    after = open_session(book)
    deal = after.book.deals[27]
    assert (deal.forecast_category, deal.probability) == ("best_case", 40)
    # Nothing else moved: no activity, no promise, no other deal.
    activities, promises, deals, states = snapshot(after)
    assert (activities, promises, deals) == before[:3]
    del states[27], before[3][27]
    assert states == before[3]


async def test_tab_with_nothing_to_complete_says_so_and_x_is_a_letter(app: CockpitApp) -> None:
    before = snapshot(app.session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await type_text(pilot, "call ~zzz")
        await pilot.press("tab")
        await settle(pilot)
        assert bar(app).input.has_focus
        assert "no contact matches ~zzz" in status(app)
        await pilot.press("x")
        await settle(pilot)
        assert not isinstance(app.screen, LostDialog)
        assert bar(app).value == "call ~zzzx"
        await pilot.press("shift+tab")
        await settle(pilot)
        assert bar(app).input.has_focus
    assert snapshot(app.session) == before


async def test_tab_cycles_the_candidates_and_shift_tab_goes_back(app: CockpitApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await type_text(pilot, "call #ren")
        await settle(pilot)
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            seen.append(bar(app).value)
        assert len(set(seen)) == 3, seen  # each Tab the next candidate, not the first again
        await pilot.press("shift+tab")
        assert bar(app).value == seen[1]
        assert bar(app).input.has_focus


async def test_keys_typed_right_after_enter_belong_to_the_next_line(
    day_one_app: CockpitApp, day_one: Path, open_session: Callable[[Path], Session]
) -> None:
    app = day_one_app
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await type_text(pilot, 'note @acme "alpha"')
        driver = app._driver
        assert driver is not None
        enter = events.Key("enter", "\r")
        enter.set_sender(app)
        driver.send_message(enter)
        await type_at_once(pilot, " beta")
        assert bar(app).value == " beta"
        assert bar(app).input.has_focus
    (note,) = open_session(day_one).book.activities.values()
    assert note.text == "alpha"


async def test_a_hint_goes_when_the_bar_is_left(app: CockpitApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert status(app).startswith("Enter closes #")
        await pilot.press("escape")
        await settle(pilot)
        assert "Enter closes" not in status(app)
        assert bar(app).value == ""  # the row key's line was not taken up: it goes too
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, LostDialog)
        main = app.screen_stack[-2]
        assert "Enter closes" not in str(main.query_one("#log-status").render())


async def test_the_caret_counts_terminal_cells_under_wide_characters(
    day_one_app: CockpitApp,
) -> None:
    app = day_one_app
    line = 'note @acme "顧客と話した 🙂" out:bogus'
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await paste(pilot, line)  # an input method hands over the wide characters at once
        assert bar(app).value == line
        await pilot.press("enter")
        await settle(pilot)
        shown = status(app)
        # The prompt is two cells; each CJK character and the emoji take two more.
        before = 2 + len('note @acme "') + 2 * 6 + len(" ") + 2 + len('" out:')
        assert shown.index("^") == before, shown
        assert shown[before:].startswith("^^^^^\ncol 27:"), shown


async def test_a_warning_shows_on_the_status_line(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await type_text(pilot, "call #1 value:45k")
        await pilot.press("enter")
        await settle(pilot)
        assert status(app) == (
            "✓ saved logged call on #1 acme-corp-renewal-2027"
            "  ⚠ value: is not a call attribute; kept as text"
        )


async def test_s_on_a_friday_snoozes_until_monday(
    day_one: Path, open_session: Callable[[Path], Session]
) -> None:
    friday = Session.open(day_one, clock=fixed_clock(datetime(2026, 11, 27, 10, 30, tzinfo=UTC)))
    app = CockpitApp(friday, poll_interval=0, tick_interval=0)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            await pilot.press("1", "s")
            await settle(pilot)
            assert status(app) == "✓ saved snoozed #1 acme-corp-renewal-2027 until 2026-11-30"
    finally:
        friday.close()


async def test_a_huge_paste_is_cut_to_a_line_and_says_so(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await type_text(pilot, "note @acme ")
        await paste(pilot, "y" * 120_000)
        await settle(pilot)
        assert len(bar(app).value) == 20_000
        assert status(app) == "paste cut to 20,000 characters: the most a line holds"
        await pilot.press("z")  # a key past the limit is refused too, with a word
        assert len(bar(app).value) == 20_000
        assert status(app) == "a line holds at most 20,000 characters"


async def test_a_contacts_call_says_which_deal_it_went_on(
    day_one_app: CockpitApp, day_one: Path, open_session: Callable[[Path], Session]
) -> None:
    app = day_one_app
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await type_text(pilot, 'call ~jane out:connected "hi"')
        await pilot.press("enter")
        await settle(pilot)
        assert status(app) == (
            "✓ saved logged call with ~jane-ortiz on #1 acme-corp-renewal-2027 "
            "(the only open deal at @acme-corp)"
        )
    (call,) = open_session(day_one).book.activities.values()
    assert (call.contact_id, call.deal_id) == (1, 1)


async def test_the_palette_opens_on_recent_records_and_cockpits_actions(
    day_one_app: CockpitApp,
) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await type_text(pilot, 'call ~jane "hello"')
        await pilot.press("enter", "escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        options = app.screen.query_one(CommandList)
        prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        shown = [str(prompt).split("\n")[0] for prompt in prompts]
        assert shown[0] == "#1 Renewal 2027 · Acme Corp"  # the deal just called about
        assert {"Log", "Call", "Won", "Lost", "Undo"} <= set(shown[1:])
        generic = {"Up", "Down", "Scroll Left", "Scroll Right", "Theme", "Screenshot", "Keys"}
        assert not generic & set(shown), shown


LABEL = r"#\d+ [^·;]+ · [^·;]+ · \$[\d.]+[km]"


async def test_tab_offers_the_selected_rows_deal_and_its_people_first(app: CockpitApp) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("1", "down")
        target = app.screen.current_target()  # type: ignore[attr-defined]
        assert target is not None and target.kind == "deal"
        deal = app.session.book.deals[target.id]
        account = app.session.book.accounts[deal.account_id]
        await pilot.press("colon")
        await type_text(pilot, "call #")
        await settle(pilot)
        assert status(app).startswith(f"Tab #{deal.id} {deal.title} · {account.name} · $")
        await pilot.press("ctrl+u")
        await type_text(pilot, "call ~")
        await settle(pilot)
        people = {c.name for c in app.session.book.contacts.values() if c.account_id == account.id}
        first = status(app).removeprefix("Tab ~").split(" · ")[0].split(" ", 1)[1]
        assert first in people, (status(app), people)


async def test_an_ambiguous_reference_lists_whole_candidates(app: CockpitApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await type_text(pilot, "call #ren")
        await pilot.press("enter")
        await settle(pilot)
        shown = " ".join(status(app).split())
        assert shown.startswith('^^^^ col 6: ambiguous deal "#ren": #'), shown
        listed, more = shown.split(": ", 2)[2].rsplit(" … and ", 1)
        assert re.fullmatch(rf"{LABEL}(; {LABEL})*", listed), listed
        assert re.fullmatch(r"\d+ more", more), more
        # All of it is on screen: the error is not cut at the status line's edge.
        on_screen = " ".join(" ".join(lines_of(app.screen.query_one("#log-status"))).split())
        assert on_screen.endswith(f"… and {more}"), on_screen


async def test_while_tab_cycles_the_list_shows_where_it_is(app: CockpitApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await type_text(pilot, "call #ren")
        await pilot.press("tab", "tab")
        await settle(pilot)
        put = bar(app).value.split()[1]  # "#NN", the second candidate
        shown = status(app)
        assert re.match(rf"Tab 2/\d+ {put} Renewal ", shown), shown
        assert re.search(r"… and \d+ more$", shown), shown
