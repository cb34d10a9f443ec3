"""The measurement checks as a user sees them in Chromium: a cascade with targets per year and
one planted gap in its quarterly realisation (TW II missing, TW III reported) shows exactly that
finding on the check's page, in English and in Indonesian."""

from __future__ import annotations

import pytest

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from tests.browser.conftest import screenshot
from tests.e2e.test_measurement_checks import _q3_without_q2, measured

CID = "ukur-contoh"


@pytest.fixture(scope="module")
def measured_cascade(browser_db, settings):
    b = measured()
    _q3_without_q2(b.element("ind-st-b1a"))
    load_cascade(Db(browser_db, settings.neo4j_database), b.parse())
    return CID


def test_the_missing_quarter_is_the_one_finding_of_its_check(server, page, measured_cascade):
    page.goto(f"{server}/checks/missing_quarters?cascade={measured_cascade}&lang=en")
    assert page.locator("[data-finding-count]").inner_text() == "1"
    rows = page.locator("table.table tbody tr")
    assert rows.count() == 1
    assert "ind-st-b1a" in rows.first.inner_text()
    assert "2025: TW II not reported, TW I, III reported" in rows.first.inner_text()
    screenshot(page, "check-missing-quarters-en")
    page.goto(f"{server}/checks/missing_quarters?cascade={measured_cascade}&lang=id")
    assert (
        "2025: Triwulan II belum dilaporkan, Triwulan I, III sudah"
        in page.locator("table.table tbody tr").first.inner_text()
    )
    screenshot(page, "check-missing-quarters-id")
    page.goto(f"{server}/checks/capaian_above_cap?cascade={measured_cascade}&lang=en")
    assert page.locator("[data-finding-count]").inner_text() == "0"
    assert "No findings" in page.locator("main").inner_text()
