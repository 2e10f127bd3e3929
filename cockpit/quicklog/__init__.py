"""The quick-log line: one grammar for the log bar and `cockpit log` (DESIGN §3)."""

from cockpit.quicklog.errors import QuickLogError
from cockpit.quicklog.grammar import ALIASES, VERBS, VerbSpec, attribute_help, verb_help
from cockpit.quicklog.parsed import Attr, ParseContext, ParsedLine, RefToken
from cockpit.quicklog.parser import parse
from cockpit.quicklog.refs import Directory, RefTarget, Resolved, complete, resolve

__all__ = [
    "ALIASES",
    "VERBS",
    "Attr",
    "Directory",
    "ParseContext",
    "ParsedLine",
    "QuickLogError",
    "RefTarget",
    "RefToken",
    "Resolved",
    "VerbSpec",
    "attribute_help",
    "complete",
    "parse",
    "resolve",
    "verb_help",
]
