"""The per-verb parser: one line -> a ParsedLine, or a QuickLogError naming the token.

A token is, in this order: text when it opens with a quote; a reference when it opens
with a sigil (@ # ~ !); an attribute when the part before its first ":" (outside quotes)
is a key the verb accepts, case-insensitively; else text.

Near misses: a key the verb does not accept is an error ("did you mean out:?") only when
it is made of letters, "_" and "." alone and is within 1 edit (insert, delete, replace or
swap two neighbours) of an accepted key of at most 4 letters, or within 2 edits of a
longer one. So `http://x`, `10:30` and `Re:pricing` stay text on a call.
"""

from __future__ import annotations

from typing import Any

from cockpit.domain.settings import STAGES
from cockpit.domain.text import edit_distance, nearest
from cockpit.quicklog.dates import parse_date_range
from cockpit.quicklog.errors import QuickLogError, ValueProblem
from cockpit.quicklog.grammar import ALIASES, ATTRIBUTES, SIGILS, VERBS, VerbSpec, read_value
from cockpit.quicklog.limits import check_line, check_parsed
from cockpit.quicklog.parsed import Attr, ParseContext, ParsedLine, RefToken
from cockpit.quicklog.tokens import Token, tokenize

__all__ = ["parse"]

_EXAMPLES = {"@": "@acme", "#": "#renewal or #12", "~": "~jane", "!": "!3"}


def _near_keys(key: str, spec: VerbSpec) -> list[str]:
    """Accepted keys a mistyped `key` is close to (see the module docstring)."""
    if not all(c.isalpha() or c in "_." for c in key):
        return []
    found: list[tuple[int, int, str]] = []
    for candidate in spec.keys():
        allowed = 1 if len(candidate) <= 4 else 2
        distance = edit_distance(key, candidate, allowed)
        if distance <= allowed:
            # Among equally close keys, one with the same first letter is the likelier fix.
            found.append((distance, int(key[:1] != candidate[:1]), candidate))
    found.sort(key=lambda entry: entry[:2])
    best = [entry[2] for entry in found if entry[:2] == found[0][:2]] if found else []
    return best[:3]


def _takes(spec: VerbSpec) -> str:
    if not spec.refs:
        return f"{spec.name} takes no references"
    names = " ".join(f"{s}{SIGILS[s]}" for s in spec.refs)
    return f"{spec.name} takes {names}"


def _end(line: str) -> int:
    return len(line) + 1


