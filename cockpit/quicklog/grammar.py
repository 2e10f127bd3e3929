"""The verb table: aliases, the references and attributes each verb takes, value readers."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from cockpit.domain.model import FORECAST_CATEGORIES, LOST_CODES, OUTCOMES, TIERS
from cockpit.domain.plan import TARGET_KINDS as PLAN_KINDS
from cockpit.domain.settings import (
    DEFAULT_SETTINGS,
    STAGES,
    SettingError,
    is_setting,
    parse_setting,
)
from cockpit.domain.text import nearest
from cockpit.quicklog.dates import parse_date, parse_datetime
from cockpit.quicklog.errors import ValueProblem
from cockpit.quicklog.money import parse_money
from cockpit.quicklog.parsed import ParseContext

__all__ = [
    "ALIASES",
    "ATTRIBUTES",
    "SIGILS",
    "TARGET_KINDS",
    "VERBS",
    "AttributeSpec",
    "VerbSpec",
    "attribute_help",
    "read_value",
    "verb_help",
]

SIGILS: Mapping[str, str] = MappingProxyType(
    {"@": "account", "#": "deal", "~": "contact", "!": "promise"}
)
# Plan target keys (the plural: calls:50/w) -> the activity kind they count.
TARGET_KINDS: Mapping[str, str] = MappingProxyType({kind + "s": kind for kind in PLAN_KINDS})

Reader = Callable[[str, ParseContext], Any]


class AttributeSpec(NamedTuple):
    """How one attribute's value reads: a reader and the form shown in help and errors."""

    key: str
    read: Reader
    form: str


class VerbSpec(NamedTuple):
    """One verb: the sigils and attribute keys it accepts, and what it does."""

    name: str
    refs: str
    attrs: tuple[str, ...]
    usage: str
    description: str
    aliases: tuple[str, ...] = ()
    arg: str | None = None  # what its text holds: "stage", "quarter" or "days"
    any_setting: bool = False  # `set`: every settings key is an attribute

    def accepts(self, key: str) -> bool:
        """True when `key` (lower case) is an attribute of this verb."""
        return key in self.attrs or (self.any_setting and is_setting(key))

    def keys(self) -> tuple[str, ...]:
        """Every attribute key this verb accepts."""
        return (*DEFAULT_SETTINGS, *self.attrs) if self.any_setting else self.attrs


# -- value readers --------------------------------------------------------------------


def _choice(
    what: str, choices: tuple[str, ...], synonyms: Mapping[str, str] | None = None
) -> Reader:
    """A reader for one of `choices`; "-" and " " read as "_", synonyms map to choices."""
    aliases = dict(synonyms or {})

    def read(raw: str, ctx: ParseContext) -> str:
        word = "_".join(raw.strip().lower().replace("-", " ").split())
        word = aliases.get(word, word)
        if word in choices:
            return word
        near = nearest(word, choices, 2, limit=3, closest_only=True)
        if near:
            raise ValueProblem(f'unknown {what} "{raw}" (did you mean {" or ".join(near)}?)', near)
        raise ValueProblem(f'unknown {what} "{raw}" (one of {", ".join(choices)})', list(choices))

    return read


def _text(raw: str, ctx: ParseContext) -> str:
    return raw.strip()


def _date(raw: str, ctx: ParseContext) -> date:
    return parse_date(raw, ctx.now.date(), ctx.calendar)


def _datetime(raw: str, ctx: ParseContext) -> datetime:
    return parse_datetime(raw, ctx.now, ctx.calendar)


def _money(raw: str, ctx: ParseContext) -> int:
    return parse_money(raw, ctx.currency, ctx.minor_digits)


# Patterns are strings: `re` compiles each on first use, keeping the import cheap.
_CADENCE = r"([0-9]{1,4})([dw]?)"


def _cadence(raw: str, ctx: ParseContext) -> int:
    match = re.fullmatch(_CADENCE, raw.strip(), re.IGNORECASE)
    if match:
        days = int(match[1]) * (7 if match[2].lower() == "w" else 1)
        if 0 < days <= 3650:
            return days
    raise ValueProblem(f'bad cadence "{raw}" (write 14d or 2w)')


_PERCENT = r"([0-9]{1,3})\s*%?"


def _probability(raw: str, ctx: ParseContext) -> int:
    match = re.fullmatch(_PERCENT, raw.strip())
    if match and int(match[1]) <= 100:
        return int(match[1])
    raise ValueProblem(f'bad probability "{raw}" (a whole number from 0 to 100, like 30 or 30%)')


