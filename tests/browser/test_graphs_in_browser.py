"""The graphs and the explorer in a real browser (Debian's Chromium, headless, via Playwright),
served by the API over the seed cascade and a planted cascade with markup in its names.

Each test's pages are also checked by the ``page`` fixture: no request leaves 127.0.0.1, the
console shows no error, no dialog opens. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import pytest

from pokin.graph import views
from pokin.graph.db import Db
from pokin.seed import SEED_FILE, load_cascade_file
from tests.browser import planted
from tests.browser.conftest import NODE_SCREEN_POSITION, drawn_counts, screenshot, wait_for_graph
from tests.e2e.test_views import db_counts

pytestmark = pytest.mark.browser

SEED = load_cascade_file(SEED_FILE).cascade.id
GOAL = "tujuan"
SUB = "sub-5.04.02.2.01.0003"
OWNER = "kabid-pengembangan-sdm"


def _expected(name: str, driver, database: str) -> tuple[int, int]:
    if name == "cascade-seed":
        return db_counts(driver, database, SEED)
    if name == "cascade-planted":
        return sum(planted.NODES.values()), sum(planted.RELATIONSHIPS.values())
    view = {
        "subtree-goal": lambda: views.subtree_view(Db(driver, database), GOAL),
        "subtree-programme": lambda: views.subtree_view(Db(driver, database), "prog-5.03.02"),
        "trace-sub-activity": lambda: views.trace_view(Db(driver, database), SUB),
        "trace-planted-xss": lambda: views.trace_view(Db(driver, database), planted.XSS_ID),
        "owner": lambda: views.owner_view(Db(driver, database), OWNER),
        "check-near-duplicates": lambda: views.check_view(
            Db(driver, database), "near_duplicate_names", SEED
        ),
        "check-orphans-planted": lambda: views.check_view(
            Db(driver, database), "orphans", planted.CASCADE_ID
        ),
    }[name]()
    return len(view.nodes), len(view.edges)


GRAPH_PAGES = {
    "cascade-seed": f"/graph?cascade={SEED}",
    "cascade-planted": f"/graph?cascade={planted.CASCADE_ID}",
    "subtree-goal": f"/graph/elements/{GOAL}",
    "subtree-programme": "/graph/elements/prog-5.03.02",
    "trace-sub-activity": f"/graph/elements/{SUB}/trace",
    "trace-planted-xss": f"/graph/elements/{planted.XSS_ID}/trace",
    "owner": f"/graph/owners/{OWNER}",
    "check-near-duplicates": f"/graph/checks/near_duplicate_names?cascade={SEED}",
    "check-orphans-planted": f"/graph/checks/orphans?cascade={planted.CASCADE_ID}",
}


@pytest.mark.parametrize("name", list(GRAPH_PAGES))
def test_graph_view_draws_every_node_and_edge(name, page, server, browser_db, settings):
    response = page.goto(server + GRAPH_PAGES[name])
    assert response.status == 200
    wait_for_graph(page)
    expected = _expected(name, browser_db, settings.neo4j_database)
    assert drawn_counts(page) == expected
    assert expected[0] > 0
    # the page says the same, and the canvas is really there
    assert page.locator("[data-count=nodes]").inner_text() == str(expected[0])
    assert page.locator("#pokin-network canvas").count() == 1
    screenshot(page, f"graph-{name}")


def test_whole_cascade_matches_the_database(page, server, browser_db, settings):
    page.goto(f"{server}/graph?cascade={SEED}")
    wait_for_graph(page)
    nodes, rels = db_counts(browser_db, settings.neo4j_database, SEED)
    assert drawn_counts(page) == (nodes, rels)
    kinds = page.evaluate(
        "window.network.body.data.nodes.get().reduce((a, n) => "
        "(a[n.kind] = (a[n.kind] || 0) + 1, a), {})"
    )
    records, _, _ = browser_db.execute_query(
        "MATCH (n:Element {cascade: $c}) RETURN n.kind AS kind, count(*) AS n",
        c=SEED,
        database_=settings.neo4j_database,
    )
    assert kinds == {r["kind"]: r["n"] for r in records}


def test_switches_hide_and_show_indicators_and_owners(page, server, browser_db, settings):
    page.goto(f"{server}/graph?cascade={SEED}")
    wait_for_graph(page)
    total, _ = drawn_counts(page)
    records, _, _ = browser_db.execute_query(
        "MATCH (n:Element {cascade: $c}) RETURN n.kind AS kind, count(*) AS n",
        c=SEED,
        database_=settings.neo4j_database,
    )
    count = {r["kind"]: r["n"] for r in records}
    page.locator("[data-toggle-kind=indicator]").uncheck()
    assert drawn_counts(page)[0] == total - count["indicator"]
    page.locator("[data-toggle-kind=owner]").uncheck()
    nodes, edges = drawn_counts(page)
    assert nodes == total - count["indicator"] - count["owner"]
    kinds = set(page.evaluate("window.network.body.data.nodes.get().map(n => n.kind)"))
    assert not kinds & {"indicator", "owner"}
    screenshot(page, "graph-cascade-seed-without-indicators-and-owners")
    page.locator("[data-toggle-kind=indicator]").check()
    page.locator("[data-toggle-kind=owner]").check()
    assert drawn_counts(page)[0] == total


def test_clicking_a_node_opens_its_element_page(page, server):
    page.goto(f"{server}/graph/elements/{SUB}/trace")
    wait_for_graph(page)
    x, y = page.evaluate(NODE_SCREEN_POSITION, f"{SEED}:{GOAL}")  # nodes are named cascade:id
    page.mouse.click(x, y)
    page.wait_for_url(f"{server}/elements/{GOAL}?cascade={SEED}")
    assert page.locator("h1").inner_text() == "Terwujudnya Meritokrasi dalam Manajemen ASN"
    # and from the trace graph embedded in that element page, on to the Goal's indicator
    wait_for_graph(page)
    key, indicator = page.evaluate(
        "(n => [n.id, n.elementId])("
        "window.network.body.data.nodes.get().find(n => n.kind === 'indicator'))"
    )
    page.locator("#pokin-network").scroll_into_view_if_needed()
    x, y = page.evaluate(NODE_SCREEN_POSITION, key)
    page.mouse.click(x, y)
    page.wait_for_url(f"{server}/elements/{indicator}?cascade={SEED}")
    assert page.locator(".eyebrow .kind").text_content().strip() == "Indikator"


def test_search_finds_an_element(page, server):
    page.goto(server + "/")
    page.locator("header form.search input[name=q]").fill("kompetensi teknis")
    page.locator("header form.search input[name=q]").press("Enter")
    page.wait_for_url("**/search?q=kompetensi+teknis*")
    results = page.locator("table[data-results] a.el")
    assert results.count() >= 1
    found = "a.el[href='/elements/st-5.04.02.2.01.0003?cascade=bkpsdm-pemalang-2025-2029']"
    assert page.locator(found).count() == 1
    screenshot(page, "explorer-search")
    first = results.first
    name = first.inner_text()
    first.click()
    page.wait_for_url("**/elements/**")
    assert page.locator("h1").inner_text() == name


def test_planted_markup_shows_as_text_and_runs_nothing(page, server):
    page.goto(f"{server}/elements/{planted.XSS_ID}")
    wait_for_graph(page)
    assert page.locator("h1").inner_text() == planted.XSS_NAME
    assert page.locator("img").count() == 0
    assert page.locator("main script:not([src]):not([type='application/json'])").count() == 0
    assert page.get_by_text(planted.SCRIPT_NAME).first.is_visible()
    assert page.evaluate("window.__pokinAlerts") == []
    screenshot(page, "explorer-element-planted-markup")

    page.goto(f"{server}/search?q=onerror")
    assert page.locator("a.el", has_text=planted.XSS_NAME).count() == 1
    assert page.locator("img").count() == 0

    page.goto(f"{server}/?cascade={planted.CASCADE_ID}")
    assert page.locator("svg[data-chart] text", has_text=planted.OWNER_TITLE).count() == 1
    assert page.evaluate("window.__pokinAlerts") == []

    # in the graph: the tooltip shows the name as text (vis-network renders strings as text)
    page.goto(f"{server}/graph?cascade={planted.CASCADE_ID}")
    wait_for_graph(page)
    x, y = page.evaluate(NODE_SCREEN_POSITION, f"{planted.CASCADE_ID}:{planted.XSS_ID}")
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert planted.XSS_NAME in tooltip.inner_text()
    # innerText turns the line breaks into <br>: no other element may appear
    tags = page.evaluate("[...document.querySelectorAll('div.vis-tooltip *')].map(e => e.tagName)")
    assert set(tags) <= {"BR"}
    assert page.locator("img").count() == 0
    assert page.evaluate("window.__pokinAlerts") == []
    screenshot(page, "graph-cascade-planted-tooltip")


def test_explorer_pages_are_usable(page, server, browser_db, settings):
    page.goto(server + "/")
    assert page.title().startswith("Cascading BKPSDM")
    assert page.locator("table[data-counts] tr[data-level]").count() == 7
    assert page.locator("svg[data-chart] rect").count() > 10
    assert page.locator("table[data-workload] tbody tr").count() == 10
    screenshot(page, "explorer-home")

    page.goto(f"{server}/elements/{SUB}")
    wait_for_graph(page)
    view = views.trace_view(Db(browser_db, settings.neo4j_database), SUB)
    assert drawn_counts(page) == (len(view.nodes), len(view.edges))
    assert page.locator("ol[data-path]").count() >= 1
    screenshot(page, "explorer-element-sub-activity")

    page.goto(f"{server}/elements/{OWNER}")
    wait_for_graph(page)
    screenshot(page, "explorer-element-owner")

    page.goto(f"{server}/checks/indicators_without_formula?cascade={SEED}")
    assert int(page.locator("[data-finding-count]").inner_text()) > 0
    screenshot(page, "explorer-check")


def test_unknown_ids_show_a_404_page(page, server, recorder):
    recorder.allowed_errors.append("status of 404")
    response = page.goto(f"{server}/elements/no-such-element")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Tidak ditemukan"
    screenshot(page, "explorer-404")


def test_standalone_file_works_with_no_network(chromium, tmp_path, browser_db, settings):
    from pokin.visualize.render import render_page

    view = views.trace_view(Db(browser_db, settings.neo4j_database), SUB)
    path = tmp_path / "trace.html"
    path.write_text(render_page(view, standalone=True, home_url=None), encoding="utf-8")
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, offline=True)
    seen: list[str] = []
    errors: list[str] = []
    try:
        pg = context.new_page()
        pg.on("request", lambda r: seen.append(r.url))
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(path.as_uri())
        wait_for_graph(pg)
        assert drawn_counts(pg) == (len(view.nodes), len(view.edges))
        assert [u for u in seen if not u.startswith(("file:", "data:"))] == []
        assert errors == []
        screenshot(pg, "standalone-trace-offline")
    finally:
        context.close()
