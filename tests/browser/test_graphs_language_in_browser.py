"""Every graph view and the tree in Chromium speak the page's language: Indonesian when none
is chosen (the browser sends its factory ``en-US``), English with ``?lang=en``; the graph
page's language switch keeps the page and its query. The views come from the registry
(``pokin.graph.views.VIEWS``): a new view fails here until it has a target below.

Over the seed cascade and a small generated region (Kabupaten Contoh, fictional: its RPJMD and
three agencies), for the views across cascades. The ``page`` fixture also checks that no request
left 127.0.0.1 and the console showed no error. Screenshots go to
``test-artifacts/screenshots/``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from pokin.core import i18n
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.tree import cascade_tree
from pokin.graph.views import VIEWS
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate_region import (
    IMPACT_AGENCIES,
    IMPACT_SUB,
    REGION,
    RPJMD_ID,
    agency_id,
    generate_region,
)
from pokin.visualize.tree import render_standalone
from tests.browser.conftest import screenshot, wait_for_graph

pytestmark = pytest.mark.browser

SEED = load_cascade_file(SEED_FILE).cascade.id
START = agency_id(IMPACT_AGENCIES[0])
SUB = "sub-5.04.02.2.01.0003"

#: View name -> (its target id, the cascade): every view of the registry has one.
TARGETS: dict[str, tuple[str | None, str | None]] = {
    "cascade": (None, SEED),
    "owner": ("kabid-pengembangan-sdm", SEED),
    "subtree": ("tujuan", SEED),
    "trace": (SUB, SEED),
    "impact": (IMPACT_SUB, START),
    "contributors": (None, RPJMD_ID),  # an RPJMD Sasaran that agencies support: read below
    "check": ("near_duplicate_names", SEED),
    "crosscutting": (REGION, None),
}

#: The texts a graph page shows, read from the page (the legend, toolbar, header, a tooltip).
TEXTS = """() => ({
  lang: document.documentElement.lang,
  view: document.querySelector(".pg-view").textContent.trim(),
  fit: document.querySelector(".pg-controls [data-fit]").textContent.trim(),
  hint: document.querySelector(".pg-hint").textContent.trim(),
  goal: document.querySelector("[data-legend-kind=goal]").textContent.trim(),
  owner: document.querySelector("[data-legend-kind=owner]").textContent.trim(),
  links: document.querySelector("[data-legend-links]").textContent.replace(/\\s+/g, " ").trim(),
  stats: document.querySelector(".pg-stats").textContent.replace(/\\s+/g, " ").trim(),
  agency: (document.querySelector("[data-agency]") || {textContent: ""}).textContent.trim(),
  titles: window.network.body.data.nodes.get()
    .filter((n) => n.kind !== "cluster").map((n) => String(n.title || "")),
  edges: window.network.body.data.edges.get().map((e) => String(e.title || "")),
})"""


@pytest.fixture(scope="module")
def browser_db(driver, settings):
    """The seed cascade and a small generated region (RPJMD + three agencies), for this module
    (overrides the conftest's seed-and-planted database)."""
    db = Db(driver, settings.neo4j_database, timeout=120)
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
    load_cascade(db, load_cascade_file(SEED_FILE))
    for data in generate_region(3, planted=False).files:
        load_cascade(db, parse_cascade(dump_yaml(data), data["cascade"]["id"]))
    return driver


@pytest.fixture(scope="module")
def urls(browser_db, settings) -> dict[str, str]:
    """Each view's page, by view name."""
    supported = browser_db.execute_query(
        "MATCH (x:Element)-[:SUPPORTS]->(t:Target {cascade: $c}) WHERE x.cascade <> $c "
        "RETURN t.id AS id ORDER BY id LIMIT 1",
        c=RPJMD_ID,
        database_=settings.neo4j_database,
    ).records[0]["id"]
    targets = {**TARGETS, "contributors": (supported, RPJMD_ID)}
    return {name: VIEWS[name].url(*targets[name]) for name in VIEWS}


def test_every_view_has_a_target_here():
    assert set(TARGETS) == set(VIEWS)


def _with(url: str, **params: str) -> str:
    return url + ("&" if "?" in url else "?") + "&".join(f"{k}={v}" for k, v in params.items())


@pytest.mark.parametrize("name", list(VIEWS))
def test_a_graph_in_indonesian_by_default_and_in_english_when_asked(name, urls, server, page):
    response = page.goto(f"{server}{urls[name]}")
    assert response.status == 200
    wait_for_graph(page)
    shown = page.evaluate(TEXTS)
    assert shown["lang"] == "id"
    with i18n.using("id"):
        label = i18n.gettext(VIEWS[name].label)
    assert label != VIEWS[name].label and shown["view"].startswith(label)
    assert shown["fit"] == "Tampilkan semua"
    assert shown["hint"].startswith("Arahkan kursor ke elemen")
    assert shown["goal"] == "Tujuan" and shown["owner"] == "Pemilik Kinerja"
    assert shown["links"].startswith("mendukung bagian dari / diukur dengan")
    assert " elemen · " in shown["stats"] and " keterkaitan" in shown["stats"]
    assert shown["agency"].startswith(("Perangkat Daerah:", "Daerah:"))
    results = [t for t in shown["titles"] if "\nPemilik Kinerja" in t]
    assert results, shown["titles"][:3]
    assert all(t.endswith("— klik untuk membuka halamannya") for t in shown["titles"])
    assert not any("Owner(s)" in t or "click to open" in t for t in shown["titles"])
    assert not any(t.startswith(("supports", "part of")) for t in shown["edges"])
    if name in ("cascade", "trace"):
        screenshot(page, f"graph-language-{name}-id")

    page.goto(f"{server}{_with(urls[name], lang='en')}")
    wait_for_graph(page)
    english = page.evaluate(TEXTS)
    assert english["lang"] == "en"
    assert english["view"].startswith(VIEWS[name].label)
    assert english["fit"] == "Fit all" and english["goal"] == "Goal (Tujuan)"
    assert english["hint"].startswith("Hover an element")
    assert english["links"].startswith("supports (mendukung) part of (bagian dari)")
    assert english["agency"].startswith(("Agency:", "Region:"))
    assert all(t.endswith("— click to open its page") for t in english["titles"])
    if name == "trace":
        screenshot(page, "graph-language-trace-en")


def test_the_next_finding_counts_in_the_page_language(urls, server, page):
    page.goto(f"{server}{urls['check']}")
    wait_for_graph(page)
    button = page.locator("[data-next-finding]")
    assert button.inner_text().startswith("Temuan berikutnya")
    button.click()
    assert page.locator("[data-finding-at]").inner_text().startswith("(1 dari ")
    severities = page.locator(".pg-sev").all_inner_texts()
    assert severities and all(
        s.split(" ", 1)[1] in ("galat", "peringatan", "info") for s in severities
    )


def test_the_switch_on_a_graph_page_keeps_the_page_and_its_query(urls, server, page):
    page.goto(f"{server}{urls['trace']}")
    wait_for_graph(page)
    switch = page.locator(".pg-site .lang-switch")
    assert switch.locator("[aria-current]").inner_text() == "Bahasa Indonesia"
    with page.expect_navigation():
        switch.locator("a[hreflang=en]").click()
    url = urlparse(page.url)
    assert url.path == f"/graph/elements/{SUB}/trace"
    assert parse_qs(url.query) == {"cascade": [SEED], "lang": ["en"]}
    wait_for_graph(page)
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator(".pg-site .lang-switch [aria-current]").inner_text() == "English"
    assert page.locator(".pg-view").text_content().startswith("Trace to the Goal")
    with page.expect_navigation():
        page.locator(".pg-site .lang-switch a[hreflang=id]").click()
    wait_for_graph(page)
    assert page.get_attribute("html", "lang") == "id"
    assert parse_qs(urlparse(page.url).query) == {"cascade": [SEED], "lang": ["id"]}


def test_the_tree_page_in_indonesian_then_english_by_its_switch(browser_db, server, page):
    page.goto(f"{server}/tree?cascade={SEED}&depth=2")
    assert page.get_attribute("html", "lang") == "id"
    toolbar = page.locator(".pk-toolbar")
    assert toolbar.locator("[data-action=expand-all]").inner_text() == "Buka semua"
    assert toolbar.locator("[data-action=collapse-all]").inner_text() == "Tutup semua"
    assert "sasaran tepat di bawah kartu" in toolbar.locator("[data-legend]").inner_text()
    options = toolbar.locator("[data-depth-select] option").all_inner_texts()
    assert options[:2] == ["1: Tujuan", "2: Sasaran Strategis"]
    assert page.locator(".pk-title h1").inner_text() == "Pohon Kinerja"
    assert page.locator(".pk-card .pk-level").first.inner_text() == "Tujuan"
    assert (
        page.locator(".pk-toggle")
        .first.get_attribute("title")
        .endswith("klik untuk menampilkan atau menyembunyikannya")
    )
    page.fill("[data-search] input[name=find]", "zzzz-tidak-ada")
    page.press("[data-search] input[name=find]", "Enter")
    assert page.inner_text("[data-search-status]") == "tidak ditemukan"
    screenshot(page, "tree-language-id")

    with page.expect_navigation():
        page.click(".lang-switch a[hreflang=en]")
    url = urlparse(page.url)
    assert url.path == "/tree"
    assert parse_qs(url.query) == {"cascade": [SEED], "depth": ["2"], "lang": ["en"]}
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("[data-action=expand-all]").inner_text() == "Expand all"
    assert page.locator("[data-depth-select] option").first.inner_text() == "1: Goal (Tujuan)"
    assert page.locator(".pk-title h1").inner_text() == "Performance tree (pohon kinerja)"
    page.fill("[data-search] input[name=find]", "zzzz-nothing")
    page.press("[data-search] input[name=find]", "Enter")
    assert page.inner_text("[data-search-status]") == "no match"


def test_the_printable_tree_in_the_language_it_is_drawn_in(browser_db, settings, page):
    tree = cascade_tree(Db(browser_db, settings.neo4j_database, timeout=120), SEED)
    with i18n.using("id"):
        indonesian = render_standalone(tree, 1)
    with i18n.using("en"):
        english = render_standalone(tree, 1)
    assert '<html lang="id">' in indonesian and '<html lang="en">' in english
    page.set_content(indonesian)
    header = page.inner_text(".pk-title p")
    assert f"pohon kinerja {SEED}" in header and " sasaran" in header
    assert "Tujuan" in header and "Goal" not in header
    screenshot(page, "tree-print-language-id")
    page.set_content(english)
    header = page.inner_text(".pk-title p")
    assert f"cascade {SEED}" in header and " results" in header and "Goal (Tujuan)" in header
