"""`cockpit review`: the weekly review as JSON, Markdown or text, and saving one.

`week` is "2026-W48" or None (the week holding `now`); `now` is the caller's clock in the
book's time zone. The Markdown is what a manager reads in a one-on-one; the text output
is the same document laid out for a terminal; the screen shows the same sections.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from cockpit.domain.book import Book
from cockpit.domain.calendar import Week
from cockpit.domain.codec import to_doc
from cockpit.domain.model import Account, Deal, Review
from cockpit.domain.money import format_money, to_major
from cockpit.domain.review import (
    PROMPTS,
    CommitMove,
    DayTouches,
    DealRow,
    ReviewInputError,
    WeeklyReview,
    freeze,
    resolve_week,
    weekly_review,
)
from cockpit.services.outcome import Outcome, RecordRef
from cockpit.services.today import record_ref

if TYPE_CHECKING:
    from cockpit.services.session import Session
    from cockpit.store import Transaction

__all__ = [
    "BAR_WIDTH",
    "ReviewExists",
    "ReviewInputError",
    "Section",
    "build_review",
    "review_json",
    "review_markdown",
    "review_sections",
    "review_text",
    "save_review",
    "sparkline",
    "touch_bar",
]

BAR_WIDTH = 10
_SPARKS = "▁▂▃▄▅▆▇█"
_KIND_NAMES = {
    "call": "Calls",
    "email": "Emails",
    "meeting": "Meetings",
    "demo": "Demos",
    "proposal": "Proposals",
    "social": "Social",
    "deal": "New deals",
}
_CATEGORY_WORDS = {
    "new": "new",
    "pipeline": "pipeline",
    "best_case": "best case",
    "commit": "commit",
    "closed": "closed",
    "omitted": "omitted",
    "won": "won",
    "lost": "lost",
}
_PROMISE_WORDS = {"early": "kept early", "on_time": "on time", "late": "late", "missed": "missed"}


class ReviewExists(Exception):
    """A review of that week is already saved: ask before replacing it."""

    def __init__(self, week: str, saved_at: datetime) -> None:
        super().__init__(f"a review of {week} was saved {saved_at:%a %d %b %H:%M}: replace it?")
        self.week = week
        self.saved_at = saved_at


def build_review(book: Book, week: str | Week | None, now: datetime) -> WeeklyReview:
    """The domain review of `week` (None: this week); ReviewInputError on a bad week."""
    return weekly_review(book, resolve_week(book, week, now), now)


# -- JSON ---------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def review_json(book: Book, week: str | None, now: datetime, schema_version: int) -> dict[str, Any]:
    """The `cockpit review --json` document: one key per section, plus `week`."""
    review = build_review(book, week, now)
    digits = book.settings.minor_digits

    def money(minor: int | None) -> int | float | None:
        return None if minor is None else to_major(minor, digits)

    def deal_row(row: DealRow, day_key: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "deal": record_ref(row.deal),
            "account": record_ref(row.account),
            "value": money(row.value),
            "stage": row.deal.stage,
        }
        if day_key is not None:
            data[day_key] = _iso(row.day)
        return data

    def commit_move(move: CommitMove) -> dict[str, Any]:
        return {
            "deal": record_ref(move.deal),
            "account": record_ref(move.account),
            "value": money(move.value),
            "from": move.before,
            "to": move.after,
            "close": _iso(move.close),
        }

    counts = review.promise_counts()
    saved = review.saved
    return {
        "now": now.isoformat(),
        "currency": book.settings.currency,
        "schema_version": schema_version,
        "week": review.week.name,
        "start": review.week.start.isoformat(),
        "end": review.week.end.isoformat(),
        "as_of": review.as_of.isoformat(),
        "complete": review.complete,
        "activities": {
            "targets_from": [
                {"quarter": s.quarter, "working_days": s.working_days, "has_plan": s.has_plan}
                for s in review.target_sources
            ],
            "kinds": {a.kind: {"target": a.target, "done": a.done} for a in review.activities},
        },
        "touches": {
            "total": review.touches,
            "working_days": review.working_days,
            "days_met": review.days_met,
            "days": [
                {
                    "date": d.day.isoformat(),
                    "weekday": f"{d.day:%a}".lower(),
                    "touches": d.touches,
                    "minimum": d.minimum,
                    "working": d.working,
                    "future": d.future,
                    "met": d.met,
                }
                for d in review.days
            ],
        },
        "deals_created": [deal_row(r, "created") for r in review.created],
        "deals_advanced": [
            {
                "deal": record_ref(r.deal),
                "account": record_ref(r.account),
                "value": money(r.value),
                "from": r.from_stage,
                "to": r.to_stage,
            }
            for r in review.advanced
        ],
        "deals_won": {
            "count": len(review.won),
            "value": money(review.won_value),
            "deals": [deal_row(r, "won") for r in review.won],
        },
        "deals_lost": {
            "count": review.lost_count,
            "value": money(review.lost_value),
            "by_code": [
                {
                    "code": g.code,
                    "count": len(g.rows),
                    "value": money(g.value),
                    "deals": [
                        {**deal_row(r, "lost"), "reason": r.deal.lost_reason} for r in g.rows
                    ],
                }
                for g in review.lost
            ],
        },
        "pipeline": {
            "added": money(review.pipeline_added),
            "removed": money(review.pipeline_removed),
            "net": money(review.pipeline_added - review.pipeline_removed),
            "changes": [
                {
                    "deal": record_ref(i.deal),
                    "account": record_ref(i.account),
                    "kind": i.kind,
                    "amount": money(i.amount),
                }
                for i in review.pipeline
            ],
        },
        "slipped": [
            {
                "deal": record_ref(r.deal),
                "account": record_ref(r.account),
                "value": money(r.value),
                "from": r.old_close.isoformat(),
                "to": r.new_close.isoformat(),
                "days": r.days,
                "slip_count": r.slip_count,
            }
            for r in review.slipped
        ],
        "commit_moves": {
            "into": [commit_move(m) for m in review.into_commit],
            "out_of": [commit_move(m) for m in review.out_of_commit],
        },
        "rotting": [
            {
                "deal": record_ref(r.deal),
                "account": record_ref(r.account),
                "value": money(r.value),
                "stage": r.stage,
                "idle_days": r.idle_days,
                "threshold": r.threshold,
            }
            for r in review.rotting
        ],
        "missed_cadence": [
            {
                "account": record_ref(r.account),
                "tier": r.account.tier,
                "cadence": r.cadence,
                "due": r.due.isoformat(),
                "days_overdue": r.days_overdue,
                "caught_up": _iso(r.caught_up),
            }
            for r in review.missed_cadence
        ],
        "promises": {
            **counts,
            "items": [
                {
                    "id": p.promise.id,
                    "text": p.promise.text,
                    "due": p.promise.due.isoformat(),
                    "done": _iso(p.promise.done_at.date() if p.promise.done_at else None),
                    "status": p.status,
                    "to": record_ref(p.to),
                }
                for p in review.promises
            ],
        },
        "momentum": {"streak": review.streak},
        "quarters": [
            {
                "quarter": q.quarter.name,
                "as_of": q.as_of.isoformat(),
                "quota": money(q.quota),
                "won": money(q.won),
                "attainment": q.attainment,
                "expected_to_date": money(q.expected_to_date),
                "ahead_by": money(q.ahead_by),
                "commit": money(q.commit),
                "best_case": money(q.best_case),
            }
            for q in review.quarters
        ],
        "expected_closes": [
            {
                "deal": record_ref(r.deal),
                "account": record_ref(r.account),
                "close": r.close.isoformat(),
                "value": money(r.value),
                "probability": r.probability,
                "weighted": money(r.weighted),
                "stage": r.deal.stage,
                "forecast_category": r.forecast_category,
            }
            for r in review.expected_closes
        ],
        "forecast_accuracy": [
            {
                "quarter": r.quarter,
                "week": r.week,
                "committed": money(r.committed),
                "best_case": money(r.best_case),
                "closed": money(r.closed),
                "accuracy": r.accuracy,
            }
            for r in review.accuracy
        ],
        "trend": [
            {"week": p.week, "touches": p.touches, "won": money(p.won)} for p in review.trend
        ],
        "answers": dict(saved.answers) if saved is not None else None,
        "saved_at": saved.saved_at.isoformat() if saved is not None else None,
    }


# -- words --------------------------------------------------------------------------


def _day(day: date) -> str:
    """ "Thu 26 Nov"."""
    return f"{day:%a} {day.day} {day:%b}"


def _full_day(day: date) -> str:
    """ "Thu 26 Nov 2026"."""
    return f"{_day(day)} {day.year}"


def week_span(week: Week) -> str:
    """ "23–29 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027"."""
    start, end = week.start, week.end
    if start.year != end.year:
        return f"{start.day} {start:%b} {start.year} – {end.day} {end:%b} {end.year}"
    if start.month != end.month:
        return f"{start.day} {start:%b} – {end.day} {end:%b} {end.year}"
    return f"{start.day}–{end.day} {end:%b} {end.year}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def _pct(numerator: int, denominator: int | None) -> str:
    if not denominator:
        return ""
    return f"{(200 * numerator + denominator) // (2 * denominator)}%"  # half up


def _deal_name(deal: Deal, account: Account | None) -> str:
    return f"{account.name} — {deal.title}" if account is not None else deal.title


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], align: str, rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table; `align` has one letter per column, l or r."""
    marks = {"l": ":--", "r": "--:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(marks[a] for a in align) + " |",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def touch_bar(day: DayTouches, width: int = BAR_WIDTH) -> str:
    """One line of the touches chart: "Mon 23 ████████░░ 16/20"."""
    label = f"{day.day:%a} {day.day.day:>2}"
    if day.minimum > 0:
        # Rounded down, so a full bar always means the minimum was met.
        filled = min(width, day.touches * width // day.minimum)
    else:
        filled = width if day.touches else 0
    bar = "█" * filled + "░" * (width - filled)
    if day.future:
        return f"{label} {'·' * width}  –/{day.minimum}  to come"
    if not day.working:
        return f"{label} {bar} {day.touches:>2}     not a working day"
    mark = "  ✓" if day.met else ""
    return f"{label} {bar} {day.touches:>2}/{day.minimum}{mark}"


def sparkline(values: Sequence[int]) -> str:
    """Values as a line of block characters, lowest ▁ to highest █ (all ▁ when flat)."""
    top = max(values, default=0)
    if top <= 0:
        return _SPARKS[0] * len(values)
    last = len(_SPARKS) - 1
    return "".join(_SPARKS[(2 * max(v, 0) * last + top) // (2 * top)] for v in values)


# -- Markdown -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """One heading of the review and its Markdown body."""

    key: str
    title: str
    body: str


class _Writer:
    """Builds the review's sections in Markdown."""

    def __init__(self, review: WeeklyReview, currency: str, digits: int) -> None:
        self.review = review
        self.currency = currency
        self.digits = digits

    def money(self, minor: int) -> str:
        return format_money(minor, self.currency, self.digits)

    def signed(self, minor: int) -> str:
        return ("+" if minor >= 0 else "−") + self.money(abs(minor))

    def deals(self, n: int, value: int) -> str:
        return f"{_plural(n, 'deal')}, {self.money(value)}"

    # sections, each a list of Markdown lines

    def glance(self) -> list[str]:
        r = self.review
        lines = [
            f"- **Won:** {self.deals(len(r.won), r.won_value)} · "
            f"**Lost:** {self.deals(r.lost_count, r.lost_value)}",
            f"- **Touches:** {r.touches} — the daily minimum met on {r.days_met} of "
            f"{_plural(r.working_days, 'working day')} · "
            f"**Streak:** {_plural(r.streak, 'working day')}",
            f"- **Pipeline:** {self.signed(r.pipeline_added)} added, "
            f"{self.money(r.pipeline_removed)} removed "
            f"(net {self.signed(r.pipeline_added - r.pipeline_removed)})",
        ]
        for q in r.quarters:
            lines.append(f"- **{q.quarter.name}:** {self.standing(q)}")
        return lines

    def standing(self, q: Any) -> str:
        if q.quota is None:
            return f"{self.money(q.won)} won (no plan: set one with `plan quota:...`)"
        text = f"{self.money(q.won)} won of {self.money(q.quota)} ({_pct(q.won, q.quota)})"
        if q.ahead_by is not None:
            if q.ahead_by >= 0:
                text += f", {self.money(q.ahead_by)} ahead of plan"
            else:
                text += f", {self.money(-q.ahead_by)} behind plan"
        return text + f" · commit {self.money(q.commit)} · best case {self.money(q.best_case)}"

    def activities(self) -> list[str]:
        r = self.review
        sources = [s for s in r.target_sources if s.working_days or len(r.target_sources) == 1]
        if len(sources) == 1:
            source = sources[0]
            note = (
                f"Targets from the {source.quarter} plan"
                if source.has_plan
                else (
                    f"No plan for {source.quarter}: no targets (set one with `plan calls:50/w ...`)"
                )
            )
        else:
            parts = [
                f"the {s.quarter} plan for {_plural(s.working_days, 'working day')}"
                + ("" if s.has_plan else " (none set)")
                for s in sources
            ]
            note = "The week crosses quarters: targets from " + " and ".join(parts)
        if not r.complete:
            note += f"; done so far, as of {_day(r.as_of)}"
        rows = [
            (
                _KIND_NAMES[a.kind],
                "–" if a.target is None else str(a.target),
                str(a.done),
                _pct(a.done, a.target) if a.target is not None else "",
            )
            for a in r.activities
        ]
        return [note + ".", "", *_table(("Activity", "Target", "Done", "Of target"), "lrrr", rows)]

    def touches(self) -> list[str]:
        r = self.review
        minimums = sorted({d.minimum for d in r.days if d.working})
        if len(minimums) > 1:  # a week crossing quarters may have two
            minimum = f"the daily minimum ({minimums[0]} to {minimums[-1]})"
        else:
            minimum = f"the minimum of {minimums[0] if minimums else 0} a day"
        shown = [d for d in r.days if d.working or d.touches]
        return [
            f"{r.touches} touches; {minimum} met on {r.days_met} of "
            f"{_plural(r.working_days, 'working day')}.",
            "",
            "```text",
            *(touch_bar(d) for d in shown),
            "```",
        ]

    def deal_lines(self) -> list[str]:
        r = self.review
        lines = [f"### Won — {self.deals(len(r.won), r.won_value)}"]
        lines += [
            f"- **{_deal_name(w.deal, w.account)}**: {self.money(w.value)}"
            + (f" ({_day(w.day)})" if w.day else "")
            for w in r.won
        ] or ["- none"]
        lines += ["", f"### Lost — {self.deals(r.lost_count, r.lost_value)}"]
        for group in r.lost:
            lines.append(f"- **{group.code}** — {self.deals(len(group.rows), group.value)}")
            for row in group.rows:
                reason = f', "{row.deal.lost_reason}"' if row.deal.lost_reason else ""
                when = f" ({_day(row.day)})" if row.day else ""
                name = _deal_name(row.deal, row.account)
                lines.append(f"  - {name}: {self.money(row.value)}{reason}{when}")
        if not r.lost:
            lines.append("- none")
        lines += ["", f"### Created — {_plural(len(r.created), 'deal')}"]
        lines += [
            f"- {_deal_name(c.deal, c.account)}: {self.money(c.value)}, {c.deal.stage}"
            + (f" ({_day(c.day)})" if c.day else "")
            for c in r.created
        ] or ["- none"]
        lines += ["", f"### Advanced — {_plural(len(r.advanced), 'deal')}"]
        lines += [
            f"- {_deal_name(a.deal, a.account)}: {a.from_stage} → {a.to_stage} "
            f"({self.money(a.value)})"
            for a in r.advanced
        ] or ["- none"]
        lines += ["", f"### Close dates slipped — {_plural(len(r.slipped), 'deal')}"]
        lines += [
            f"- {_deal_name(s.deal, s.account)}: {_day(s.old_close)} → {_full_day(s.new_close)} "
            f"(+{_plural(s.days, 'day')}; slipped {_plural(s.slip_count, 'time')}), "
            f"{self.money(s.value)}"
            for s in r.slipped
        ] or ["- none"]
        lines += ["", "### Into and out of commit"]
        moves = [("into", m) for m in r.into_commit] + [("out of", m) for m in r.out_of_commit]
        lines += [
            f"- {direction} commit: {_deal_name(m.deal, m.account)}, {self.money(m.value)} "
            f"({_CATEGORY_WORDS.get(m.before, m.before)} → {_CATEGORY_WORDS.get(m.after, m.after)}"
            + (f", closes {_day(m.close)})" if m.close else ")")
            for direction, m in moves
        ] or ["- none"]
        lines += ["", f"### Rotting at the week's end — {_plural(len(r.rotting), 'deal')}"]
        lines += [
            f"- {_deal_name(x.deal, x.account)}: idle {_plural(x.idle_days, 'day')} in "
            f"{x.stage} (limit {x.threshold}), {self.money(x.value)}"
            for x in r.rotting
        ] or ["- none"]
        return lines

    def pipeline(self) -> list[str]:
        r = self.review
        words = {
            "new": "new deal",
            "increase": "value up",
            "lost": "lost",
            "decrease": "value down",
        }
        lines = [
            f"Added {self.money(r.pipeline_added)}, removed {self.money(r.pipeline_removed)}: "
            f"net {self.signed(r.pipeline_added - r.pipeline_removed)}."
        ]
        if r.pipeline:
            rows = [
                (
                    words[i.kind],
                    _deal_name(i.deal, i.account),
                    self.signed(i.amount if i.kind in ("new", "increase") else -i.amount),
                )
                for i in r.pipeline
            ]
            lines += ["", *_table(("Change", "Deal", "Amount"), "llr", rows)]
        return lines

    def relationships(self) -> list[str]:
        r = self.review
        lines = [f"Accounts that went overdue a touch: {len(r.missed_cadence)}.", ""]
        for row in r.missed_cadence:
            state = (
                f"{_plural(row.days_overdue, 'day')} overdue"
                if row.days_overdue
                else f"caught up {_day(row.caught_up)}"
                if row.caught_up
                else "caught up"
            )
            lines.append(
                f"- **{row.account.name}** ({row.account.tier}, every {row.cadence} days): "
                f"due {_day(row.due)}, {state}"
            )
        if not r.missed_cadence:
            lines.append("- none: every relationship was touched on time")
        return lines

    def promises(self) -> list[str]:
        r = self.review
        counts = r.promise_counts()
        lines = [
            " · ".join(f"{_PROMISE_WORDS[k]} {counts[k]}" for k in _PROMISE_WORDS) + ".",
            "",
        ]
        for row in r.promises:
            p = row.promise
            to = row.to
            whom = ""
            if to is not None:
                whom = f" (to {to.title if isinstance(to, Deal) else to.name})"
            done = f", done {_day(p.done_at.date())}" if p.done_at is not None else ""
            lines.append(
                f'- {_PROMISE_WORDS[row.status]}: "{p.text}"{whom} — due {_day(p.due)}{done}'
            )
        if not r.promises:
            lines.append("- none due or done this week")
        return lines

    def quarter(self) -> list[str]:
        r = self.review
        lines = [f"Momentum: a streak of {_plural(r.streak, 'working day')} at the minimum.", ""]
        if not r.quarters:
            return lines
        header = ["", *(f"{q.quarter.name} (as of {_day(q.as_of)})" for q in r.quarters)]

        def row(label: str, cell: Callable[[Any], str]) -> list[str]:
            return [label, *(cell(q) for q in r.quarters)]

        def maybe(value: int | None) -> str:
            return "–" if value is None else self.money(value)

        def ahead(value: int | None) -> str:
            if value is None:
                return "–"
            return f"{self.money(value)} ahead" if value >= 0 else f"{self.money(-value)} behind"

        rows = [
            row("Quota", lambda q: maybe(q.quota)),
            row("Won", lambda q: self.money(q.won)),
            row("Attainment", lambda q: _pct(q.won, q.quota) or "–"),
            row("Expected to date", lambda q: maybe(q.expected_to_date)),
            row("Ahead / behind", lambda q: ahead(q.ahead_by)),
            row("Commit", lambda q: self.money(q.commit)),
            row("Best case", lambda q: self.money(q.best_case)),
        ]
        return lines + _table(header, "l" + "r" * len(r.quarters), rows)

    def closes(self) -> list[str]:
        r = self.review
        if not r.expected_closes:
            return ["No open deal is expected to close in the next two weeks."]
        rows = [
            (
                _day(c.close),
                _deal_name(c.deal, c.account),
                c.deal.stage,
                self.money(c.value),
                f"{c.probability}%",
                self.money(c.weighted),
                _CATEGORY_WORDS.get(c.forecast_category, c.forecast_category),
            )
            for c in r.expected_closes
        ]
        total = sum(c.value for c in r.expected_closes)
        weighted = sum(c.weighted for c in r.expected_closes)
        rows.append(("", "**Total**", "", self.money(total), "", self.money(weighted), ""))
        header = ("Close", "Deal", "Stage", "Value", "Prob.", "Weighted", "Forecast")
        return _table(header, "lllrrrl", rows)

    def accuracy(self) -> list[str]:
        r = self.review
        lines: list[str] = []
        for q in r.quarters:
            name = q.quarter.name
            rows = [a for a in r.accuracy if a.quarter == name]
            lines.append(
                f"Won in {name} by {_day(q.as_of)}: {self.money(q.won)}, against what each "
                "earlier review committed."
            )
            lines.append("")
            if not rows:
                lines += [f"No earlier saved review of {name} yet.", ""]
                continue
            table = [
                (
                    a.week,
                    self.money(a.committed),
                    self.money(a.best_case),
                    self.money(a.closed),
                    _pct(a.closed, a.committed) or "–",
                )
                for a in rows
            ]
            header = ("Review", "Committed", "Best case", "Won so far", "Won / committed")
            lines += [*_table(header, "lrrrr", table), ""]
        return lines[:-1] if lines and lines[-1] == "" else lines

    def trend(self) -> list[str]:
        r = self.review
        touches = [p.touches for p in r.trend]
        won = [p.won for p in r.trend]
        rows = [(p.week, str(p.touches), self.money(p.won)) for p in r.trend]
        return [
            f"Touches `{sparkline(touches)}` · won `{sparkline(won)}`",
            "",
            *_table(("Week", "Touches", "Won"), "lrr", rows),
        ]

    def answers(self) -> list[str]:
        saved = self.review.saved
        answers = self.review.answers
        lines = [
            f"Saved {_full_day(saved.saved_at.date())} {saved.saved_at:%H:%M}."
            if saved is not None
            else "Not saved yet."
        ]
        for key, question in PROMPTS.items():
            text = answers.get(key, "").strip()
            lines += ["", f"### {question}", "", text or "_Not answered yet._"]
        return lines


def review_sections(review: WeeklyReview, currency: str, minor_digits: int) -> list[Section]:
    """The review's sections, in reading order, each as Markdown."""
    w = _Writer(review, currency, minor_digits)
    parts: list[tuple[str, str, list[str]]] = [
        ("glance", "At a glance", w.glance()),
        ("activities", "Activity against plan", w.activities()),
        ("touches", "Touches per day", w.touches()),
        ("deals", "Deals", w.deal_lines()),
        ("pipeline", "Pipeline", w.pipeline()),
        ("relationships", "Relationships: missed cadence", w.relationships()),
        ("promises", "Promises", w.promises()),
        ("quarter", "Momentum and the quarter", w.quarter()),
        ("closes", "Next two weeks: expected closes", w.closes()),
        ("accuracy", "Forecast accuracy", w.accuracy()),
        ("trend", "Trend: the last 8 weeks", w.trend()),
        ("answers", "Answers", w.answers()),
    ]
    return [Section(key, title, "\n".join(lines)) for key, title, lines in parts]


def review_title(review: WeeklyReview) -> str:
    """ "Weekly review — 2026-W48 (23–29 Nov 2026)"."""
    return f"Weekly review — {review.week.name} ({week_span(review.week)})"


def _status_line(review: WeeklyReview) -> str:
    if review.complete:
        return f"Week ended {_full_day(review.week.end)}."
    return f"Week in progress: as of {_full_day(review.as_of)} {review.now:%H:%M}."


def render_markdown(review: WeeklyReview, currency: str, minor_digits: int) -> str:
    """The whole review as one Markdown document."""
    lines = [f"# {review_title(review)}", "", f"_{_status_line(review)}_", ""]
    for section in review_sections(review, currency, minor_digits):
        lines += [f"## {section.title}", "", section.body, ""]
    return "\n".join(lines).rstrip() + "\n"


def review_markdown(book: Book, week: str | None, now: datetime) -> str:
    """The review as a Markdown document for the one-on-one."""
    review = build_review(book, week, now)
    settings = book.settings
    return render_markdown(review, settings.currency, settings.minor_digits)


# -- text ---------------------------------------------------------------------------


def _text_table(rows: list[list[str]], align: str) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(align))]
    out = []
    for n, row in enumerate(rows):
        cells = [
            c.rjust(wd) if a == "r" else c.ljust(wd)
            for c, wd, a in zip(row, widths, align, strict=True)
        ]
        out.append(("  " + "  ".join(cells)).rstrip())
        if n == 0:
            out.append("  " + "  ".join("-" * wd for wd in widths))
    return out


def markdown_to_text(markdown: str) -> str:
    """A terminal rendering of the review's Markdown: underlined headings, aligned tables,
    no fences or emphasis marks."""
    out: list[str] = []
    table: list[list[str]] = []
    align = ""
    for line in markdown.splitlines():
        if line.startswith("| "):
            cells = [
                c.strip().replace("\\|", "|").replace("**", "") for c in line[2:-2].split(" | ")
            ]
            if all(set(c) <= set(":-") and c for c in cells):
                align = "".join(
                    "r" if c.endswith(":") and not c.startswith(":") else "l" for c in cells
                )
                continue
            table.append(cells)
            continue
        if table:
            out += _text_table(table, align or "l" * len(table[0]))
            table, align = [], ""
        if line.startswith("```"):
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            title = line[level:].strip()
            underline = {1: "=", 2: "-"}.get(level)
            out.append(title.upper() if level == 2 else title)
            if underline:
                out.append(underline * len(title))
            continue
        out.append(line.replace("**", "").replace("`", "").strip("_") if line else line)
    if table:
        out += _text_table(table, align or "l" * len(table[0]))
    return "\n".join(out).rstrip() + "\n"


def review_text(book: Book, week: str | None, now: datetime) -> str:
    """The review for a terminal."""
    return markdown_to_text(review_markdown(book, week, now))


# -- saving -------------------------------------------------------------------------


def _clean_answers(answers: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(answers) - set(PROMPTS))
    if unknown:
        raise ReviewInputError(
            f"unknown answer {', '.join(unknown)}: the prompts are {', '.join(PROMPTS)}"
        )
    return {key: answers.get(key, "").strip() for key in PROMPTS}


def save_review(
    session: Session,
    week: str | Week | None,
    answers: dict[str, str],
    *,
    replace: bool = False,
) -> Outcome:
    """Freeze the week's metrics with the rep's answers as that week's review.

    ReviewExists when the week already has a saved review and `replace` is False.
    """
    cleaned = _clean_answers(answers)
    now = session.now()

    def build(tx: Transaction, book: Book) -> Outcome:
        # Computed inside the transaction: the book has caught up with other writers.
        target = resolve_week(book, week, now)
        existing = book.review_for(target.name)
        if existing is not None and not replace:
            raise ReviewExists(target.name, existing.saved_at)
        review = weekly_review(book, target, now)
        record = Review(0, target.name, now, freeze(review), cleaned)
        outcome = Outcome(command="review")
        if existing is not None:
            record.id = existing.id
            tx.put("reviews", to_doc(record))
            outcome.updated.append(RecordRef("reviews", record.id, target.name))
            outcome.message = f"replaced the review of {target.name}"
        else:
            doc = to_doc(record)
            doc.pop("id", None)
            record.id = tx.insert("reviews", doc)
            outcome.created.append(RecordRef("reviews", record.id, target.name))
            outcome.message = f"saved the review of {target.name}"
        return outcome

    label = week.name if isinstance(week, Week) else (week or Week.of(now.date()).name)
    return session.transact(f"review {label}", build)
