"""Which real Neo4j the test session uses, and how to start and stop it (dev-only: the tests
and ``bench/`` import it as ``tests.backends``; it is not part of the installed package).

Order of choice: an explicit ``NEO4J_URI`` (the tests then need a throwaway database: they
wipe it); testcontainers' official ``neo4j:5.26-community`` image when a Docker engine
answers; otherwise the project's own local Neo4j, started on a free port with a scratch data
folder and stopped at the end of the session.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pokin.graph.local_server import LocalNeo4j, free_port

BackendKind = Literal["uri", "docker", "local"]
DOCKER_IMAGE = "neo4j:5.26-community"
TEST_PASSWORD = "pokin-test-password"


def docker_engine_answers() -> bool:
    """True when a Docker engine answers a ping (the client alone is not enough)."""
    try:
        import docker

        client = docker.from_env(timeout=3)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # noqa: BLE001 - any failure means "no engine here"
        return False


def choose_backend(env: Mapping[str, str], docker_answers: Callable[[], bool]) -> BackendKind:
    if env.get("NEO4J_URI"):
        return "uri"
    if docker_answers():
        return "docker"
    return "local"


@dataclass
class Neo4jBackend:
    kind: BackendKind
    uri: str
    user: str
    password: str
    database: str = "neo4j"
    local: LocalNeo4j | None = None
    _close: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for fn in reversed(self._close):
            fn()


def start_local(scratch: Path | None = None, heap: str = "1g") -> Neo4jBackend:
    home = scratch or Path(tempfile.mkdtemp(prefix="pokin-test-neo4j-"))
    server = LocalNeo4j(home=home, port=free_port(), password=TEST_PASSWORD, heap=heap)
    server.start()
    backend = Neo4jBackend("local", server.uri, "neo4j", TEST_PASSWORD, local=server)
    backend._close.append(lambda: shutil.rmtree(home, ignore_errors=True))
    backend._close.append(server.stop)
    return backend


def open_backend(kind: BackendKind, env: Mapping[str, str] = os.environ) -> Neo4jBackend:
    if kind == "uri":
        return Neo4jBackend(
            "uri",
            env["NEO4J_URI"],
            env.get("NEO4J_USER", "neo4j"),
            env.get("NEO4J_PASSWORD", ""),
            env.get("NEO4J_DATABASE", "neo4j"),
        )
    if kind == "docker":
        from testcontainers.neo4j import Neo4jContainer

        container = Neo4jContainer(DOCKER_IMAGE, password=TEST_PASSWORD)
        container.start()
        backend = Neo4jBackend("docker", container.get_connection_url(), "neo4j", TEST_PASSWORD)
        backend._close.append(container.stop)
        return backend
    return start_local(heap=env.get("POKIN_NEO4J_HEAP") or "1g")
