"""A region in one database: agencies with the same ids side by side, the RPJMD above them,
crosscutting links between them, references loaded in any order, and the region checks.

Two kinds of test: a mini region (RPJMD + two small agencies built from ``clean_cascade``) in
which each test plants exactly one defect and asserts exactly that finding; and the generated
"Kabupaten Contoh" (synthetic, ``pokin.seed.generate_region``) loaded in random order beside the
real seed, whose planted defects are each found by exactly their check.
"""

from __future__ import annotations

import copy
import json
import random
import re

import pytest

from pokin.core.errors import RegionNotFound
from pokin.core.i18n import using
from pokin.core.vocabulary import NODE_LABELS, RELATIONSHIP_TYPES
from pokin.graph.checks import CHECKS, checks_of
from pokin.graph.db import Db
from pokin.graph.impact import contributors, impact
from pokin.graph.loader import counts, load_cascade, planned_counts
from pokin.graph.report import run_checks, run_checks_cached, run_region_checks
from pokin.graph.trace import trace_to_goal
from pokin.graph.views import contributors_view, crosscutting_view, impact_view, node_key
from pokin.graph.workload import owner_workload
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate_region import (
    IMPACT_AGENCIES,
    IMPACT_SUB,
    REGION,
    RPJMD_ID,
    agency_id,
    generate_region,
)
from tests.conftest import wipe
from tests.e2e.cascade_builder import clean_cascade, indicator

REGION_CHECKS = [n for n, c in CHECKS.items() if c.scope == "region"]
SEED_ID = "bkpsdm-pemalang-2025-2029"
SEED_SUB = "sub-5.03.02.2.02.0001"


def _db(driver, settings) -> Db:
    """A generous timeout: these tests check results, not speed, on a shared machine."""
    return Db(driver, settings.neo4j_database, timeout=120)


@pytest.fixture
def client(settings):
    from fastapi.testclient import TestClient

    from pokin.api.main import create_app

    with TestClient(create_app(settings.model_copy(update={"pokin_query_timeout": 120}))) as c:
        yield c


def _load(db: Db, data: dict) -> None:
    load_cascade(db, parse_cascade(dump_yaml(data), data["cascade"]["id"]))


def _findings(report, names=REGION_CHECKS) -> dict[str, set[tuple[str, str]]]:
    return {
        c.name: {(f.cascade, f.id) for f in c.findings} for c in report.checks if c.name in names
    }


# --- the mini region -----------------------------------------------------------------------------

MINI = "contoh-mini"
RPJMD = "rpjmd-mini"


def _mini() -> dict[str, dict]:
    """RPJMD (one Tujuan, two Sasaran) and agencies opd-a and opd-b with the SAME ids; both
    Tujuan support both Sasaran; opd-a's activity result at-a2 supports opd-b's at-b1
    (crosscutting, agreed). Passes every region check."""
    rpjmd = {
        "cascade": {
            "id": RPJMD,
            "kind": "rpjmd",
            "region": MINI,
            "region_name": "Kabupaten Mini (synthetic)",
            "agency": "Pemerintah Kabupaten Mini (synthetic)",
            "title": "RPJMD Mini",
            "period": {"start": 2025, "end": 2029},
            "source": "tests",
        },
        "owners": [{"id": "bupati", "title": "Bupati", "known_position": True}],
        "goals": [
            {
                "id": "tujuan-r1",
                "name": "Terwujudnya daerah yang maju",
                "owners": ["bupati"],
                "indicators": [indicator("ind-tujuan-r1")],
            },
        ],
        "targets": [
            {
                "id": sid,
                "level": "strategic",
                "name": name,
                "owners": ["bupati"],
                "indicators": [indicator(f"ind-{sid}")],
                "supports": [{"to": "tujuan-r1", "basis": "source_layout"}],
            }
            for sid, name in (
                ("ss-r1", "Meningkatnya mutu layanan"),
                ("ss-r2", "Meningkatnya tata kelola"),
            )
        ],
        "programmes": [],
        "activities": [],
        "sub_activities": [],
    }
    out = {"rpjmd": rpjmd}
    for name, prefix in (("opd-a", None), ("opd-b", "1.10")):
        data = copy.deepcopy(clean_cascade(name).data)
        data["cascade"]["region"] = MINI
        data["goal"]["supports"] = [
            {"to": f"{RPJMD}:ss-r1", "basis": "rpjmd_alignment", "status": "agreed"},
            {"to": f"{RPJMD}:ss-r2", "basis": "rpjmd_alignment", "status": "agreed"},
        ]
        if prefix:  # another agency, another urusan: its codes differ
            for section in ("programmes", "activities", "sub_activities"):
                for unit in data[section]:
                    unit["code"] = prefix + unit["code"][4:]
        out[name] = data
    at_a2 = next(t for t in out["opd-a"]["targets"] if t["id"] == "at-a2")
    at_a2["supports"].append(
        {"to": "opd-b:at-b1", "basis": "crosscutting_agreement", "status": "agreed"}
    )
    return out


