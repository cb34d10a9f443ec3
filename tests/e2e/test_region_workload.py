"""Owner workload across a region: every owner of the RPJMD and of every agency, identity
(cascade, id), the position groups across agencies; the region as JSON (``/api/regions``), the
region page's workload section and ``pokin workload --region``.

The mini region of ``test_region`` (RPJMD + opd-a + opd-b, the same owner ids and titles in
both agencies) with two titles written differently in opd-b: "SEKRETARIS" and
"Kabid  Mutasi dan Promosi" (two blanks), which still group with opd-a's.
"""

from __future__ import annotations

import json

import pytest
from neo4j import Driver

from pokin.core.errors import RegionNotFound
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.models import RegionWorkload
from pokin.graph.region import RegionOverview
from pokin.graph.workload import owner_workload, position_key, region_workload
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from tests.e2e.cascade_builder import indicator
from tests.e2e.test_region import MINI, RPJMD, _db, _load_mini, _mini

SEED_ID = "bkpsdm-pemalang-2025-2029"


def _mini_written_differently() -> dict[str, dict]:
    m = _mini()
    titles = {"sekretaris": "SEKRETARIS", "kabid": "Kabid  Mutasi dan Promosi"}
    for owner in m["opd-b"]["owners"]:
        owner["title"] = titles.get(owner["id"], owner["title"])
    return m


@pytest.fixture
def mini(empty_db, settings) -> Db:
    db = _db(empty_db, settings)
    _load_mini(db, _mini_written_differently())
    return db


@pytest.fixture
def client(settings):
    from fastapi.testclient import TestClient

    from pokin.api.main import create_app

    with TestClient(create_app(settings.model_copy(update={"pokin_query_timeout": 120}))) as c:
        yield c


def _by_key(workload: RegionWorkload):
    return {(w.owner.cascade, w.owner.id): w for w in workload.owners}


def owned_in_cypher(driver: Driver, database: str, region: str) -> dict[str, int]:
    """Owners and ownership assignments of a region counted straight in Cypher, independently
    of the workload query: (owner, result), distinct (owner, indicator of an owned result) and
    distinct (owner, unit delivering an owned result) pairs."""
    record = driver.execute_query(
        """
        MATCH (c:Cascade {region: $region})
        CALL (c) {
          MATCH (o:Owner {cascade: c.id}) RETURN count(o) AS owners
        }
        CALL (c) {
          MATCH (r:Goal|Target {cascade: c.id})-[:OWNED_BY]->(o:Owner)
          RETURN count(*) AS results
        }
        CALL (c) {
          MATCH (r:Goal|Target {cascade: c.id})-[:OWNED_BY]->(o:Owner)
          MATCH (r)-[:MEASURED_BY]->(i:Indicator)
          RETURN count(DISTINCT elementId(o) + ' ' + elementId(i)) AS indicators
        }
        CALL (c) {
          MATCH (r:Goal|Target {cascade: c.id})-[:OWNED_BY]->(o:Owner)
          MATCH (u)-[:SUPPORTS]->(r) WHERE u:Programme OR u:Activity OR u:SubActivity
          RETURN count(DISTINCT elementId(o) + ' ' + elementId(u)) AS units
        }
        RETURN sum(owners) AS owners, sum(results) AS results,
               sum(indicators) AS indicators, sum(units) AS units
        """,
        region=region,
        database_=database,
    ).records[0]
    return dict(record)


def summed_counts(workload: RegionWorkload) -> dict[str, int]:
    return {
        "owners": len(workload.owners),
        "results": sum(w.counts.total_results for w in workload.owners),
        "indicators": sum(w.counts.total_indicators for w in workload.owners),
        "units": sum(w.counts.total_units for w in workload.owners),
    }


