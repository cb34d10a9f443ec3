"""The home page with a region loaded, the chooser of pages that need a cascade, an agency's
Region card and the region page as a dashboard (filter, sort, readable matrix), in a real
browser (Debian's Chromium, headless, via Playwright).

The database: the seed beside a generated region (Kabupaten Contoh, synthetic: its RPJMD and
ten agencies with the planted cross-agency defects), one agency's first Sasaran stripped of its
indicator (so that exactly one cascade has an error). No default cascade is set. What the pages
show is compared with pokin's report and with Cypher of the test's own.

Each test's pages are also checked by the ``page`` fixture: no request leaves 127.0.0.1, the
console shows no error, no dialog opens. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import re

import pytest

from pokin.core.i18n import gettext, using
from pokin.graph.checks import CHECKS
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.report import run_region_checks
from pokin.graph.workload import region_workload
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate_region import REGION, REGION_NAME, RPJMD_ID, agency_id, generate_region
from tests.browser.conftest import SCREENSHOTS, screenshot, wait_for_graph
from tests.live_server import serve_app

pytestmark = pytest.mark.browser

AGENCIES = 10
#: the agency whose first Sasaran has no indicator: the region's only error
BROKEN = 3
AGENCY = agency_id(1)
SEED_ID = "bkpsdm-pemalang-2025-2029"
VISIBLE = "table[data-table=cascades] tbody tr:visible"


@pytest.fixture(scope="module")
def browser_db(driver, settings):
    """The seed and the region (overrides the conftest's seed-and-planted database)."""
    db = Db(driver, settings.neo4j_database, timeout=120)
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
    load_cascade(db, load_cascade_file(SEED_FILE))
    region = generate_region(AGENCIES)
    region.agencies[BROKEN]["targets"][0]["indicators"] = []
    for data in region.files:
        load_cascade(db, parse_cascade(dump_yaml(data), data["cascade"]["id"]))
    return driver


@pytest.fixture(scope="module")
def server(browser_db, settings):
    """The API with no default cascade: the home page and the menu must offer a choice."""
    from pokin.api.main import create_app

    unchosen = settings.model_copy(
        update={"pokin_default_cascade": None, "pokin_query_timeout": 120}
    )
    with serve_app(create_app(unchosen)) as url:
        yield url


@pytest.fixture(scope="module")
def report(browser_db, settings):
    return run_region_checks(Db(browser_db, settings.neo4j_database, timeout=120), REGION)


def _by_severity(report, severity: str) -> set[str]:
    return {
        f.cascade for c in report.checks if c.severity == severity for f in c.findings if f.cascade
    }


def _section_shot(page, selector: str, name: str) -> None:
    """One section of a long page, legible at its own size."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(selector).screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _top(page, selector: str) -> float:
    return page.locator(selector).bounding_box()["y"]


def test_home_shows_the_region_first_and_agencies_grouped(page, server, report):
    page.goto(f"{server}/regions/{REGION}")  # checks the region: the home page shows its findings
    response = page.goto(f"{server}/")
    assert response.status == 200
    assert _top(page, "#regions") < _top(page, "#agencies")
    row = page.locator("table[data-table=home-regions] tbody tr")
    assert row.count() == 1
    assert row.locator("[data-agencies]").inner_text() == str(AGENCIES)
    errors = report.summary.findings["error"]
    assert errors == 1 and row.locator("[data-errors]").inner_text() == str(errors)
    assert row.locator("[data-warnings]").inner_text() == str(report.summary.findings["warning"])
    assert row.locator(f'a[href="/?cascade={RPJMD_ID}"]').count() == 1
    groups = page.locator("[data-group]")
    assert [groups.nth(i).get_attribute("data-group") for i in range(groups.count())] == [
        REGION,
        "",
    ]
    region_group = page.locator(f'[data-group="{REGION}"]')
    assert region_group.locator("li[data-choice]").count() == AGENCIES + 1
    assert region_group.locator("li[data-choice]").first.get_attribute("data-choice") == RPJMD_ID
    broken = region_group.locator(f'li[data-choice="{agency_id(BROKEN)}"]')
    assert broken.locator(".count-error").inner_text() == "1 galat"  # the Indonesian frame
    assert page.locator('[data-group=""] li[data-choice]').count() == 1  # the seed, last
    screenshot(page, "home-by-region")
    row.locator(f'a[href="/regions/{REGION}"]').click()
    page.wait_for_url(f"{server}/regions/{REGION}")
    assert REGION_NAME in page.locator("h1").inner_text()


@pytest.mark.parametrize(
    ("menu", "path"), [("Pohon", "/tree"), ("Graf seluruh pohon kinerja", "/graph")]
)
def test_menu_links_without_a_cascade_lead_to_a_chooser(page, server, menu, path):
    page.goto(f"{server}/")
    with page.expect_navigation() as nav:
        page.locator(f"nav.site-nav a:text-is('{menu}')").click()
    assert nav.value.status == 200  # never a 404
    assert page.locator("h1").inner_text() == "Pohon kinerja yang mana?"
    links = page.locator(f'[data-chooser="{path}"] li[data-choice] a')
    assert links.count() == AGENCIES + 2  # the RPJMD, the agencies, the seed
    assert page.locator(f'[data-group="{REGION}"] h3').inner_text().startswith(REGION_NAME)
    screenshot(page, f"chooser-{path.strip('/')}")
    page.locator(f'a[href="{path}?cascade={AGENCY}"]').click()
    page.wait_for_url(f"{server}{path}?cascade={AGENCY}")
    if path == "/graph":
        wait_for_graph(page)
    assert page.locator("meta[name=pokin-cascade]").get_attribute("content") == AGENCY


def test_region_filter_narrows_the_agencies(page, server, report):
    response = page.goto(f"{server}/regions/{REGION}")
    assert response.status == 200
    assert page.locator("meta[name=pokin-region]").get_attribute("content") == REGION
    everything = AGENCIES + 1
    assert page.locator(VISIBLE).count() == everything
    name = page.locator("[data-filter-name]")
    name.fill("Contoh 03")
    assert page.locator(VISIBLE).count() == 1
    assert page.locator(VISIBLE).get_attribute("data-cascade") == agency_id(3)
    assert page.locator("[data-shown]").inner_text() == f"1 dari {everything} ditampilkan"
    name.fill("contoh 0")  # words start words, any case: the ten agencies, not the RPJMD
    assert page.locator(VISIBLE).count() == AGENCIES
    name.fill("opd-07")  # an id
    assert page.locator(VISIBLE).get_attribute("data-cascade") == agency_id(7)
    assert page.locator(VISIBLE).count() == 1
    name.fill("")
    severity = page.locator("[data-filter-severity]")
    severity.select_option("error")
    assert page.locator(VISIBLE).count() == 1
    assert {page.locator(VISIBLE).get_attribute("data-cascade")} == _by_severity(report, "error")
    severity.select_option("warning")
    warned = _by_severity(report, "warning")
    assert 0 < len(warned) < everything
    rows = page.locator(VISIBLE)
    assert {rows.nth(i).get_attribute("data-cascade") for i in range(rows.count())} == warned
    name.fill("no such agency")
    assert rows.count() == 0 and page.locator("[data-none-shown]").is_visible()
    name.fill("")
    severity.select_option("")
    assert page.locator(VISIBLE).count() == everything
    screenshot(page, "region-dashboard")
    name.fill("contoh 0")
    severity.select_option("warning")
    _section_shot(page, "#agencies", "region-agencies-filtered")


def test_region_agencies_sort_by_findings(page, server, report):
    page.goto(f"{server}/regions/{REGION}")
    header = page.locator("th:has(button[data-sort=findings])")

    def column(key: str) -> list[int]:
        rows = page.locator("table[data-table=cascades] tbody tr")
        return [int(rows.nth(i).get_attribute(f"data-{key}")) for i in range(rows.count())]

    assert column("findings") != sorted(column("findings"), reverse=True)  # not already so
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert column("findings") == sorted(column("findings"), reverse=True)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert column("findings") == sorted(column("findings"))
    page.locator("button[data-sort=error]").click()
    first = page.locator("table[data-table=cascades] tbody tr").first
    assert first.get_attribute("data-cascade") == agency_id(BROKEN)
    assert header.get_attribute("aria-sort") == "none"


def test_matrix_headers_are_check_titles_with_ids_on_hover(page, server, report):
    page.goto(f"{server}/regions/{REGION}")
    heads = page.locator("table[data-table=matrix] thead th[data-check]")
    found = [c.name for c in report.checks if c.count]
    assert [heads.nth(i).get_attribute("title") for i in range(heads.count())] == found
    for i, name in enumerate(found):
        text = heads.nth(i).inner_text()
        with using("id"):  # the page's language
            assert gettext(CHECKS[name].title) in text and name not in text
    # rows with findings shown, the others folded
    with_findings = {f.cascade for c in report.checks for f in c.findings}
    rows = page.locator("table[data-table=matrix] tbody tr")
    assert {rows.nth(i).get_attribute("data-matrix-row") for i in range(rows.count())} == (
        with_findings
    )
    folded = page.locator("[data-clean] li[data-clean-cascade]")
    assert rows.count() + folded.count() == AGENCIES + 1
    assert not folded.first.is_visible()
    page.locator("[data-clean] summary").click()
    assert folded.first.is_visible()
    _section_shot(page, "#findings", "region-matrix")
    passing = page.locator("[data-passing] li[data-check]")
    assert passing.count() == len(report.checks) - len(found)
    # HHI and Gini in plain words, their names on hover
    spread = page.locator("#region-workload [data-spread] abbr")
    assert spread.count() == 2
    assert spread.nth(0).get_attribute("title").startswith("Indeks Herfindahl–Hirschman (HHI)")
    assert spread.nth(1).get_attribute("title").startswith("Koefisien Gini")
    assert "HHI" not in page.locator("#region-workload [data-spread]").inner_text()
    basis = page.locator("table[data-table=crosscutting] abbr[data-basis]").first
    assert basis.get_attribute("title") == "dasar: crosscutting_agreement"
    assert basis.inner_text() == "disepakati antar-Perangkat Daerah"


def test_region_lists_truncated_with_show_all(page, server, browser_db, settings):
    wl = region_workload(Db(browser_db, settings.neo4j_database, timeout=120), REGION)
    largest = len(wl.spread.largest_owners)
    page.goto(f"{server}/regions/{REGION}")
    line = page.locator("#region-workload .spread-line")
    shown = line.locator(":scope > bdi")
    assert shown.count() == min(largest, 10)
    if largest > 10:
        more = line.locator("[data-show-all]")
        assert more.locator("summary").inner_text() == f"tampilkan semua {largest}"
        more.locator("summary").click()
        assert more.locator("bdi").count() == largest - 10
    _section_shot(page, "#region-workload .spread-line", "region-largest-share")
    links = page.locator("#crosscutting table[data-table=crosscutting] tbody tr")
    total = int(re.search(r"\((\d+)\)", page.locator("#crosscutting h2").inner_text()).group(1))
    assert links.count() == total  # the first ten and the rest behind "show all"
    visible = page.locator("#crosscutting table[data-table=crosscutting] tbody tr:visible")
    assert visible.count() == min(total, 10)
    # contents: every entry leads to its section
    for href in page.locator("[data-toc] a").evaluate_all("xs => xs.map(x => x.hash)"):
        assert page.locator(href).count() == 1


def test_agency_page_shows_its_region_and_rpjmd_sasaran(page, server, browser_db, settings):
    supported = browser_db.execute_query(
        "MATCH (:Element {cascade: $c})-[:SUPPORTS]->(t:Element {cascade: $r}) "
        "RETURN t.id AS id ORDER BY id",
        c=AGENCY,
        r=RPJMD_ID,
        database_=settings.neo4j_database,
    ).records
    response = page.goto(f"{server}/?cascade={AGENCY}")
    assert response.status == 200
    assert page.locator("meta[name=pokin-cascade]").get_attribute("content") == AGENCY
    assert "Perangkat Daerah Contoh 01" in page.locator(".eyebrow").text_content()
    card = page.locator("[data-region-card]")
    assert card.locator("a[data-region-link]").get_attribute("href") == f"/regions/{REGION}"
    assert card.locator("a[data-region-link]").inner_text() == REGION_NAME
    items = card.locator("li[data-rpjmd]")
    assert supported and sorted(
        items.nth(i).get_attribute("data-rpjmd") for i in range(items.count())
    ) == sorted(r["id"] for r in supported)
    assert card.locator("tr[data-direction=out]").count() > 0
    assert card.locator("tr[data-direction=in]").count() > 0
    screenshot(page, "agency-page-region")
    card.locator("li[data-rpjmd] a.el").first.click()
    page.wait_for_url(re.compile(rf"/elements/[^?]+\?cascade={RPJMD_ID}$"))
    assert page.locator("meta[name=pokin-cascade]").get_attribute("content") == RPJMD_ID


def test_ambiguous_id_page_lists_the_agencies(page, server, recorder):
    recorder.allowed_errors.append("409")
    response = page.goto(f"{server}/elements/at-syn0-1-0-0")
    assert response.status == 409
    links = page.locator("li[data-choice] a")
    assert links.count() == AGENCIES
    assert links.first.inner_text() == "Perangkat Daerah Contoh 00 (synthetic)"
    screenshot(page, "ambiguous-id")
    links.first.click()
    page.wait_for_url(f"{server}/elements/at-syn0-1-0-0?cascade={agency_id(0)}")
