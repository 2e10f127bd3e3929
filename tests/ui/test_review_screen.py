"""The review screen with the Pilot: walk the sections, answer, save, reopen; a snapshot."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from cockpit.demo import write_demo
from cockpit.services.clock import fixed_clock
from cockpit.services.session import Session
from cockpit.ui.screens.review import ConfirmReplace, ReviewScreen
from tests.domain.review_books import NOW, week48_book
from tests.services.sessions import session_on
from tests.ui.workers import wait_for_workers

DEMO_NOW = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)


class Host(App[None]):
    """A tiny app that opens the review screen over an empty default screen."""

    def __init__(self, session: Session, week: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.week = week
        self.changes = 0

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(self.session, self.week))

    def book_changed(self) -> None:
        """What CockpitApp does after a write: count it."""
        self.changes += 1


async def settle(pilot: Pilot[Any]) -> None:
    """Let the review's workers finish and their messages land."""
    await pilot.pause()
    await wait_for_workers(pilot)
    await pilot.pause()


def review_screen(app: App[None]) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def title(app: App[None]) -> str:
    return str(app.screen.query_one("#review-title", Static).content)


def section_source(app: App[None], key: str) -> str:
    """The Markdown a section shows."""
    return str(app.screen.query_one(f"#section-{key}", Static).content.markup)  # type: ignore[union-attr]


async def test_the_review_opens_on_the_week_and_walks_its_sections() -> None:
    app = Host(session_on(week48_book(), NOW), "2026-W48")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert title(app) == ("Weekly review — 2026-W48 (23–29 Nov 2026) · week ended · not saved")
        assert "**Won:** 1 deal, $45,000" in section_source(app, "glance")
        assert "Mon 23 ██████████ 12/10  ✓" in section_source(app, "touches")
        nav = app.screen.query_one("#review-nav", OptionList)
        body = app.screen.query_one("#review-body")
        assert nav.highlighted == 0 and body.scroll_y == 0
        await pilot.press("n", "n", "n")
        assert nav.highlighted == 3  # Deals
        deals_top = app.screen.query_one("#section-deals").virtual_region.y
        assert body.scroll_y == deals_top
        await pilot.press("p")
        assert nav.highlighted == 2  # Touches per day
        await pilot.press("a")
        assert nav.highlighted == 11
        assert app.focused is app.screen.query_one("#answer-what_worked", TextArea)


async def test_answer_save_and_reopen() -> None:
    session = session_on(week48_book(), NOW)
    app = Host(session, "2026-W48")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.press(*"calls first")
        await pilot.press("tab")
        await pilot.press(*"less email")
        await pilot.press("tab", *"stark", "tab", *"pricing")
        await pilot.press("ctrl+s")
        await settle(pilot)
        review = session.book.review_for("2026-W48")
        assert review is not None
        assert review.answers == {
            "what_worked": "calls first",
            "what_to_change": "less email",
            "next_week_focus": "stark",
            "need_help": "pricing",
        }
        assert review.metrics["won"] == {"count": 1, "value": 45_000_00}
        assert app.changes == 1
        assert title(app).endswith("· saved Thu 03 Dec 10:00")
        # Escape leaves the prompt, then closes: nothing is unsaved.
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)

    again = Host(session, "2026-W48")
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        typed = {
            k: again.screen.query_one(f"#answer-{k}", TextArea).text
            for k in ("what_worked", "what_to_change", "next_week_focus", "need_help")
        }
        assert typed == {
            "what_worked": "calls first",
            "what_to_change": "less email",
            "next_week_focus": "stark",
            "need_help": "pricing",
        }
        assert not review_screen(again).dirty


async def test_saving_again_asks_before_replacing() -> None:
    session = session_on(week48_book(), NOW)
    app = Host(session, "2026-W48")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"first")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("end", *" and more")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmReplace)
        assert "a review of 2026-W48 was saved" in str(
            app.screen.query_one("#confirm-question", Static).content
        )
        await pilot.press("n")  # keep the saved one
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert session.book.review_for("2026-W48").answers["what_worked"] == "first"  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")  # replace
        await settle(pilot)
        review = session.book.review_for("2026-W48")
        assert review is not None and review.answers["what_worked"] == "first and more"
        assert len(session.book.reviews) == 1


async def test_brackets_open_earlier_and_later_weeks() -> None:
    app = Host(session_on(week48_book(), NOW), "2026-W48")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert title(app).startswith("Weekly review — 2026-W47 (16–22 Nov 2026) · week ended")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        # Now is Thu 3 Dec: W49 is the week in progress, and the latest there is.
        assert title(app).startswith("Weekly review — 2026-W49 (30 Nov – 6 Dec 2026) · week in")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert title(app).startswith("Weekly review — 2026-W49")
        assert review_screen(app).current_week is not None


async def test_unsaved_answers_are_not_lost_silently() -> None:
    app = Host(session_on(week48_book(), NOW), "2026-W48")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"half a thought", "escape")
        await pilot.press("left_square_bracket")  # warned, stays
        await settle(pilot)
        assert title(app).startswith("Weekly review — 2026-W48")
        await pilot.press("escape")  # already warned: leaves without saving
        assert not isinstance(app.screen, ReviewScreen)


async def test_a_week_that_cannot_be_reviewed_says_why() -> None:
    app = Host(session_on(week48_book(), NOW), "2026-W60")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert title(app) == ("Weekly review: 2026-W60 does not exist: 2026 has ISO weeks 1 to 53")


# -- snapshots on the demo book -------------------------------------------------------------


def demo_host(tmp_path: Path) -> Host:
    path = tmp_path / "demo.json"
    write_demo(path, DEMO_NOW, seed=7)
    return Host(Session.open(path, clock=fixed_clock(DEMO_NOW)))


def test_snapshot_of_the_review_on_the_demo_book(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(demo_host(tmp_path), terminal_size=(100, 30), run_before=settle)


def test_snapshot_of_the_review_at_200x60(snap_compare: Any, tmp_path: Path) -> None:
    async def walk(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("n", "n", "n")

    assert snap_compare(demo_host(tmp_path), terminal_size=(200, 60), run_before=walk)


class Registered(App[None]):
    """An app that plugs the screen in by name, as the cockpit app's `R` key expects."""

    SCREENS = {"review": ReviewScreen}

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


async def test_the_screen_opens_by_name_on_the_apps_session() -> None:
    app = Registered(session_on(week48_book(), NOW))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen("review")
        await settle(pilot)
        # No week given: the week holding now (Thu 3 Dec), in progress.
        assert title(app).startswith("Weekly review — 2026-W49 (30 Nov – 6 Dec 2026) · week in")
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)


async def test_an_archived_week_is_reviewed_with_its_archives(tmp_path: Path) -> None:
    from cockpit.services.archive import archive_book
    from cockpit.services.review import build_review, review_sections

    book = tmp_path / "cockpit.json"
    now = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
    write_demo(book, now, years=3, seed=7)
    session = Session.open(book, clock=fixed_clock(now))
    before = build_review(session.book, "2025-W10", now)
    settings = session.book.settings
    (glance, *_) = review_sections(before, settings.currency, settings.minor_digits)
    archive_book(session)
    assert len(session.book.activities) < 36_000  # 2025's activities left the book

    app = Host(session, "2025-W10")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert section_source(app, "glance").endswith(glance.body)
        assert "Won:** 6 deals, $288,500" in glance.body