def test_same_title_in_two_agencies_is_two_owners_and_one_position(mini):
    wl = region_workload(mini, MINI)
    assert wl.cascades == [RPJMD, "opd-a", "opd-b"]
    owners = _by_key(wl)
    assert len(owners) == 11  # five per agency and the Bupati
    a, b = owners[("opd-a", "sekretaris")], owners[("opd-b", "sekretaris")]
    assert (a.owner.title, b.owner.title) == ("Sekretaris", "SEKRETARIS")
    assert a.counts.total_results == b.counts.total_results == 1
    assert (a.owner.agency, a.owner.cascade_kind) == ("Test Agency", "agency")
    bupati = owners[(RPJMD, "bupati")]
    assert bupati.owner.cascade_kind == "rpjmd"
    assert (bupati.counts.results.goal, bupati.counts.results.strategic) == (1, 2)

    # each owner's counts are its own cascade's workload
    for cascade in wl.cascades:
        for w in owner_workload(mini, cascade).owners:
            assert owners[(cascade, w.owner.id)].counts == w.counts

    # results per owner: kabid 4 (x2), bupati 3, kepala, kasubag, analis 2 (x2), sekretaris 1 (x2)
    assert [(w.owner.cascade, w.owner.id) for w in wl.owners[:3]] == [
        ("opd-a", "kabid"),
        ("opd-b", "kabid"),
        (RPJMD, "bupati"),
    ]
    assert wl.totals.total_results == wl.distinct.total_results == 25
    assert wl.distinct.total_units == 18  # same ids in two agencies are two units each
    spread = wl.spread
    assert spread.largest_share == pytest.approx(4 / 25, abs=1e-4)
    assert [(o.cascade, o.id) for o in spread.largest_owners] == [
        ("opd-a", "kabid"),
        ("opd-b", "kabid"),
    ]
    assert spread.concentration.hhi == pytest.approx(67 / 625, abs=1e-4)

    groups = {g.key: g for g in wl.positions}
    assert len(groups) == 6
    sekretaris = groups["sekretaris"]
    assert sekretaris.cascades == ["opd-a", "opd-b"] and sekretaris.owners == 2
    assert sekretaris.titles == ["SEKRETARIS", "Sekretaris"]
    assert sekretaris.counts.total_results == 2
    kabid = groups[position_key("Kabid Mutasi dan Promosi")]
    assert kabid.titles == ["Kabid  Mutasi dan Promosi", "Kabid Mutasi dan Promosi"]
    assert (len(kabid.cascades), kabid.counts.total_results) == (2, 8)
    assert kabid.share.results == pytest.approx(8 / 25, abs=1e-4)
    assert wl.positions[0].key == kabid.key  # most results first
    assert groups["bupati"].cascades == [RPJMD]


def test_owner_counts_add_up_to_an_independent_count(mini, settings):
    wl = region_workload(mini, MINI)
    expected = owned_in_cypher(mini.driver, settings.neo4j_database, MINI)
    assert expected == {"owners": 11, "results": 25, "indicators": 25, "units": 18}
    assert summed_counts(wl) == expected
    assert (wl.totals.total_results, wl.totals.total_indicators, wl.totals.total_units) == (
        25,
        25,
        18,
    )


def test_one_extra_owned_result_changes_exactly_that_owner(mini):
    before = region_workload(mini, MINI)
    m = _mini_written_differently()
    m["opd-b"]["targets"].append(
        {
            "id": "st-extra",
            "level": "sub_activity",
            "name": "Penyusunan laporan tambahan",
            "owners": ["analis"],
            "indicators": [indicator("ind-st-extra")],
            "supports": [{"to": "at-b1", "basis": "source_layout"}],
        }
    )
    load_cascade(mini, parse_cascade(dump_yaml(m["opd-b"]), "opd-b"), replace=True)
    after = region_workload(mini, MINI)

    old, new = _by_key(before), _by_key(after)
    assert old.keys() == new.keys()
    changed = {key for key in old if old[key].counts != new[key].counts}
    assert changed == {("opd-b", "analis")}
    o, n = old[("opd-b", "analis")].counts, new[("opd-b", "analis")].counts
    assert n.results.sub_activity == o.results.sub_activity + 1
    assert n.indicators.sub_activity == o.indicators.sub_activity + 1
    assert (n.total_results, n.total_indicators, n.units) == (
        o.total_results + 1,
        o.total_indicators + 1,
        o.units,  # no unit delivers the new result
    )
    groups_old = {g.key: g.counts for g in before.positions}
    groups_new = {g.key: g.counts for g in after.positions}
    assert {k for k in groups_old if groups_old[k] != groups_new[k]} == {
        position_key("Analis Kepegawaian Ahli Muda")
    }
    assert after.totals.total_results == before.totals.total_results + 1


