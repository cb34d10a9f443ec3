"""``/upload``: the form sends a file to ``POST /api/cascades`` with the API key (the page's
script, under the CSP) and shows what the answer says: the cascades loaded, the import
report's counts, the rows merged or refused with their reasons and the notes, as text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from tests.browser.conftest import screenshot
from tests.conftest import wipe
from tests.live_server import serve_app
from tests.sipd_builder import QUIRKY_ROWS, quirky_sipd_bytes

#: the texts asserted are the English ones (``english``: Accept-Language: en)
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("english")]

KEY = "browser-key-0123456789"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: a name a row gives a code otherwise: the import report notes it, and the page shows it
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def keyed_server(driver, settings) -> Iterator[str]:
    from pokin.api.main import create_app

    wipe(driver, settings.neo4j_database)
    keyed = settings.model_copy(update={"pokin_api_key": SecretStr(KEY)})
    with serve_app(create_app(keyed)) as url:
        yield url


def _upload(page, url: str, data: bytes, key: str = KEY, mode: str = "") -> None:
    page.goto(f"{url}/upload")
    page.set_input_files(
        "input[name=file]", {"name": "kabupaten-contoh.xlsx", "mimeType": XLSX, "buffer": data}
    )
    page.fill("input[name=key]", key)
    page.check(f"input[name=mode][value='{mode}']")
    page.click("#upload-form button[type=submit]")


def test_an_upload_through_the_form_shows_the_import_report(keyed_server, page):
    page.goto(f"{keyed_server}/")
    page.click("nav.site-nav a[href='/upload']")
    assert page.locator("h1").inner_text() == "Upload a cascade file"
    rows = [list(r) for r in QUIRKY_ROWS]
    rows.append(list(rows[0]))
    rows[-1][0], rows[-1][9] = 12, HOSTILE  # the same sub-kegiatan code under another name
    _upload(page, keyed_server, quirky_sipd_bytes(rows))
    page.wait_for_selector("[data-upload-result]", timeout=60_000)
    counts = {
        k: page.inner_text(f"[data-count={k}]") for k in ("read", "kept", "merged", "refused")
    }
    assert counts == {"read": "13", "kept": "10", "merged": "1", "refused": "2"}
    assert "Import report of kabupaten-contoh.xlsx" in page.inner_text("[data-upload-result]")
    refused = page.locator("[data-report-rows] tbody tr", has_text="refused")
    assert refused.count() == 2
    assert "no indicator" in refused.nth(0).inner_text()
    assert "no agency" in page.inner_text("[data-report-rows]")
    merged = page.locator("[data-report-rows] tbody tr", has_text="merged").inner_text()
    assert "9" in merged  # the duplicate of the first row, at row 9 of the sheet
    notes = page.inner_text("[data-report-notes]")
    assert HOSTILE in notes  # shown as text: no image element, no script ran
    assert page.locator("[data-upload-result] img").count() == 0
    links = page.locator("[data-upload-result] a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "/?cascade=sipd-101-2023",
        "/?cascade=sipd-102-2023",
    ]
    screenshot(page, "upload-report")
    links.nth(0).click()
    page.wait_for_url("**/?cascade=sipd-101-2023")
    assert "sipd-101-2023" in page.content()


def test_an_error_of_the_upload_is_shown_as_its_message(keyed_server, page, recorder):
    recorder.allowed_errors += ["403", "409"]  # the browser logs a failed request's status
    _upload(page, keyed_server, quirky_sipd_bytes(), key="not-the-key")
    page.wait_for_selector("[data-upload-error='403']", timeout=60_000)
    assert "the API key is not valid" in page.inner_text("[data-upload-error]")
    _upload(page, keyed_server, quirky_sipd_bytes())  # stored by the test above: refused
    page.wait_for_selector("[data-upload-error='409']", timeout=60_000)
    assert "stored" in page.inner_text("[data-upload-error]")
    _upload(page, keyed_server, quirky_sipd_bytes(), mode="replace")
    page.wait_for_selector("[data-upload-result]", timeout=60_000)
    assert page.inner_text("[data-count=read]") == "12"


def test_without_a_key_configured_the_page_says_writes_are_disabled(settings, page):
    from pokin.api.main import create_app

    with serve_app(create_app(settings)) as url:
        page.goto(f"{url}/upload")
        assert "disabled" in page.inner_text("[data-upload-disabled]")
        assert page.locator("form#upload-form").count() == 0
