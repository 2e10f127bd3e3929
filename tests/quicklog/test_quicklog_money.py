# ruff: noqa: E501  (one case per line)
"""Money as typed: the accepted forms, exact in minor units, and the refused ones."""

from __future__ import annotations

import pytest

from cockpit.quicklog.errors import ValueProblem
from cockpit.quicklog.money import parse_money


@pytest.mark.parametrize(
    ("raw", "minor"),
    [
        ("45k", 4_500_000),
        ("45K", 4_500_000),
        ("$45K", 4_500_000),
        ("1.2m", 120_000_000),
        ("1.25M", 125_000_000),
        ("12,500", 1_250_000),
        ("1,250,000", 125_000_000),
        ("12500", 1_250_000),
        ("12500.50", 1_250_050),
        ("12500.5", 1_250_050),
        ("12,500.05", 1_250_005),
        ("0", 0),
        ("0.01", 1),
        ("USD 100", 10_000),
        ("usd100", 10_000),
        ("100 USD", 10_000),
        ("100usd", 10_000),
        ("45kUSD", 4_500_000),
        ("$ 45", 4_500),
        ("US$45", 4_500),
        ("1.23k", 123_000),
        ("1.25m", 125_000_000),
    ],
)
def test_usd(raw: str, minor: int) -> None:
    assert parse_money(raw, "USD", 2) == minor


@pytest.mark.parametrize(
    ("raw", "currency", "digits", "minor"),
    [
        ("45k", "JPY", 0, 45_000),
        ("¥1,200", "JPY", 0, 1_200),
        ("1200 jpy", "JPY", 0, 1_200),
        ("€1.200", "EUR", 2, None),  # 1.200: too many decimals for EUR, see below
        ("€12.50", "EUR", 2, 1_250),
        ("12.50€", "EUR", 2, 1_250),
        ("EUR 2k", "EUR", 2, 200_000),
        ("£3.5k", "GBP", 2, 350_000),
        ("1.234", "KWD", 3, 1_234),
        ("CHF 10", "CHF", 2, 1_000),
    ],
)
def test_other_currencies(raw: str, currency: str, digits: int, minor: int | None) -> None:
    if minor is None:
        with pytest.raises(ValueProblem):
            parse_money(raw, currency, digits)
    else:
        assert parse_money(raw, currency, digits) == minor


@pytest.mark.parametrize(
    ("raw", "currency", "digits", "message"),
    [
        (
            "12,5",
            "USD",
            2,
            'bad amount "12,5" (write 12.5: "." for decimals, "," between thousands)',
        ),
        (
            "1.200,50",
            "USD",
            2,
            'bad amount "1.200,50" (write 1200.50: "." for decimals, "," between thousands)',
        ),
        ("12,50,000", "USD", 2, 'bad amount "12,50,000" (write 12500, 12,500, 12500.50 or 45k)'),
        ("-5", "USD", 2, 'bad amount "-5": amounts cannot be negative'),
        ("-$5", "USD", 2, 'bad amount "-$5": amounts cannot be negative'),
        ("$-5", "USD", 2, 'bad amount "$-5": amounts cannot be negative'),
        ("+5", "USD", 2, 'bad amount "+5" (write 12500, 12,500, 12500.50 or 45k)'),
        ("1.234", "USD", 2, 'bad amount "1.234": USD takes at most 2 decimals'),
        ("1.2345k", "USD", 2, 'bad amount "1.2345k": USD takes at most 2 decimals (write 1234.50)'),
        ("1.5", "JPY", 0, 'bad amount "1.5": JPY takes no decimals'),
        ("1.2345m", "USD", 2, 'bad amount "1.2345m": USD takes at most 2 decimals (write 1234500)'),
        ("1.2m", "JPY", 0, 'bad amount "1.2m": JPY takes no decimals (write 1200000)'),
        ("€5", "USD", 2, 'bad amount "€5": this book is in USD (write 5 or $5)'),
        ("5 EUR", "USD", 2, 'bad amount "5 EUR": this book is in USD (write 5 or $5)'),
        ("$5", "EUR", 2, 'bad amount "$5": this book is in EUR (write 5 or €5)'),
        ("5 USD", "CHF", 2, 'bad amount "5 USD": this book is in CHF (write 5 or 5 CHF)'),
        ("$5 USD", "USD", 2, 'bad amount "$5 USD" (write 12500, 12,500, 12500.50 or 45k)'),
        (".5", "USD", 2, 'bad amount ".5" (write 12500, 12,500, 12500.50 or 45k)'),
        ("12.", "USD", 2, 'bad amount "12." (write 12500, 12,500, 12500.50 or 45k)'),
        ("45x", "USD", 2, 'bad amount "45x" (write 12500, 12,500, 12500.50 or 45k)'),
        ("45 k", "USD", 2, 'bad amount "45 k" (write 12500, 12,500, 12500.50 or 45k)'),
        ("45kk", "USD", 2, 'bad amount "45kk" (write 12500, 12,500, 12500.50 or 45k)'),
        ("1e5", "USD", 2, 'bad amount "1e5" (write 12500, 12,500, 12500.50 or 45k)'),
        ("٤٥", "USD", 2, 'bad amount "٤٥" (write 12500, 12,500, 12500.50 or 45k)'),
        ("", "USD", 2, 'bad amount "" (write 12500, 12,500, 12500.50 or 45k)'),
        ("9" * 20, "USD", 2, f'bad amount "{"9" * 20}": too large'),
    ],
)
def test_refused(raw: str, currency: str, digits: int, message: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_money(raw, currency, digits)
    assert caught.value.message == message
