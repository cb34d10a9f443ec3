"""``/health`` against the real Neo4j, including an outage and the recovery after it."""

import time

from fastapi.testclient import TestClient

from pokin.api.main import create_app
from tests.backends import start_local


def test_health_up(api_client):
    response = api_client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"] == "up"
    assert body["version"].startswith("5.26.")


def test_server_is_neo4j_5_26(driver, settings):
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions RETURN name, versions[0] AS v",
        database_=settings.neo4j_database,
    )
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["v"].startswith("5.26.")


def test_health_503_while_database_down_then_recovers(neo4j_backend, settings):
    """Stop the database under a running API, then start it again: the API answers 503 in
    between and recovers by itself, without a restart."""
    own = None
    backend = neo4j_backend
    if backend.local is None:  # an external or Docker server: use a local one we can stop
        own = backend = start_local()
        settings = settings.model_copy(update={"neo4j_uri": backend.uri})
    try:
        with TestClient(create_app(settings)) as client:
            assert client.get("/health").status_code == 200
            backend.local.stop()
            down = client.get("/health")
            assert down.status_code == 503
            assert down.json()["status"] == "degraded"
            assert down.json()["neo4j"] == "down"
            backend.local.start()
            deadline = time.monotonic() + 30
            response = client.get("/health")
            while response.status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.5)
                response = client.get("/health")
            assert response.status_code == 200
            assert response.json()["neo4j"] == "up"
    finally:
        if own is not None:
            own.close()


def test_api_starts_while_database_is_unreachable(settings):
    from pokin.graph.local_server import free_port

    dead = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"})
    with TestClient(create_app(dead)) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["neo4j"] == "down"


def test_explicit_uri_path_connects_to_the_given_server(neo4j_backend):
    """The NEO4J_URI path of the fixture: given a URI, it uses that server and starts none."""
    from neo4j import GraphDatabase

    from tests.backends import open_backend

    env = {
        "NEO4J_URI": neo4j_backend.uri,
        "NEO4J_USER": neo4j_backend.user,
        "NEO4J_PASSWORD": neo4j_backend.password,
    }
    backend = open_backend("uri", env)
    assert backend.kind == "uri" and backend.local is None and backend.uri == neo4j_backend.uri
    with GraphDatabase.driver(backend.uri, auth=(backend.user, backend.password)) as drv:
        drv.verify_connectivity()
