"""Every graph reads at first sight (issue 21): once the first view settles, no drawn label is
smaller on screen than the legible size (its font size times the canvas scale), the subject is
on screen, findings are marked and can be visited one by one, and every graph page carries the
site menu and search. Over the seed (BKPSDM Kabupaten Pemalang) and the generated region
(Kabupaten Contoh, fictional: its RPJMD and 40 agencies), the size of the issue's region.

Each test's pages are also checked by the ``page`` fixture: no request leaves 127.0.0.1, the
console shows no error, no dialog opens. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import pytest

from pokin.graph import views
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate_region import REGION, REGION_NAME, RPJMD_ID, generate_region
from pokin.visualize.network import CLUSTER_ABOVE, FINDING_SIGN, LEGIBLE_PX, SEVERITY_COLOURS
from tests.browser.conftest import screenshot, wait_for_graph

pytestmark = pytest.mark.browser

SEED = load_cascade_file(SEED_FILE).cascade
AGENCIES = 40
CHECK = "indicators_without_formula"

#: What the first view shows: the scale, every drawn node's label size on screen, which drawn
#: nodes are on screen, the groups still collapsed.
FIRST_VIEW = """() => {
  const net = window.network, scale = net.getScale();
  const data = JSON.parse(document.getElementById('pokin-graph-data').textContent);
  const box = document.getElementById('pokin-network').getBoundingClientRect();
  const drawn = net.body.nodeIndices.filter((id) => !net.body.nodes[id].options.hidden);
  const onScreen = (id) => {
    const p = net.canvasToDOM(net.getPositions([id])[id]);
    return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
  };
  return {
    scale: scale, legible: data.legible, subject: data.subject, total: data.nodes.length,
    labels: drawn.map((id) => [id, net.body.nodes[id].options.font.size * scale]),
    onScreen: drawn.filter(onScreen),
    clusters: drawn.filter((id) => net.isCluster(id)),
    zoomed: !document.querySelector('[data-zoomed]').hidden,
  };
}"""


@pytest.fixture(scope="module")
def browser_db(driver, settings):
    """The seed and the generated region (RPJMD + 40 agencies, no planted defects), for this
    module (overrides the conftest's seed-and-planted database)."""
    db = Db(driver, settings.neo4j_database, timeout=300)
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
    load_cascade(db, load_cascade_file(SEED_FILE))
    for data in generate_region(AGENCIES, planted=False).files:
        load_cascade(db, parse_cascade(dump_yaml(data), data["cascade"]["id"]))
    return driver


def _first_view(page, url: str) -> dict:
    response = page.goto(url)
    assert response.status == 200
    wait_for_graph(page)
    shown = page.evaluate(FIRST_VIEW)
    assert shown["legible"] == LEGIBLE_PX
    small = [(key, px) for key, px in shown["labels"] if px < LEGIBLE_PX - 1e-6]
    assert small == [], f"labels below {LEGIBLE_PX}px at scale {shown['scale']:.3f}"
    assert shown["onScreen"], "nothing drawn on screen"
    return shown


def _fit_all_is_smaller(page) -> float:
    """Press "Fit all": the whole graph is fitted (smaller than legible, which is why the first
    view zoomed in) and the hint goes."""
    page.locator("[data-zoomed] [data-fit]").click()
    assert page.locator("[data-zoomed]").is_hidden()
    return page.evaluate("window.network.getScale()")


def _menu(page) -> list[str]:
    return page.locator("nav.site-nav a").evaluate_all("links => links.map(a => a.href)")


def test_seed_subtree_opens_legible_on_its_subject(page, server):
    url = f"{server}/graph/elements/tujuan?cascade={SEED.id}"
    shown = _first_view(page, url)
    assert shown["subject"] == f"{SEED.id}:tujuan"
    assert shown["subject"] in shown["onScreen"]
    assert shown["zoomed"] and page.locator("[data-zoomed]").is_visible()
    screenshot(page, "legible-subtree-seed")
    fitted = _fit_all_is_smaller(page)
    assert fitted * 13 < LEGIBLE_PX  # fitted, the indicators' labels would be too small
    screenshot(page, "legible-subtree-seed-fit-all")


def test_site_menu_and_search_on_a_graph_page(page, server):
    page.goto(f"{server}/?cascade={SEED.id}")
    explorer = _menu(page)
    assert len(explorer) == 5
    page.goto(f"{server}/graph/elements/tujuan?cascade={SEED.id}")
    wait_for_graph(page)
    assert _menu(page) == explorer  # the same links, carrying the cascade
    meta = page.locator("meta[name=pokin-cascade]").get_attribute("content")
    assert meta == SEED.id
    assert SEED.agency in page.locator("h2[data-agency]").inner_text()
    page.locator("form.search input[name=q]").fill("kompetensi teknis")
    page.locator("form.search input[name=q]").press("Enter")
    page.wait_for_url(f"**/search?q=kompetensi+teknis&cascade={SEED.id}")
    assert page.locator("table[data-results] a.el").count() >= 1


def test_check_graph_marks_its_findings_and_visits_them(page, server, browser_db, settings):
    view = views.check_view(Db(browser_db, settings.neo4j_database), CHECK, SEED.id)
    marked = {n.key: n.worst for n in view.nodes if n.worst}
    assert len(marked) > 1
    shown = _first_view(page, f"{server}/graph/checks/{CHECK}?cascade={SEED.id}")
    assert set(shown["onScreen"]) & set(marked), "no finding in the first view"
    drawn = page.evaluate(
        "window.network.body.data.nodes.get().map(n => "
        "[n.id, n.finding, n.label, n.borderWidth, n.shadow ? n.shadow.enabled : false, "
        "n.color.border])"
    )
    for key, finding, label, width, glow, border in drawn:
        if key in marked:
            assert finding == marked[key]
            assert label.startswith(FINDING_SIGN) and width >= 5 and glow
            assert border == SEVERITY_COLOURS[finding]
        else:  # the context around the findings is not marked
            assert not finding and not label.startswith(FINDING_SIGN) and not glow
    assert page.locator("[data-marked]").get_attribute("data-marked") == str(len(marked))
    assert page.locator("[data-legend-finding]").is_visible()
    screenshot(page, "legible-check")
    # "Next finding" visits each marked element once, centred and selected
    seen = []
    for _ in range(len(marked)):
        page.locator("[data-next-finding]").click()
        selected = page.evaluate("window.network.getSelectedNodes()")
        assert len(selected) == 1 and selected[0] in marked
        assert selected[0] in page.evaluate(FIRST_VIEW)["onScreen"]
        seen.append(selected[0])
    assert sorted(seen) == sorted(marked)
    assert page.locator("[data-finding-at]").inner_text() == f"({len(marked)} dari {len(marked)})"


def test_crosscutting_map_opens_legible(page, server):
    shown = _first_view(page, f"{server}/graph/regions/{REGION}/crosscutting")
    assert shown["total"] > 30
    assert page.locator("meta[name=pokin-region]").get_attribute("content") == REGION
    assert page.locator("meta[name=pokin-cascade]").count() == 0
    assert REGION_NAME in page.locator("h2[data-agency]").inner_text()
    assert page.locator("nav.site-nav a").count() == 5
    screenshot(page, "legible-crosscutting")
    assert _fit_all_is_smaller(page) < shown["scale"]


def _biggest_sasaran(driver, database: str) -> str:
    """The RPJMD Sasaran with the most contributors (several agencies: a big view)."""
    return driver.execute_query(
        "MATCH (t:Target {cascade: $c}) MATCH (x:Element)-[:SUPPORTS*1..12]->(t) "
        "WITH t, count(DISTINCT x) AS size RETURN t.id AS id ORDER BY size DESC, id LIMIT 1",
        c=RPJMD_ID,
        database_=database,
    ).records[0]["id"]


def test_contributors_of_an_rpjmd_sasaran_open_as_groups_per_agency(
    page, server, browser_db, settings
):
    sasaran = _biggest_sasaran(browser_db, settings.neo4j_database)
    view = views.contributors_view(Db(browser_db, settings.neo4j_database), sasaran, RPJMD_ID)
    agencies = {n.cascade for n in view.nodes} - {RPJMD_ID}
    assert len(view.nodes) > CLUSTER_ABOVE and len(agencies) >= 2
    url = f"{server}/graph/elements/{sasaran}/contributors?cascade={RPJMD_ID}"
    shown = _first_view(page, url)
    assert shown["subject"] == f"{RPJMD_ID}:{sasaran}" and shown["subject"] in shown["onScreen"]
    # one group per other agency, nothing of theirs drawn on its own
    assert sorted(c.split("::", 1)[1] for c in shown["clusters"]) == sorted(agencies)
    assert all(key.startswith(f"{RPJMD_ID}:") for key, _ in shown["labels"] if "::" not in key)
    assert page.locator("[data-legend-cluster]").is_visible()
    screenshot(page, "legible-contributors")
    # a click opens one agency's group: its elements are drawn, legible
    group = next(c for c in shown["clusters"] if c in shown["onScreen"])
    members = page.evaluate(f"window.network.getNodesInCluster({group!r})")
    x, y = page.evaluate(
        """(id) => {
          const net = window.network, box = document.getElementById('pokin-network')
            .getBoundingClientRect(), p = net.canvasToDOM(net.getPositions([id])[id]);
          return [box.left + p.x, box.top + p.y];
        }""",
        group,
    )
    page.mouse.click(x, y)
    page.wait_for_function("(id) => !(id in window.network.body.nodes)", arg=group)
    after = page.evaluate(FIRST_VIEW)
    assert set(members) <= {key for key, _ in after["labels"]}
    assert min(px for _, px in after["labels"]) >= LEGIBLE_PX - 1e-6
    assert set(members) & set(after["onScreen"])
    assert page.url == url  # opening a group navigates nowhere
    screenshot(page, "legible-contributors-opened")


def test_all_levels_of_the_whole_cascade_open_legible_at_the_top(page, server):
    page.goto(f"{server}/graph?cascade={SEED.id}")
    wait_for_graph(page)
    page.locator("[data-overview]").uncheck()  # "All levels": every element of the seed
    shown = page.evaluate(FIRST_VIEW)
    assert shown["total"] == len(shown["labels"]) > CLUSTER_ABOVE
    assert min(px for _, px in shown["labels"]) >= LEGIBLE_PX - 1e-6
    assert f"{SEED.id}:tujuan" in shown["onScreen"]  # the top level, the Goal
    assert shown["zoomed"]
    screenshot(page, "legible-cascade-all-levels")
