"""``/docs``: Swagger UI from pokin's own copy, under the page's Content-Security-Policy."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_the_api_docs_render_offline(server, page):
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=60_000)
    assert "pokin" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock-summary-path", has_text="/api/checks").count() >= 1
    screenshot(page, "api-docs")
