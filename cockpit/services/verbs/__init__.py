"""The quick-log verbs: one module per family behind one registry.

activities (call, email, ...), people (account, contact), deals, promises, plan (plan, off,
set); registry.py holds the table, and `undo`, which the store itself reverses.
"""

from cockpit.services.verbs.context import CommandContext
from cockpit.services.verbs.registry import VERBS, answer_directly, apply_command

__all__ = ["VERBS", "CommandContext", "answer_directly", "apply_command"]
