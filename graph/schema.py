"""The graph's constraints and indexes (``cypher/schema_constraints.cypher``)."""

from __future__ import annotations

from neo4j import Driver

from graph.queries import statements

#: The project's fixed set of node labels and relationship types. Nothing else is ever
#: written, and only these names are ever put into query text.
NODE_LABELS = ("Goal", "Target", "Programme", "Activity", "SubActivity", "Indicator", "Owner")
RELATIONSHIP_TYPES = ("SUPPORTS", "PART_OF", "MEASURED_BY", "OWNED_BY", "REPORTS_TO")
LEVELS = ("goal", "strategic", "programme", "activity", "sub_activity")


def ensure_schema(driver: Driver, database: str) -> None:
    """Create the constraints and indexes unless they exist (idempotent), and wait for them."""
    with driver.session(database=database) as session:
        for statement in statements("schema_constraints"):
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes(120)").consume()