def _plant_no_rpjmd(m):
    m["opd-a"]["goal"].pop("supports")
    return {"goals_without_rpjmd": {("opd-a", "tujuan")}}


def _plant_unsupported(m):
    m["rpjmd"]["targets"].append(
        {
            "id": "ss-r3",
            "level": "strategic",
            "name": "Meningkatnya daya saing",
            "owners": ["bupati"],
            "indicators": [indicator("ind-ss-r3")],
            "supports": [{"to": "tujuan-r1", "basis": "source_layout"}],
        }
    )
    return {"rpjmd_targets_unsupported": {(RPJMD, "ss-r3")}}


def _plant_dangling(m):
    at_a1 = next(t for t in m["opd-a"]["targets"] if t["id"] == "at-a1")
    at_a1["supports"].append({"to": "opd-c:at-x", "basis": "crosscutting_agreement"})
    return {"dangling_references": {("opd-a", "at-a1")}}


def _plant_proposed(m):
    at_a2 = next(t for t in m["opd-a"]["targets"] if t["id"] == "at-a2")
    at_a2["supports"][-1]["status"] = "proposed"
    return {"proposed_crosscutting": {("opd-a", "at-a2")}}


def _plant_shared_code(m):
    sub = next(s for s in m["opd-b"]["sub_activities"] if s["id"] == "sub-b1a")
    sub["code"] = "5.03.02.2.02.0001"  # opd-a's sub-a2a
    return {"shared_sub_activity_codes": {("opd-a", "sub-a2a")}}


def _load_mini(db: Db, m: dict) -> None:
    # opd-b first (its references wait for the RPJMD), the RPJMD, then opd-a
    for key in ("opd-b", "rpjmd", "opd-a"):
        _load(db, m[key])


def test_clean_mini_region_passes_every_check(empty_db, settings):
    db = _db(empty_db, settings)
    _load_mini(db, _mini())
    report = run_region_checks(db, MINI)
    assert report.cascades == [RPJMD, "opd-a", "opd-b"]
    assert {c.name: c.count for c in report.checks} == dict.fromkeys(checks_of("region"), 0)
    detail = next(
        x
        for x in db.rows("element_detail", cascade="opd-b", id="at-b1")[0]["supported_by"]
        if x["cascade"] == "opd-a"
    )
    assert (detail["id"], detail["status"]) == ("at-a2", "agreed")


def test_region_report_is_reused_until_a_cascade_is_loaded_again(empty_db, settings):
    """The region report is one read, reused while no cascade changes; loading one agency
    with one planted defect gives a new report with exactly that finding more."""
    db = _db(empty_db, settings)
    m = _mini()
    _load_mini(db, m)
    first = run_region_checks(db, MINI)
    assert run_region_checks(db, MINI) is first
    _plant_proposed(m)
    _load(db, m["opd-a"])
    second = run_region_checks(db, MINI)
    assert second is not first
    assert _findings(second) == {
        **_findings(first),
        "proposed_crosscutting": {("opd-a", "at-a2")},
    }


