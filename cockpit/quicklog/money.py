"""Money as typed on the line (45k, 1.2m, 12,500, 12500.50, $45K) -> integer minor units.

The grammar (DESIGN §3): digits with optional "," thousands groups (groups of three
only), an optional "." with at most the currency's minor digits, an optional k/m (either
case), and an optional symbol or code of the book's currency before or after. The digit
rule holds with k/m too ("1.2345k" in USD is refused), so the result is always a whole
number of minor units. Integer arithmetic only.
"""

from __future__ import annotations

import re

from cockpit.quicklog.errors import ValueProblem

__all__ = ["currency_symbols", "parse_money"]

_SYMBOLS: dict[str, tuple[str, ...]] = {
    "USD": ("$", "US$"),
    "CAD": ("$", "C$", "CA$"),
    "AUD": ("$", "A$", "AU$"),
    "NZD": ("$", "NZ$"),
    "SGD": ("$", "S$"),
    "HKD": ("$", "HK$"),
    "MXN": ("$", "MX$"),
    "EUR": ("€",),
    "GBP": ("£",),
    "JPY": ("¥", "￥"),
    "CNY": ("¥", "￥", "CN¥"),
    "INR": ("₹",),
    "KRW": ("₩",),
    "BRL": ("R$",),
    "RUB": ("₽",),
    "TRY": ("₺",),
    "ILS": ("₪",),
    "NGN": ("₦",),
    "PHP": ("₱",),
    "VND": ("₫",),
    "UAH": ("₴",),
    "THB": ("฿",),
    "PLN": ("zł",),
    "SEK": ("kr",),
    "NOK": ("kr",),
    "DKK": ("kr",),
    "ISK": ("kr",),
}
_ALL_SYMBOLS = frozenset(s.lower() for symbols in _SYMBOLS.values() for s in symbols)

# Patterns are strings: `re` compiles each on first use, keeping the import cheap.
_SHAPE = (
    r"(?P<pre>[^0-9.,+\-−]*?)\s*(?P<sign>[+\-−]?)\s*(?P<pre2>[^0-9.,+\-−\s]*?)\s*"
    r"(?P<num>[0-9.,]*[0-9][0-9.,]*)(?P<mult>[kKmM]?)\s*(?P<suf>.*)"
)
_NUMBER = r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
_MAX_INT_DIGITS = 15
_ZEROS = {"": 0, "k": 3, "m": 6}
_POWERS: dict[int, int] = {0: 1, 3: 1_000, 6: 1_000_000}
_GENERIC_HINT = "write 12500, 12,500, 12500.50 or 45k"


def currency_symbols(currency: str) -> tuple[str, ...]:
    """The symbols written for a currency ("$" for USD); empty when it only has a code."""
    return _SYMBOLS.get(currency.upper(), ())


def _is_ours(mark: str, currency: str) -> bool:
    low = mark.lower()
    return low == currency.lower() or low in (s.lower() for s in currency_symbols(currency))


def _looks_like_currency(mark: str) -> bool:
    return mark.lower() in _ALL_SYMBOLS or (len(mark) == 3 and mark.isascii() and mark.isalpha())


def _bad(raw: str, hint: str = _GENERIC_HINT, suggestions: list[str] | None = None) -> ValueProblem:
    return ValueProblem(f'bad amount "{raw}" ({hint})', suggestions)


def _swapped_hint(raw: str, number: str, currency: str, minor_digits: int) -> ValueProblem:
    """A number written the European way ("1.200,50", "12,5") gets the fix spelled out."""
    swapped = number.translate(str.maketrans(".,", ",."))
    match = re.fullmatch(_NUMBER, swapped)
    if match and len(match["frac"] or "") <= minor_digits:
        fixed = match["int"].replace(",", "") + (f".{match['frac']}" if match["frac"] else "")
        return _bad(raw, f'write {fixed}: "." for decimals, "," between thousands', [fixed])
    return _bad(raw)


def parse_money(raw: str, currency: str = "USD", minor_digits: int = 2) -> int:
    """Read an amount in the book's currency as integer minor units ("45k" -> 4_500_000)."""
    text = raw.strip()
    shape = re.fullmatch(_SHAPE, text, re.DOTALL)
    if shape is None:
        raise _bad(raw)
    mult, suffix = shape["mult"], shape["suf"].strip()
    if mult and suffix and _is_ours(mult + suffix, currency):
        mult, suffix = "", mult + suffix
    marks = [m for m in (shape["pre"].strip(), shape["pre2"].strip(), suffix) if m]
    if len(marks) > 1:
        raise _bad(raw)
    if marks and not _is_ours(marks[0], currency):
        if _looks_like_currency(marks[0]):
            symbols = currency_symbols(currency)
            plain = shape["num"] + mult
            example = (
                f"{plain} or {symbols[0]}{plain}" if symbols else f"{plain} or {plain} {currency}"
            )
            raise ValueProblem(
                f'bad amount "{raw}": this book is in {currency} (write {example})', [plain]
            )
        raise _bad(raw)
    if shape["sign"] in ("-", "−"):
        raise ValueProblem(f'bad amount "{raw}": amounts cannot be negative')
    if shape["sign"]:
        raise _bad(raw)
    number = re.fullmatch(_NUMBER, shape["num"])
    if number is None:
        raise _swapped_hint(raw, shape["num"], currency, minor_digits)
    whole = number["int"].replace(",", "")
    fraction = number["frac"] or ""
    if len(whole.lstrip("0")) > _MAX_INT_DIGITS or len(fraction) > _MAX_INT_DIGITS:
        raise ValueProblem(f'bad amount "{raw}": too large')
    zeros = _ZEROS[mult.lower()]
    if len(fraction) > minor_digits:
        raise _too_precise(raw, whole, fraction, zeros, currency, minor_digits)
    scale: int = 10**minor_digits
    minor = int(whole) * scale + int(fraction.ljust(minor_digits, "0") or "0")
    return minor * _POWERS[zeros]


def _too_precise(
    raw: str, whole: str, fraction: str, zeros: int, currency: str, minor_digits: int
) -> ValueProblem:
    """More decimals than the currency has; with k/m the plain amount may still fit."""
    rule = (
        f"{currency} takes no decimals"
        if minor_digits == 0
        else f"{currency} takes at most {minor_digits} decimals"
    )
    # Exact: the amount in units of 10**-len(fraction) major units, scaled by k/m.
    scaled = int(whole + fraction) * 10**zeros
    exponent = len(fraction)
    if zeros and scaled % 10 ** max(exponent - minor_digits, 0) == 0:
        minor = scaled // 10 ** (exponent - minor_digits)
        major, cents = divmod(minor, 10**minor_digits)
        plain = f"{major}.{cents:0{minor_digits}d}" if cents else str(major)
        return ValueProblem(f'bad amount "{raw}": {rule} (write {plain})', [plain])
    return ValueProblem(f'bad amount "{raw}": {rule}')
