"""The graph's constraints and indexes (``cypher/schema_constraints.cypher``)."""

from __future__ import annotations

from pokin.graph.db import Db
from pokin.graph.queries import statements


def ensure_schema(db: Db) -> None:
    """Create the constraints and indexes unless they exist (idempotent), and wait for them."""
    db.auto_commit([*statements("schema_constraints"), "CALL db.awaitIndexes(120)"])
