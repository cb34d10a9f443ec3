"""The bare write a load is measured against: the same nodes and relationships written with
plain ``UNWIND ... CREATE`` into a scratch label with one index (no MERGE, no constraints, no
checks, no report), in one write transaction. Benchmark scaffolding: its Cypher is inline here,
parameterised, and touches only ``BenchScratch`` nodes.

    nodes, links = rows_of([plan_load(c, source) for c in cascades])
    ensure_index(driver, database)
    seconds = timed_bare(driver, database, nodes, links)   # then drop_bare(...)
"""

from __future__ import annotations

import time
from typing import Any

from neo4j import Driver, ManagedTransaction

LABEL = "BenchScratch"
_INDEX = "CREATE INDEX bench_scratch_key IF NOT EXISTS FOR (n:BenchScratch) ON (n.cascade, n.id)"
_NODES = "UNWIND $rows AS r CREATE (n:BenchScratch) SET n = r RETURN count(n) AS n"
_LINKS = (
    "UNWIND $rows AS r "
    "MATCH (a:BenchScratch {cascade: r.cascade, id: r.from}) "
    "MATCH (b:BenchScratch {cascade: r.cascade, id: r.to}) "
    "CREATE (a)-[x:BENCH_LINK]->(b) SET x = r.props RETURN count(x) AS n"
)
_DROP = "MATCH (n:BenchScratch) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n"


def rows_of(plans: list[Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The node rows (each cascade's node and its elements, keyed by cascade and id) and the link
    rows (every relationship of the plans, of any type) that the loader's plans write; links
    to other cascades (``Reference`` nodes, none in a SIPD export) are left out."""
    nodes: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for plan in plans:
        cascade = plan.cascade["id"]
        meta = {k: v for k, v in plan.cascade.items() if v is not None}
        nodes.append({**meta, "cascade": cascade})
        for rows in plan.nodes.values():
            nodes += [{**row, "cascade": cascade} for row in rows]
        for rel, rows in plan.links.items():
            for r in rows:
                props = {**r["props"], "type": rel}
                links.append({"cascade": cascade, "from": r["from"], "to": r["to"], "props": props})
    return nodes, links


def ensure_index(driver: Driver, database: str) -> None:
    """The scratch label's one index, online."""
    driver.execute_query(_INDEX, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def _write(tx: ManagedTransaction, nodes: list, links: list) -> tuple[int, int]:
    written = tx.run(_NODES, rows=nodes).single()["n"]
    linked = tx.run(_LINKS, rows=links).single()["n"]
    return written, linked


def write_bare(driver: Driver, database: str, nodes: list, links: list) -> tuple[int, int]:
    """Write the rows in one write transaction; ``(nodes, relationships)`` written (a link whose
    ends are missing is an error: the baseline must write as much as the load)."""
    with driver.session(database=database) as session:
        written, linked = session.execute_write(_write, nodes, links)
    if (written, linked) != (len(nodes), len(links)):
        raise RuntimeError(
            f"bare write: {written} of {len(nodes)} nodes, {linked} of {len(links)} links"
        )
    return written, linked


def timed_bare(driver: Driver, database: str, nodes: list, links: list) -> float:
    """Seconds of one ``write_bare`` (the rows built beforehand: only the write is timed)."""
    start = time.perf_counter()
    write_bare(driver, database, nodes, links)
    return time.perf_counter() - start


def warm_bare(driver: Driver, database: str, nodes: list, links: list) -> None:
    """One untimed ``write_bare``, dropped: the bare write warmed up as pokin's load statements
    are at a server's start (a warm load against a cold baseline would flatter the load)."""
    write_bare(driver, database, nodes, links)
    drop_bare(driver, database)


def drop_bare(driver: Driver, database: str) -> None:
    """Delete the scratch nodes, in batches (the index stays)."""
    while driver.execute_query(_DROP, database_=database).records[0]["n"]:
        pass