_EMAIL = r"[^@\s]+@[^@\s]+"


def _email(raw: str, ctx: ParseContext) -> str:
    value = raw.strip()
    if not re.fullmatch(_EMAIL, value):
        raise ValueProblem(f'bad email "{raw}" (like jane@acme.com)')
    return value


_TARGET = r"([0-9]{1,5})(?:/([wd]))?"


def _target(raw: str, ctx: ParseContext) -> tuple[int, str]:
    match = re.fullmatch(_TARGET, raw.strip(), re.IGNORECASE)
    if not match:
        raise ValueProblem(f'bad target "{raw}" (write 50/w or 10/d; a bare number is per week)')
    return int(match[1]), (match[2] or "w").lower()


def _count(raw: str, ctx: ParseContext) -> int:
    value = raw.strip()
    if not (value.isascii() and value.isdigit() and len(value) <= 5):
        raise ValueProblem(f'bad daily minimum "{raw}" (a whole number, like 20)')
    return int(value)


def _week(raw: str, ctx: ParseContext) -> str:
    from cockpit.domain.calendar import Week

    try:
        return Week.parse(raw).name
    except ValueError as error:
        raise ValueProblem(str(error)) from None


def _week_revenue(raw: str, ctx: ParseContext) -> int | None:
    if raw.strip().lower() in ("auto", "none"):
        return None  # back to the default share of the quota
    return _money(raw, ctx)


def _setting(key: str) -> Reader:
    def read(raw: str, ctx: ParseContext) -> Any:
        try:
            return parse_setting(key, raw.strip())
        except (SettingError, ValueError) as error:
            raise ValueProblem(f"bad {key}: {error}") from None

    return read


_ATTRIBUTE_LIST = (
    AttributeSpec("out", _choice("outcome", OUTCOMES), "|".join(OUTCOMES)),
    AttributeSpec("confirm", _choice("confirm", ("yes",)), "yes (a setting that moves plans)"),
    AttributeSpec("dir", _choice("direction", ("in", "out")), "in|out"),
    AttributeSpec("at", _datetime, "when (yesterday 16:30, -2h, 2026-11-24T16:30)"),
    AttributeSpec("next", _text, '"the next step"'),
    AttributeSpec("due", _date, "a date (fri, +2d, eoq, 2026-12-01)"),
    AttributeSpec("close", _date, "the expected close date"),
    AttributeSpec("until", _date, "a date"),
    AttributeSpec("tier", _choice("tier", TIERS), "|".join(TIERS)),
    AttributeSpec("cadence", _cadence, "14d or 2w"),
    AttributeSpec("role", _text, '"CFO"'),
    AttributeSpec("email", _email, "jane@acme.com"),
    AttributeSpec("phone", _text, "+1 555 0100"),
    AttributeSpec("value", _money, "45k, 12,500, 12500.50"),
    AttributeSpec("quota", _money, "300k"),
    AttributeSpec("start", _date, "the day the plan starts pacing (today)"),
    AttributeSpec("won", _money, "revenue won this quarter before cockpit (120k)"),
    AttributeSpec("stage", _choice("stage", STAGES), "|".join(STAGES)),
    AttributeSpec("prob", _probability, "0-100 (30 or 30%)"),
    AttributeSpec(
        "fc",
        _choice("forecast category", FORECAST_CATEGORIES, {"best": "best_case"}),
        "|".join(FORECAST_CATEGORIES),
    ),
    AttributeSpec("reason", _text, '"a definitive no, because X"'),
    AttributeSpec("code", _choice("lost code", LOST_CODES), "|".join(LOST_CODES)),
    *(AttributeSpec(key, _target, "N/w or N/d") for key in TARGET_KINDS),
    AttributeSpec("daily", _count, "touches a day (20)"),
    AttributeSpec("week", _week, "an ISO week (2026-W52)"),
    AttributeSpec("revenue", _week_revenue, "that week's revenue target (10k, or auto)"),
)
ATTRIBUTES: Mapping[str, AttributeSpec] = MappingProxyType({a.key: a for a in _ATTRIBUTE_LIST})
_SETTING_READERS: dict[str, Reader] = {}


def read_value(key: str, raw: str, ctx: ParseContext) -> Any:
    """The typed value of attribute `key`; ValueProblem when it does not read."""
    spec = ATTRIBUTES.get(key)
    if spec is not None:
        return spec.read(raw, ctx)
    reader = _SETTING_READERS.get(key)
    if reader is None:
        reader = _SETTING_READERS.setdefault(key, _setting(key))
    return reader(raw, ctx)


