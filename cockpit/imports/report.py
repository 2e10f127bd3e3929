"""The import report: text for a person, JSON for a script (DESIGN §5 conventions).

Both end with one summary line:
"imported 747 deals (612 new, 135 updated) into 85 accounts; 0 bad rows; 52 warnings".
"""

from __future__ import annotations

import shlex
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cockpit.imports.rows import Action, RowProblem, RowWarning
from cockpit.imports.values import guess_stage

if TYPE_CHECKING:
    from cockpit.imports.run import ImportReport

__all__ = ["report_json", "report_text", "summary"]

_SINGULAR = {"deals": "deal", "accounts": "account", "contacts": "contact"}
_LINES_SHOWN = 8


def _count(n: int, noun: str) -> str:
    """ "1 deal", "2 deals" (noun given in the plural)."""
    return f"{n:,} {_SINGULAR.get(noun, noun[:-1]) if n == 1 else noun}"


def _counts(report: ImportReport) -> dict[str, int]:
    plan = report.plan
    created = sum(1 for a in plan.actions if a.creates)
    bad = len(plan.bad_lines)
    return {
        "rows": plan.rows,
        "filtered": plan.filtered,
        "created": created,
        "updated": len(plan.actions) - created,
        "unchanged": len(plan.unchanged),
        "skipped": bad if report.options.skip_bad else 0,
        "bad_rows": bad,
        "warnings": len(plan.warnings),
        "accounts": plan.accounts_used,
        "accounts_created": len(plan.new_accounts),
        "not_records": len(plan.skipped),
        "repeated": len(plan.repeated),
    }


def summary(report: ImportReport) -> str:
    """The report's last line."""
    counts = _counts(report)
    kind = report.kind
    total = counts["created"] + counts["updated"] + counts["unchanged"]
    detail = f"{counts['created']:,} new, {counts['updated']:,} updated"
    if counts["unchanged"]:
        detail += f", {counts['unchanged']:,} unchanged"
    what = f"{_count(total, kind)} ({detail})"
    if kind != "accounts":
        what += f" into {_count(counts['accounts'], 'accounts')}"
        if counts["accounts_created"]:
            what += f" ({counts['accounts_created']:,} new)"
    bad = _count(counts["bad_rows"], "bad rows")
    warnings = _count(counts["warnings"], "warnings")
    if report.refused:
        return (
            f"nothing imported: {bad}; fix them, or add --skip-bad to import the other {what};"
            f" {warnings}"
        )
    if counts["skipped"]:
        bad += " skipped"
    verb = "would import" if report.options.dry_run else "imported"
    return f"{verb} {what}; {bad}; {warnings}{_set_aside(counts)}"


def _set_aside(counts: dict[str, int]) -> str:
    parts = []
    if counts["not_records"]:
        n = counts["not_records"]
        parts.append(f"{n:,} rows that are not records" if n > 1 else "1 row that is not a record")
    if counts["repeated"]:
        parts.append(_count(counts["repeated"], "repeated rows"))
    return f"; set aside: {', '.join(parts)}" if parts else ""


# -- text ------------------------------------------------------------------------------


def _problem_groups(problems: list[RowProblem]) -> list[str]:
    """Each bad row by line; rows with the very same fault share one entry."""
    groups: dict[tuple[str | None, str | None, str], list[int]] = {}
    for problem in problems:
        groups.setdefault((problem.column, problem.value, problem.message), []).append(problem.line)
    out = []
    for (column, value, message), lines in groups.items():
        where = f"line {lines[0]}" if len(lines) == 1 else f"{len(lines):,} rows"
        if column is not None:
            where += f", {column} " + (f'"{value}"' if value else "(empty)")
        listed = "" if len(lines) == 1 else f" (lines {', '.join(map(str, lines))})"
        out.append(f"{where}: {message}{listed}")
    return out


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:_LINES_SHOWN])
    more = len(lines) - _LINES_SHOWN
    return f"{shown} and {more:,} more" if more > 0 else shown


def _warning_groups(warnings: list[RowWarning]) -> list[str]:
    groups: dict[str, list[int]] = {}
    for warning in warnings:
        groups.setdefault(warning.message, []).append(warning.line)
    out = []
    for message, lines in groups.items():
        if len(lines) == 1:
            out.append(f"line {lines[0]}: {message}")
        else:
            out.append(f"{len(lines):,} rows: {message} (lines {_lines(lines)})")
    return out


def _stage_fix(report: ImportReport) -> str | None:
    column = report.columns.column("stage")
    values: list[str] = []
    for problem in report.plan.problems:
        if problem.column == column and problem.message.startswith("unknown stage"):
            if problem.value and problem.value not in values:
                values.append(problem.value)
    if not values:
        return None
    maps = " ".join(f"--stage-map {shlex.quote(f'{v}={guess_stage(v)}')}" for v in values)
    return f"fix: {maps} (STAGE: prospect, qualified, proposal, negotiation, won or lost)"


def _quote(text: str) -> str:
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


