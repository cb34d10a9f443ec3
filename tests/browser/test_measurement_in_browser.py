"""Measurement where users look, in Chromium, in Indonesian by default: the element page's
chart draws the planted indicator's bars (heights in the order of the values, labels in the
locale's numbers) and its capaian table with the formula used; a unit page shows its budget;
the tree coloured by capaian category paints the planted low result in the Sangat Rendah
colour. The cascade is loaded through the real load path (a seed cascade with measurement)."""

from __future__ import annotations

import time
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.visualize.measurement import CATEGORY_COLOURS
from tests.browser.conftest import screenshot, wait_for_graph
from tests.e2e.cascade_builder import clean_cascade

CID = "capaian-contoh"
YEARS = range(2025, 2030)
#: the planted indicator: target 2025 of 80, realisation TW I-III rising (last value: 70)
CHARTED = "ind-st-a1a"
QUARTERS = {1: 20.0, 2: 45.5, 3: 70.0}
#: the planted low result: 12 against 60, capaian 20 % (Sangat Rendah)
LOW = "st-b1a"
#: a fictional region of two agencies: this one and one on track that reported TW III
REGION = "contoh-ukur"
OTHER = "capaian-contoh-b"


@pytest.fixture(scope="module")
def measured_cascade(browser_db, settings, server):
    b = clean_cascade(CID)
    for result in [b.data["goal"], *b.data["targets"]]:
        for ind in result["indicators"]:
            ind["targets"] = [{"year": y, "value": 60.0 + 5 * (y - 2025)} for y in YEARS]
            ind["realisation"] = [
                {"year": 2025, "quarter": 1, "value": 40.0},
                {"year": 2025, "quarter": 2, "value": 58.0},
            ]
    charted = b.element(CHARTED)
    charted["polarity"] = "positive"
    charted["aggregation"] = "last"
    charted["unit"] = "persen"
    charted["targets"][0]["value"] = 80.0
    charted["realisation"] = [{"year": 2025, "quarter": q, "value": v} for q, v in QUARTERS.items()]
    low = b.element(f"ind-{LOW}")
    low["realisation"] = [{"year": 2025, "quarter": 1, "value": 12.0}]
    for unit in b.data["sub_activities"]:
        unit["budget"] = [
            {"year": 2025, "pagu": 100_000_000.0},
            {"year": 2025, "quarter": 1, "realisation": 20_000_000.0},
            {"year": 2025, "quarter": 2, "realisation": 30_000_000.0},
        ]
    b.data["cascade"].update(region=REGION, agency="Dinas Contoh Ukur")
    db = Db(browser_db, settings.neo4j_database)
    load_cascade(db, b.parse())
    load_cascade(db, _on_track().parse())
    # the first page of a cascade runs its checks: done once here, on a busy machine, so that
    # no navigation of the tests waits for it
    _warm(f"{server}/elements/{CHARTED}?cascade={CID}")
    return CID


def _on_track():
    """The other agency: every indicator at 58 against 60 in TW I-III (96,7 %)."""
    b = clean_cascade(OTHER, suffix="-b")
    b.data["cascade"].update(region=REGION, agency="Badan Contoh Tepat Waktu")
    for result in [b.data["goal"], *b.data["targets"]]:
        for ind in result["indicators"]:
            ind["targets"] = [{"year": y, "value": 60.0} for y in YEARS]
            ind["realisation"] = [{"year": 2025, "quarter": q, "value": 58.0} for q in (1, 2, 3)]
    return b


def _warm(url: str, wait: float = 300) -> None:
    """GET ``url`` until it answers 200 (a 503 while the server warms its report cache)."""
    end = time.monotonic() + wait
    while True:
        try:
            urlopen(url, timeout=wait).read()
            return
        except HTTPError as e:
            if e.code != 503 or time.monotonic() > end:
                raise
            time.sleep(float(e.headers.get("Retry-After") or 2))


