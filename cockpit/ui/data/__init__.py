"""Plain data for the screens: view models built from the book, history, search index.

Nothing here imports Textual or Rich, so it is tested (and timed) without a terminal.
"""
