"""The graph's constraints and indexes (``cypher/schema_constraints.cypher``)."""

from __future__ import annotations

import re

from pokin.graph.db import Db
from pokin.graph.queries import statements

_NAME = re.compile(
    r"(CREATE|DROP)\s+(?:FULLTEXT\s+)?(?:CONSTRAINT|INDEX)\s+(\w+)\s+IF (?:NOT )?EXISTS", re.I
)


def ensure_schema(db: Db) -> bool:
    """Create the constraints and indexes unless they exist (idempotent), and wait for them.

    Every load calls it: one read of the index names first, so that a database that has them
    all, online (and none of the old ones to drop), costs that one query and no schema
    transaction. True when it created something (a fresh database: its load statements
    have not been planned yet)."""
    wanted = statements("schema_constraints")
    existing = {r["name"]: r["state"] for r in db.rows("schema_indexes")}
    missing, pending, created = [], False, False
    for statement in wanted:
        match = _NAME.search(statement)
        if match is None:
            missing.append(statement)
        elif match.group(1).upper() == "DROP":
            if match.group(2) in existing:
                missing.append(statement)
        elif match.group(2) not in existing:
            missing.append(statement)
            created = True
        elif existing[match.group(2)] != "ONLINE":
            pending = True
    if missing or pending:
        db.auto_commit([*missing, "CALL db.awaitIndexes(120)"])
    return created
