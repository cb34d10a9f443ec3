"""docker-compose.yml cannot run on machines without a Docker engine; keep it correct here."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_runs_neo4j_5_26_with_a_health_check_and_the_api_after_it():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/")
    assert {"test", "interval", "retries"} <= set(neo4j["healthcheck"])
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert "neo4j-data" in compose["volumes"]
    api = compose["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    # Ports are published on loopback only.
    for service in (neo4j, api):
        assert all(p.startswith("127.0.0.1:") for p in service["ports"])


def test_dockerfile_copies_every_package_the_api_imports():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("graph", "api", "visualize", "seed", "cypher", "pokin"):
        assert f"COPY {package} ./{package}" in dockerfile
