"""Isolation between cascades and regions, counted in database hits, not timed: what a page
about one agency reads (resolving an id or code, listing its elements, its region's cascades,
the read guard) costs exactly as many hits with another region's agency loaded beside it that
shares every id and code, as with the agency alone. This is what lets one graph hold a
country (docs/scaling.md); bench/bench_region.py times it with 20 regions.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.queries import query
from pokin.seed import parse_cascade
from pokin.seed.generate import generate
from tests.conftest import wipe

OURS = "contoh-a-x1"
#: (query, parameters) an agency's pages run about it
READS = [
    ("graph_stamp", {}),
    ("cascade_version", dict(cascade=OURS)),
    ("cascades_list", dict(ids=[OURS], counts=True)),
    ("region_cascades", dict(region="contoh-a")),
    ("region_versions", dict(regions=["contoh-a"])),
    ("element_resolve", dict(id="sub-syn0-0-0-0", codes=[], cascade=OURS)),
    ("element_resolve", dict(id="5.10.01.2.01.0001", codes=["5.10.01.2.01.0001"], cascade=OURS)),
    (
        "elements_list",
        dict(cascade=OURS, level="goal", kind=None, owner=None, offset=0, limit=20),
    ),
    (
        "elements_list",
        dict(cascade=OURS, level="strategic", kind=None, owner=None, offset=0, limit=20),
    ),
]


def _cascade(cascade_id: str, region: str) -> Any:
    """The generated x1 cascade (fictional) under another id and region: same ids, codes."""
    data = copy.deepcopy(generate(1))
    data["cascade"].update(id=cascade_id, region=region)
    return parse_cascade(data, cascade_id)


def _hits(plan: dict[str, Any]) -> int:
    return plan.get("dbHits", 0) + sum(_hits(c) for c in plan.get("children", []))


def _profile(driver, database: str) -> dict[str, tuple[int, list]]:
    out = {}
    with driver.session(database=database) as session:
        for i, (name, params) in enumerate(READS):
            result = session.run("PROFILE " + query(name), params)
            rows = result.data()
            out[f"{i} {name}"] = (_hits(result.consume().profile), rows)
    return out


@pytest.fixture(scope="module")
def alone_and_beside(driver, settings):
    """The hits of every read with our agency alone, then with another region's beside it."""
    database = settings.neo4j_database
    wipe(driver, database)
    db = Db(driver, database, timeout=120)
    load_cascade(db, _cascade(OURS, "contoh-a"))
    _profile(driver, database)  # planned once: the figures below are of the plans in use
    alone = _profile(driver, database)
    load_cascade(db, _cascade("contoh-b-x1", "contoh-b"))
    _profile(driver, database)
    beside = _profile(driver, database)
    yield alone, beside
    wipe(driver, database)


@pytest.mark.parametrize("i", range(len(READS)), ids=[f"{n}-{i}" for i, (n, _) in enumerate(READS)])
def test_a_read_about_one_agency_costs_the_same_beside_another_region(alone_and_beside, i):
    alone, beside = alone_and_beside
    key = f"{i} {READS[i][0]}"
    hits_alone, rows_alone = alone[key]
    hits_beside, rows_beside = beside[key]
    if READS[i][0] != "graph_stamp":  # its version changed with the second load
        assert rows_beside == rows_alone, key  # the other region's agency is not in them
    assert rows_alone, key  # each read finds something: the comparison is not of nothing
    assert hits_beside == hits_alone, (key, hits_alone, hits_beside)


def test_the_regions_an_agency_page_offers_follow_every_load(empty_db, settings):
    """The regions and region-less cascades an agency's page offers are kept per graph
    version (they read every Cascade node): a load of another region shows it at once."""
    from pokin.graph.pages import home_page

    db = Db(empty_db, settings.neo4j_database, timeout=120)
    load_cascade(db, _cascade(OURS, "contoh-a"))
    first = home_page(db, OURS)
    assert first.other_regions == [] and home_page(db, OURS).other_regions == []
    load_cascade(db, _cascade("contoh-b-x1", "contoh-b"))
    assert [r.region for r in home_page(db, OURS).other_regions] == ["contoh-b"]
    load_cascade(db, _cascade("lone-x1", None))  # names no region: offered beside ours
    assert {c.id for c in home_page(db, OURS).cascades} == {OURS, "lone-x1"}
