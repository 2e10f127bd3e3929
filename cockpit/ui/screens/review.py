"""The weekly review screen (`R`): a guided walk through the week, then the four prompts.

The sections are the Markdown of `cockpit review --markdown`, one block each, in a
scrolling page; `n`/`p` step from heading to heading and end on the prompts. `ctrl+s`
freezes the week's figures with the answers (asking before it replaces a saved review),
`[`/`]` open the previous/next week's review, Escape closes. The review is computed in a
thread worker under the session lock and arrives by message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich.markdown import Markdown as RichMarkdown
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from cockpit.domain.book import Book
from cockpit.domain.calendar import Week
from cockpit.domain.money import format_money
from cockpit.domain.review import PROMPTS, WeeklyReview
from cockpit.services.archive.view import book_for_week
from cockpit.services.outcome import Outcome
from cockpit.services.review import (
    ReviewExists,
    ReviewInputError,
    Section,
    build_review,
    review_sections,
    review_title,
    save_review,
)
from cockpit.store import StoreError
from cockpit.ui.dialogs.confirm_replace import ConfirmReplace
from cockpit.ui.screens.base import BookScreen, Refusal
from cockpit.ui.widgets.footer import KeyFooter
from cockpit.ui.widgets.review_chart import TouchChart, TrendChart

if TYPE_CHECKING:
    from cockpit.services.session import Session

__all__ = ["ConfirmReplace", "ReviewScreen", "ReviewView"]  # ConfirmReplace: dialogs/

# The sections of the walk, in order; the last is the prompts' form.
SECTION_TITLES: dict[str, str] = {
    "glance": "At a glance",
    "activities": "Activity vs plan",
    "touches": "Touches per day",
    "deals": "Deals",
    "pipeline": "Pipeline",
    "relationships": "Missed cadence",
    "promises": "Promises",
    "quarter": "Momentum & quarter",
    "closes": "Next two weeks",
    "accuracy": "Forecast accuracy",
    "trend": "Trend, 8 weeks",
    "answers": "Your answers",
}


@dataclass(frozen=True, slots=True)
class ReviewView:
    """A week's review, ready to show: the review, its sections and how money reads."""

    review: WeeklyReview
    sections: list[Section]
    currency: str
    minor_digits: int

    def money(self, minor: int) -> str:
        """Compact money in the book's currency."""
        return format_money(minor, self.currency, self.minor_digits, compact=True)


