"""Trace, subtree, checks and owners over HTTP, on the seed cascade; and the 503 on a database
outage, after which the next request succeeds without restarting the API."""

import time

from fastapi.testclient import TestClient

from pokin.api.main import create_app
from tests.backends import start_local

SUB = "sub-5.03.02.2.02.0001"  # Pengelolaan Mutasi ASN


def test_trace_of_a_sub_activity_reaches_the_goal_hop_by_hop(seeded_client):
    body = seeded_client.get(f"/api/elements/{SUB}/trace").json()
    assert body["reaches_goal"] is True
    assert body["paths"]
    for path in body["paths"]:
        levels = [h["level"] for h in path["hops"]]
        assert levels == [
            "sub_activity",
            "sub_activity",
            "activity",
            "programme",
            "strategic",
            "goal",
        ]
        assert path["hops"][0]["id"] == SUB
        assert path["hops"][-1]["id"] == "tujuan" and path["hops"][-1]["link"] is None
        assert all(h["link"]["basis"] for h in path["hops"][:-1])
        results = path["hops"][1:]
        assert all(h["owners"] and h["indicators"] for h in results)
    start = body["starts"][0]
    assert [e["id"] for e in start["structure"]][:3] == [SUB, "keg-5.03.02.2.02", "prog-5.03.02"]


def test_subtree_lists_what_supports_with_depth(seeded_client):
    everything = seeded_client.get("/api/elements/tujuan/subtree").json()
    ids = {i["id"] for i in everything["items"]}
    assert SUB in ids
    assert len([i for i in everything["items"] if i["kind"] == "sub_activity"]) == 55
    shallow = seeded_client.get("/api/elements/tujuan/subtree", params={"depth": 1}).json()
    assert {i["level"] for i in shallow["items"]} == {"strategic"}
    assert all(i["depth"] == 1 for i in shallow["items"])
    assert seeded_client.get("/api/elements/tujuan/subtree", params={"depth": 0}).status_code == 422


def test_trace_and_subtree_of_unknown_ids_are_404(seeded_client):
    for path in ("/api/elements/nope/trace", "/api/elements/nope/subtree"):
        response = seeded_client.get(path)
        assert response.status_code == 404 and "nope" in response.json()["detail"]


def test_checks_report_and_one_check(seeded_client):
    report = seeded_client.get("/api/checks").json()
    assert report["cascade"] == "bkpsdm-pemalang-2025-2029"
    names = {c["name"] for c in report["checks"]}
    assert {"orphans", "cycles", "unknown_owners", "truncated_formulas"} <= names
    orphans = next(c for c in report["checks"] if c["name"] == "orphans")
    assert orphans["count"] == 0 and orphans["severity"] and orphans["explanation"]
    unknown = seeded_client.get("/api/checks/unknown_owners").json()
    assert [f["id"] for f in unknown["findings"]] == ["kabid-disiplin-kinerja"]
    assert seeded_client.get("/api/checks/not_a_check").status_code == 404
    assert seeded_client.get("/api/checks", params={"cascade": "other"}).status_code == 404


def test_owners_workload(seeded_client):
    workload = seeded_client.get("/api/owners").json()
    assert len(workload["owners"]) == 10
    shares = sum(o["share"]["results"] for o in workload["owners"])
    assert abs(shares - 1.0) < 1e-6
    umpeg = seeded_client.get("/api/owners/kasubag-umpeg").json()
    assert umpeg["owner"]["title"] == "Kasubag Umpeg"
    assert umpeg["counts"]["results"]["sub_activity"] == 23  # 18 in part 1, 5 in part 3
    assert seeded_client.get("/api/owners/nobody").status_code == 404


def test_routes_answer_503_while_the_database_is_down_then_recover(neo4j_backend, settings):
    own = None
    backend = neo4j_backend
    if backend.local is None:
        own = backend = start_local()
        settings = settings.model_copy(update={"neo4j_uri": backend.uri})
    try:
        with TestClient(create_app(settings)) as client:
            assert client.get("/api/cascades").status_code == 200
            backend.local.stop()
            for path in (
                "/api/cascades",
                "/api/elements",
                f"/api/elements/{SUB}/trace",
                "/api/checks",
                "/api/owners",
            ):
                down = client.get(path, headers={"Accept-Language": "en"})
                assert down.status_code == 503, (path, down.text)
                assert "not reachable" in down.json()["detail"]
            backend.local.start()
            deadline = time.monotonic() + 30
            while client.get("/api/cascades").status_code != 200:
                assert time.monotonic() < deadline, "the API did not recover"
                time.sleep(0.5)
    finally:
        if own is not None:
            own.close()
