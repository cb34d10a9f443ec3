"""A busy or broken database and careless requests: timeouts, refused credentials, reloads
under readers, the default cascade, the API's own pages."""

from __future__ import annotations

import sys

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from pokin.api.main import create_app
from pokin.core.errors import Timeout
from pokin.graph import db as db_module
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.report import run_checks
from pokin.seed import SEED_FILE, load_cascade_file, parse_cascade
from tests.hostile.conftest import one_line, pokin

SEED = "bkpsdm-pemalang-2025-2029"
SLOW = "UNWIND range(1, 400000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n"


@pytest.fixture
def slow_queries(monkeypatch):
    """Every named query becomes one that runs for many seconds (the timeout must stop it),
    in every module of ``pokin.graph`` that names queries (a page reads them inside its own
    transaction, not through ``Db.rows``)."""
    original = db_module.query

    def slow(name: str) -> str:
        return original(name) if name in ("graph_versions", "graph_stamp") else SLOW

    for name, module in list(sys.modules.items()):
        if name.startswith("pokin.graph.") and getattr(module, "query", None) is original:
            monkeypatch.setattr(module, "query", slow)


def test_every_read_honours_the_timeout(seeded_db, settings, slow_queries):
    db = Db(seeded_db, settings.neo4j_database, timeout=0.5)
    with pytest.raises(Timeout):
        db.rows("cascade_ids")


def test_a_read_past_the_timeout_is_a_503_json_with_retry_after(seeded_db, settings, slow_queries):
    quick = settings.model_copy(update={"pokin_query_timeout": 0.5})
    with TestClient(create_app(quick), headers={"Accept-Language": "en"}) as client:
        answer = client.get("/api/cascades")
        page = client.get("/")
    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.headers["retry-after"]
    assert "timeout" in answer.json()["detail"]
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")


def test_python_work_past_the_timeout_is_a_timeout_too(seeded_db, settings):
    import time

    db = Db(seeded_db, settings.neo4j_database, timeout=0.2)
    with pytest.raises(Timeout):
        db.read(lambda tx: time.sleep(0.4))


def test_refused_credentials_are_the_same_503_everywhere(seeded_db, settings):
    # another user name: Neo4j locks a user out for a while after failed attempts, and the
    # other tests use the real one
    wrong = settings.model_copy(
        update={"neo4j_user": "nobody", "neo4j_password": SecretStr("not-the-password")}
    )
    with TestClient(create_app(wrong), headers={"Accept-Language": "en"}) as client:
        api = client.get("/api/checks", params={"cascade": SEED})
        page = client.get("/", params={"cascade": SEED})
        health = client.get("/health")
    assert api.status_code == page.status_code == health.status_code == 503
    assert "credentials" in api.json()["detail"]
    assert "credentials" in page.text
    for answer in (api, page, health):
        assert answer.headers["retry-after"]
        assert settings.neo4j_uri not in answer.text
        assert "127.0.0.1" not in answer.text
    result = pokin(settings, "check", NEO4J_USER="nobody", NEO4J_PASSWORD="not-the-password")
    assert result.returncode == 2
    assert "credentials" in one_line(result.stderr)


def test_a_read_that_sees_a_load_commit_under_it_is_read_again(empty_db, settings):
    db = Db(empty_db, settings.neo4j_database)
    load_cascade(db, load_cascade_file(SEED_FILE))
    attempts = []

    def work(tx):
        attempts.append(1)
        first = tx.run("MATCH (c:Cascade) RETURN c.load_id AS v").single()["v"]
        if len(attempts) == 1:  # a load commits between this read's queries
            load_cascade(db, load_cascade_file(SEED_FILE))
        return first, tx.run("MATCH (c:Cascade) RETURN c.load_id AS v").single()["v"]

    first, second = db.read(work)
    assert len(attempts) == 2
    assert first == second


def test_the_default_cascade_is_deterministic(empty_db, settings):
    from tests.e2e.cascade_builder import clean_cascade

    db = Db(empty_db, settings.neo4j_database)
    load_cascade(db, load_cascade_file(SEED_FILE))
    with TestClient(create_app(settings)) as client:
        only = client.get("/api/checks")
        assert only.status_code == 200, only.text
        assert only.json()["cascade"] == SEED  # the only one
    clean_cascade("contoh-2025-2029", suffix="-contoh").load(empty_db, settings.neo4j_database)
    with TestClient(create_app(settings)) as client:
        ambiguous = client.get("/api/checks")
        home = client.get("/")
    assert ambiguous.status_code == 404 and "POKIN_DEFAULT_CASCADE" in ambiguous.json()["detail"]
    assert home.status_code == 200 and "Pohon kinerja yang mana?" in home.text
    chosen = settings.model_copy(update={"pokin_default_cascade": SEED})
    with TestClient(create_app(chosen)) as client:
        assert client.get("/api/checks").json()["cascade"] == SEED


def test_docs_are_served_from_this_server_under_the_csp(api_client):
    docs = api_client.get("/docs")
    assert docs.status_code == 200
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text
    assert api_client.get("/static/swagger-ui-bundle.js").status_code == 200
    assert api_client.get("/static/pokin-docs.js").status_code == 200


def test_health_when_the_database_is_down_has_retry_after_and_no_address(settings):
    from pokin.graph.local_server import free_port

    dead = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"})
    with TestClient(create_app(dead)) as client:
        answer = client.get("/health")
    assert answer.status_code == 503
    assert answer.headers["retry-after"]
    assert "127.0.0.1" not in answer.text


def test_a_right_to_left_override_in_a_name_is_isolated(empty_db, settings):
    text = SEED_FILE.read_text(encoding="utf-8")
    hostile = "Nama \u202eterbalik"
    text = text.replace(
        'name: "Terwujudnya Meritokrasi dalam Manajemen ASN"',
        f'name: "{hostile}"',
        1,
    )
    db = Db(empty_db, settings.neo4j_database)
    load_cascade(db, parse_cascade(text, "rlo"))
    with TestClient(create_app(settings)) as client:
        page = client.get("/elements/tujuan")
    assert page.status_code == 200
    assert f"<bdi>{hostile}</bdi>" in page.text
    assert run_checks(db, SEED).cascade == SEED


def test_a_load_whose_counts_cannot_be_read_stores_nothing_and_says_so_in_one_line(
    empty_db, settings, monkeypatch, cli_env
):
    """The counts a load reports are read in its own transaction: when they cannot be, the
    load is not half-done (committed but unreported): nothing is stored, one line says why."""
    from pokin.cli import app
    from pokin.core.errors import Unavailable
    from pokin.graph import loader

    def broken(*_args, **_kwargs):
        raise Unavailable("the graph database is not reachable right now")

    monkeypatch.setattr(loader, "counts_tx", broken)
    result = cli_env.invoke(app, ["load"])
    assert result.exit_code != 0
    assert "not reachable right now" in result.output
    assert "Traceback" not in result.output
    stored = empty_db.execute_query(
        "MATCH (n) WHERE NOT n:GraphStamp RETURN count(n) AS n", database_=settings.neo4j_database
    )
    assert stored[0][0]["n"] == 0