class _Reader:
    """The state of reading one line."""

    def __init__(self, line: str, spec: VerbSpec, ctx: ParseContext) -> None:
        self.line = line
        self.spec = spec
        self.ctx = ctx
        self.refs: dict[str, RefToken] = {}
        self.attrs: dict[str, Attr] = {}
        self.text: list[Token] = []
        self.warnings: list[str] = []

    def source(self, token: Token) -> str:
        return self.line[token.start : token.end]

    def take(self, token: Token) -> None:
        if token.quoted:
            self.text.append(token)
        elif token.text[0] in SIGILS:
            self.reference(token)
        elif not self.attribute(token):
            self.text.append(token)

    def reference(self, token: Token) -> None:
        sigil, name = token.text[0], token.text[1:]
        source = self.source(token)
        what = SIGILS[sigil]
        if sigil not in self.spec.refs:
            raise QuickLogError(
                f"{self.spec.name} does not take {sigil}{what} ({_takes(self.spec)})",
                token.column,
                source,
            )
        if not name:
            raise QuickLogError(f"a bare {sigil} (write {_EXAMPLES[sigil]})", token.column, source)
        if sigil in self.refs:
            raise QuickLogError(f"one {sigil}{what} per line", token.column, source)
        if sigil == "!" and not (name.isascii() and name.isdigit()):
            raise QuickLogError(
                f"a promise is named by its number, like !3 (not {source})", token.column, source
            )
        self.refs[sigil] = RefToken(sigil, name, token.column)

    def attribute(self, token: Token) -> bool:
        prefix = token.plain_prefix()
        colon = prefix.find(":")
        if colon <= 0:
            return False
        key = prefix[:colon].lower()
        source = self.source(token)
        if not self.spec.accepts(key):
            near = _near_keys(key, self.spec)
            if near:
                shown = " or ".join(f"{k}:" for k in near)
                typed = prefix[: colon + 1]
                what = (
                    f'setting "{typed}"'
                    if self.spec.any_setting
                    else f'key "{typed}" for {self.spec.name}'
                )
                raise QuickLogError(
                    f"unknown {what} (did you mean {shown}?)",
                    token.column,
                    source,
                    [f"{k}:" for k in near],
                )
            if key in ATTRIBUTES and not self.spec.any_setting:
                # Another verb's key (value: on a call): kept as text, but not silently.
                self.warnings.append(f"{key}: is not a {self.spec.name} attribute; kept as text")
            return False
        raw = token.text[colon + 1 :]
        value_start = token.start + colon + 1
        value_source = self.line[value_start : token.end]
        if key in self.attrs:
            raise QuickLogError(f"{key}: given twice", token.column, source)
        if not raw.strip():
            raise QuickLogError(
                f"{key}: needs a value (write {key}:VALUE, no space after the colon)",
                token.column,
                source,
            )
        try:
            value = read_value(key, raw, self.ctx)
        except ValueProblem as problem:
            raise QuickLogError(
                problem.message, value_start + 1, value_source, problem.suggestions
            ) from None
        self.attrs[key] = Attr(key, value, raw, token.column)
        return True

    def error_at(
        self, token: Token, message: str, suggestions: list[str] | None = None
    ) -> QuickLogError:
        return QuickLogError(message, token.column, self.source(token), suggestions)

    def missing(self, message: str) -> QuickLogError:
        return QuickLogError(message, _end(self.line))


def _verb(tokens: list[Token], line: str) -> VerbSpec:
    if not tokens:
        raise QuickLogError(
            "empty line (start with a verb: call, email, note, deal ...)", _end(line)
        )
    first = tokens[0]
    source = line[first.start : first.end]
    verbs = ", ".join(VERBS)
    if first.quoted_at is not None:
        raise QuickLogError(
            f"a line starts with a verb, not quoted text ({verbs})", first.column, source
        )
    word = first.text.lower()
    name = ALIASES.get(word, word)
    if name in VERBS:
        return VERBS[name]
    near = nearest(word, VERBS, 1 if len(word) <= 4 else 2, limit=3, closest_only=True)
    if not near and len(word) >= 2:
        near = [verb for verb in VERBS if verb.startswith(word)][:3]
    if near:
        shown = " or ".join(near)
        raise QuickLogError(
            f'unknown verb "{source}" (did you mean {shown}?)', first.column, source, near
        )
    raise QuickLogError(
        f'unknown verb "{source}" (a line starts with a verb: {verbs})',
        first.column,
        source,
    )


def _stage_arg(reader: _Reader) -> str:
    if not reader.text:
        raise reader.missing(f"stage needs a stage name ({', '.join(STAGES)})")
    token = reader.text.pop(0)
    word = token.text.strip().lower()
    if word in STAGES:
        return word
    near = nearest(word, STAGES, 2, limit=3, closest_only=True)
    hint = f"did you mean {' or '.join(near)}?" if near else f"one of {', '.join(STAGES)}"
    raise reader.error_at(token, f'unknown stage "{token.text}" ({hint})', near or list(STAGES))


def _quarter_arg(reader: _Reader) -> str | None:
    if not reader.text:
        return None
    token = reader.text.pop(0)
    try:
        quarter = reader.ctx.calendar.parse_quarter(token.text)
    except ValueError:
        raise reader.error_at(token, f'unknown quarter "{token.text}" (write 2027-Q1)') from None
    if reader.text:
        extra = reader.text[0]
        raise reader.error_at(
            extra, f'unexpected "{extra.text}" (plan takes a quarter and targets)'
        )
    return quarter.name


