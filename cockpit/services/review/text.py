"""The review for a terminal: the Markdown laid out with underlined headings and aligned tables."""

from __future__ import annotations

from datetime import datetime

from cockpit.domain.book import Book
from cockpit.services.review.markdown import review_markdown

__all__ = ["markdown_to_text", "review_text"]


def _text_table(rows: list[list[str]], align: str) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(align))]
    out = []
    for n, row in enumerate(rows):
        cells = [
            c.rjust(wd) if a == "r" else c.ljust(wd)
            for c, wd, a in zip(row, widths, align, strict=True)
        ]
        out.append(("  " + "  ".join(cells)).rstrip())
        if n == 0:
            out.append("  " + "  ".join("-" * wd for wd in widths))
    return out


def markdown_to_text(markdown: str) -> str:
    """A terminal rendering of the review's Markdown: underlined headings, aligned tables,
    no fences or emphasis marks."""
    out: list[str] = []
    table: list[list[str]] = []
    align = ""
    for line in markdown.splitlines():
        if line.startswith("| "):
            cells = [
                c.strip().replace("\\|", "|").replace("**", "") for c in line[2:-2].split(" | ")
            ]
            if all(set(c) <= set(":-") and c for c in cells):
                align = "".join(
                    "r" if c.endswith(":") and not c.startswith(":") else "l" for c in cells
                )
                continue
            table.append(cells)
            continue
        if table:
            out += _text_table(table, align or "l" * len(table[0]))
            table, align = [], ""
        if line.startswith("```"):
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            title = line[level:].strip()
            underline = {1: "=", 2: "-"}.get(level)
            out.append(title.upper() if level == 2 else title)
            if underline:
                out.append(underline * len(title))
            continue
        out.append(line.replace("**", "").replace("`", "").strip("_") if line else line)
    if table:
        out += _text_table(table, align or "l" * len(table[0]))
    return "\n".join(out).rstrip() + "\n"


def review_text(book: Book, week: str | None, now: datetime) -> str:
    """The review for a terminal."""
    return markdown_to_text(review_markdown(book, week, now))
