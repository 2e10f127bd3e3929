"""Handles: the short, typeable names (`acme-corp`) that quick-log references match."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = ["deal_handle", "slugify", "unique_handle"]

# Letters that Unicode decomposition does not fold to ASCII.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Make a handle: "Acme Corp" -> "acme-corp" (ASCII-folded, lower case; "x" if empty)."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    return slug or "x"


def unique_handle(base: str, taken: Callable[[str], bool]) -> str:
    """`base` if free, else the first free of `base-2`, `base-3`, ..."""
    if not taken(base):
        return base
    number = 2
    while taken(f"{base}-{number}"):
        number += 1
    return f"{base}-{number}"


def deal_handle(account_handle: str | None, title: str) -> str:
    """A deal's base handle: its account's handle plus its title's ("acme-corp-renewal-2027").

    Never all digits, because `#12` always means the deal with id 12."""
    title_slug = slugify(title)
    base = f"{account_handle}-{title_slug}" if account_handle else title_slug
    return f"deal-{base}" if base.isdigit() else base
