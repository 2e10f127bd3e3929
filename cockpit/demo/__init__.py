"""Demo books: a believable rep's book around `now`, or the benchmark books of DESIGN §8.

The generator builds domain records and encodes them with the codec, so a demo book has
exactly the shape of a real one. `generate_demo` is pure and deterministic for a (now,
years, seed): no I/O, no wall clock, one `random.Random(seed)`; `write_demo` writes its
result through the store. The default book is a few months of one rep's work; `years=N`
spreads the benchmark sizes (1, 3 and 10 years exactly, other N interpolated) over N years
ending at `now`. Every book tells the same small story so each pane has something to show:
overdue, due-today and missing next steps, a stale deal, focused and snoozed deals,
follow-up chases, accounts overdue on cadence, promises due this week and a missed one, a
plan for the quarter and today's touches logged so far.

The builder is one class in steps, each a module, built in this order: timeline.py (the
state and the working-day helpers), people.py, deals.py, story.py, activities.py,
promises.py, plans.py; shape.py sizes the book, names.json holds the word lists, and
generate.py runs the steps and writes the book.
"""

from cockpit.demo.generate import TABLES, Tables, demo_summary, generate_demo, write_demo
from cockpit.demo.plans import PLAN_TARGETS
from cockpit.demo.shape import BENCHMARK_BOOKS, demo_counts

__all__ = [
    "BENCHMARK_BOOKS",
    "PLAN_TARGETS",
    "TABLES",
    "Tables",
    "demo_counts",
    "demo_summary",
    "generate_demo",
    "write_demo",
]
