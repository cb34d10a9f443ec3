"""Searching from the header box of a page, in Chromium: a nomenclature code (the two-digit
form of earlier exports, the seed stores four), an owner title of the seed and an indicator
phrase each find the expected element and show its agency. A fictional "Contoh" cascade holding
the same code is loaded beside the seed, so a search from a page that names no cascade finds it
in both agencies. What is expected is read with Cypher of the test's own.

Each test's pages are also checked by the ``page`` fixture: no request leaves 127.0.0.1, the
console shows no error, no dialog opens. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.e2e.cascade_builder import clean_cascade

pytestmark = pytest.mark.browser

SEED = "bkpsdm-pemalang-2025-2029"
SEED_AGENCY = "BKPSDM Kabupaten Pemalang"
CONTOH = "contoh-search-2025-2029"
CONTOH_AGENCY = "Badan Contoh Kepegawaian"
OLD_CODE = "5.03.02.2.02.01"  # the seed's 5.03.02.2.02.0001, as earlier exports write it


@pytest.fixture(scope="module")
def contoh(browser_db, settings):
    """A fictional cascade whose sub-a2a holds the seed's code 5.03.02.2.02.0001."""
    b = clean_cascade(CONTOH)
    b.data["cascade"]["agency"] = CONTOH_AGENCY
    b.element("sub-a2a")["code"] = "5.03.02.2.02.0001"
    b.load(browser_db, settings.neo4j_database)
    return CONTOH


def _search_from_header(page, url: str, text: str) -> None:
    page.goto(url)
    box = page.locator("header.site form.search input[name=q]")
    box.fill(text)
    with page.expect_navigation():
        box.press("Enter")
    page.wait_for_selector("h1:text('Cari')")


def _rows(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "table[data-results] tbody tr",
        """rows => rows.map(r => ({
            key: r.dataset.result,
            matched: r.dataset.matched,
            agency: r.querySelector('[data-agency]').innerText,
            found: r.querySelector('[data-found-by]').innerText,
            name: r.querySelector('a.el').innerText,
        }))""",
    )


def test_a_code_typed_in_the_header_finds_it_in_both_agencies(server, page, contoh):
    _search_from_header(page, f"{server}/upload", OLD_CODE)  # a page naming no cascade
    rows = _rows(page)
    assert [(r["key"], r["matched"]) for r in rows] == [
        (f"{SEED}:sub-5.03.02.2.02.0001", "code"),
        (f"{CONTOH}:sub-a2a", "code"),
    ]
    assert rows[0]["name"] == "Pengelolaan Mutasi ASN"
    assert rows[0]["agency"] == f"{SEED_AGENCY} ({SEED})"
    assert rows[1]["agency"] == f"{CONTOH_AGENCY} ({CONTOH})"
    screenshot(page, "explorer-search-code")
    with page.expect_navigation():
        page.locator("table[data-results] tbody tr a.el").first.click()
    assert page.url.endswith(f"/elements/sub-5.03.02.2.02.0001?cascade={SEED}")
    assert page.locator("h1").inner_text().endswith("Pengelolaan Mutasi ASN")


def test_an_owner_title_typed_in_the_header_finds_what_it_owns(server, page, browser_db, settings):
    owned = browser_db.execute_query(
        "MATCH (r)-[:OWNED_BY]->(:Owner {cascade: $c, id: 'kasubag-umpeg'}) RETURN r.id AS id",
        c=SEED,
        database_=settings.neo4j_database,
    ).records
    _search_from_header(page, f"{server}/?cascade={SEED}", "Kasubag Umpeg")
    rows = _rows(page)
    assert owned and {r["key"] for r in rows} == {f"{SEED}:{o['id']}" for o in owned}
    assert {(r["matched"], r["found"], r["agency"]) for r in rows} == {
        ("owner", "pemilik kinerja: Kasubag Umpeg", f"{SEED_AGENCY} ({SEED})")
    }
    screenshot(page, "explorer-search-owner")


def test_an_indicator_phrase_typed_in_the_header_finds_what_it_measures(server, page):
    _search_from_header(page, f"{server}/elements/kepala?cascade={SEED}", "melaporkan kinerjanya")
    rows = _rows(page)
    assert [(r["key"], r["matched"], r["agency"]) for r in rows] == [
        (f"{SEED}:at-pelaporan-penilaian-kinerja", "indicator", f"{SEED_AGENCY} ({SEED})")
    ]
    assert rows[0]["found"] == ("indikator: Jumlah ASN yang melaporkan kinerjanya di e-kinerja BKN")
    screenshot(page, "explorer-search-indicator")
