"""Enter opens a record's detail; / finds records and notes; ctrl+p jumps by name."""

from __future__ import annotations

from cockpit.services.session import Session
from cockpit.ui.app import CockpitApp
from cockpit.ui.screens.detail import DetailScreen
from cockpit.ui.screens.main import MainScreen
from cockpit.ui.screens.search import SearchScreen
from cockpit.ui.widgets.record_list import RecordList
from tests.ui.helpers import lines_of, paste, settle, type_text


def timeline(app: CockpitApp) -> list[str]:
    return lines_of(app.screen.query_one("#timeline", RecordList))


def title(app: CockpitApp) -> str:
    return str(app.screen.query_one("#detail-title").render())


async def test_enter_opens_the_deal_with_its_timeline(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await paste(pilot, 'call #renewal ~jane out:voicemail "left a message"')
        await pilot.press("enter")
        await settle(pilot)
        await paste(pilot, 'email #renewal ~jane dir:in out:replied "pricing, please"')
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "1", "enter")
        await settle(pilot)

        assert isinstance(app.screen, DetailScreen)
        assert title(app).startswith("#1 Renewal 2027   Acme Corp @acme-corp")
        assert [line.split() for line in timeline(app)[:3]] == [
            ["when", "what", "outcome", "about", "notes"],
            ["today", "email", "←", "replied", "Jane", "Ortiz", "pricing,", "please"],
            ["today", "call", "voicemail", "Jane", "Ortiz", "left", "a", "message"],
        ]
        facts = " ".join(" ".join(lines_of(app.screen.query_one("#detail-facts"))).split())
        assert "next step send pricing · Nov 23" in facts
        assert "in sprint next step 2 days overdue · closes in 9 days" in facts
        assert "chase" not in facts  # Jane wrote back: nothing to chase
        # The row keys act on the record shown.
        await pilot.press("c")
        assert app.screen.query_one("#logbar").value == "call #1 "  # type: ignore[attr-defined]
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_demo_deal_detail_lists_every_activity_newest_first(
    app: CockpitApp, session: Session
) -> None:
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        top = app.screen.query_one("#sprint", RecordList).rows[0].target
        assert top is not None
        await pilot.press("enter")
        await settle(pilot)
        deal = session.book.deals[top.id]
        activities = session.book.activities_of("deal_id", top.id)
        assert title(app).startswith(f"#{deal.id} {deal.title}")
        rows = app.screen.query_one("#timeline", RecordList).rows
        assert len(rows) == len(activities)
        assert rows[0].cells["text"] == activities[-1].text


async def test_search_finds_a_deal_by_part_of_its_name_and_opens_it(
    day_one_app: CockpitApp,
) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "pil")
        results = lines_of(app.screen.query_one("#search-results", RecordList))
        assert [line.split() for line in results if line] == [
            ["deal", "#2", "Pilot", "·", "Globex", "qualified", "·", "$12k"]
        ]
        assert str(app.screen.query_one("#search-count").render()) == "1 match"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert title(app).startswith("#2 Pilot   Globex @globex")


async def test_search_finds_activity_notes(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await paste(pilot, 'note @globex "their CTO likes Postgres"')
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "slash")
        await settle(pilot)
        await type_text(pilot, "postgres")
        results = [r.split() for r in lines_of(app.screen.query_one("#search-results")) if r]
        assert results == [
            ["activity", "2026-11-25", "their", "CTO", "likes", "Postgres", "note", "·", "Globex"]
        ]
        await pilot.press("enter")
        await settle(pilot)
        assert title(app).startswith("@globex Globex")


async def test_the_palette_jumps_to_a_record_by_fuzzy_name(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "jane ortz")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert title(app).startswith("~jane-ortiz Jane Ortiz   CFO · Acme Corp")


async def test_the_palette_runs_any_key_action(day_one_app: CockpitApp) -> None:
    app = day_one_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "new account")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#logbar").value == 'account "'  # type: ignore[attr-defined]
