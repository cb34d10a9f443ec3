"""A region's pages in a real browser (Debian's Chromium, headless, via Playwright): a small
generated region (Kabupaten Contoh, synthetic: its RPJMD and five agencies holding the same
ids) loaded beside the seed. The region page's tables and the graphs across cascades (impact,
contributors, the crosscutting map) are counted against the database, read here with Cypher
of the test's own, not through pokin's queries.

Each test's pages are also checked by the ``page`` fixture: no request leaves 127.0.0.1, the
console shows no error, no dialog opens. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import pytest

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate_region import (
    IMPACT_AGENCIES,
    IMPACT_SUB,
    REGION,
    RPJMD_ID,
    agency_id,
    generate_region,
)
from tests.browser.conftest import NODE_SCREEN_POSITION, screenshot, wait_for_graph

pytestmark = pytest.mark.browser

AGENCIES = 5
START = agency_id(IMPACT_AGENCIES[0])
#: the result of agency 1 whose crosscutting link (the ring's) is made a proposed one
PROPOSING = "at-syn0-1-0-0"

#: The cascades, ids and kinds of the nodes vis-network holds, and how many are hidden.
DRAWN = """() => {
  const nodes = window.network.body.data.nodes.get();
  return nodes.map((n) => [n.cascade, n.elementId, n.kind, n.id]);
}"""

#: Pairs of drawn nodes whose boxes (label included) overlap.
OVERLAPS = """() => {
  const net = window.network;
  const boxes = net.body.data.nodes.getIds()
    .filter((id) => !net.body.nodes[id].options.hidden)
    .map((id) => [id, net.getBoundingBox(id)]);
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) {
        out.push([a, b]);
      }
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def browser_db(driver, settings):
    """The seed cascade and a small generated region (RPJMD + five agencies), for this module
    (overrides the conftest's seed-and-planted database)."""
    db = Db(driver, settings.neo4j_database, timeout=120)
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
    load_cascade(db, load_cascade_file(SEED_FILE))
    region = generate_region(AGENCIES, planted=False)
    # one crosscutting link still proposed, so that the pages show both statuses
    proposing = next(t for t in region.agencies[1]["targets"] if t["id"] == PROPOSING)
    link = next(s for s in proposing["supports"] if s["basis"] == "crosscutting_agreement")
    link["status"] = "proposed"
    for data in region.files:
        load_cascade(db, parse_cascade(dump_yaml(data), data["cascade"]["id"]))
    return driver


def _one(driver, database: str, cypher: str, **params) -> int:
    records, _, _ = driver.execute_query(cypher, params, database_=database)
    return records[0]["n"]


def _rows(page, table: str) -> int:
    return page.locator(f"table[data-table={table}] tbody tr").count()


def _drawn(page) -> list[tuple[str, str, str, str]]:
    return [tuple(x) for x in page.evaluate(DRAWN)]