def test_the_element_chart_draws_the_planted_bars(server, page, measured_cascade):
    page.goto(f"{server}/elements/{CHARTED}?cascade={measured_cascade}")
    chart = page.locator("[data-chart]")
    assert chart.count() == 1
    assert chart.get_attribute("data-year") == "2025"
    bars = chart.locator("[data-bar]")
    assert bars.count() == 4  # the target and three quarters reported
    kinds = [bars.nth(i).get_attribute("data-kind") for i in range(4)]
    assert kinds == ["target", "realisation", "realisation", "realisation"]
    heights = [float(bars.nth(i).locator("rect").get_attribute("height")) for i in range(4)]
    # target 80 > 70 > 45.5 > 20: the heights keep the values' order and proportion
    assert heights[0] > heights[3] > heights[2] > heights[1] > 0
    assert heights[1] / heights[0] == pytest.approx(20 / 80, rel=1e-3)
    labels = [bars.nth(i).locator("[data-label]").text_content() for i in range(4)]
    assert labels == ["80", "20", "45,5", "70"]  # Indonesian decimals
    ticks = chart.locator("text.m-tick").all_text_contents()
    assert ticks == ["Target", "TW I", "TW II", "TW III", "TW IV"]
    row = page.locator("[data-capaian-table] tr[data-year='2025']")
    assert row.locator("[data-formula]").inner_text() == "capaian = 70 / 80 × 100 = 87,5"
    assert row.get_attribute("data-category") == "high"
    assert "Tinggi" in row.inner_text()
    assert page.locator("#measurement h2").inner_text() == "Target, realisasi dan capaian"
    assert "Realisasi" in page.locator("[data-capaian-table] thead").text_content()
    # no single target: the details name the targets per year, not "not given"
    details = page.inner_text("dd[data-target]")
    assert details == "2025: 80 · 2026: 65 · 2027: 70 · 2028: 75 · 2029: 80 (persen)"
    screenshot(page, "measurement-element-chart")


def test_the_year_without_realisation_says_why(server, page, measured_cascade):
    page.goto(f"{server}/elements/{CHARTED}?cascade={measured_cascade}&year=2026")
    chart = page.locator("[data-chart]")
    assert chart.get_attribute("data-year") == "2026"
    assert chart.locator("[data-bar][data-kind='realisation']").count() == 0
    row = page.locator("[data-capaian-table] tr[data-year='2026']")
    assert row.locator("[data-reason]").inner_text() == "belum ada realisasi"


def test_the_unit_page_shows_its_budget(server, page, measured_cascade):
    page.goto(f"{server}/elements/sub-a1a?cascade={measured_cascade}&lang=en")
    row = page.locator("[data-budget-table] tr[data-year='2025']")
    assert row.count() == 1
    assert "IDR\xa0100,000,000" in row.inner_text()  # Babel's no-break space
    assert "IDR\xa050,000,000" in row.inner_text()
    assert row.locator("[data-absorption]").inner_text().startswith("50%")
    # its result's capaian 87.5 against 50 % absorbed: efficient
    assert row.locator("[data-efficiency]").inner_text() == "Efficient"
    screenshot(page, "measurement-unit-budget-en")


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_the_tree_coloured_by_capaian_paints_the_low_result(server, page, measured_cascade):
    page.goto(f"{server}/tree?cascade={measured_cascade}&colour=capaian&year=2025&depth=10")
    card = page.locator(f"li[data-id='{LOW}'] > article.pk-card")
    assert card.get_attribute("data-capaian-category") == "very_low"
    edge = card.evaluate("e => getComputedStyle(e).borderLeftColor")
    assert edge == _rgb(CATEGORY_COLOURS["very_low"])
    assert card.locator("[data-capaian]").inner_text() == "Capaian 20\xa0% · Sangat Rendah"
    # a result on track keeps its own colour: the charted one is Tinggi (87.5 %)
    on_track = page.locator("li[data-id='st-a1a'] > article.pk-card")
    assert on_track.get_attribute("data-capaian-category") == "high"
    assert on_track.evaluate("e => getComputedStyle(e).borderLeftColor") == _rgb(
        CATEGORY_COLOURS["high"]
    )
    legend = page.locator("[data-capaian-legend]")
    assert legend.locator("[data-category]").all_inner_texts() == [
        "Sangat Tinggi",
        "Tinggi",
        "Sedang",
        "Rendah",
        "Sangat Rendah",
        "Tanpa capaian",
    ]
    assert page.locator("[data-colour-select]").input_value() == "capaian"
    screenshot(page, "measurement-tree-coloured")
    # without the option, no card is painted
    page.goto(f"{server}/tree?cascade={measured_cascade}&depth=10")
    assert page.locator("article.pk-cap").count() == 0


