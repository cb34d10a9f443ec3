"""The import report written whole: JSON or a workbook by the file's suffix, every text a text
cell (never a formula), a folder's reports together."""

from __future__ import annotations

import json
import zipfile

import openpyxl
import pytest

from pokin.core.errors import Invalid
from pokin.core.i18n import using
from pokin.seed.formats.report import ImportReport, RowReport, check_report_path, write_reports

#: Texts a spreadsheet would take for a formula (or a DDE call) if written as they come.
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def _report(source: str = "export.xlsx") -> ImportReport:
    return ImportReport(
        source=source,
        rows=[
            RowReport(sheet="Export", row=5, outcome="kept", cascade="c-1", element="ind-1"),
            RowReport(sheet="Export", row=6, outcome="merged", cascade="c-1", element="ind-1",
                      reason="identical to row 5", source_id="=1+1"),
            RowReport(sheet="Export", row=7, outcome="refused", reason="=cmd|' /C calc'!A0",
                      missing=["target", "satuan"]),
            *(RowReport(sheet="Export", row=8 + i, outcome="refused", reason=text,
                        source_id=text) for i, text in enumerate(HOSTILE)),
        ],
        notes=["=note starting with an equals sign", "a plain note"],
    )  # fmt: skip


def _formulas(path) -> list[str]:
    """The names of the workbook's sheet parts that hold a formula (<f>) element."""
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]


def test_a_report_ending_in_xlsx_is_a_workbook_of_rows_notes_and_summary(tmp_path):
    path = tmp_path / "report.xlsx"
    report = _report()
    with using("en"):
        report.write(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Rows", "Notes", "Summary"]
    rows = book["Rows"]
    header = [c.value for c in rows[1]]
    assert header == [
        "Sheet", "Row", "Outcome", "Cascade", "Element", "Source id", "Read as missing", "Reason"
    ]  # fmt: skip
    assert rows.freeze_panes == "A2"
    assert rows.auto_filter.ref == f"A1:H{len(report.rows) + 1}"
    assert rows.column_dimensions["H"].width > rows.column_dimensions["B"].width
    values = [[c.value for c in r] for r in rows.iter_rows(min_row=2)]
    assert values[1] == ["Export", 6, "merged", "c-1", "ind-1", "=1+1", None, "identical to row 5"]
    assert values[2][6:] == ["target, satuan", "=cmd|' /C calc'!A0"]
    as_read = [t.replace("\r", "\n") for t in HOSTILE]  # XML reads a lone CR as a line end
    assert [v[7] for v in values[3:]] == as_read
    assert [v[5] for v in values[3:]] == as_read
    for line in rows.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", (cell.coordinate, cell.value)
    assert [c.value for c in book["Notes"]["A"]] == ["Note", *report.notes]
    summary = [[c.value for c in r] for r in book["Summary"].iter_rows()]
    assert summary == [
        ["Source", "Read", "Kept", "Merged", "Refused", "Notes"],
        ["export.xlsx", 9, 1, 1, 7, 2],
    ]
    assert _formulas(path) == []


def test_a_report_ending_in_json_is_the_report_itself(tmp_path):
    path = tmp_path / "report.json"
    _report().write(path)
    assert ImportReport.model_validate_json(path.read_text(encoding="utf-8")) == _report()


@pytest.mark.parametrize("name", ["report.csv", "report.txt", "report", "report.xls"])
def test_another_suffix_is_refused_in_one_line(tmp_path, name, english):
    with pytest.raises(Invalid) as caught:
        check_report_path(tmp_path / name)
    assert ".json or .xlsx" in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(Invalid):
        _report().write(tmp_path / name)
    assert not (tmp_path / name).exists()


def test_a_folders_reports_go_together_with_their_source(tmp_path):
    reports = [_report("a.xlsx"), _report("b.csv")]
    write_reports(reports, tmp_path / "all.json")
    written = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [ImportReport.model_validate(r) for r in written["reports"]] == reports
    write_reports(reports, tmp_path / "all.xlsx")  # Indonesian, the default
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    assert book.sheetnames == ["Baris", "Catatan", "Ringkasan"]
    rows = [[c.value for c in r] for r in book["Baris"].iter_rows()]
    assert rows[0][:4] == ["Sumber", "Lembar", "Baris", "Hasil"]
    assert [r[0] for r in rows[1:]] == ["a.xlsx"] * 9 + ["b.csv"] * 9
    assert [r[3] for r in rows[1:4]] == ["dipertahankan", "digabung", "ditolak"]
    assert [[c.value for c in r] for r in book["Catatan"].iter_rows()][0] == ["Sumber", "Catatan"]
    summary = [[c.value for c in r] for r in book["Ringkasan"].iter_rows()]
    assert summary == [
        ["Sumber", "Dibaca", "Dipertahankan", "Digabung", "Ditolak", "Catatan"],
        ["a.xlsx", 9, 1, 1, 7, 2],
        ["b.csv", 9, 1, 1, 7, 2],
        ["semua berkas", 18, 2, 2, 14, 4],
    ]
    assert _formulas(tmp_path / "all.xlsx") == []


def test_a_control_character_a_cell_cannot_hold_is_written_escaped(tmp_path):
    report = ImportReport(
        source="x.csv", rows=[RowReport(sheet="x", row=2, outcome="refused", reason="bell\x07")]
    )
    report.write(tmp_path / "r.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "r.xlsx")["Baris"]["H2"]
    assert cell.value == "bell\\x07"