@pytest.mark.parametrize(
    "plant",
    [_plant_no_rpjmd, _plant_unsupported, _plant_dangling, _plant_proposed, _plant_shared_code],
)
def test_one_planted_region_defect_is_found_exactly(empty_db, settings, plant):
    db = _db(empty_db, settings)
    m = _mini()
    expected = plant(m)
    _load_mini(db, m)
    report = run_region_checks(db, MINI)
    found = {name: ids for name, ids in _findings(report, list(CHECKS)).items() if ids}
    assert found == expected


def test_the_rpjmd_cascade_and_the_region_agree_on_what_is_supported(empty_db, settings):
    """The RPJMD's Sasaran are supported from the agencies' cascades: its own report flags as
    unsupported exactly the Sasaran the region check flags (one planted), no other."""
    db = _db(empty_db, settings)
    m = _mini()
    _plant_unsupported(m)
    _load_mini(db, m)
    own = _findings(run_checks(db, RPJMD), ["unsupported_targets"])
    region = _findings(run_region_checks(db, MINI), ["rpjmd_targets_unsupported"])
    assert own == {"unsupported_targets": {(RPJMD, "ss-r3")}}
    assert region == {"rpjmd_targets_unsupported": {(RPJMD, "ss-r3")}}


def test_reference_waits_for_its_target_and_links_when_it_loads(empty_db, settings):
    db = _db(empty_db, settings)
    m = _mini()
    _load(db, m["opd-a"])  # refers to the RPJMD and opd-b, neither loaded: no load error
    dangling = run_checks(db, "opd-a", ["dangling_references"]).checks[0]
    assert {(f.id, f.detail["to"]) for f in dangling.findings} == {
        ("tujuan", f"{RPJMD}:ss-r1"),
        ("tujuan", f"{RPJMD}:ss-r2"),
        ("at-a2", "opd-b:at-b1"),
    }
    _load(db, m["rpjmd"])
    _load(db, m["opd-b"])
    assert run_checks(db, "opd-a", ["dangling_references"]).checks[0].count == 0
    # reloading the target with --replace keeps the link (resolved again in the same load)
    load_cascade(db, parse_cascade(dump_yaml(m["opd-b"]), "b"), replace=True)
    rows = db.rows("element_detail", cascade="opd-b", id="at-b1")[0]["supported_by"]
    assert ("opd-a", "at-a2") in {(x["cascade"], x["id"]) for x in rows}


def test_a_cached_report_is_made_again_when_a_load_changes_its_crosscutting_links(
    empty_db, settings
):
    """A load changes the cascades its references link to and from (links made, or dropped):
    their cached reports are not reused. opd-a's three dangling references resolve when the
    RPJMD and opd-b load; opd-b's target loses its crosscutting support when opd-a is loaded
    again without the link."""
    db = _db(empty_db, settings)
    m = _mini()
    _load(db, m["opd-a"])
    assert run_checks_cached(db, "opd-a", ["dangling_references"]).checks[0].count == 3
    _load(db, m["rpjmd"])
    _load(db, m["opd-b"])
    assert run_checks_cached(db, "opd-a", ["dangling_references"]).checks[0].count == 0

    def supporters_of_at_b1() -> set[tuple[str, str]]:
        cached = run_checks_cached(db, "opd-b")  # the whole report, cached per load of opd-b
        assert cached is run_checks_cached(db, "opd-b")
        rows = db.rows("element_detail", cascade="opd-b", id="at-b1")[0]["supported_by"]
        return {(x["cascade"], x["id"]) for x in rows}

    before = run_checks_cached(db, "opd-b")
    assert ("opd-a", "at-a2") in supporters_of_at_b1()
    at_a2 = next(t for t in m["opd-a"]["targets"] if t["id"] == "at-a2")
    at_a2["supports"] = [x for x in at_a2["supports"] if x["to"] != "opd-b:at-b1"]
    load_cascade(db, parse_cascade(dump_yaml(m["opd-a"]), "a"), replace=True)
    assert ("opd-a", "at-a2") not in supporters_of_at_b1()
    assert run_checks_cached(db, "opd-b") is not before  # opd-b was touched by opd-a's load


