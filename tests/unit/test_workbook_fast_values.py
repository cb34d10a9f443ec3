"""pokin's workbook reader takes plain inline strings with a shortcut of its own
(``cells._values_parser``); every value it reads must be exactly openpyxl's: on pokin's own
workbook, on a planning-system export as delivered (literal NULL, two-digit codes, title
rows, repeated rows, gaps) and on cells the shortcut must leave to openpyxl (rich text, several
runs, empty strings, numbers, dates, booleans, formulas' cached values, rows left out)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from pokin.seed import parse_cascade
from pokin.seed.formats.cells import _streamed_values, _streams
from pokin.seed.formats.workbook import write_workbook
from pokin.seed.generate import generate
from tests.sipd_builder import quirky_sipd_bytes


def _mixed() -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Campur"
    ws.append(["Kode", "Nama", "Nilai", "Tanggal", "Ya"])
    ws.append(["5.03.02", "Penataan   ASN", 12.5, dt.datetime(2025, 3, 1), True])
    ws.append([None, "", 0, None, False])
    ws["B4"] = CellRichText([TextBlock(InlineFont(b=True), "tebal"), " dan biasa"])
    ws["A7"] = "NULL"  # rows 5 and 6 left out of the file
    ws["C7"] = "=1+1"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WORKBOOKS = {
    "pokin": lambda: write_workbook(parse_cascade(generate(1), "x1")),
    "sipd export": quirky_sipd_bytes,
    "mixed cells": _mixed,
}


@pytest.mark.parametrize("name", WORKBOOKS)
def test_the_shortcut_reads_what_openpyxl_reads(name):
    data = WORKBOOKS[name]()
    fast = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    slow = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for ws_fast, ws_slow in zip(fast.worksheets, slow.worksheets, strict=True):
        assert _streams(ws_fast)
        ws_fast.reset_dimensions()
        ws_slow.reset_dimensions()
        width = ws_slow.max_column if ws_slow.max_column else None
        # as the reader takes them (``cells._bounded_rows``: each row a tuple)
        expected = [tuple(r) for r in ws_slow.iter_rows(max_col=width, values_only=True)]
        assert [tuple(r) for r in _streamed_values(ws_fast, width)] == expected, ws_fast.title
        assert expected  # something was compared
