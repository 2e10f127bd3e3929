"""What every cockpit screen shares: the log bar's round trip, the row keys, reloads.

A screen builds its data in a thread worker while holding the session lock and shows it
when `ViewReady` arrives; every write is a quick-log line run by `session.execute` in a
thread worker (group "store"), reported back with `CommandDone` or `CommandFailed`.
The app's `revision` (bumped after each write and each catch-up with another process)
and `today` (bumped at midnight) tell every screen to reload.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import get_current_worker

from cockpit.domain.book import Book
from cockpit.domain.model import Account, Contact, Deal, Promise
from cockpit.quicklog import QuickLogError
from cockpit.store import StoreError
from cockpit.ui.data.complete import completions
from cockpit.ui.data.history import append_history
from cockpit.ui.data.lines import Target, next_stage, quote, ref
from cockpit.ui.messages import CommandDone, CommandFailed, ViewReady
from cockpit.ui.widgets.log_bar import LogBar

if TYPE_CHECKING:
    from cockpit.services.session import Session
    from cockpit.ui.app import CockpitApp

__all__ = ["CockpitScreen"]

Record = Deal | Account | Contact | Promise


class CockpitScreen(Screen[None]):
    """A screen with a log bar whose keys act on `current_target()`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("colon,l", "focus_log", "Log", id="cockpit.log"),
        Binding("c", "prefill('call')", "Call", id="cockpit.call"),
        Binding("e", "prefill('email')", "Email", show=False, id="cockpit.email"),
        Binding("m", "prefill('meeting')", "Meeting", show=False, id="cockpit.meeting"),
        Binding("n", "prefill('note')", "Note", show=False, id="cockpit.note"),
        Binding("d", "next_step", "Next step", id="cockpit.next_step"),
        Binding("a", "advance", "Advance stage", show=False, id="cockpit.advance"),
        Binding("w", "won", "Won", show=False, id="cockpit.won"),
        Binding("x", "lost", "Lost", id="cockpit.lost"),
        Binding("f", "forecast", "Forecast category", show=False, id="cockpit.forecast"),
        Binding("s", "snooze", "Snooze a day", show=False, id="cockpit.snooze"),
        Binding("F", "toggle_focus", "Focus / unfocus", show=False, id="cockpit.focus"),
        Binding("p", "promise", "Promise", show=False, id="cockpit.promise"),
        Binding("D", "done", "Promise kept", show=False, id="cockpit.done"),
        Binding("N", "new_deal", "New deal", show=False, id="cockpit.new_deal"),
        Binding("A", "new_account", "New account", show=False, id="cockpit.new_account"),
        Binding("u", "undo", "Undo", id="cockpit.undo"),
        Binding("slash", "search", "Search", id="cockpit.search"),
        Binding("Q", "open_screen('quarter')", "Quarter", show=False, id="cockpit.quarter"),
        Binding("R", "open_screen('review')", "Weekly review", show=False, id="cockpit.review"),
        Binding("question_mark", "help", "Help", id="cockpit.help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._stale = False
        self._view_coming = False

    # -- services -----------------------------------------------------------------

    @property
    def cockpit(self) -> CockpitApp:
        """The app, typed."""
        return cast("CockpitApp", self.app)

    @property
    def session(self) -> Session:
        """The open book."""
        return self.cockpit.session

    @property
    def log_bar(self) -> LogBar:
        """This screen's log bar."""
        return self.query_one(LogBar)

    # -- what subclasses provide -----------------------------------------------------

    def build_view(self, book: Book, now: datetime) -> Any:
        """Build the screen's data (in a worker thread, under the session lock)."""
        raise NotImplementedError

    def show_view(self, data: Any) -> None:
        """Show data built by `build_view` (on the event loop)."""
        raise NotImplementedError

    def current_target(self) -> Target | None:
        """The record the row keys act on."""
        raise NotImplementedError

    def focus_content(self) -> None:
        """Put the focus back on the screen's content after the log bar."""
        self.focus_next()

    # -- reloading ----------------------------------------------------------------

    def on_mount(self) -> None:
        bar = self.log_bar
        bar.completer = self._complete
        bar.history = self.cockpit.history
        self.watch(self.app, "revision", self._book_moved, init=False)
        self.watch(self.app, "today", self._book_moved, init=False)
        ready = self.initial_view()
        if ready is None:
            self.reload()
        else:
            self.show_view(ready)

    def initial_view(self) -> Any:
        """Data built before the screen was mounted, if any (None: build it now)."""
        return None

    def _book_moved(self) -> None:
        if self._view_coming:
            self._view_coming = False  # the command's worker is building it already
        elif self.is_current:
            self.reload()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        """Rebuild the screen's data off the event loop."""
        self._load(self.cockpit.revision)

    @work(thread=True, exclusive=True, group="view")
    def _load(self, revision: int) -> None:
        worker = get_current_worker()
        session = self.session
        with session.lock:
            data = self.build_view(session.book, session.now())
        if not worker.is_cancelled:
            self.post_message(ViewReady(data, revision))

    @on(ViewReady)
    def _view_ready(self, message: ViewReady) -> None:
        message.stop()
        self.show_view(message.data)

    # -- running lines --------------------------------------------------------------

    def run_line(self, line: str, *, from_bar: bool = False) -> None:
        """Execute one quick-log line off the event loop."""
        self.log_bar.show_saving()
        self._execute(line, from_bar)

    @work(thread=True, exclusive=True, group="store")
    def _execute(self, line: str, from_bar: bool) -> None:
        # Every outcome is posted, even from a superseded worker: its write did happen.
        try:
            outcome = self.session.execute(line)
        except QuickLogError as exc:
            self.post_message(CommandFailed(line, exc.message, exc.column, exc.token, from_bar))
            return
        except StoreError as exc:
            self.post_message(CommandFailed(line, str(exc), from_bar=from_bar))
            return
        except Exception as exc:  # a bug: keep the app and the typed line alive
            self.app.log.error(f"executing {line!r}: {exc!r}")
            message = f"internal error (a bug, please report it): {exc!r}"
            self.post_message(CommandFailed(line, message, from_bar=from_bar))
            return
        self.post_message(CommandDone(line, outcome, from_bar))
        # Rebuild this screen's view here and now, in the same thread: no second hop
        # through the event loop before the panes repaint.
        session = self.session
        with session.lock:
            data = self.build_view(session.book, session.now())
        self.post_message(ViewReady(data, -1))
        if from_bar and self.cockpit.history_file is not None:
            append_history(self.cockpit.history_file, line)

    @on(CommandDone)
    def _command_done(self, message: CommandDone) -> None:
        message.stop()
        if message.from_bar:
            self.cockpit.remember(message.line)
        outcome = message.outcome
        self.log_bar.show_done(outcome.message, clear=message.from_bar, warnings=outcome.warnings)
        self._view_coming = self.is_current
        self.cockpit.book_changed()

    @on(CommandFailed)
    def _command_failed(self, message: CommandFailed) -> None:
        message.stop()
        bar = self.log_bar
        if not message.from_bar or bar.value.strip() != message.line:
            bar.prefill(message.line)  # a row key's line: keep it so it can be fixed
        bar.show_error(message.message, message.column, message.token)

    @on(LogBar.Submitted)
    def _submitted(self, message: LogBar.Submitted) -> None:
        self.run_line(message.line, from_bar=True)

    @on(LogBar.Left)
    def _left(self) -> None:
        self.focus_content()

    def _complete(self, token: str, line: str) -> list[str]:
        with self.session.lock:
            return completions(self.session.book, token, line)

    # -- the records under the keys -------------------------------------------------

    def _record(self, target: Target | None) -> Record | None:
        if target is None:
            return None
        book = self.session.book
        tables: dict[str, Mapping[int, Any]] = {
            "deal": book.deals,
            "account": book.accounts,
            "contact": book.contacts,
            "promise": book.promises,
        }
        table = tables[target.kind]
        record: Record | None = table.get(target.id)
        return record

    def _touch_ref(self) -> str | None:
        """Whom a call/email/promise is about: the row's record (a promise: whom it is to)."""
        with self.session.lock:
            record = self._record(self.current_target())
            if isinstance(record, Promise):
                book = self.session.book
                for key, table in (
                    ("contact_id", book.contacts),
                    ("deal_id", book.deals),
                    ("account_id", book.accounts),
                ):
                    owner = getattr(record, key)
                    if owner is not None and owner in table:
                        return ref(table[owner])
                return None
            return ref(record) if record is not None else None

    def _deal(self) -> Deal | None:
        with self.session.lock:
            record = self._record(self.current_target())
        if isinstance(record, Deal):
            return record
        self.notify("Pick a deal first (1 focuses the Sprint).", severity="warning", timeout=3)
        return None

    def _prefill(self, line: str, note: str = "") -> None:
        self.log_bar.prefill(line)
        if note:
            self.log_bar.show_note(note)

    # -- actions --------------------------------------------------------------------

    def action_focus_log(self) -> None:
        """Type a quick-log line."""
        # Focus now, not after a refresh: the keys typed right after ":" go to the bar.
        self.set_focus(self.log_bar.input)

    def action_prefill(self, verb: str) -> None:
        """Start a call/email/meeting/note line about the selected record."""
        target = self._touch_ref()
        self._prefill(f"{verb} {target} " if target else f"{verb} ")

    def action_next_step(self) -> None:
        """Set the selected deal's next step."""
        deal = self._deal()
        if deal is not None:
            self._prefill(f"next #{deal.id} ", "type the next step; due:thu (or +2d) dates it")

    def action_advance(self) -> None:
        """Move the selected deal to the next stage."""
        deal = self._deal()
        if deal is None:
            return
        stage = next_stage(deal.stage)
        if stage is None:
            hint = "w wins it, x loses it" if deal.is_open else f"stage #{deal.id} NAME reopens it"
            self.notify(f"#{deal.id} is in {deal.stage}: {hint}", timeout=3)
            return
        self.run_line(f"stage #{deal.id} {stage}")

    def action_won(self) -> None:
        """Close the selected deal as won (Enter confirms; value: changes the amount)."""
        deal = self._deal()
        if deal is not None:
            note = f"Enter closes #{deal.id} {deal.title} as won; add value:48k if it changed"
            self._prefill(f"won #{deal.id} ", note)

    def action_lost(self) -> None:
        """Close the selected deal as lost: asks for the reason and its code."""
        deal = self._deal()
        if deal is None:
            return
        from cockpit.ui.dialogs.lost import LostAnswer, LostDialog

        def close(answer: LostAnswer | None) -> None:
            if answer is not None:
                self.run_line(f"lost #{deal.id} reason:{quote(answer.reason)} code:{answer.code}")

        self.app.push_screen(LostDialog(f"#{deal.id} {deal.title}"), close)

    def action_forecast(self) -> None:
        """Set the selected deal's forecast category."""
        deal = self._deal()
        if deal is not None:
            self._prefill(f"deal #{deal.id} fc:", "pipeline, best_case, commit, closed or omitted")

    def action_snooze(self) -> None:
        """Hide the selected deal from the Sprint until tomorrow."""
        deal = self._deal()
        if deal is not None:
            self.run_line(f"snooze #{deal.id}")

    def action_toggle_focus(self) -> None:
        """Pin the selected deal to the top of the Sprint, or unpin it."""
        deal = self._deal()
        if deal is not None:
            self.run_line(f"{'unfocus' if deal.focus else 'focus'} #{deal.id}")

    def action_promise(self) -> None:
        """Start a promise to the selected record."""
        target = self._touch_ref()
        line = f"promise {target} " if target else "promise "
        self._prefill(line, 'what you promised, and due:fri ("pricing sheet to Jane" due:fri)')

    def action_done(self) -> None:
        """Mark the selected promise kept."""
        target = self.current_target()
        if target is None or target.kind != "promise":
            self.notify("Pick a promise first (4 focuses Promises).", severity="warning", timeout=3)
            return
        self.run_line(f"done !{target.id}")

    def action_new_deal(self) -> None:
        """Start a new deal at the selected account."""
        with self.session.lock:
            record = self._record(self.current_target())
            book = self.session.book
            account_id = (
                record.id if isinstance(record, Account) else getattr(record, "account_id", None)
            )
            account = book.accounts.get(account_id) if account_id is not None else None
        line = f'deal @{account.handle} "' if account else "deal @"
        self._prefill(line, 'title" value:45k close:eoq next:"first call" due:tomorrow')

    def action_new_account(self) -> None:
        """Start a new account."""
        self._prefill('account "', 'name" tier:key (key, growth or nurture)')

    def action_undo(self) -> None:
        """Undo the book's last command."""
        self.run_line("undo")

    def action_search(self) -> None:
        """Search accounts, contacts, deals and notes."""
        from cockpit.ui.screens.search import SearchScreen

        def chosen(target: Target | None) -> None:
            if target is not None:
                self.open_detail(target)

        self.app.push_screen(SearchScreen(), chosen)

    def action_help(self) -> None:
        """Every key and every quick-log verb."""
        from cockpit.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_open_screen(self, name: str) -> None:
        """Open a screen registered under `name` (the quarter and review screens plug in here)."""
        if name in self.app.SCREENS or self.app.is_screen_installed(name):
            self.app.push_screen(name)
        else:
            self.notify(f"The {name} screen is not part of this build yet.", timeout=3)

    def open_detail(self, target: Target) -> None:
        """Open the detail of a deal, account or contact (a promise: of whom it is to)."""
        from cockpit.ui.screens.detail import DetailScreen

        if target.kind == "promise":
            with self.session.lock:
                promise = self.session.book.promises.get(target.id)
            if promise is None:
                return
            for kind, owner in (
                ("deal", promise.deal_id),
                ("contact", promise.contact_id),
                ("account", promise.account_id),
            ):
                if owner is not None:
                    target = Target(kind, owner)
                    break
            else:
                return
        self.app.push_screen(DetailScreen(target))