def test_a_region_report_stays_cached_while_other_regions_load(empty_db, settings):
    """A region's report is keyed on its own cascades' loads: a cascade of another region
    loaded meanwhile leaves it cached; a load of one of its own does not."""
    db = _db(empty_db, settings)
    m = _mini()
    _load_mini(db, m)
    first = run_region_checks(db, MINI)
    other = copy.deepcopy(clean_cascade("opd-lain").data)
    other["cascade"]["region"] = "contoh-lain"
    _load(db, other)
    assert run_region_checks(db, MINI) is first
    _load(db, m["opd-b"])
    assert run_region_checks(db, MINI) is not first


def test_unknown_region(empty_db, settings):
    with pytest.raises(RegionNotFound):
        run_region_checks(_db(empty_db, settings), "nowhere")


def test_region_report_through_api(empty_db, settings, client):
    db = _db(empty_db, settings)
    m = _mini()
    _plant_proposed(m)
    _load_mini(db, m)
    body = client.get("/api/checks", params={"region": MINI}).json()
    assert body["region"] == MINI and body["cascade"] is None
    proposed = next(c for c in body["checks"] if c["name"] == "proposed_crosscutting")
    assert [(f["cascade"], f["id"]) for f in proposed["findings"]] == [("opd-a", "at-a2")]
    assert client.get("/api/checks", params={"region": "nowhere"}).status_code == 404
    # the same id in two agencies: unscoped routes answer 409 naming them, scoped ones answer
    r = client.get("/api/elements/at-a2")
    assert r.status_code == 409 and r.json()["cascades"] == ["opd-a", "opd-b"]
    assert client.get("/api/cascades/opd-b/elements/at-a2").json()["cascade"] == "opd-b"
    trace = client.get("/api/cascades/opd-a/elements/sub-a2a/trace").json()
    assert trace["reaches_goal"] and trace["cascade"] == "opd-a"
    sub = client.get("/api/cascades/opd-b/elements/at-b1/subtree").json()
    assert {i["id"] for i in sub["items"]} == {"st-b1a", "keg-b1", "sub-b1a"}
    assert client.get("/api/cascades/opd-c/elements/at-a2").status_code == 404
    assert client.get("/elements/at-a2").status_code == 409
    assert client.get("/elements/at-a2", params={"cascade": "opd-a"}).status_code == 200
    # owners likewise: each agency's "kepala" is its own owner
    assert client.get("/api/owners/kepala").status_code == 409
    kepala = client.get("/api/owners/kepala", params={"cascade": "opd-b"})
    assert kepala.status_code == 200 and kepala.json()["owner"]["id"] == "kepala"
    assert client.get("/api/owners/kepala", params={"cascade": "opd-c"}).status_code == 404
    assert client.get("/api/owners/at-a2", params={"cascade": "opd-a"}).status_code == 404


def test_clean_contoh_passes_every_check(empty_db, settings):
    db = _db(empty_db, settings)
    region = generate_region(10, planted=False)
    for data in reversed(region.files):
        _load(db, data)
    report = run_region_checks(db, "kabupaten-contoh")
    assert {c.name: c.count for c in report.checks} == dict.fromkeys(checks_of("region"), 0)


def test_region_page(empty_db, settings, client):
    db = _db(empty_db, settings)
    m = _mini()
    _plant_proposed(m)
    _load_mini(db, m)
    page = client.get(f"/regions/{MINI}")
    assert page.status_code == 200, page.text[:500]
    html = page.text
    assert html.count("data-rpjmd=") == 2 and html.count("data-cascade=") == 3
    assert "proposed" in html
    assert client.get("/regions/nowhere").status_code == 404


def test_cli_region_check_impact_and_contributors(empty_db, settings, monkeypatch, cli_env):
    from pokin.cli import app

    monkeypatch.setenv("POKIN_QUERY_TIMEOUT", "120")
    m = _mini()
    _plant_dangling(m)
    _load_mini(_db(empty_db, settings), m)
    runner = cli_env
    result = runner.invoke(app, ["check", "--region", MINI])
    assert result.exit_code == 0, result.output  # a warning only
    assert "region contoh-mini (3 cascades)" in result.output
    assert "opd-a:at-a1" in result.output
    result = runner.invoke(app, ["impact", "sub-a2a"])
    assert result.exit_code == 2 and "opd-a, opd-b" in result.output  # ambiguous id
    result = runner.invoke(app, ["impact", "sub-a2a", "--cascade", "opd-a"])
    assert result.exit_code == 0, result.output
    assert "opd-b" in result.output and RPJMD in result.output
    result = runner.invoke(app, ["contributors", "ss-r1", "--cascade", RPJMD, "--json"])
    assert result.exit_code == 0, result.output
    assert {a["cascade"] for a in json.loads(result.output)["agencies"]} == {"opd-a", "opd-b"}


