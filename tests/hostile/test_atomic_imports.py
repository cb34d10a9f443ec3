"""Multi-agency imports are all or nothing: a conflict at agency 20 of a 40-agency
planning-system upload, or the database killed (``kill -9``) in the middle of a 40-agency
import, leave the database exactly as it was before (every node, relationship and property,
the load stamps included), and the message says what happened without the server's internals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from neo4j import GraphDatabase
from pydantic import SecretStr

from pokin.core.settings import Settings
from pokin.graph.local_server import LocalNeo4j
from pokin.seed import SEED_FILE
from pokin.seed.formats import read_bytes
from tests.backends import TEST_PASSWORD, start_local
from tests.conftest import pokin_env, run_pokin
from tests.e2e.cascade_builder import clean_cascade
from tests.sipd_builder import agency_rows, sipd_bytes

AGENCIES = 40


def fingerprint(driver, database: str) -> tuple[list, list]:
    """Every node with its labels and properties, every relationship with its ends, type and
    properties: nothing left out."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.cascade AS ac, a.id AS a, type(r) AS t, b.cascade AS bc,"
        " b.id AS b, properties(r) AS p",
        database_=database,
    )
    return (
        sorted((sorted(r["l"]), sorted((k, repr(v)) for k, v in r["p"].items())) for r in nodes),
        sorted((r["ac"], r["a"], r["t"], r["bc"], r["b"], sorted(r["p"].items())) for r in rels),
    )


def _export(subs: int = 2) -> bytes:
    rows = [r for a in range(1, AGENCIES + 1) for r in agency_rows(a, 2, 2, subs, 2)]
    return sipd_bytes(rows)


def _store_a_conflict_at_agency_20(driver, database: str) -> tuple[str, str]:
    """Agency 20's cascade stored with a result under the id the export gives its first
    programme: merging the export into it must conflict (an element changed kind).
    ``(cascade id, element id)``."""
    agency = read_bytes(_export(), "contoh.xlsx", "sipd")[19]
    cascade, element = agency.cascade.id, agency.programmes[0].id
    stored = clean_cascade(cascade)
    stored.element("pt-a")["id"] = element
    for item in stored.data["targets"] + stored.data["programmes"]:
        for key in ("supports", "delivers"):
            for ref in item.get(key) or []:
                if ref["to"] == "pt-a":
                    ref["to"] = element
    stored.load(driver, database)
    return cascade, element


def test_a_conflict_at_agency_20_of_40_changes_nothing(empty_db, settings, tmp_path):
    db = settings.neo4j_database
    assert run_pokin(settings, "load").exit_code == 0  # the seed, as the state before
    cascade, element = _store_a_conflict_at_agency_20(empty_db, db)
    before = fingerprint(empty_db, db)
    path = tmp_path / "contoh-40.xlsx"
    path.write_bytes(_export())

    result = run_pokin(settings, "load", path, "--merge", "--region", "contoh")
    assert result.exit_code == 2, result.output
    line = result.output.strip().splitlines()[-1]
    assert f"element {element} of cascade {cascade}" in line
    assert "nothing was changed" in line
    assert "Node(" not in result.output and "label" not in result.output
    assert fingerprint(empty_db, db) == before


def test_the_same_conflict_through_the_api_is_a_409_that_changes_nothing(
    empty_db, settings, tmp_path
):
    from fastapi.testclient import TestClient

    from pokin.api.main import create_app

    db = settings.neo4j_database
    cascade, element = _store_a_conflict_at_agency_20(empty_db, db)
    before = fingerprint(empty_db, db)
    keyed = settings.model_copy(update={"pokin_api_key": SecretStr("k" * 32)})
    with TestClient(create_app(keyed)) as client:
        answer = client.post(
            "/api/cascades",
            params={"merge": "true"},
            content=_export(),
            headers={
                "X-API-Key": "k" * 32,
                "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "Accept-Language": "en",
            },
        )
    assert answer.status_code == 409, answer.text
    detail = answer.json()["detail"]
    assert f"element {element} of cascade {cascade}" in detail
    assert "Node(" not in answer.text
    assert fingerprint(empty_db, db) == before


def test_a_database_killed_mid_import_keeps_the_state_before(tmp_path):
    backend = start_local(tmp_path / "neo4j", heap="512m")
    server = backend.local
    assert server is not None
    own = Settings(
        neo4j_uri=backend.uri,
        neo4j_user=backend.user,
        neo4j_password=SecretStr(backend.password),
    )
    try:
        assert run_pokin(own, "load", SEED_FILE).exit_code == 0
        with GraphDatabase.driver(backend.uri, auth=(backend.user, backend.password)) as drv:
            before = fingerprint(drv, "neo4j")
        path = tmp_path / "contoh-40.xlsx"
        path.write_bytes(_export(subs=12))
        load = subprocess.Popen(
            [sys.executable, "-m", "pokin.cli", "load", str(path), "--region", "contoh"],
            env={**os.environ, **pokin_env(own)},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        _wait_for_the_load_transaction(backend.uri, load)
        os.kill(server.pid() or 0, signal.SIGKILL)
        output, _ = load.communicate(timeout=120)
        assert load.returncode != 0, output
        assert "Traceback" not in output
        assert output.strip().splitlines()[-1].startswith("error:"), output

        restarted = LocalNeo4j(home=server.home, port=server.port, password=TEST_PASSWORD)
        restarted.start()
        with GraphDatabase.driver(backend.uri, auth=(backend.user, backend.password)) as drv:
            assert fingerprint(drv, "neo4j") == before
    finally:
        backend.close()


def _wait_for_the_load_transaction(uri: str, load: subprocess.Popen, timeout: float = 120):
    """Until the import's write transaction runs on the server (its loader queries)."""
    deadline = time.monotonic() + timeout
    with GraphDatabase.driver(uri, auth=("neo4j", TEST_PASSWORD)) as drv:
        while time.monotonic() < deadline:
            assert load.poll() is None, "the load ended before it could be interrupted"
            records, _, _ = drv.execute_query(
                "SHOW TRANSACTIONS YIELD currentQuery RETURN collect(currentQuery) AS q",
                database_="neo4j",
            )
            if any("load_" in (q or "") and "UNWIND" in (q or "") for q in records[0]["q"]):
                return
            time.sleep(0.02)
    raise AssertionError("the load's transaction never showed")