def test_region_page_tables_match_the_database(page, server, browser_db, settings):
    database = settings.neo4j_database
    response = page.goto(f"{server}/regions/{REGION}")
    assert response.status == 200
    cascades = _one(
        browser_db, database, "MATCH (c:Cascade {region: $r}) RETURN count(c) AS n", r=REGION
    )
    assert cascades == AGENCIES + 1
    assert _rows(page, "cascades") == cascades
    # one row per cascade with findings, the others folded under "without findings"
    folded = page.locator("[data-clean] li[data-clean-cascade]").count()
    assert _rows(page, "matrix") + folded == cascades and _rows(page, "matrix") > 0
    sasaran = _one(
        browser_db,
        database,
        "MATCH (c:Cascade {region: $r, kind: 'rpjmd'}) MATCH (t:Target {cascade: c.id}) "
        "RETURN count(t) AS n",
        r=REGION,
    )
    assert sasaran == 15 and _rows(page, "rpjmd") == sasaran
    crosscutting = _one(
        browser_db,
        database,
        "MATCH (a:Cascade {region: $r, kind: 'agency'}), (b:Cascade {kind: 'agency'}) "
        "WHERE a <> b MATCH (x:Element {cascade: a.id})-[s:SUPPORTS]->(y:Element {cascade: b.id}) "
        "RETURN count(s) AS n",
        r=REGION,
    )
    assert crosscutting > 0 and _rows(page, "crosscutting") == crosscutting
    proposed = _one(
        browser_db,
        database,
        "MATCH (a:Cascade {region: $r, kind: 'agency'}), (b:Cascade {kind: 'agency'}) "
        "WHERE a <> b MATCH (:Element {cascade: a.id})-[s:SUPPORTS {status: 'proposed'}]->"
        "(:Element {cascade: b.id}) RETURN count(s) AS n",
        r=REGION,
    )
    assert proposed == 1
    crosscutting_rows = page.locator("table[data-table=crosscutting] tbody tr")
    assert crosscutting_rows.filter(has=page.locator(".tag.warn")).count() == proposed
    assert page.locator("h2", has_text=f"Tautan crosscutting ({crosscutting})").count() == 1
    # five agencies give nine Tujuan for fifteen Sasaran: the rest are unsupported, and the
    # matrix says so in the RPJMD's row
    unsupported = _one(
        browser_db,
        database,
        "MATCH (t:Target {cascade: $c}) WHERE NOT EXISTS { "
        "MATCH (x:Element)-[:SUPPORTS]->(t) WHERE x.cascade <> $c } RETURN count(t) AS n",
        c=RPJMD_ID,
    )
    assert unsupported > 0
    no_agency = page.locator("[data-rpjmd] .tag.warn", has_text="tidak ada Perangkat Daerah")
    assert no_agency.count() == unsupported
    matrix = page.locator("table[data-table=matrix]")
    head = matrix.locator("thead th[data-check=rpjmd_targets_unsupported]")
    assert head.get_attribute("title") == "rpjmd_targets_unsupported"  # the id on hover
    row = matrix.locator(f"tbody tr[data-matrix-row={RPJMD_ID}]")
    cell = row.locator("td[data-check=rpjmd_targets_unsupported]")
    assert cell.inner_text() == str(unsupported)
    screenshot(page, "region-page")
    # the crosscutting map is one click away
    page.locator("a[data-crosscutting-link]").click()
    page.wait_for_url(f"{server}/graph/regions/{REGION}/crosscutting")
    wait_for_graph(page)


def test_impact_graph_crosses_three_agencies(page, server, browser_db, settings):
    expected = browser_db.execute_query(
        "MATCH (n:Element {cascade: $c, id: $id})-[:SUPPORTS*0..12]->(x:Element) "
        "RETURN DISTINCT x.cascade AS cascade, x.id AS id",
        c=START,
        id=IMPACT_SUB,
        database_=settings.neo4j_database,
    ).records
    response = page.goto(f"{server}/graph/elements/{IMPACT_SUB}/impact?cascade={START}")
    assert response.status == 200
    wait_for_graph(page)
    drawn = _drawn(page)
    assert len(drawn) == len(expected)
    assert {(c, i) for c, i, _, _ in drawn} == {(r["cascade"], r["id"]) for r in expected}
    agencies = {c for c, _, _, _ in drawn} - {RPJMD_ID}
    assert agencies >= {agency_id(i) for i in IMPACT_AGENCIES} and len(agencies) >= 3
    assert RPJMD_ID in {c for c, _, _, _ in drawn}
    assert page.locator("[data-legend-across]").count() >= 1
    assert page.evaluate(OVERLAPS) == []  # every label legible, none on another
    screenshot(page, "graph-region-impact")
    # a node of another agency opens its page in its own cascade
    other = agency_id(IMPACT_AGENCIES[2])
    key, ident = next((k, i) for c, i, kind, k in drawn if c == other and kind == "goal")
    x, y = page.evaluate(NODE_SCREEN_POSITION, key)
    page.mouse.click(x, y)
    page.wait_for_url(f"{server}/elements/{ident}?cascade={other}")
    assert page.locator("a[data-impact-link]").get_attribute("href") == (
        f"/graph/elements/{ident}/impact?cascade={other}"
    )


