"""The named Cypher queries of ``cypher/``, read once from their files.

Each file holds one query (or, for the schema, statements separated by lines holding only
``;``) after a header comment saying what it answers, its parameters and its columns.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).resolve().parents[1] / "cypher"


class UnknownQuery(KeyError):
    pass


@cache
def query(name: str) -> str:
    """The text of ``cypher/NAME.cypher``."""
    path = CYPHER_DIR / f"{name}.cypher"
    if not path.is_file():
        raise UnknownQuery(f"no query named {name!r} in {CYPHER_DIR}")
    return path.read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a multi-statement file, without comments."""
    parts, current = [], []
    for line in query(name).splitlines():
        if line.strip() == ";":
            parts.append("\n".join(current))
            current = []
        elif not line.lstrip().startswith("//"):
            current.append(line)
    parts.append("\n".join(current))
    return [p.strip() for p in parts if p.strip()]


def available() -> list[str]:
    return sorted(p.stem for p in CYPHER_DIR.glob("*.cypher"))


#: Seconds a read query may run before the server stops it (overridable per call).
DEFAULT_TIMEOUT = 30.0


def read(driver, database: str, name: str, timeout: float | None = None, **params):
    """Run the named query in a read transaction (routed to a reader) and return its records."""
    from neo4j import Query

    records, _, _ = driver.execute_query(
        Query(query(name), timeout=timeout or DEFAULT_TIMEOUT),
        params,
        database_=database,
        routing_="r",
    )
    return records
