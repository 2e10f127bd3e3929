"""`cockpit review`: the weekly review built, saved, and rendered three ways.

build.py builds and saves; json_doc.py is `--json`; sections.py the sections as Markdown
(what the screen shows); markdown.py the whole document (`--markdown`); text.py lays the
Markdown out for a terminal; words.py holds what the renderings share. `week` is
"2026-W48" or None (the week holding `now`); `now` is the caller's clock in the book's
time zone.
"""

from cockpit.domain.review import ReviewInputError
from cockpit.services.review.build import ReviewExists, build_review, save_review
from cockpit.services.review.json_doc import review_json
from cockpit.services.review.markdown import render_markdown, review_markdown, review_title
from cockpit.services.review.sections import Section, review_sections
from cockpit.services.review.text import markdown_to_text, review_text
from cockpit.services.review.words import BAR_WIDTH, sparkline, touch_bar, week_span

__all__ = [
    "BAR_WIDTH",
    "ReviewExists",
    "ReviewInputError",
    "Section",
    "build_review",
    "markdown_to_text",
    "render_markdown",
    "review_json",
    "review_markdown",
    "review_sections",
    "review_text",
    "review_title",
    "save_review",
    "sparkline",
    "touch_bar",
    "week_span",
]