# --- Kabupaten Contoh (synthetic), beside the real seed ------------------------------------------


@pytest.fixture(scope="module")
def contoh(driver, settings):
    """The seed, its facts, then the generated region's 41 files in random order."""
    db = _db(driver, settings)
    wipe(driver, settings.neo4j_database)
    load_cascade(db, load_cascade_file(SEED_FILE))
    before = {
        "counts": counts(db, SEED_ID),
        "checks": run_checks(db, SEED_ID).model_dump(),
        "trace": trace_to_goal(db, SEED_ID, SEED_SUB).model_dump(),
        "workload": owner_workload(db, SEED_ID).model_dump(),
    }
    region = generate_region()
    files = list(region.files)
    random.Random(11).shuffle(files)
    assert files[0]["cascade"]["id"] != RPJMD_ID  # agencies refer to an RPJMD not loaded yet
    parsed = {}
    for data in files:
        cascade = parse_cascade(dump_yaml(data), data["cascade"]["id"])
        parsed[cascade.cascade.id] = cascade
        load_cascade(db, cascade)
    return db, region, parsed, before


def test_contoh_counts(contoh):
    db, region, parsed, _ = contoh
    for cid, cascade in parsed.items():
        nodes, rels = counts(db, cid)
        expected = planned_counts(cascade)
        assert nodes == {k: n for k, n in expected.items() if k in NODE_LABELS and n}, cid
        assert rels == {k: n for k, n in expected.items() if k in RELATIONSHIP_TYPES and n}, cid
    rows = db.driver.execute_query(
        "MATCH (c:Cascade) WITH count(c) AS cascades "
        "OPTIONAL MATCH ()-[s:SUPPORTS {crosscutting: true}]->() WITH cascades, count(s) AS links "
        "OPTIONAL MATCH (r:Reference) RETURN cascades, links, count(r) AS refs",
        database_=db.database,
    ).records[0]
    assert rows["cascades"] == 42  # the seed, the RPJMD, 40 agencies
    assert rows["links"] == region.crosscutting + region.rpjmd_links
    assert rows["refs"] == region.crosscutting + region.rpjmd_links + 2  # 2 dangling
    goals = sum(len(c.all_goals) for c in parsed.values())
    assert (
        db.driver.execute_query(
            "MATCH (g:Goal) WHERE g.cascade <> $seed RETURN count(g) AS n",
            seed=SEED_ID,
            database_=db.database,
        ).records[0]["n"]
        == goals
    )


def test_contoh_planted_defects_are_found_by_exactly_their_checks(contoh):
    db, region, _, _ = contoh
    report = run_region_checks(db, "kabupaten-contoh")
    assert len(report.cascades) == 41
    found = {name: ids for name, ids in _findings(report, list(CHECKS)).items() if ids}
    assert found == region.planted


def test_seed_unchanged_beside_the_region_and_its_tujuan_reported(contoh):
    db, _, _, before = contoh
    assert counts(db, SEED_ID) == before["counts"]
    assert run_checks(db, SEED_ID).model_dump() == before["checks"]
    assert trace_to_goal(db, SEED_ID, SEED_SUB).model_dump() == before["trace"]
    assert owner_workload(db, SEED_ID).model_dump() == before["workload"]
    # its Tujuan's RPJMD link is unknown: the check says so (and no link is invented)
    result = run_checks(db, SEED_ID, ["goals_without_rpjmd"]).checks[0]
    assert [(f.cascade, f.id) for f in result.findings] == [(SEED_ID, "tujuan")]
    with using("en"):
        assert "names no region" in result.findings[0].message


