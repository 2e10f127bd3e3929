"""Money for people: integer minor units shown as "$45,000", "$45k" or "EUR 1,200.50"."""

from __future__ import annotations

__all__ = ["format_money", "to_major"]

# Only currencies whose symbol is unambiguous and written before the amount get one;
# the rest show their code ("EUR 1,200.50"), which no reader misreads.
_SYMBOLS = {"USD": "$", "GBP": "£"}
_COMPACT_UNITS = ((10**3, "k"), (10**6, "m"), (10**9, "b"))


def to_major(minor: int, minor_digits: int) -> int | float:
    """Minor units as a number of major units: an int when whole (JSON shows 45000, not
    45000.0)."""
    scale: int = 10**minor_digits
    if minor % scale == 0:
        return minor // scale
    return minor / scale


def _prefix(currency: str) -> str:
    symbol = _SYMBOLS.get(currency.upper())
    return symbol if symbol is not None else f"{currency.upper()} "


def _plain(minor: int, minor_digits: int) -> str:
    whole, fraction = divmod(minor, 10**minor_digits)
    if fraction == 0 or minor_digits == 0:
        return f"{whole:,}"
    return f"{whole:,}.{fraction:0{minor_digits}d}"


def _round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def _compact(minor: int, minor_digits: int) -> str:
    major = _round_half_up(minor, 10**minor_digits)
    if major < 1000:
        return f"{major:,}"
    for size, suffix in _COMPACT_UNITS:
        tenths = _round_half_up(major * 10, size)
        if tenths < 100:  # below 10 of a unit, one decimal: "1.2m"
            return f"{tenths / 10:g}{suffix}"
        units = _round_half_up(major, size)
        # Rounding may reach the next unit: 999,999 is "1m", not "1,000k".
        if units < 1000 or suffix == "b":
            return f"{units:,}{suffix}"
    raise AssertionError("unreachable: the last unit always returns")


def format_money(minor: int, currency: str, minor_digits: int, *, compact: bool = False) -> str:
    """Format minor units for display: "$45,000", "EUR 1,200.50"; compact "$45k", "$1.2m"."""
    sign = "-" if minor < 0 else ""
    amount = abs(minor)
    body = _compact(amount, minor_digits) if compact else _plain(amount, minor_digits)
    return f"{sign}{_prefix(currency)}{body}"