def test_the_region_ranks_agencies_and_lists_the_planted_path(server, page, measured_cascade):
    page.goto(f"{server}/regions/{REGION}")
    by_capaian = page.locator("[data-rank='capaian'] tbody tr")
    assert [by_capaian.nth(i).get_attribute("data-standing") for i in range(2)] == [
        OTHER,
        CID,
    ]
    assert by_capaian.nth(0).locator("[data-capaian]").inner_text() == "96,7\xa0%"
    fresh = page.locator("[data-rank='freshness'] tbody tr")
    assert [fresh.nth(i).get_attribute("data-standing") for i in range(2)] == [OTHER, CID]
    assert fresh.nth(0).locator("[data-latest]").inner_text() == "TW III 2025"
    assert fresh.nth(0).locator("[data-late]").get_attribute("data-late") == "0"
    # in this agency only the analyst reported TW III (the charted indicator)
    late = fresh.nth(1).locator("[data-late-owner]")
    assert sorted(late.evaluate_all("es => es.map(e => e.dataset.lateOwner)")) == [
        "kabid",
        "kasubag",
        "kepala",
        "sekretaris",
    ]
    row = page.locator(f"[data-at-risk-result='{CID}:{LOW}']")
    assert row.count() == 1
    endangered = row.locator("[data-endangered]").evaluate_all(
        "es => es.map(e => e.dataset.endangered)"
    )
    assert endangered == [f"{CID}:{x}" for x in ("at-b1", "pt-b", "ss-a", "tujuan")]
    # the agency on track has nothing at risk
    assert page.locator(f"[data-at-risk-result^='{OTHER}:']").count() == 0
    assert page.locator("#at-risk h2").inner_text().startswith("Sasaran berisiko")
    screenshot(page, "measurement-region-ranking")


def test_the_graph_coloured_by_capaian_paints_the_low_result(server, page, measured_cascade):
    page.goto(f"{server}/graph?cascade={measured_cascade}&colour=capaian&year=2025")
    wait_for_graph(page)
    background = "k => window.network.body.data.nodes.get(k).color.background"
    assert page.evaluate(background, f"{CID}:{LOW}") == CATEGORY_COLOURS["very_low"]
    assert page.evaluate(background, f"{CID}:st-a1a") == CATEGORY_COLOURS["high"]
    legend = page.locator("[data-capaian-legend] [data-category]").all_inner_texts()
    assert legend[-2:] == ["Sangat Rendah", "Tanpa capaian"]
    screenshot(page, "measurement-graph-coloured")
    page.goto(f"{server}/graph?cascade={measured_cascade}")
    wait_for_graph(page)
    assert page.evaluate(background, f"{CID}:{LOW}") != CATEGORY_COLOURS["very_low"]


def test_the_region_page_chooses_the_year_measured(server, page, measured_cascade):
    """The year control: a small GET form offering the agencies' period, the year shown
    selected; choosing one reloads the page with ``?year=``. The swatches take their colour
    from /static/capaian.css (made from CATEGORY_COLOURS)."""
    page.goto(f"{server}/regions/{REGION}?lang=en")
    form = page.locator("#capaian form.year-form")
    select = form.locator("select[name='year']")
    options = select.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert options == [str(y) for y in YEARS]
    assert select.input_value() == "2025"
    top = page.locator("[data-rank='capaian'] tbody tr").nth(0)
    assert top.get_attribute("data-category") == "very_high"
    swatch = top.locator(".m-swatch")
    colour = swatch.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == _rgb(CATEGORY_COLOURS["very_high"])
    form.scroll_into_view_if_needed()
    screenshot(page, "measurement-region-year-2025")
    select.select_option("2026")
    form.locator("button[type='submit']").click()
    page.wait_for_url("**/regions/*year=2026*")
    assert page.locator("#capaian h2").inner_text().endswith("· 2026")
    assert page.locator("#capaian select[name='year']").input_value() == "2026"
    capaian = page.locator("[data-rank='capaian'] [data-capaian]")
    assert capaian.evaluate_all("es => es.map(e => e.innerText)") == ["—", "—"]
    page.locator("#capaian").scroll_into_view_if_needed()
    screenshot(page, "measurement-region-year-2026")
