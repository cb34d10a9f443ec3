"""pokin opens a workbook's sheets without openpyxl's sizing parse (``cells._workbook_reader``):
a sheet without ``<dimension>`` (a planning-system export) is not parsed whole once more before
it is read, and every row is still read exactly as openpyxl reads it: on pokin's own workbook,
on the planning-system export as delivered (title rows, a blank header, literal NULL, ``-`` and
``#N/A``, repeated rows, a row to refuse) and on a Renja evaluation table (merged two-row
headers, a numbers row, urusan rows, a footer), whose import reports still account for every
row."""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._reader import WorkSheetParser

from pokin.seed import parse_cascade
from pokin.seed.formats import cells, read_bytes, report_of
from pokin.seed.formats.cells import workbook_sheets
from pokin.seed.formats.workbook import write_workbook
from pokin.seed.generate import generate
from pokin.seed.generate_renja import generate_renja
from tests.sipd_builder import QUIRKY_ROWS, quirky_sipd_bytes

WORKBOOKS = {
    "pokin": lambda: write_workbook(parse_cascade(generate(1), "x1")),
    "sipd export": quirky_sipd_bytes,
    "renja evaluation": lambda: generate_renja().data,
}


def _rows(data: bytes, name: str) -> dict[str, list[tuple]]:
    return {s.name: [values for _, values in s.rows()] for s in workbook_sheets(data, name)}


@pytest.mark.parametrize("name", WORKBOOKS)
def test_every_row_is_read_as_with_openpyxls_own_reader(name, monkeypatch):
    data = WORKBOOKS[name]()
    got = _rows(data, f"{name}.xlsx")
    # the same reading through openpyxl's own workbook reader (sheets sized as it opens them)
    monkeypatch.setattr(cells, "_workbook_reader", lambda: ExcelReader)
    expected = _rows(data, f"{name}.xlsx")
    assert got == expected
    assert all(expected.values()) and expected  # something was compared


@pytest.mark.parametrize("name", ["sipd export", "renja evaluation"])
def test_the_import_report_accounts_for_every_row_as_with_openpyxls_reader(name, monkeypatch):
    data = WORKBOOKS[name]()
    counts = report_of(read_bytes(data, f"{name}.xlsx")).counts()
    monkeypatch.setattr(cells, "_workbook_reader", lambda: ExcelReader)
    assert report_of(read_bytes(data, f"{name}.xlsx")).counts() == counts
    assert counts["read"] == sum(v for k, v in counts.items() if k != "read")
    if name == "sipd export":
        assert counts["read"] == len(QUIRKY_ROWS)  # every row of the export, the repeated one too


def test_a_sheet_without_a_dimension_is_not_parsed_to_size_it(monkeypatch):
    data = quirky_sipd_bytes()
    assert b"<dimension" not in _sheet_xml(data)  # the export declares no size
    sized = []
    original = WorkSheetParser.parse_dimensions

    def counted(self):
        sized.append(1)
        return original(self)

    monkeypatch.setattr(WorkSheetParser, "parse_dimensions", counted)
    sheets = workbook_sheets(data, "export.xlsx")
    assert sum(1 for sheet in sheets for _ in sheet.rows()) > 0
    assert sized == []
    openpyxl.load_workbook(io.BytesIO(data), read_only=True)  # openpyxl's own does size it
    assert sized


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
