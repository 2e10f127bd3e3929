"""The review's sections as Markdown: what the screen shows, and the document is made of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cockpit.domain.model import Deal
from cockpit.domain.money import format_money
from cockpit.domain.review import (
    PROMPTS,
    WeeklyReview,
)
from cockpit.services.review.words import (
    CATEGORY_WORDS,
    KIND_NAMES,
    PROMISE_WORDS,
    deal_name,
    full_day,
    md_table,
    percent,
    plural,
    short_day,
    sparkline,
    touch_bar,
)

__all__ = ["Section", "review_sections"]


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
        return f"{plural(n, 'deal')}, {self.money(value)}"

    # sections, each a list of Markdown lines

    def glance(self) -> list[str]:
        r = self.review
        lines = [
            f"- **Won:** {self.deals(len(r.won), r.won_value)} · "
            f"**Lost:** {self.deals(r.lost_count, r.lost_value)}",
            f"- **Touches:** {r.touches} — the daily minimum met on {r.days_met} of "
            f"{plural(r.working_days, 'working day')} · "
            f"**Streak:** {plural(r.streak, 'working day')}",
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
        text = f"{self.money(q.won)} won of {self.money(q.quota)} ({percent(q.won, q.quota)})"
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
                f"the {s.quarter} plan for {plural(s.working_days, 'working day')}"
                + ("" if s.has_plan else " (none set)")
                for s in sources
            ]
            note = "The week crosses quarters: targets from " + " and ".join(parts)
        if not r.complete:
            note += f"; done so far, as of {short_day(r.as_of)}"
        rows = [
            (
                KIND_NAMES[a.kind],
                "–" if a.target is None else str(a.target),
                str(a.done),
                percent(a.done, a.target) if a.target is not None else "",
            )
            for a in r.activities
        ]
        return [
            note + ".",
            "",
            *md_table(("Activity", "Target", "Done", "Of target"), "lrrr", rows),
        ]

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
            f"{plural(r.working_days, 'working day')}.",
            "",
            "```text",
            *(touch_bar(d) for d in shown),
            "```",
        ]

    def deal_lines(self) -> list[str]:
        r = self.review
        lines = [f"### Won — {self.deals(len(r.won), r.won_value)}"]
        lines += [
            f"- **{deal_name(w.deal, w.account)}**: {self.money(w.value)}"
            + (f" ({short_day(w.day)})" if w.day else "")
            for w in r.won
        ] or ["- none"]
        lines += ["", f"### Lost — {self.deals(r.lost_count, r.lost_value)}"]
        for group in r.lost:
            lines.append(f"- **{group.code}** — {self.deals(len(group.rows), group.value)}")
            for row in group.rows:
                reason = f', "{row.deal.lost_reason}"' if row.deal.lost_reason else ""
                when = f" ({short_day(row.day)})" if row.day else ""
                name = deal_name(row.deal, row.account)
                lines.append(f"  - {name}: {self.money(row.value)}{reason}{when}")
        if not r.lost:
            lines.append("- none")
        lines += ["", f"### Created — {plural(len(r.created), 'deal')}"]
        lines += [
            f"- {deal_name(c.deal, c.account)}: {self.money(c.value)}, {c.deal.stage}"
            + (f" ({short_day(c.day)})" if c.day else "")
            for c in r.created
        ] or ["- none"]
        lines += ["", f"### Advanced — {plural(len(r.advanced), 'deal')}"]
        lines += [
            f"- {deal_name(a.deal, a.account)}: {a.from_stage} → {a.to_stage} "
            f"({self.money(a.value)})"
            for a in r.advanced
        ] or ["- none"]
        lines += ["", f"### Close dates slipped — {plural(len(r.slipped), 'deal')}"]
        lines += [
            f"- {deal_name(s.deal, s.account)}: {short_day(s.old_close)} → {full_day(s.new_close)} "
            f"(+{plural(s.days, 'day')}; slipped {plural(s.slip_count, 'time')}), "
            f"{self.money(s.value)}"
            for s in r.slipped
        ] or ["- none"]
        lines += ["", "### Into and out of commit"]
        moves = [("into", m) for m in r.into_commit] + [("out of", m) for m in r.out_of_commit]
        lines += [
            f"- {direction} commit: {deal_name(m.deal, m.account)}, {self.money(m.value)} "
            f"({CATEGORY_WORDS.get(m.before, m.before)} → {CATEGORY_WORDS.get(m.after, m.after)}"
            + (f", closes {short_day(m.close)})" if m.close else ")")
            for direction, m in moves
        ] or ["- none"]
        lines += ["", f"### Rotting at the week's end — {plural(len(r.rotting), 'deal')}"]
        lines += [
            f"- {deal_name(x.deal, x.account)}: idle {plural(x.idle_days, 'day')} in "
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
                    deal_name(i.deal, i.account),
                    self.signed(i.amount if i.kind in ("new", "increase") else -i.amount),
                )
                for i in r.pipeline
            ]
            lines += ["", *md_table(("Change", "Deal", "Amount"), "llr", rows)]
        return lines

    def relationships(self) -> list[str]:
        r = self.review
        lines = [f"Accounts that went overdue a touch: {len(r.missed_cadence)}.", ""]
        for row in r.missed_cadence:
            state = (
                f"{plural(row.days_overdue, 'day')} overdue"
                if row.days_overdue
                else f"caught up {short_day(row.caught_up)}"
                if row.caught_up
                else "caught up"
            )
            lines.append(
                f"- **{row.account.name}** ({row.account.tier}, every {row.cadence} days): "
                f"due {short_day(row.due)}, {state}"
            )
        if not r.missed_cadence:
            lines.append("- none: every relationship was touched on time")
        return lines

    def promises(self) -> list[str]:
        r = self.review
        counts = r.promise_counts()
        lines = [
            " · ".join(f"{PROMISE_WORDS[k]} {counts[k]}" for k in PROMISE_WORDS) + ".",
            "",
        ]
        for row in r.promises:
            p = row.promise
            to = row.to
            whom = ""
            if to is not None:
                whom = f" (to {to.title if isinstance(to, Deal) else to.name})"
            done = f", done {short_day(p.done_at.date())}" if p.done_at is not None else ""
            lines.append(
                f'- {PROMISE_WORDS[row.status]}: "{p.text}"{whom} — due {short_day(p.due)}{done}'
            )
        if not r.promises:
            lines.append("- none due or done this week")
        return lines

    def quarter(self) -> list[str]:
        r = self.review
        lines = [f"Momentum: a streak of {plural(r.streak, 'working day')} at the minimum.", ""]
        if not r.quarters:
            return lines
        header = ["", *(f"{q.quarter.name} (as of {short_day(q.as_of)})" for q in r.quarters)]

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
            row("Attainment", lambda q: percent(q.won, q.quota) or "–"),
            row("Expected to date", lambda q: maybe(q.expected_to_date)),
            row("Ahead / behind", lambda q: ahead(q.ahead_by)),
            row("Commit", lambda q: self.money(q.commit)),
            row("Best case", lambda q: self.money(q.best_case)),
        ]
        lines += md_table(header, "l" + "r" * len(r.quarters), rows)
        for q in r.quarters:
            if q.dated_ahead:
                deals = "deal is" if q.dated_ahead == 1 else "deals are"
                lines.append(
                    f"\n{q.quarter.name}: {q.dated_ahead} won/lost {deals} dated after "
                    f"{short_day(q.as_of)} (an import's dates?): check them."
                )
        return lines

    def closes(self) -> list[str]:
        r = self.review
        if not r.expected_closes:
            return ["No open deal is expected to close in the next two weeks."]
        rows = [
            (
                short_day(c.close),
                deal_name(c.deal, c.account),
                c.deal.stage,
                self.money(c.value),
                f"{c.probability}%",
                self.money(c.weighted),
                CATEGORY_WORDS.get(c.forecast_category, c.forecast_category),
            )
            for c in r.expected_closes
        ]
        total = sum(c.value for c in r.expected_closes)
        weighted = sum(c.weighted for c in r.expected_closes)
        rows.append(("", "**Total**", "", self.money(total), "", self.money(weighted), ""))
        header = ("Close", "Deal", "Stage", "Value", "Prob.", "Weighted", "Forecast")
        return md_table(header, "lllrrrl", rows)

    def accuracy(self) -> list[str]:
        r = self.review
        lines: list[str] = []
        for q in r.quarters:
            name = q.quarter.name
            rows = [a for a in r.accuracy if a.quarter == name]
            lines.append(
                f"Won in {name} by {short_day(q.as_of)}: {self.money(q.won)}, against what each "
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
                    percent(a.closed, a.committed) or "–",
                )
                for a in rows
            ]
            header = ("Review", "Committed", "Best case", "Won so far", "Won / committed")
            lines += [*md_table(header, "lrrrr", table), ""]
        return lines[:-1] if lines and lines[-1] == "" else lines

    def trend(self) -> list[str]:
        r = self.review
        touches = [p.touches for p in r.trend]
        won = [p.won for p in r.trend]
        rows = [(p.week, str(p.touches), self.money(p.won)) for p in r.trend]
        return [
            f"Touches `{sparkline(touches)}` · won `{sparkline(won)}`",
            "",
            *md_table(("Week", "Touches", "Won"), "lrr", rows),
        ]

    def answers(self) -> list[str]:
        saved = self.review.saved
        answers = self.review.answers
        lines = [
            f"Saved {full_day(saved.saved_at.date())} {saved.saved_at:%H:%M}."
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
