"""A refused upload, in the language of the page: the problem names the sheet (an upload is
read as "upload"), row and column and says what is wrong in Indonesian (no choice made) or in
English (asked for), although the file is read in a child process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from tests.browser.conftest import screenshot
from tests.conftest import wipe
from tests.live_server import serve_app
from tests.unit.test_reader_lang import BAD_TARGET

pytestmark = pytest.mark.browser

KEY = "browser-key-0123456789"


@pytest.fixture(scope="module")
def keyed_server(driver, settings) -> Iterator[str]:
    from pokin.api.main import create_app

    wipe(driver, settings.neo4j_database)
    keyed = settings.model_copy(update={"pokin_api_key": SecretStr(KEY)})
    with serve_app(create_app(keyed)) as url:
        yield url


def _refused(page, url: str) -> str:
    page.goto(f"{url}/upload")
    page.set_input_files(
        "input[name=file]", {"name": "contoh.csv", "mimeType": "text/csv", "buffer": BAD_TARGET}
    )
    page.fill("input[name=key]", KEY)
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("[data-upload-error='422']", timeout=60_000)
    return page.inner_text("[data-upload-error] li")


def test_a_refused_upload_names_the_cell_in_indonesian(keyed_server, page, recorder):
    recorder.allowed_errors += ["422"]  # the browser logs the failed request's status
    said = _refused(page, keyed_server)
    assert said.startswith("Lembar 'upload' baris 2, kolom 'Target'")
    assert said.endswith("Target harus berupa angka (tertulis 'abc')")
    screenshot(page, "upload-refused-id")


def test_a_refused_upload_names_the_cell_in_english_when_asked(
    keyed_server, page, recorder, english
):
    recorder.allowed_errors += ["422"]
    said = _refused(page, keyed_server)
    assert said.startswith("Sheet 'upload' row 2, column 'Target'")
    assert said.endswith("the target must be a number (got 'abc')")
