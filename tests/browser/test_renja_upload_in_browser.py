"""``/upload`` with a Renja evaluation table (issue 23): the page shows the skipped rows (titles,
headers, urusan, totals, footer), the levels inferred and the planted disagreement, as text;
then the same table onto the stored cascade shows how each row matched."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from pokin.seed.generate_renja import generate_renja
from tests.browser.conftest import screenshot
from tests.conftest import wipe
from tests.live_server import serve_app

pytestmark = pytest.mark.browser

KEY = "browser-key-0123456789"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CASCADE = "renja-dinas-komunikasi-dan-informatika-2026"


@pytest.fixture(scope="module")
def keyed_server(driver, settings) -> Iterator[str]:
    from pokin.api.main import create_app

    wipe(driver, settings.neo4j_database)
    keyed = settings.model_copy(update={"pokin_api_key": SecretStr(KEY)})
    with serve_app(create_app(keyed)) as url:
        yield url


def test_a_renja_table_upload_shows_skipped_rows_levels_and_the_finding(keyed_server, page):
    table = generate_renja(plant_disagreement=True)

    def upload(into: str = "") -> None:
        page.goto(f"{keyed_server}/upload?lang=en")
        page.set_input_files(
            "input[name=file]",
            {"name": "evaluasi-renja.xlsx", "mimeType": XLSX, "buffer": table.data},
        )
        page.fill("input[name=key]", KEY)
        page.fill("input[name=into]", into)
        page.click("#upload-form button[type=submit]")
        page.wait_for_selector("[data-upload-result]", timeout=60_000)

    upload()
    counts = {
        k: page.inner_text(f"[data-count={k}]")
        for k in ("read", "kept", "merged", "refused", "skipped")
    }
    rows_in = sum(1 for kind in table.kinds.values() if kind != "blank")
    assert counts == {
        "read": str(rows_in), "kept": "14", "merged": "1", "refused": "0",
        "skipped": str(rows_in - 15),
    }  # fmt: skip
    skipped = page.inner_text("[data-report-rows]")
    assert "totals row" in skipped and "footer (signature block)" in skipped
    levels = page.locator("[data-report-levels] tbody tr")
    assert levels.count() == 13  # every element row but the one with its code
    order = page.locator("[data-report-levels] tbody tr", has_text=str(table.order_only_row))
    assert "row order: the first row under a programme is a kegiatan" in order.first.inner_text()
    assert "Activity (Kegiatan)" in order.first.inner_text()  # the level by its name, not its key
    findings = page.locator("[data-report-findings] tbody tr")
    assert findings.count() == 1
    row, told, computed = table.planted
    text = findings.first.inner_text()
    assert str(row) in text and "15 K" in text and "52.5" in text and "40" in text
    screenshot(page, "upload-renja-report")

    upload(into=CASCADE)
    matched = page.inner_text("[data-report-levels]")
    assert "name" in matched
    screenshot(page, "upload-renja-into")
