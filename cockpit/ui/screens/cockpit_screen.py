"""CockpitScreen: a book screen with the keys every cockpit screen shares, each one a
quick-log line, run or pre-filled.

They act on `current_target()`: the selected row on the main screen, the record shown on
a detail screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from textual.binding import Binding, BindingType

from cockpit.domain.model import Account, Contact, Deal, Promise
from cockpit.ui.data.lines import Target, next_stage, quote, ref
from cockpit.ui.messages import OpenDetail
from cockpit.ui.screens.base import BookScreen

__all__ = ["CockpitScreen"]

Record = Deal | Account | Contact | Promise

# The keys that act on a record or the book: they fire only when a pane has the focus,
# never while the log bar has it (DESIGN §9.1).
ROW_ACTIONS = frozenset(
    {
        "prefill",
        "next_step",
        "advance",
        "won",
        "lost",
        "forecast",
        "snooze",
        "toggle_focus",
        "promise",
        "done",
        "new_deal",
        "new_account",
        "undo",
    }
)


class CockpitScreen(BookScreen):
    """A book screen with the row keys of DESIGN §4 and the screens they open."""

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
        Binding("s", "snooze", "Snooze to the next working day", show=False, id="cockpit.snooze"),
        Binding("F", "toggle_focus", "Focus / unfocus", show=False, id="cockpit.focus"),
        Binding("p", "promise", "Promise", show=False, id="cockpit.promise"),
        Binding("D", "done", "Promise kept", show=False, id="cockpit.done"),
        Binding("N", "new_deal", "New deal", show=False, id="cockpit.new_deal"),
        Binding("A", "new_account", "New account", show=False, id="cockpit.new_account"),
        Binding("u", "undo", "Undo", id="cockpit.undo"),
        Binding("slash", "search", "Search", id="cockpit.search"),
        Binding("P", "open_screen('pipeline')", "Pipeline", id="cockpit.pipeline"),
        Binding("Q", "open_screen('quarter')", "Quarter", show=False, id="cockpit.quarter"),
        Binding("R", "open_screen('review')", "Weekly review", show=False, id="cockpit.review"),
        Binding("question_mark", "help", "Help", id="cockpit.help"),
    ]

    def current_target(self) -> Target | None:
        """The record the row keys act on."""
        raise NotImplementedError

    def selected(self) -> Target | None:
        return self.current_target()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ROW_ACTIONS:
            focused = self.focused
            return focused is not None and self.log_bar not in (focused, *focused.ancestors)
        return True

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
        """Hide the selected deal from the Sprint until the next working day."""
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
        """Open the detail of a deal, account or contact (a promise: of whom it is to).

        Asked of the app by message: the detail screen is itself a CockpitScreen, so
        importing it here would make the two modules import each other.
        """
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
        self.post_message(OpenDetail(target))