class ReviewScreen(BookScreen):
    """The weekly review of one ISO week (this week unless told)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "step(1)", "Next", id="review.next"),
        Binding("p", "step(-1)", "Prev", id="review.previous"),
        Binding("a", "answer", "Answer", id="review.answer"),
        Binding("ctrl+s", "save", "Save", priority=True, id="review.save"),
        Binding(
            "left_square_bracket",
            "week(-1)",
            "Earlier week",
            key_display="[",
            id="review.previous_week",
        ),
        Binding(
            "right_square_bracket",
            "week(1)",
            "Later week",
            key_display="]",
            id="review.next_week",
        ),
        Binding("escape", "close", "Close", id="review.close"),
    ]
    DEFAULT_CSS = """
    ReviewScreen { layout: vertical; }
    ReviewScreen #review-title {
        height: 1; padding: 0 1; background: $panel; color: $text; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    ReviewScreen #review-main { height: 1fr; }
    ReviewScreen #review-side {
        width: 32; height: 1fr; border-right: vkey $panel-lighten-2; overflow-y: auto;
    }
    ReviewScreen #review-nav { height: auto; border: none; padding: 0; }
    ReviewScreen .side-title { height: 1; padding: 0 1; margin-top: 1; text-style: bold; }
    ReviewScreen #review-body { width: 1fr; height: 1fr; padding: 0 1; }
    ReviewScreen .review-section { margin: 0 0 1 0; }
    ReviewScreen #section-answers { height: auto; }
    ReviewScreen #section-answers Label { margin-top: 1; text-style: bold; }
    ReviewScreen #section-answers TextArea { height: 5; }
    ReviewScreen #answers-hint { color: $text-muted; margin-top: 1; }
    ReviewScreen.-wide #review-side { width: 40; }
    ReviewScreen.-wide #section-answers TextArea { height: 7; }
    """

    @dataclass
    class Saved(Message):
        """The review was written to the book."""

        outcome: Outcome
        answers: dict[str, str]

    @dataclass
    class ReplaceAsked(Message):
        """The week already has a saved review: the rep decides."""

        question: str
        answers: dict[str, str]

    @dataclass
    class SaveFailed(Message):
        """The review could not be saved (nothing was written)."""

        message: str

    def __init__(self, session: Session | None = None, week: str | None = None) -> None:
        super().__init__(session)
        self.week = week  # None until the first load: this week
        self.view: ReviewView | None = None
        self._saved_answers: dict[str, str] = {}
        self._warned = False  # unsaved answers: the next Escape or [ ] goes anyway
        self._section = 0

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("Weekly review", id="review-title")
        with Horizontal(id="review-main"):
            with Vertical(id="review-side"):
                yield OptionList(
                    *(Option(title, id=key) for key, title in SECTION_TITLES.items()),
                    id="review-nav",
                )
                yield Static("Touches per day", classes="side-title")
                yield TouchChart(id="review-chart")
                yield Static("Last 8 weeks", classes="side-title")
                yield TrendChart(id="review-trend")
            with VerticalScroll(id="review-body"):
                for key in SECTION_TITLES:
                    if key != "answers":
                        yield Static(id=f"section-{key}", classes="review-section")
                with Vertical(id="section-answers", classes="review-section"):
                    yield Static(RichMarkdown("## Your answers"), id="answers-heading")
                    for key, question in PROMPTS.items():
                        yield Label(question, id=f"label-{key}")
                        yield TextArea(id=f"answer-{key}", soft_wrap=True)
                    yield Static(
                        "ctrl+s saves: it freezes this week's figures with your answers.",
                        id="answers-hint",
                    )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#review-body").focus()  # then BookScreen loads the view

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 160, "-wide")

    # -- the view -------------------------------------------------------------------------

    def build_view(self, book: Book, now: datetime) -> ReviewView | Refusal | None:
        # The figures follow the book; typed answers stay (show_view keeps them).
        if not book.activities_loaded:
            return None  # the TUI painted first (§9.7): shown once they are read
        try:
            # An archived week is read with its archives, as `cockpit review` does.
            book = book_for_week(self.session, self.week)
            review = build_review(book, self.week, now)
        except (ReviewInputError, StoreError) as error:
            return Refusal(str(error))
        currency, digits = book.settings.currency, book.settings.minor_digits
        return ReviewView(review, review_sections(review, currency, digits), currency, digits)

    def show_view(self, data: ReviewView | Refusal | None) -> None:
        if data is None:
            self.query_one("#review-title", Static).update("Weekly review: activities loading…")
            self.query_one("#section-glance", Static).update("loading…")
            return
        if isinstance(data, Refusal):
            self.notify(data.message, severity="warning", timeout=6)
            if self.view is None:
                self.query_one("#review-title", Static).update(f"Weekly review: {data.message}")
            return
        view = data
        review = view.review
        moved = self.view is None or self.view.review.week != review.week
        self.view = view
        self.week = review.week.name
        for section in view.sections:
            if section.key != "answers":
                body = RichMarkdown(f"## {section.title}\n\n{section.body}")
                self.query_one(f"#section-{section.key}", Static).update(body)
        self.query_one("#review-chart", TouchChart).show_days(review.days)
        self.query_one("#review-trend", TrendChart).show_trend(review.trend, view.money)
        self._show_title()
        if moved:
            self._saved_answers = review.answers
            for key in PROMPTS:
                self.query_one(f"#answer-{key}", TextArea).text = review.answers.get(key, "")
            self._warned = False
            self._go(0, focus=False)

    def _show_title(self) -> None:
        if self.view is None:
            return
        review = self.view.review
        state = "week in progress" if not review.complete else "week ended"
        saved = review.saved
        stamp = f"saved {saved.saved_at:%a %d %b %H:%M}" if saved is not None else "not saved"
        self.query_one("#review-title", Static).update(
            f"{review_title(review)} · {state} · {stamp}"
        )

    # -- walking the sections ---------------------------------------------------------------

    def _target(self, index: int) -> Widget:
        key = list(SECTION_TITLES)[index]
        return self.query_one(f"#section-{key}")

    def _go(self, index: int, *, focus: bool = True) -> None:
        index = max(0, min(index, len(SECTION_TITLES) - 1))
        self._section = index
        self.query_one("#review-nav", OptionList).highlighted = index
        body = self.query_one("#review-body", VerticalScroll)
        body.scroll_to_widget(self._target(index), top=True, animate=False)
        if focus and list(SECTION_TITLES)[index] == "answers":
            self.query_one(f"#answer-{next(iter(PROMPTS))}", TextArea).focus()

    def action_step(self, step: int) -> None:
        """Next / previous section; past the last report section come the prompts."""
        self._go(self._section + step)

    def action_answer(self) -> None:
        """Jump to the prompts."""
        self._go(len(SECTION_TITLES) - 1)

    @on(OptionList.OptionSelected, "#review-nav")
    def _picked(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self._go(message.option_index)

    # -- answers and saving -------------------------------------------------------------------

    def answers(self) -> dict[str, str]:
        """What the rep has typed in the prompts."""
        return {key: self.query_one(f"#answer-{key}", TextArea).text for key in PROMPTS}

    @property
    def dirty(self) -> bool:
        """True when the typed answers differ from the saved ones."""
        typed = {k: v.strip() for k, v in self.answers().items()}
        saved = {k: self._saved_answers.get(k, "").strip() for k in PROMPTS}
        return typed != saved

    def action_save(self) -> None:
        """Freeze the week's figures with the answers."""
        if self.view is None:
            return
        self._save(self.view.review.week.name, self.answers(), False)

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def _save(self, week: str, answers: dict[str, str], replace: bool) -> None:
        try:
            outcome = save_review(self.session, week, answers, replace=replace)
        except ReviewExists as exists:
            self.post_message(self.ReplaceAsked(str(exists), answers))
            return
        except (ReviewInputError, StoreError) as error:
            self.post_message(self.SaveFailed(str(error)))
            return
        self.post_message(self.Saved(outcome, answers))

    @on(ReplaceAsked)
    def _ask(self, message: ReplaceAsked) -> None:
        message.stop()
        week = self.week or ""

        def decided(replace: bool | None) -> None:
            if replace:
                self._save(week, message.answers, True)
            else:
                self.notify("kept the saved review", timeout=3)

        self.app.push_screen(ConfirmReplace(message.question), decided)

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        message.stop()
        self._saved_answers = {k: v.strip() for k, v in message.answers.items()}
        self._warned = False
        self.notify(message.outcome.message, timeout=4)
        book_changed: Any = getattr(self.app, "book_changed", None)
        if callable(book_changed):
            book_changed()  # the main screen's nudge and panes catch up
        self.reload()

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        message.stop()
        self.notify(message.message, severity="error", timeout=8)

    # -- weeks and leaving ---------------------------------------------------------------------

    def _may_leave(self) -> bool:
        """False (once) when typed answers would be lost: the rep is told how to keep them."""
        if not self.dirty or self._warned:
            return True
        self._warned = True
        self.notify(
            "Your answers are not saved: ctrl+s saves them; press again to leave without.",
            severity="warning",
            timeout=6,
        )
        return False

    def action_week(self, step: int) -> None:
        """Open the previous / next week's review."""
        if self.view is None or not self._may_leave():
            return
        target = self.view.review.week.shifted(step)
        now: datetime = self.session.now()
        if target.start > now.date():
            self.notify(f"{target.name} has not started yet", severity="warning", timeout=3)
            return
        self.week = target.name
        self.reload()

    def action_close(self) -> None:
        """Escape: leave the prompt being typed, else close the review."""
        if isinstance(self.focused, TextArea):
            self.query_one("#review-body").focus()
            return
        if self._may_leave():
            self.dismiss(None)

    @property
    def current_week(self) -> Week | None:
        """The week on screen."""
        return self.view.review.week if self.view is not None else None
