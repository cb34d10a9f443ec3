"""The test-database fixture's three paths: which one is chosen, and when."""

from tests.backends import DOCKER_IMAGE, choose_backend


def _never():
    raise AssertionError("Docker must not be probed when NEO4J_URI is given")


def test_explicit_uri_wins():
    assert choose_backend({"NEO4J_URI": "bolt://db:7687"}, _never) == "uri"


def test_docker_when_an_engine_answers():
    assert choose_backend({}, lambda: True) == "docker"
    assert DOCKER_IMAGE == "neo4j:5.26-community"


def test_local_otherwise():
    assert choose_backend({}, lambda: False) == "local"
    assert choose_backend({"NEO4J_URI": ""}, lambda: False) == "local"
