"""Small text helpers shared by the domain: edit distance and nearest-word suggestions."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["edit_distance", "nearest", "prefix_distance"]


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps
    of two adjacent letters each cost 1. With `limit`, any result above it may be
    reported as `limit + 1` (a cheap early exit)."""
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    if not a or not b:
        return max(len(a), len(b))
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if limit is not None and min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def prefix_distance(word: str, text: str, limit: int) -> int:
    """The fewest edits (as in `edit_distance`) turning `word` into some prefix of `text`;
    anything above `limit` is reported as `limit + 1`."""
    text = text[: len(word) + limit]
    if not word:
        return 0
    before: list[int] = []
    previous = list(range(len(text) + 1))
    for i, cw in enumerate(word, 1):
        current = [i] + [0] * len(text)
        for j, ct in enumerate(text, 1):
            cost = 0 if cw == ct else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and cw == text[j - 2] and word[i - 2] == ct:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(min(previous), limit + 1)


def nearest(
    word: str,
    candidates: Iterable[str],
    max_distance: int,
    limit: int = 5,
    closest_only: bool = False,
) -> list[str]:
    """Candidates within `max_distance` edits of `word`, closest first (ties keep order);
    with `closest_only`, just those at the smallest distance found."""
    scored: list[tuple[int, int, str]] = []
    for index, candidate in enumerate(candidates):
        distance = edit_distance(word, candidate, max_distance)
        if distance <= max_distance:
            scored.append((distance, index, candidate))
    scored.sort()
    if closest_only and scored:
        scored = [entry for entry in scored if entry[0] == scored[0][0]]
    return [candidate for _, _, candidate in scored[:limit]]
