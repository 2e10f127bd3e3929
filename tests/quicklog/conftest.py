"""Fixtures for the quick-log tests."""

from __future__ import annotations

import pytest

from cockpit.quicklog import ParseContext
from tests.quicklog.quicklog_fakes import FakeDirectory, make_ctx, small_book


@pytest.fixture
def ctx() -> ParseContext:
    return make_ctx()


@pytest.fixture
def book() -> FakeDirectory:
    return small_book()
