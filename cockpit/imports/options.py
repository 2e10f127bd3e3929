"""What an import is asked to do: the command line's options, checked before a row is read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """The command line's import options, checked."""

    maps: tuple[tuple[str, str], ...] = ()
    where: tuple[tuple[str, str], ...] = ()
    stage_map: tuple[tuple[str, str], ...] = ()
    date_format: str | None = None
    skip_bad: bool = False
    dry_run: bool = False

    @classmethod
    def parse(
        cls,
        maps: Sequence[str] = (),
        where: Sequence[str] = (),
        stage_map: Sequence[str] = (),
        date_format: str | None = None,
        skip_bad: bool = False,
        dry_run: bool = False,
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
        if date_format is not None and "%" not in date_format:
            raise ImportInputError(
                f'--date-format "{date_format}" has no % codes (e.g. %m/%d/%Y or %d.%m.%Y)'
            )
        return cls(
            maps=tuple(
                parse_pairs(maps, "--map", "COLUMN=field, e.g. close_value=value", last=True)
            ),
            where=tuple(
                parse_pairs(where, "--where", 'COLUMN=VALUE, e.g. owner="Jane Doe"', last=False)
            ),
            stage_map=tuple((value, stage.lower()) for value, stage in stages),
            date_format=date_format,
            skip_bad=skip_bad,
            dry_run=dry_run,
        )
