"""The agency page offers its documents (issue 24): a form per document of
``documents_on("agency")``, Indonesian first, whose GET downloads the Renja evaluation table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pokin.seed.generate_renja import generate_renja
from tests.browser.conftest import screenshot
from tests.conftest import wipe
from tests.live_server import serve_app

pytestmark = pytest.mark.browser

CASCADE = "renja-dinas-komunikasi-dan-informatika-2026"


@pytest.fixture(scope="module")
def renja_server(driver, settings, tmp_path_factory) -> Iterator[str]:
    from pokin.api.main import create_app
    from pokin.graph.db import Db
    from pokin.graph.loader import load_cascade
    from pokin.seed.formats import read_bytes

    wipe(driver, settings.neo4j_database)
    (cascade,) = read_bytes(generate_renja().data, "evaluasi-renja.xlsx")
    load_cascade(Db(driver, settings.neo4j_database), cascade)
    with serve_app(create_app(settings)) as url:
        yield url


def test_the_agency_page_offers_the_renja_evaluation_table(renja_server, page, recorder):
    page.goto(f"{renja_server}/?cascade={CASCADE}")
    page.click("[data-documents] summary")
    form = page.locator("[data-document=renja-evaluation]")
    assert "Tabel evaluasi Renja" in form.inner_text()
    assert [b.inner_text() for b in form.locator("button").all()] == ["XLSX", "PDF"]
    page.fill("[data-document=renja-evaluation] input[name=year]", "2026")
    page.fill("[data-document=renja-evaluation] input[name=place]", "Contoh")
    screenshot(page, "agency-documents")
    with page.expect_download() as got:
        form.locator("button[value=xlsx]").click()
    download = got.value
    assert download.suggested_filename == f"{CASCADE}-renja-evaluation.xlsx"
    assert recorder.unexpected_console_errors() == []
