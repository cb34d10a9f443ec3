"""A workbook whose format is told apart by its content is opened and scanned once: the sheets
read while telling it apart are the ones its reader reads (the scan of a 14,000-row export
alone is over a second)."""

from __future__ import annotations

import pytest

from pokin.seed import parse_cascade
from pokin.seed.formats import cells, read_bytes
from pokin.seed.formats.workbook import write_workbook
from pokin.seed.generate import generate
from tests.sipd_builder import quirky_sipd_bytes


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = cells.workbook_sheets

    def counting(data: bytes, source_name: str, **kwargs):
        calls.append(source_name)
        return original(data, source_name, **kwargs)

    monkeypatch.setattr(cells, "workbook_sheets", counting)
    for module in ("workbook", "sipd"):  # the readers import it by name
        monkeypatch.setattr(f"pokin.seed.formats.{module}.workbook_sheets", counting)
    return calls


def test_pokin_workbook_is_opened_once(opened):
    data = write_workbook(parse_cascade(generate(1), "x1"))
    [cascade] = read_bytes(data, "x1.xlsx")
    assert cascade.cascade.id == "synthetic-x1"
    assert opened == ["x1.xlsx"]


def test_planning_system_export_is_opened_once(opened):
    cascades = read_bytes(quirky_sipd_bytes(), "export.xlsx")
    assert cascades  # its agencies, read from the sheets the sniffing opened
    assert opened == ["export.xlsx"]
