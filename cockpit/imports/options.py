"""What an import is asked to do: the command line's options, checked before a row is read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from cockpit.domain.settings import STAGES

__all__ = ["ImportInputError", "ImportOptions", "parse_pairs"]


class ImportInputError(ValueError):
    """The file or an option cannot be used at all (exit 2 before anything is read)."""


def parse_pairs(
    values: Sequence[str], option: str, example: str, *, last: bool
) -> list[tuple[str, str]]:
    """Split `A=B` option values (at the last "=" when B never holds one)."""
    pairs: list[tuple[str, str]] = []
    for value in values:
        left, sep, right = value.rpartition("=") if last else value.partition("=")
        if not sep or not left.strip():
            raise ImportInputError(f'{option} "{value}": write {example}')
        pairs.append((left.strip(), right.strip()))
    return pairs


def _date_formats(values: Sequence[str]) -> tuple[tuple[str | None, str], ...]:
    """`--date-format [COL=]FMT`: (column or None for every date column, format)."""
    out: list[tuple[str | None, str]] = []
    for value in values:
        column, sep, fmt = value.partition("=")
        if not sep or "%" in column:
            column, fmt = "", value
        if "%" not in fmt:
            raise ImportInputError(
                f'--date-format "{value}" has no % codes (e.g. %m/%d/%Y or "Close Date=%d.%m.%Y")'
            )
        out.append((column.strip() or None, fmt.strip()))
    if sum(1 for column, _ in out if column is None) > 1:
        raise ImportInputError("--date-format: give one format for all columns, or COL=FMT each")
    return tuple(out)


def _rates(values: Sequence[str]) -> tuple[tuple[str, Decimal], ...]:
    """`--fx CUR=RATE`: how many of the book's currency units one CUR is worth."""
    out: list[tuple[str, Decimal]] = []
    for currency, rate in parse_pairs(values, "--fx", "CUR=RATE, e.g. EUR=1.08", last=True):
        try:
            number = Decimal(rate)
        except InvalidOperation:
            number = Decimal(0)
        if not currency.isalpha() or len(currency) != 3 or not number.is_finite() or number <= 0:
            raise ImportInputError(
                f'--fx "{currency}={rate}": write a currency code and a rate above 0, e.g. EUR=1.08'
            )
        out.append((currency.upper(), number))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """The command line's import options, checked."""

    maps: tuple[tuple[str, str], ...] = ()
    where: tuple[tuple[str, str], ...] = ()
    stage_map: tuple[tuple[str, str], ...] = ()
    date_formats: tuple[tuple[str | None, str], ...] = ()  # (column or None for all, format)
    decimal_comma: bool = False
    fx: tuple[tuple[str, Decimal], ...] = ()  # (currency, book units per unit)
    skip_bad: bool = False
    dry_run: bool = False

    @classmethod
    def parse(
        cls,
        maps: Sequence[str] = (),
        where: Sequence[str] = (),
        stage_map: Sequence[str] = (),
        date_format: str | Sequence[str] | None = None,
        skip_bad: bool = False,
        dry_run: bool = False,
        decimal_comma: bool = False,
        fx: Sequence[str] = (),
    ) -> ImportOptions:
        """Options from the raw `A=B` strings the command line gives (ImportInputError)."""
        stages = parse_pairs(
            stage_map, "--stage-map", "VALUE=stage, e.g. Engaging=qualified", last=True
        )
        for value, stage in stages:
            if stage.lower() not in STAGES:
                raise ImportInputError(
                    f'--stage-map {value}={stage}: "{stage}" is no stage'
                    f" (stages: {', '.join(STAGES)})"
                )
        formats = [date_format] if isinstance(date_format, str) else list(date_format or ())
        return cls(
            maps=tuple(
                parse_pairs(maps, "--map", "COLUMN=field, e.g. close_value=value", last=True)
            ),
            where=tuple(
                parse_pairs(where, "--where", 'COLUMN=VALUE, e.g. owner="Jane Doe"', last=False)
            ),
            stage_map=tuple((value, stage.lower()) for value, stage in stages),
            date_formats=_date_formats(formats),
            decimal_comma=decimal_comma,
            fx=_rates(fx),
            skip_bad=skip_bad,
            dry_run=dry_run,
        )

    def rate(self, currency: str) -> Decimal | None:
        """The --fx rate for `currency`, or None when none was given."""
        return dict(self.fx).get(currency.upper())