def _read_as(report: ImportReport) -> list[str]:
    """Owner columns, stage names mapped, rows set aside: how the file was read."""
    plan, columns = report.plan, report.columns
    out = []
    for owner in columns.owners:
        out.append(
            f"owner column: {owner} (not imported; keep one owner's rows with"
            f" --where {shlex.quote(f'{owner}=NAME')})"
        )
    if plan.stages:
        mapped = [
            f"{value} -> {stage}" + ("" if how == "same name" else f" ({how})")
            for value, (stage, how) in plan.stages.items()
        ]
        out.append("stages: " + ", ".join(mapped))
    if plan.skipped:
        rows = ", ".join(
            f"line {line} {_quote(text)}" for line, text in plan.skipped[:_LINES_SHOWN]
        )
        more = len(plan.skipped) - _LINES_SHOWN
        out.append(
            f"not records ({len(plan.skipped):,}, skipped): {rows}"
            + (f" and {more:,} more" if more > 0 else "")
        )
    if plan.repeated:
        rows = ", ".join(f"line {a} = line {b}" for a, b in plan.repeated[:_LINES_SHOWN])
        more = len(plan.repeated) - _LINES_SHOWN
        out.append(
            f"repeated rows ({len(plan.repeated):,}, imported once): {rows}"
            + (f" and {more:,} more" if more > 0 else "")
        )
    return out


def report_text(report: ImportReport) -> str:
    """The report as a person reads it; the summary line last."""
    plan, options = report.plan, report.options
    profile = report.columns.profile.name
    known = f" ({profile})" if profile.startswith("the ") else f" (a {profile} export)"
    out = [f"import {report.kind} from {report.path.name}{known if profile else ''}"]
    used = [
        f"{u.column} -> {u.field}" + ("" if u.how == "same name" else f" ({u.how})")
        for u in report.columns.uses
    ]
    out.append("columns: " + (", ".join(used) or "none"))
    columns = report.columns
    into = {"product": "titles", "first_name": "names", "last_name": "names"}
    helpers = [
        f"{use.column} (in {into.get(name, 'more ' + name[:-2] + 's')})"
        for name, use in columns.helpers.items()
    ]
    if helpers:
        out.append("also read: " + ", ".join(helpers))
    if columns.ignored:
        out.append("not imported: " + ", ".join(columns.ignored))
    if options.where:
        filters = " ".join(f"--where {shlex.quote(f'{c}={v}')}" for c, v in options.where)
        out.append(f"rows: {plan.rows:,} in the file, {plan.filtered:,} left out by {filters}")
    else:
        out.append(f"rows: {plan.rows:,}")
    out += _read_as(report)
    out += [f"note: {note}" for note in plan.notes]
    if plan.problems:
        out.append(f"bad rows ({len(plan.bad_lines):,}):")
        out += [f"  {line}" for line in _problem_groups(plan.problems)]
        fix = _stage_fix(report)
        if fix:
            out.append(f"  {fix}")
    if plan.warnings:
        out.append(f"warnings ({len(plan.warnings):,}):")
        out += [f"  {line}" for line in _warning_groups(plan.warnings)]
    if plan.new_accounts and report.kind != "accounts":
        names = [a.record.name for a in plan.new_accounts]
        shown = ", ".join(names[:_LINES_SHOWN]) + (
            f" and {len(names) - _LINES_SHOWN:,} more" if len(names) > _LINES_SHOWN else ""
        )
        verb = "new accounts" if report.written else "accounts to create"
        out.append(f"{verb}: {shown}")
    out.append(report.summary)
    return "\n".join(out)


# -- JSON ------------------------------------------------------------------------------


def _entry(action: Action) -> dict[str, Any]:
    record = action.record
    entry: dict[str, Any] = {
        "line": action.line,
        "type": _SINGULAR[action.table],
        "id": record.id or None,  # null in a dry run: nothing got an id
        "handle": record.handle,
        "name": record.title if action.table == "deals" else record.name,
    }
    if not action.creates:
        entry["fields"] = list(action.changed or ())
    return entry


def report_json(
    report: ImportReport, now: datetime, currency: str, schema_version: int
) -> dict[str, Any]:
    """The report as `--json` prints it."""
    plan = report.plan
    created = [a for a in plan.actions if a.creates]
    return {
        "ok": not report.refused,
        "dry_run": report.options.dry_run,
        "written": report.written,
        "now": now.isoformat(),
        "currency": currency,
        "schema_version": schema_version,
        "kind": report.kind,
        "file": str(report.path),
        "columns": [
            {"column": u.column, "field": u.field, "how": u.how} for u in report.columns.uses
        ],
        "ignored_columns": list(report.columns.ignored),
        "profile": report.columns.profile.name or None,
        "owner_columns": list(report.columns.owners),
        "stages": [
            {"value": value, "stage": stage, "how": how}
            for value, (stage, how) in report.plan.stages.items()
        ],
        "not_records": [{"line": line, "text": text} for line, text in plan.skipped],
        "repeated": [{"line": line, "same_as": first} for line, first in plan.repeated],
        "where": [{"column": c, "value": v} for c, v in report.options.where],
        "counts": _counts(report),
        "created": [_entry(a) for a in created],
        "updated": [_entry(a) for a in plan.actions if not a.creates],
        "unchanged": [_entry(a) for a in plan.unchanged],
        "accounts_created": [
            {
                "line": a.line,
                "id": a.record.id or None,
                "handle": a.record.handle,
                "name": a.record.name,
            }
            for a in plan.new_accounts
        ],
        "skipped": plan.bad_lines if report.options.skip_bad else [],
        "bad_rows": [
            {"line": p.line, "column": p.column, "value": p.value, "message": p.message}
            for p in plan.problems
        ],
        "warnings": [
            {"line": w.line, "column": w.column, "message": w.message} for w in plan.warnings
        ],
        "notes": list(plan.notes),
        "summary": report.summary,
        "error": {"message": report.summary} if report.refused else None,
    }