# -- verbs ----------------------------------------------------------------------------

_ACTIVITY_ATTRS = ("out", "dir", "at", "next", "due")


def _activity(name: str, alias: str | None, what: str) -> VerbSpec:
    shown = f"{name} ({alias})" if alias else name
    return VerbSpec(
        name,
        "@#~",
        _ACTIVITY_ATTRS,
        f'{shown} [@account] [#deal] [~contact] ["text"] [out:] [dir:in] [at:] [next:"..."] [due:]',
        f"log {what}; next: sets the deal's next step, due: dates it",
        (alias,) if alias else (),
    )


_VERB_LIST = (
    _activity("call", "c", "a call"),
    _activity("email", "e", "an email"),
    _activity("meeting", "m", "a meeting"),
    _activity("demo", None, "a demo"),
    _activity("proposal", None, "a proposal sent"),
    _activity("social", None, "a social touch"),
    _activity("note", "n", "a note (not a touch)"),
    VerbSpec(
        "account",
        "@",
        ("tier", "cadence"),
        'account "Name" | @account  [tier:key|growth|nurture|none] [cadence:14d]',
        "create an account, or update it with @",
    ),
    VerbSpec(
        "contact",
        "@~",
        ("role", "email", "phone", "cadence"),
        'contact @account "Name" | ~contact  [role:] [email:] [phone:] [cadence:]',
        "create a contact at the account, or update it with ~",
    ),
    VerbSpec(
        "deal",
        "@#",
        ("value", "close", "stage", "prob", "fc", "next", "due"),
        'deal @account "Title" | #deal  [value:45k] [close:eoq] [stage:] [prob:] [fc:] [next:] '
        "[due:]",
        "create a deal at the account, or update it with #",
    ),
    VerbSpec("next", "#", ("due",), 'next #deal "next step" [due:]', "set the deal's next step"),
    VerbSpec(
        "stage",
        "#",
        (),
        "stage #deal STAGE",
        "move the deal to a stage (reopens a closed deal)",
        arg="stage",
    ),
    VerbSpec("won", "#", ("value", "at"), "won #deal [value:] [at:]", "close the deal as won"),
    VerbSpec(
        "lost",
        "#",
        ("reason", "code", "at"),
        'lost #deal reason:"..." [code:budget] [at:]',
        "close the deal as lost: a definitive no, because X",
    ),
    VerbSpec("focus", "#", (), "focus #deal", "pin the deal to the top of the Sprint pane"),
    VerbSpec("unfocus", "#", (), "unfocus #deal", "unpin the deal"),
    VerbSpec("snooze", "#", ("until",), "snooze #deal [until:]", "hide from Sprint until a date"),
    VerbSpec(
        "promise",
        "@#~",
        ("due",),
        'promise [@account] [#deal] [~contact] "what" [due:fri]',
        "a promise to someone, aimed a working day early",
    ),
    VerbSpec("done", "!", ("at",), "done !promise [at:]", "a promise kept"),
    VerbSpec(
        "plan",
        "",
        ("quota", "start", "won", *TARGET_KINDS, "daily", "week", "revenue"),
        "plan [2027-Q1] [quota:300k] [start:today] [won:120k] [calls:50/w] ... [daily:20]"
        " [week:2026-W52 revenue:10k]",
        "the current quarter's plan, or the named quarter's",
        arg="quarter",
    ),
    VerbSpec(
        "off",
        "",
        (),
        "off DATE | off 2026-12-24..2027-01-02 [text]",
        "days off: neither worked nor counted",
        arg="days",
    ),
    VerbSpec(
        "set",
        "",
        ("confirm",),
        "set [key:value] [confirm:yes]",
        "change a setting, or list them",
        any_setting=True,
    ),
    VerbSpec("undo", "", (), "undo", "undo the last command"),
)
VERBS: Mapping[str, VerbSpec] = MappingProxyType({v.name: v for v in _VERB_LIST})
ALIASES: Mapping[str, str] = MappingProxyType(
    {alias: v.name for v in _VERB_LIST for alias in v.aliases}
)


def verb_help() -> list[tuple[str, str]]:
    """(usage, effect) rows for a help screen, one per verb."""
    return [(v.usage, v.description) for v in _VERB_LIST]


def attribute_help() -> list[tuple[str, str]]:
    """(key:, accepted form) rows for a help screen, one per attribute."""
    return [(f"{a.key}:", a.form) for a in _ATTRIBUTE_LIST]
