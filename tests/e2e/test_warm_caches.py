"""The server prepares the explorer's first visits in the background (``pokin.graph.warmup``):
at start-up and after every load, each cascade's check report and each region's report are
filed in the cache before any page asks for them."""

from __future__ import annotations

import time

import pytest
import yaml
from fastapi.testclient import TestClient

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.report import _REPORTS, cached_report_tx
from pokin.graph.warmup import warm
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate_region import REGION, RPJMD_ID, generate_region

SEED_ID = "bkpsdm-pemalang-2025-2029"


@pytest.fixture
def loaded(empty_db, settings) -> Db:
    """The seed and a small fictional region (its RPJMD and three agencies)."""
    db = Db(empty_db, settings.neo4j_database, timeout=120)
    load_cascade(db, load_cascade_file(SEED_FILE))
    for data in generate_region(3, planted=False).files:
        load_cascade(db, parse_cascade(dump_yaml(data), data["cascade"]["id"]))
    _REPORTS.clear()
    return db


def cascade_cached(db: Db, cascade: str) -> bool:
    """The report of the cascade's current load comes from the cache (a miss makes one in the
    read, files nothing)."""
    return db.read(cached_report_tx, db, cascade).fresh is False


def region_cached(region: str) -> bool:
    return any(k[2:4] == ("region", region) for k in _REPORTS.keys())


def wait_until(condition, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the caches did not warm in time"
        time.sleep(0.1)


def test_warm_prepares_every_cascade_and_region(loaded):
    done = warm(loaded)
    cascades = sorted(loaded.rows("cascade_ids"), key=lambda r: r["id"])
    assert done.cascades == [r["id"] for r in cascades]
    assert done.regions == [REGION]
    assert all(cascade_cached(loaded, c) for c in done.cascades)
    assert region_cached(REGION)
    # nothing loaded since: the next round prepares nothing
    again = warm(loaded, done.versions)
    assert (again.cascades, again.regions) == ([], [])


def test_a_load_rewarms_its_own_region_only(loaded):
    """After a load, a round prepares the cascades it changed (the one loaded and those its
    references touch) and their regions; a cascade naming no region re-warms no region."""
    done = warm(loaded)
    load_cascade(loaded, load_cascade_file(SEED_FILE), replace=True)
    seed = warm(loaded, done.versions)
    assert (seed.cascades, seed.regions) == ([SEED_ID], [])
    agency = next(
        d for d in generate_region(3, planted=False).files if d["cascade"]["id"] != RPJMD_ID
    )
    load_cascade(loaded, parse_cascade(dump_yaml(agency), "a.yaml"), replace=True)
    again = warm(loaded, seed.versions)
    assert agency["cascade"]["id"] in again.cascades and again.regions == [REGION]
    assert region_cached(REGION)


def test_the_server_warms_at_start_up_and_after_a_load(loaded, settings):
    from pokin.api.main import create_app

    app = create_app(settings.model_copy(update={"pokin_warm_interval": 0.2}))
    cascades = [r["id"] for r in loaded.rows("cascade_ids")]
    with TestClient(app) as client:
        wait_until(lambda: client.get("/health").json()["caches"] == "warm")
        served = app.state.db  # the server's own driver: the cache is per driver
        # no page was visited: the reports are there already
        assert all(cascade_cached(served, c) for c in cascades)
        assert region_cached(REGION)

        # a load made elsewhere (the CLI, another server): found at the next look
        data = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
        data["targets"][0]["owners"] = []
        load_cascade(loaded, parse_cascade(data, "edited.yaml"), replace=True)
        wait_until(lambda: in_cache(served, SEED_ID))
        wait_until(lambda: client.get("/health").json()["caches"] == "warm")
        assert cascade_cached(served, SEED_ID)
        assert region_cached(REGION)
        # and the report is the new load's: the result without owners is found
        page = client.get(f"/checks/results_without_owner?cascade={SEED_ID}")
        assert page.status_code == 200
        assert data["targets"][0]["name"] in page.text


def in_cache(db: Db, cascade: str) -> bool:
    """Whether the report of the cascade's current load is in the cache (without making one)."""
    version = db.rows("cascade_version", cascade=cascade)[0]["load_id"]
    return any(k[:4] == (id(db.driver), db.database, cascade, version) for k in _REPORTS.keys())


def test_health_says_off_without_warming(loaded, settings):
    from pokin.api.main import create_app

    with TestClient(create_app(settings)) as client:
        assert client.get("/health").json()["caches"] == "off"
    assert not cascade_cached(loaded, SEED_ID)
