"""Fixtures for the quick-log tests."""

from __future__ import annotations

import pytest
from quicklog_fakes import FakeDirectory, make_ctx, small_book

from cockpit.quicklog import ParseContext


@pytest.fixture
def ctx() -> ParseContext:
    return make_ctx()


@pytest.fixture
def book() -> FakeDirectory:
    return small_book()
