"""The agency page's "Results at risk" section in Chromium: the measured mini region (RPJMD +
two agencies, a planted low sub-activity result st-a1a at 40 % in opd-a) lists that result
with exactly its chain up to the Tujuan and the RPJMD Sasaran, in English and Indonesian."""

from __future__ import annotations

import pytest

from pokin.graph.db import Db
from tests.browser.conftest import screenshot
from tests.e2e.test_capaian_rollup import _load_mini, _measured_mini

CHAIN = [
    "opd-a:at-a1",
    "opd-a:pt-a",
    "opd-a:ss-a",
    "opd-a:tujuan",
    "rpjmd-mini:ss-r1",
    "rpjmd-mini:tujuan-r1",
    "rpjmd-mini:ss-r2",
]


@pytest.fixture(scope="module")
def mini_region(browser_db, settings):
    _load_mini(Db(browser_db, settings.neo4j_database, timeout=120), _measured_mini())
    return "opd-a"


def test_the_planted_low_result_lists_its_chain_up(server, page, mini_region):
    page.goto(f"{server}/?cascade={mini_region}&lang=en")
    section = page.locator("#at-risk")
    assert section.locator("h2").inner_text() == "Results at risk, 2025"
    rows = section.locator("[data-at-risk-result]")
    assert [rows.nth(i).get_attribute("data-at-risk-result") for i in range(rows.count())] == [
        "st-a1a",
        "at-a1",
    ]
    low = section.locator('[data-at-risk-result="st-a1a"]')
    assert "40%" in low.inner_text()
    chain = low.locator("[data-endangered]")
    assert [chain.nth(i).get_attribute("data-endangered") for i in range(chain.count())] == CHAIN
    section.scroll_into_view_if_needed()
    screenshot(page, "at-risk-en")
    page.goto(f"{server}/?cascade={mini_region}&lang=id")
    section = page.locator("#at-risk")
    assert section.locator("h2").inner_text() == "Sasaran berisiko, 2025"
    assert "40\u00a0%" in section.locator('[data-at-risk-result="st-a1a"]').inner_text()
    section.scroll_into_view_if_needed()
    screenshot(page, "at-risk-id")


def test_a_cascade_without_realisation_shows_no_section(server, page, mini_region):
    page.goto(f"{server}/?cascade=bkpsdm-pemalang-2025-2029&lang=en")
    assert page.locator("#at-risk").count() == 0