def _sasaran_with_most_contributing_agencies(driver, database: str) -> tuple[str, int]:
    records = driver.execute_query(
        "MATCH (t:Target {cascade: $c}) "
        "OPTIONAL MATCH (x:Element)-[:SUPPORTS*1..12]->(t) "
        "WITH t, count(DISTINCT x.cascade) AS agencies, count(DISTINCT x) AS size "
        "WHERE agencies > 1 "
        "RETURN t.id AS id, agencies ORDER BY agencies DESC, size, id LIMIT 1",
        c=RPJMD_ID,
        database_=database,
    ).records
    return records[0]["id"], records[0]["agencies"]


def test_contributors_graph_of_an_rpjmd_sasaran(page, server, browser_db, settings):
    database = settings.neo4j_database
    sasaran, agencies = _sasaran_with_most_contributing_agencies(browser_db, database)
    assert agencies >= 2
    expected = _one(
        browser_db,
        database,
        "MATCH (x:Element)-[:SUPPORTS*0..12]->(:Target {cascade: $c, id: $id}) "
        "WITH collect(DISTINCT x) AS xs "
        "CALL (xs) { UNWIND xs AS x OPTIONAL MATCH (x)-[:OWNED_BY]->(o:Owner) "
        "RETURN count(DISTINCT o) AS owners } "
        "RETURN size(xs) + owners AS n",
        c=RPJMD_ID,
        id=sasaran,
    )
    response = page.goto(f"{server}/graph/elements/{sasaran}/contributors?cascade={RPJMD_ID}")
    assert response.status == 200
    wait_for_graph(page)
    drawn = _drawn(page)
    assert len(drawn) == expected
    assert len({c for c, _, _, _ in drawn} - {RPJMD_ID}) == agencies
    assert any(kind == "owner" for _, _, kind, _ in drawn)
    assert page.evaluate(OVERLAPS) == []  # every label legible, none on another
    screenshot(page, "graph-region-contributors")


def test_crosscutting_map(page, server, browser_db, settings):
    database = settings.neo4j_database
    expected = _one(
        browser_db,
        database,
        "MATCH (a:Cascade {region: $r, kind: 'agency'}), (b:Cascade {kind: 'agency'}) "
        "WHERE a <> b MATCH (x:Element {cascade: a.id})-[:SUPPORTS]->(y:Element {cascade: b.id}) "
        "UNWIND [x, y] AS e RETURN count(DISTINCT e) AS n",
        r=REGION,
    )
    response = page.goto(f"{server}/graph/regions/{REGION}/crosscutting")
    assert response.status == 200
    wait_for_graph(page)
    drawn = _drawn(page)
    assert len(drawn) == expected
    assert {c for c, _, _, _ in drawn} == {agency_id(i) for i in range(AGENCIES)}
    statuses = page.evaluate(
        "window.network.body.data.edges.get().filter(e => e.status).map(e => e.status)"
    )
    links = _one(
        browser_db,
        database,
        "MATCH (a:Cascade {region: $r, kind: 'agency'}), (b:Cascade {kind: 'agency'}) "
        "WHERE a <> b MATCH (:Element {cascade: a.id})-[s:SUPPORTS]->(:Element {cascade: b.id}) "
        "RETURN count(s) AS n",
        r=REGION,
    )
    assert len(statuses) == links and statuses.count("proposed") == 1
    # the proposed link is drawn dashed and orange, the agreed ones solid
    styles = page.evaluate(
        "window.network.body.data.edges.get().filter(e => e.status)"
        ".map(e => [e.status, e.dashes, e.color.color])"
    )
    assert {(s, d) for s, d, _ in styles} == {("proposed", True), ("agreed", False)}
    colours = {
        status: {c for s, _, c in styles if s == status} for status in ("proposed", "agreed")
    }
    assert len(colours["proposed"]) == len(colours["agreed"]) == 1
    assert colours["proposed"] != colours["agreed"]
    assert page.locator("[data-legend-across=proposed]").is_visible()
    assert page.evaluate(OVERLAPS) == []  # every label legible, none on another
    screenshot(page, "graph-region-crosscutting")