def test_contoh_workload_across_the_region(contoh):
    """Every owner of the 41 cascades (not the seed's), counted as an independent Cypher count
    counts them; every agency's "Kepala" is its own owner and one position of 40 agencies."""
    from pokin.graph.workload import region_workload
    from tests.e2e.test_region_workload import owned_in_cypher, summed_counts

    db, region, _, _ = contoh
    wl = region_workload(db, "kabupaten-contoh")
    assert len(wl.cascades) == 41 and SEED_ID not in {w.owner.cascade for w in wl.owners}
    assert len(wl.owners) == sum(len(d["owners"]) for d in region.files)
    assert summed_counts(wl) == owned_in_cypher(db.driver, db.database, "kabupaten-contoh")
    kepala = next(g for g in wl.positions if g.key == "kepala")
    assert kepala.cascades == sorted(agency_id(i) for i in range(40)) and kepala.owners == 40
    one = agency_id(7)
    mine = {w.owner.id: w.counts for w in wl.owners if w.owner.cascade == one}
    assert mine == {w.owner.id: w.counts for w in owner_workload(db, one).owners}


def test_contoh_agencies_share_ids(contoh):
    db, _, _, _ = contoh
    held = [r["cascade"] for r in db.rows("element_cascade", id="sub-syn0-1-0-0")]
    assert held == sorted(agency_id(i) for i in range(40))


# --- impact and contributors ---------------------------------------------------------------------


def _graph(region) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """The SUPPORTS links of the generated files, worked out from the dicts (not the database):
    (cascade, id) -> {(cascade, id) it supports}; links to what does not exist are left out."""
    nodes, edges = set(), []
    for data in region.files:
        cid = data["cascade"]["id"]
        for section in ("goals", "targets", "programmes", "activities", "sub_activities"):
            for x in data.get(section) or []:
                nodes.add((cid, x["id"]))
                for link in x.get("supports", []) + x.get("delivers", []):
                    to = link["to"].split(":", 1) if ":" in link["to"] else [cid, link["to"]]
                    edges.append(((cid, x["id"]), tuple(to)))
    out: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for a, b in edges:
        if b in nodes:
            out.setdefault(a, set()).add(b)
    return out


def _reach(graph, start) -> set[tuple[str, str]]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_impact_crosses_three_agencies_and_reaches_the_rpjmd(contoh):
    db, region, _, _ = contoh
    start = (agency_id(IMPACT_AGENCIES[0]), IMPACT_SUB)
    result = impact(db, *start)
    found = {(x.cascade, x.id) for x in result.items}
    assert found == _reach(_graph(region), start)
    assert [a.cascade for a in result.agencies if a.kind == "agency"] == [
        agency_id(i) for i in IMPACT_AGENCIES
    ]
    assert any(a.kind == "rpjmd" for a in result.agencies)
    assert {x.id for x in result.items if x.cascade == RPJMD_ID} & {
        t["id"] for t in region.rpjmd["targets"]
    }


def _reverse(graph: dict) -> dict:
    """The SUPPORTS graph with every link turned round (what supports each node)."""
    reverse: dict = {}
    for a, bs in graph.items():
        for b in bs:
            reverse.setdefault(b, set()).add(a)
    return reverse


def test_contributors_of_an_rpjmd_sasaran(contoh, client):
    db, region, _, _ = contoh
    reverse = _reverse(_graph(region))
    expected = _reach(reverse, (RPJMD_ID, "ss-rpjmd-1"))
    result = contributors(db, RPJMD_ID, "ss-rpjmd-1")
    found = {(x.cascade, x.id) for a in result.agencies for g in a.owners for x in g.elements}
    assert found == expected and result.total == len(expected)
    assert {a.cascade for a in result.agencies} == {c for c, _ in expected}
    supporting = {
        d["cascade"]["id"]
        for d in region.agencies
        for g in d["goals"]
        for s in g.get("supports", [])
        if s["to"] == f"{RPJMD_ID}:ss-rpjmd-1"
    }
    assert supporting <= {a.cascade for a in result.agencies}
    body = client.get(f"/api/cascades/{RPJMD_ID}/elements/ss-rpjmd-1/contributors").json()
    assert body["total"] == len(expected)
    body = client.get(f"/api/cascades/{start_cascade()}/elements/{IMPACT_SUB}/impact").json()
    assert {a["cascade"] for a in body["agencies"]} >= {agency_id(i) for i in IMPACT_AGENCIES}
    assert client.get(f"/api/elements/{IMPACT_SUB}/impact").status_code == 409


