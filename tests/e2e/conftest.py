"""Fixtures shared by the tests against a real server."""

from __future__ import annotations

import pytest

from pokin.graph.db import Db


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Every ``Db.read`` made while the test runs (``Db.rows`` reads through it too), by the
    name of its transaction function."""
    seen: list[str] = []
    original = Db.read

    def counted(self, work, *args, **kwargs):
        seen.append(getattr(work, "__qualname__", repr(work)))
        return original(self, work, *args, **kwargs)

    monkeypatch.setattr(Db, "read", counted)
    return seen