def test_seed_workload_unchanged_beside_a_region(empty_db, settings):
    db = _db(empty_db, settings)
    load_cascade(db, load_cascade_file(SEED_FILE))
    alone = owner_workload(db, SEED_ID).model_dump()
    _load_mini(db, _mini_written_differently())
    assert owner_workload(db, SEED_ID).model_dump() == alone
    wl = region_workload(db, MINI)
    assert SEED_ID not in {w.owner.cascade for w in wl.owners}  # the seed names no region
    assert summed_counts(wl) == owned_in_cypher(empty_db, settings.neo4j_database, MINI)
    with pytest.raises(RegionNotFound):
        region_workload(db, "nowhere")


def test_region_routes(mini, client):
    regions = client.get("/api/regions")
    assert regions.status_code == 200
    assert regions.json() == [
        {
            "region": MINI,
            "name": "Kabupaten Mini (synthetic)",
            "cascades": 3,
            "agencies": 2,
            "rpjmd": [RPJMD],
        }
    ]
    overview = client.get(f"/api/regions/{MINI}")
    assert overview.status_code == 200
    body = RegionOverview.model_validate(overview.json())
    assert [c.id for c in body.cascades] == [RPJMD, "opd-a", "opd-b"]
    assert {t.id: t.agencies for t in body.rpjmd} == {
        "ss-r1": ["opd-a", "opd-b"],
        "ss-r2": ["opd-a", "opd-b"],
    }
    assert [(x.from_cascade, x.from_id, x.to_cascade) for x in body.crosscutting] == [
        ("opd-a", "at-a2", "opd-b")
    ]
    workload = client.get(f"/api/regions/{MINI}/workload")
    assert workload.status_code == 200
    assert RegionWorkload.model_validate(workload.json()) == region_workload(mini, MINI)
    for path in ("/api/regions/nowhere", "/api/regions/nowhere/workload"):
        missing = client.get(path)
        assert missing.status_code == 404 and "nowhere" in missing.text


def test_region_page_shows_the_workload(empty_db, settings, client):
    m = _mini_written_differently()
    for owner in m["opd-b"]["owners"]:
        if owner["id"] == "kasubag":
            owner["title"] = "Kasubag <Umum> & Kepegawaian"
    _load_mini(_db(empty_db, settings), m)
    page = client.get(f"/regions/{MINI}")
    assert page.status_code == 200
    html = page.text
    section = html[html.index('id="region-workload"') :]
    assert section.count("data-owner=") == 11  # fewer than the page's top 20: all shown
    assert 'data-owner="opd-b:sekretaris"' in section
    assert 'data-position="sekretaris"' in section
    assert "Kasubag &lt;Umum&gt; &amp; Kepegawaian" in section
    assert "<Umum>" not in html
    # the section comes after every other section of the page
    assert html.index('id="crosscutting"') < html.index('id="region-workload"')


def test_pokin_workload_region(mini, cli_env):
    from pokin.cli import app

    result = cli_env.invoke(app, ["workload", "--region", MINI])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"Owner workload of region {MINI}: 11 owners in 3 cascades; 25 results"
    )
    assert "Largest share of results: 16.0% (opd-a:kabid, opd-b:kabid)" in result.output
    assert "Positions across the cascades (6 titles):" in result.output
    as_json = cli_env.invoke(app, ["workload", "--region", MINI, "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert RegionWorkload.model_validate(json.loads(as_json.output)) == region_workload(mini, MINI)
    missing = cli_env.invoke(app, ["workload", "--region", "nowhere"])
    assert missing.exit_code == 1 and "nowhere" in missing.output
    both = cli_env.invoke(app, ["workload", "--region", MINI, "--cascade", "opd-a"])
    assert both.exit_code == 2
    # the per-cascade form is unchanged beside it
    one = cli_env.invoke(app, ["workload", "--cascade", "opd-b", "--json"])
    assert one.exit_code == 0 and json.loads(one.output)["cascade"] == "opd-b"
