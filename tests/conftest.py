"""Shared fixtures: every test that needs a database gets a real Neo4j 5.26 server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, GraphDatabase
from pydantic import SecretStr

from pokin.core.settings import Settings
from pokin.graph.db import Db
from tests.backends import Neo4jBackend, choose_backend, docker_engine_answers, open_backend


@pytest.fixture
def english() -> Iterator[None]:
    """Run a test in English (pokin speaks Indonesian by default), for tests of English text."""
    from pokin.core.i18n import using

    with using("en"):
        yield


@pytest.fixture(scope="session")
def neo4j_backend() -> Iterator[Neo4jBackend]:
    backend = open_backend(choose_backend(os.environ, docker_engine_answers))
    try:
        if backend.kind == "uri" and os.environ.get("POKIN_TEST_WIPE") != "1":
            with GraphDatabase.driver(backend.uri, auth=(backend.user, backend.password)) as d:
                records, _, _ = d.execute_query(
                    "MATCH (n) RETURN count(n) AS n", database_=backend.database
                )
            if records[0]["n"]:
                pytest.exit(
                    f"NEO4J_URI={backend.uri} holds {records[0]['n']} nodes and the tests wipe "
                    "the database they use: point them at a throwaway database, or set "
                    "POKIN_TEST_WIPE=1 to allow it",
                    returncode=2,
                )
        yield backend
    finally:
        backend.close()


@pytest.fixture(scope="session")
def settings(neo4j_backend: Neo4jBackend) -> Settings:
    return Settings(
        neo4j_uri=neo4j_backend.uri,
        neo4j_user=neo4j_backend.user,
        neo4j_password=SecretStr(neo4j_backend.password),
        neo4j_database=neo4j_backend.database,
        # no background warming: tests count reads and time pages; tests/e2e/test_warm_caches.py
        # turns it on
        pokin_warm_interval=0,
    )


@pytest.fixture(scope="session")
def driver(settings: Settings) -> Iterator[Driver]:
    from pokin.graph.driver import create_driver

    drv = create_driver(settings)
    drv.verify_connectivity()
    yield drv
    drv.close()


def wipe(driver: Driver, database: str) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)


@pytest.fixture
def empty_db(driver: Driver, settings: Settings) -> Driver:
    """A database with no nodes (constraints and indexes stay)."""
    wipe(driver, settings.neo4j_database)
    return driver


@pytest.fixture
def api_client(settings: Settings) -> Iterator[TestClient]:
    from pokin.api.main import create_app

    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="module")
def seeded_db(driver: Driver, settings: Settings) -> Driver:
    """A database holding exactly the seed cascade (loaded once per test module; tests using
    it must not change it)."""
    from pokin.graph.loader import load_cascade
    from pokin.seed import SEED_FILE, load_cascade_file

    wipe(driver, settings.neo4j_database)
    load_cascade(
        Db(driver, settings.neo4j_database),
        load_cascade_file(SEED_FILE),
        source_text=SEED_FILE.read_text(encoding="utf-8"),
    )
    return driver


@pytest.fixture(scope="module")
def seeded_client(seeded_db: Driver, settings: Settings) -> Iterator[TestClient]:
    """The API over the seed cascade."""
    from pokin.api.main import create_app

    with TestClient(create_app(settings)) as client:
        yield client


def pokin_env(settings: Settings) -> dict[str, str]:
    """The environment that points ``pokin`` commands at the database of ``settings``, in
    English (the tests assert English texts; a test of the default language drops
    ``POKIN_LANG``)."""
    return {
        "POKIN_LANG": "en",
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
    }


def run_pokin(settings: Settings, *args: object, lang: str = "en"):
    """``pokin ARGS`` (typer's ``CliRunner``) against the database of ``settings``, in ``lang``,
    with the cached settings re-read before and after."""
    from typer.testing import CliRunner

    from pokin.cli import app
    from pokin.core.settings import get_settings

    get_settings.cache_clear()
    try:
        env = pokin_env(settings) | {"POKIN_LANG": lang}
        return CliRunner().invoke(app, [str(a) for a in args], env=env)
    finally:
        get_settings.cache_clear()


@pytest.fixture
def cli_env(monkeypatch, settings):
    """A ``CliRunner`` whose ``pokin`` commands use the test database (settings re-read)."""
    from typer.testing import CliRunner

    from pokin.core.settings import get_settings

    for key, value in pokin_env(settings).items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()
