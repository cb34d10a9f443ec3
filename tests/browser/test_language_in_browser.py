"""The explorer's language in Chromium: Indonesian by default (the browser sends its factory
``en-US`` header), English after a click on the header's switch, which keeps the page and its
query; the cookie keeps the choice on the next page, and the switch brings Indonesian back.

The ``page`` fixture also checks that no request leaves 127.0.0.1 and the console shows no
error. Screenshots of the home, an element page and the glossary in both languages go to
``test-artifacts/screenshots/``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

SEED = "bkpsdm-pemalang-2025-2029"
ELEMENT = f"/elements/tujuan?cascade={SEED}"


def _frame(page) -> dict[str, str]:
    return {
        "lang": page.get_attribute("html", "lang"),
        "nav": page.inner_text("nav.site-nav"),
        "button": page.inner_text("header.site form.search button"),
        "placeholder": page.get_attribute("header.site input[name=q]", "placeholder"),
        "current": page.inner_text(".lang-switch [aria-current]"),
        "footer": page.inner_text("footer.site-footer"),
    }


def test_indonesian_by_default_english_by_the_switch_kept_by_the_cookie(server, page):
    page.goto(f"{server}/")
    home = _frame(page)
    assert home["lang"] == "id" and home["current"] == "Bahasa Indonesia"
    assert "Ringkasan" in home["nav"] and "Unggah" in home["nav"]
    assert home["button"] == "Cari" and home["placeholder"].startswith("Nama, kode")
    assert "Tujuan › Sasaran Strategis › Program › Kegiatan › Sub Kegiatan" in home["footer"]
    screenshot(page, "language-home-id")

    page.goto(f"{server}{ELEMENT}")
    assert _frame(page)["lang"] == "id"
    assert page.inner_text("p.crumbs").endswith("› Tujuan")
    screenshot(page, "language-element-id")

    with page.expect_navigation():
        page.click(".lang-switch a[hreflang=en]")
    url = urlparse(page.url)
    assert url.path == "/elements/tujuan"
    assert parse_qs(url.query) == {"cascade": [SEED], "lang": ["en"]}
    english = _frame(page)
    assert english["lang"] == "en" and english["current"] == "English"
    assert "Summary" in english["nav"] and english["button"] == "Search"
    assert page.inner_text("p.crumbs").endswith("› Goal (Tujuan)")
    screenshot(page, "language-element-en")

    with page.expect_navigation():  # the next page, without ?lang=: the cookie keeps English
        page.click("nav.site-nav a:text-is('Summary')")
    assert "lang=" not in page.url and f"cascade={SEED}" in page.url
    assert _frame(page)["lang"] == "en"
    screenshot(page, "language-home-en")

    with page.expect_navigation():
        page.click("footer.site-footer a[href='/glossary']")
    assert _frame(page)["lang"] == "en" and page.inner_text("h1") == "Glossary"
    assert page.locator("tr#tujuan th").inner_text() == "Goal"
    screenshot(page, "language-glossary-en")

    with page.expect_navigation():
        page.click(".lang-switch a[hreflang=id]")
    assert _frame(page)["lang"] == "id" and page.inner_text("h1") == "Glosarium"
    assert page.locator("tr#tujuan th").inner_text() == "Tujuan"
    screenshot(page, "language-glossary-id")
    page.goto(f"{server}/")  # the cookie now keeps Indonesian
    assert _frame(page)["lang"] == "id"