def start_cascade() -> str:
    return agency_id(IMPACT_AGENCIES[0])


# --- graph views across cascades -----------------------------------------------------------------

DATA_RE = re.compile(r'<script id="pokin-graph-data" type="application/json">(.*?)</script>', re.S)


def _graph_data(html: str) -> dict:
    match = DATA_RE.search(html)
    assert match, "the page holds no graph data"
    return json.loads(match.group(1))


def _owners(region) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """(cascade, result id) -> {(cascade, owner id)}, from the generated files."""
    out: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for data in region.files:
        cid = data["cascade"]["id"]
        for x in (data.get("goals") or []) + data["targets"]:
            out[(cid, x["id"])] = {(cid, o) for o in x["owners"]}
    return out


def _crosscutting(region) -> list[tuple[tuple[str, str], tuple[str, str], str]]:
    """(from, to, status) of every crosscutting link of the generated files whose ends both
    exist (the planted dangling ones do not)."""
    agencies = {d["cascade"]["id"] for d in region.agencies}
    nodes = {
        (d["cascade"]["id"], x["id"]) for d in region.agencies for x in d["goals"] + d["targets"]
    }
    out = []
    for d in region.agencies:
        for x in d["goals"] + d["targets"]:
            for link in x.get("supports", []):
                if ":" not in link["to"]:
                    continue
                to = tuple(link["to"].split(":", 1))
                if to[0] in agencies and to in nodes:
                    out.append(((d["cascade"]["id"], x["id"]), to, link.get("status", "proposed")))
    return out


def _supports_within(graph, members) -> set[tuple[str, str]]:
    return {(node_key(*a), node_key(*b)) for a in members for b in graph.get(a, ()) if b in members}


def test_impact_view_crosses_cascades(contoh):
    db, region, _, _ = contoh
    start = (start_cascade(), IMPACT_SUB)
    graph = _graph(region)
    expected = {start} | _reach(graph, start)
    view = impact_view(db, IMPACT_SUB, start_cascade())
    assert {(n.cascade, n.id) for n in view.nodes} == expected
    assert len({n.key for n in view.nodes}) == len(view.nodes)
    assert [(n.cascade, n.id) for n in view.nodes if n.focus] == [start]
    assert {(e.source, e.target) for e in view.edges} == _supports_within(graph, expected)
    assert {n.cascade for n in view.nodes} >= {agency_id(i) for i in IMPACT_AGENCIES} | {RPJMD_ID}
    across = [e for e in view.edges if e.across]
    assert across and {e.status for e in across} <= {"agreed", "proposed"}
    # findings are marked on the element's own cascade only (docstring of impact_view)
    assert {n.cascade for n in view.nodes if n.marks} <= {start_cascade()}
    assert view.cascade == start_cascade() and view.title.startswith("Dampak: ")  # Indonesian


def test_contributors_view_has_every_agency_and_its_owners(contoh):
    db, region, _, _ = contoh
    graph = _graph(region)
    reverse = _reverse(graph)
    root = (RPJMD_ID, "ss-rpjmd-1")
    below = {root} | _reach(reverse, root)
    owners = _owners(region)
    view = contributors_view(db, "ss-rpjmd-1", RPJMD_ID)
    assert {(n.cascade, n.id) for n in view.nodes if n.kind != "owner"} == below
    assert {(n.cascade, n.id) for n in view.nodes if n.kind == "owner"} == {
        o for x in below for o in owners.get(x, ())
    }
    assert len({n.cascade for n in view.nodes}) >= 3
    edges = {(e.source, e.target) for e in view.edges if e.type == "SUPPORTS"}
    assert edges == _supports_within(graph, below)
    owned = [e for e in view.edges if e.type == "OWNED_BY"]
    assert len(owned) == sum(len(owners.get(x, ())) for x in below)
    assert [(n.cascade, n.id) for n in view.nodes if n.focus] == [root]


