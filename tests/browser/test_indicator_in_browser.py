"""An indicator's Target and unit (Satuan) as a user sees them in Chromium: on its element page,
in its result's indicator table and on its tree card; a unit holding markup shows as text."""

from __future__ import annotations

import pytest

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from tests.browser.conftest import screenshot
from tests.e2e.cascade_builder import clean_cascade, full_indicator

CID = "indicator-browser"
MARKUP = "<img src=x onerror=alert(6)>"


@pytest.fixture(scope="module")
def indicator_cascade(browser_db, settings):
    """A small cascade beside the seed and the planted one: st-a1a measured by an indicator
    with every field set (Target 87.5 %), st-a1b by one whose unit is markup."""
    b = clean_cascade(CID, suffix="-ib")
    b.element("st-a1a-ib")["indicators"] = [full_indicator("ind-st-a1a-ib")]
    b.element("st-a1b-ib")["indicators"] = [
        full_indicator("ind-st-a1b-ib", unit=MARKUP, target_value=1200.0)
    ]
    load_cascade(Db(browser_db, settings.neo4j_database), b.parse())
    return CID


def test_element_page_shows_target_and_unit(server, page, indicator_cascade):
    page.goto(f"{server}/elements/ind-st-a1a-ib?cascade={indicator_cascade}")
    target = page.locator("dd[data-target]")
    assert target.inner_text() == "87,5 %"  # the Indonesian page's number format
    assert target.evaluate("e => e.previousElementSibling.textContent") == "Target, Satuan"
    screenshot(page, "explorer-element-indicator-target")

    page.goto(f"{server}/elements/st-a1b-ib?cascade={indicator_cascade}")
    assert page.locator("td[data-target]").inner_text() == f"1.200 {MARKUP}"  # text, not markup
    assert page.locator("td[data-target] img").count() == 0


def test_tree_card_shows_target(server, page, indicator_cascade):
    page.goto(f"{server}/tree?cascade={indicator_cascade}&depth=9")
    card = page.locator("li[data-id='st-a1a-ib'] .pk-target").first
    assert card.inner_text() == "Target: 87,5 %"  # the Indonesian tree's number format
    assert card.is_visible()
