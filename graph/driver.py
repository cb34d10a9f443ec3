"""The Neo4j driver: creation, and the server facts pokin needs (is it up, which version)."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver, GraphDatabase, Query

from pokin.core.settings import Settings
from pokin.graph.db import translated_errors


def create_driver(settings: Settings) -> Driver:
    """A driver for ``settings``. It does not connect yet: the first query does, and the
    connection pool reconnects by itself after an outage."""
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=5.0,
        connection_acquisition_timeout=10.0,
        max_transaction_retry_time=3.0,
        liveness_check_timeout=0.0,
    )


@dataclass(frozen=True)
class ServerInfo:
    name: str
    version: str
    edition: str


def server_info(driver: Driver, database: str, timeout: float = 5.0) -> ServerInfo:
    """Ask the server what it is (``CALL dbms.components()``), in one auto-commit read
    without retries, so that a down server answers quickly with ``Unavailable``."""
    query = Query(
        "CALL dbms.components() YIELD name, versions, edition "
        "RETURN name, versions[0] AS version, edition",
        timeout=timeout,
    )
    with translated_errors(), driver.session(database=database, default_access_mode="READ") as s:
        record = s.run(query).single(strict=True)
    return ServerInfo(record["name"], record["version"], record["edition"])