def test_crosscutting_view_is_the_regions_map(contoh, english):
    db, region, _, _ = contoh
    links = _crosscutting(region)
    with using("en"):  # the view's title is in the language it is built in
        view = crosscutting_view(db, REGION)
    assert {(n.cascade, n.id) for n in view.nodes} == {x for a, b, _ in links for x in (a, b)}
    across = {(e.source, e.target): e.status for e in view.edges if e.across}
    assert across == {(node_key(*a), node_key(*b)): s for a, b, s in links}
    assert {a for a, _, s in links if s == "proposed"} == region.planted["proposed_crosscutting"]
    assert all(e.basis == "crosscutting_agreement" for e in view.edges if e.across)
    assert view.cascade is None and view.region == REGION
    assert f"({len(links)} links)" in view.title and not any(n.marks for n in view.nodes)
    with pytest.raises(RegionNotFound):
        crosscutting_view(db, "nowhere")


def test_views_across_cascades_as_pages_and_files(contoh, client, cli_env, tmp_path, monkeypatch):
    from pokin.cli import app

    db, _, _, _ = contoh
    c = start_cascade()
    page = client.get(f"/graph/elements/{IMPACT_SUB}/impact", params={"cascade": c})
    assert page.status_code == 200
    impact_data = _graph_data(page.text)
    assert len(impact_data["nodes"]) == len(impact_view(db, IMPACT_SUB, c).nodes)
    for n in impact_data["nodes"]:
        assert n["id"] == f"{n['cascade']}:{n['elementId']}"
        assert n["url"] == f"/elements/{n['elementId']}?cascade={n['cascade']}"
    assert len({n["cascade"] for n in impact_data["nodes"]} - {RPJMD_ID}) >= 3
    for path in ("", "/trace", "/contributors"):
        assert f'href="/graph/elements/{IMPACT_SUB}{path}?cascade={c}"' in page.text
    assert client.get(f"/graph/elements/{IMPACT_SUB}/impact").status_code == 409

    page = client.get("/graph/elements/ss-rpjmd-1/contributors", params={"cascade": RPJMD_ID})
    assert page.status_code == 200
    assert f'href="/graph/elements/ss-rpjmd-1/impact?cascade={RPJMD_ID}"' in page.text

    page = client.get(f"/graph/regions/{REGION}/crosscutting")
    assert page.status_code == 200
    assert 'data-legend-across="proposed"' in page.text
    assert f'href="/regions/{REGION}"' in page.text
    data = _graph_data(page.text)
    assert {g["cascade"] for g in data["groups"]} == {n["cascade"] for n in data["nodes"]}
    assert client.get("/graph/regions/nowhere/crosscutting").status_code == 404

    element = client.get(f"/elements/{IMPACT_SUB}", params={"cascade": c}).text
    assert f'href="/graph/elements/{IMPACT_SUB}/impact?cascade={c}"' in element
    assert f'href="/graph/elements/{IMPACT_SUB}/contributors?cascade={c}"' in element
    assert f'href="/graph/regions/{REGION}/crosscutting"' in client.get(f"/regions/{REGION}").text

    monkeypatch.setenv("POKIN_QUERY_TIMEOUT", "120")
    out = tmp_path / "impact.html"
    result = cli_env.invoke(app, ["graph", "impact", IMPACT_SUB, "--cascade", c, "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = _graph_data(out.read_text(encoding="utf-8"))
    assert [n["id"] for n in written["nodes"]] == [n["id"] for n in impact_data["nodes"]]
    ambiguous = cli_env.invoke(app, ["graph", "impact", IMPACT_SUB, "-o", str(out)])
    assert ambiguous.exit_code == 2 and c in ambiguous.output
    out = tmp_path / "crosscutting.html"
    result = cli_env.invoke(app, ["graph", "crosscutting", REGION, "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = _graph_data(out.read_text(encoding="utf-8"))
    assert [n["id"] for n in written["nodes"]] == [n["id"] for n in data["nodes"]]
    missing = cli_env.invoke(app, ["graph", "crosscutting", "-o", str(out)])
    assert missing.exit_code == 2 and "needs the id of a region" in missing.output
