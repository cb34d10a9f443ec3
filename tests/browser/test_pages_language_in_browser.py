"""The explorer's page BODIES in Chromium: Indonesian when no language is chosen (the browser
sends its factory ``en-US`` header), English after a click on the header's switch, which keeps
the page and its parameters.

One database for the module: a generated region (Kabupaten Contoh, fictional: its RPJMD and
ten agencies, with their planted defects) and a small cascade whose indicator has the Target
1234.5 (``1.234,5`` in Indonesian, ``1,234.5`` in English). Two servers over it: one with no
default cascade (``/`` is the region home) and one whose default is an agency (``/`` is that
agency's page). The ``page`` fixture checks that no request leaves 127.0.0.1 and the console
shows no error.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from pydantic import SecretStr

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.seed import dump_yaml, parse_cascade
from pokin.seed.generate_region import REGION, agency_id, generate_region
from tests.browser.conftest import screenshot
from tests.e2e.cascade_builder import clean_cascade, full_indicator
from tests.live_server import serve_app

pytestmark = pytest.mark.browser

CID = "bahasa-contoh"
INDICATOR = "ind-st-a1a-bh"
AGENCY = agency_id(1)
#: the fewest a region with its planted defects needs (findings to show in the matrix)
AGENCIES = 10


@pytest.fixture(scope="module")
def browser_db(driver, settings):
    """The region and the cascade with the planted Target (overrides the conftest's)."""
    db = Db(driver, settings.neo4j_database, timeout=120)
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
    for data in generate_region(AGENCIES).files:
        load_cascade(db, parse_cascade(dump_yaml(data), data["cascade"]["id"]))
    b = clean_cascade(CID, suffix="-bh")
    b.element("st-a1a-bh")["indicators"] = [
        full_indicator(INDICATOR, unit="persen", target_value=1234.5)
    ]
    load_cascade(db, b.parse())
    return driver


def _serve(settings, default: str | None) -> Iterator[str]:
    from pokin.api.main import create_app

    chosen = settings.model_copy(
        update={
            "pokin_default_cascade": default,
            "pokin_query_timeout": 120,
            "pokin_api_key": SecretStr("bahasa-key-0123456789"),  # the upload form shows
        }
    )
    with serve_app(create_app(chosen)) as url:
        yield url


@pytest.fixture(scope="module")
def servers(browser_db, settings) -> Iterator[dict[str, str]]:
    """``region``: no default cascade; ``agency``: the first agency by default."""
    region = _serve(settings, None)
    agency = _serve(settings, AGENCY)
    try:
        yield {"region": next(region), "agency": next(agency)}
    finally:
        region.close()
        agency.close()


CHECK = "results_without_indicator"

#: (server, path, Indonesian words of the body, English words of the body)
PAGES = {
    "region-home": (
        "region",
        "/",
        ["Pohon kinerja yang mana?", "Wilayah", "Perangkat Daerah per wilayah", "Galat"],
        ["Which cascade?", "Regions", "Agencies by region", "Errors"],
    ),
    "one-cascade-home": (
        "agency",
        "/",
        ["Isi pohon kinerja", "Pemeriksaan keselarasan", "Beban kerja pemilik kinerja", "Porsi"],
        ["What the cascade holds", "Alignment checks", "Owners' workload", "Share"],
    ),
    "agency": (
        "region",
        f"/?cascade={AGENCY}",
        ["Wilayah", "Tautan crosscutting", "Sasaran RPJMD yang didukungnya", "Ekspor"],
        ["Region", "Crosscutting links", "RPJMD Sasaran it supports", "Export"],
    ),
    "element": (
        "region",
        f"/elements/{INDICATOR}?cascade={CID}",
        ["Rincian", "Tautan ke atas dan ke bawah", "Penelusuran ke Tujuan", "Polaritas"],
        ["Details", "Links up and down", "Trace to the Goal", "Polarity"],
    ),
    "check": (
        "region",
        f"/checks/{CHECK}?cascade={CID}",
        ["› pemeriksaan ›", "temuan", "Tidak ada temuan: pemeriksaan ini lolos."],
        ["› checks ›", "findings", "No findings: this check passes."],
    ),
    "region": (
        "region",
        f"/regions/{REGION}",
        ["Daftar isi", "Perangkat Daerah dan temuannya", "Beban kerja di seluruh wilayah"],
        ["Contents", "Agencies and their findings", "Workload across the region"],
    ),
    "search": (
        "region",
        f"/search?q=terlayani&cascade={CID}",
        ["cocok dengan", "Ditemukan lewat", "cari di semua pohon kinerja"],
        ["match", "Found by", "search every cascade"],
    ),
    "upload": (
        "region",
        "/upload",
        ["Unggah berkas pohon kinerja", "Kunci API", "Pohon kinerja yang sudah tersimpan"],
        ["Upload a cascade file", "API key", "A cascade already stored"],
    ),
}


#: The body's own text as written (``inner_text`` would give CSS-uppercased headers), without
#: the embedded graph (``section.pg``, the pictures' own texts) and the scripts' data.
OWN_TEXT = """() => {
  const main = document.querySelector("main").cloneNode(true);
  for (const x of main.querySelectorAll("section.pg, script")) x.remove();
  return main.textContent;
}"""


def _text(page) -> str:
    return " ".join(page.evaluate(OWN_TEXT).split())


@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_body_in_indonesian_then_english_by_the_switch(servers, page, name):
    server, path, indonesian, english = PAGES[name]
    page.goto(servers[server] + path)
    assert page.get_attribute("html", "lang") == "id"
    body = _text(page)
    assert [w for w in indonesian if w not in body] == []
    assert [w for w in english if w in body and w not in indonesian] == []
    screenshot(page, f"pages-language-{name}-id")

    with page.expect_navigation():
        page.click(".lang-switch a[hreflang=en]")
    url, asked = urlparse(page.url), urlparse(path)
    assert url.path == asked.path
    assert parse_qs(url.query) == {**parse_qs(asked.query), "lang": ["en"]}
    assert page.get_attribute("html", "lang") == "en"
    body = _text(page)
    assert [w for w in english if w not in body] == []
    screenshot(page, f"pages-language-{name}-en")


def test_a_target_in_each_language_number_format(servers, page):
    page.goto(f"{servers['region']}/elements/{INDICATOR}?cascade={CID}")
    assert page.inner_text("dd[data-target]") == "1.234,5 persen"
    page.goto(f"{servers['region']}/elements/st-a1a-bh?cascade={CID}")
    assert page.inner_text("td[data-target]") == "1.234,5 persen"
    page.goto(f"{servers['region']}/elements/{INDICATOR}?cascade={CID}&lang=en")
    assert page.inner_text("dd[data-target]") == "1,234.5 persen"


def test_the_region_filter_counts_in_the_page_language(servers, page):
    """pokin-region.js writes "N of M shown" from the page's own words."""
    page.goto(f"{servers['region']}/regions/{REGION}")
    shown = page.locator("[data-shown]")
    all_ = AGENCIES + 1  # and the RPJMD
    assert shown.inner_text() == f"{all_} dari {all_} ditampilkan"
    page.fill("[data-filter-name]", AGENCY)
    assert shown.inner_text() == f"1 dari {all_} ditampilkan"
    page.goto(f"{servers['region']}/regions/{REGION}?lang=en")
    page.fill("[data-filter-name]", AGENCY)
    assert page.locator("[data-shown]").inner_text() == f"1 of {all_} shown"


def test_the_upload_answer_in_the_page_language(servers, page, recorder):
    """pokin-upload.js writes its answer from the page's words: a wrong key is refused."""
    page.goto(f"{servers['region']}/upload")
    page.set_input_files(
        "input[name=file]", {"name": "a.yaml", "mimeType": "text/yaml", "buffer": b"a: 1\n"}
    )
    page.fill("input[name=key]", "not-the-key")
    recorder.allowed_errors.append("403")  # the browser logs the refused request's status
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("[data-upload-error]")
    assert page.inner_text("[data-upload-error] p").startswith("Tidak dimuat (403): ")