def _days_arg(reader: _Reader) -> tuple[Any, Any]:
    if not reader.text:
        raise reader.missing("off needs a date or a range like 2026-12-24..2027-01-02")
    today = reader.ctx.now.date()
    first_problem: tuple[Token, ValueProblem] | None = None
    for index, token in enumerate(reader.text):
        try:
            days = parse_date_range(token.text, today, reader.ctx.calendar)
        except ValueProblem as error:
            if first_problem is None or (
                _looks_dated(token) and not _looks_dated(first_problem[0])
            ):
                first_problem = (token, error)
            continue
        del reader.text[index]
        return days
    assert first_problem is not None
    token, problem = first_problem
    raise reader.error_at(token, problem.message, problem.suggestions)


def _looks_dated(token: Token) -> bool:
    return any(c.isdigit() for c in token.text) or ".." in token.text


def _require(reader: _Reader) -> None:
    """What each verb cannot do without."""
    spec, refs, attrs = reader.spec, reader.refs, reader.attrs
    has_text = any(t.text.strip() for t in reader.text)
    name = spec.name
    if name in ("won", "lost", "stage", "next", "focus", "unfocus", "snooze") and "#" not in refs:
        raise reader.missing(f"{name} needs a deal (#renewal or #12)")
    if name == "done" and "!" not in refs:
        raise reader.missing("done needs a promise (!3)")
    if name == "lost" and "reason" not in attrs:
        raise reader.missing('lost needs reason:"..." — a definitive no, because X')
    if name == "account" and not has_text and "@" not in refs:
        raise reader.missing('account needs a name (account "Acme Corp")')
    if name == "contact" and not has_text and "~" not in refs:
        raise reader.missing('contact needs a name (contact @acme "Jane Doe")')
    if name == "deal" and not has_text and "#" not in refs:
        raise reader.missing('deal needs a title (deal @acme "Renewal 2027") or a #deal')
    if name == "promise" and not has_text:
        raise reader.missing('promise needs text: what you promised ("pricing sheet to Jane")')
    if name == "next" and not has_text and "due" not in attrs:
        raise reader.missing('next needs the next step as text (next #renewal "send pricing")')
    if name == "set" and reader.text:
        raise reader.error_at(reader.text[0], "set takes key:value (set currency:EUR)")
    if name == "undo" and reader.text:
        raise reader.error_at(reader.text[0], "undo takes nothing else")


def parse(line: str, ctx: ParseContext) -> ParsedLine:
    """Read one quick-log line; QuickLogError (and nothing else) when it does not read."""
    check_line(line)
    tokens = tokenize(line)
    spec = _verb(tokens, line)
    reader = _Reader(line, spec, ctx)
    for token in tokens[1:]:
        if spec.any_setting and not token.quoted and token.text[0] not in SIGILS:
            _setting_token(reader, token)
        else:
            reader.take(token)
    arg: Any = None
    if spec.arg == "stage":
        arg = _stage_arg(reader)
    elif spec.arg == "quarter":
        arg = _quarter_arg(reader)
    elif spec.arg == "days":
        arg = _days_arg(reader)
    _require(reader)
    words = [t for t in reader.text if t.text.strip()]
    first = words[0] if words else None
    parsed = ParsedLine(
        verb=spec.name,
        refs=reader.refs,
        attrs=reader.attrs,
        text=" ".join(t.text for t in words),
        text_column=first.column if first else None,
        arg=arg,
        line=line,
        warnings=tuple(reader.warnings),
    )
    check_parsed(parsed)
    return parsed


def _setting_token(reader: _Reader, token: Token) -> None:
    """`set` reads every key:value as a setting: an unknown one is an error, not text."""
    if reader.attribute(token):
        return
    prefix = token.plain_prefix()
    colon = prefix.find(":")
    if colon > 0:
        key = prefix[:colon]
        near = nearest(key.lower(), reader.spec.keys(), 3, limit=3, closest_only=True)
        hint = (
            f"did you mean {' or '.join(f'{k}:' for k in near)}?"
            if near
            else "set alone lists them"
        )
        raise reader.error_at(token, f'unknown setting "{key}:" ({hint})', [f"{k}:" for k in near])
    reader.text.append(token)
