"""The Renja evaluation writer without a database (issue 24): text from data never becomes a
formula, and ``pokin export --help`` lists the document."""

from __future__ import annotations

import io

import openpyxl

from pokin.core.i18n import using
from pokin.seed.formats import read_bytes
from pokin.seed.formats.renja_evaluation import write_renja
from pokin.seed.generate_renja import generate_renja


def test_a_name_starting_with_equals_stays_text():
    with using("en"):
        (cascade,) = read_bytes(generate_renja().data, "t.xlsx")
    first = cascade.sub_activities[0]
    hostile = '=HYPERLINK("http://example.invalid","x")'
    planted = cascade.model_copy(
        update={"sub_activities": [first.model_copy(update={"name": hostile}),
                                   *cascade.sub_activities[1:]]}
    )  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(write_renja(planted, 2026).data)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == hostile]
    assert len(cells) == 1 and cells[0].data_type == "s"


def test_export_help_lists_the_document():
    from typer.testing import CliRunner

    from pokin.cli import app

    result = CliRunner().invoke(
        app, ["export", "--help"], env={"POKIN_LANG": "en", "COLUMNS": "300"}
    )
    assert result.exit_code == 0
    # the help sits in a table whose cells wrap: read its words without the borders
    words = " ".join(result.output.replace("│", " ").split())
    assert "renja-evaluation: the Renja evaluation table of a year" in words


def test_docs_formats_lists_the_registered_documents():
    from pathlib import Path

    from pokin.visualize.documents import DOCUMENTS, markdown_table
    from pokin.visualize.documents_table import table_in

    doc = (Path(__file__).resolve().parents[2] / "docs" / "formats.md").read_text()
    assert table_in(doc) == markdown_table(), (
        "docs/formats.md is behind the registry: python -m pokin.visualize.documents_table "
        "docs/formats.md"
    )
    assert all(f"| `{name}` |" in doc for name in DOCUMENTS)


def test_range_and_text_targets_read_back_and_a_range_capaian_is_pokins():
    from pokin.core.capaian import capaian_of_year
    from pokin.seed.formats.renja_evaluation import read_renja
    from pokin.seed.schema import YearTarget

    with using("en"):
        (cascade,) = read_bytes(generate_renja().data, "t.xlsx")
    changed = {}
    targets = []
    for t in cascade.targets:
        inds = []
        for i in t.indicators:
            if i.name == "Jumlah dokumen perencanaan Dinas Contoh":  # quarters 1, 1, 0, 1
                i = i.model_copy(update={"targets": [YearTarget(year=2026, low=2.5, high=2.8)]})
            elif i.name == "Jumlah laporan evaluasi kinerja Dinas Contoh":
                i = i.model_copy(update={"targets": [YearTarget(year=2026, text="WTP")]})
            changed[i.name] = i
            inds.append(i)
        targets.append(t.model_copy(update={"indicators": inds}))
    planted = cascade.model_copy(update={"targets": targets})
    table = write_renja(planted, 2026)
    (again,) = read_renja(table.data, "w.xlsx")
    back = {i.name: i for t in again.targets for i in t.indicators}
    ranged = back["Jumlah dokumen perencanaan Dinas Contoh"].targets
    assert [(x.low, x.high, x.value) for x in ranged] == [(2.5, 2.8, None)]
    assert [x.text for x in back["Jumlah laporan evaluasi kinerja Dinas Contoh"].targets] == ["WTP"]
    row = next(
        r.row for r in table.rows if r.indicator == "Jumlah dokumen perencanaan Dinas Contoh"
    )
    (value,) = [v for (r, _c), v in table.capaian.items() if r == row]
    ours = capaian_of_year(changed["Jumlah dokumen perencanaan Dinas Contoh"], 2026)
    assert value == ours.value == 40.0  # the last quarter (1) below the range: 1 / 2.5 × 100
    text_row = next(
        r.row for r in table.rows if r.indicator == "Jumlah laporan evaluasi kinerja Dinas Contoh"
    )
    assert not [c for (r, c) in table.capaian if r == text_row]  # no capaian for a text target


def test_every_formula_recomputes_to_its_cached_value(tmp_path):
    """An independent calculation engine (the ``formulas`` library) computes each written
    formula again: what a spreadsheet program shows equals what pokin cached."""
    import formulas

    with using("en"):
        (cascade,) = read_bytes(generate_renja().data, "t.xlsx")
    path = tmp_path / "written.xlsx"
    path.write_bytes(write_renja(cascade, 2026).data)
    solved = {
        k.upper(): v for k, v in formulas.ExcelModel().loads(str(path)).finish().calculate().items()
    }
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cached = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert len(cells) > 100
    for cell in cells:
        got = solved[f"'[WRITTEN.XLSX]EVALUASI RENJA'!{cell.coordinate}"].value[0, 0]
        want = cached[cell.coordinate].value
        if isinstance(want, str):
            assert got == want, cell.coordinate
        else:
            assert abs(float(got) - want) < 1e-6, (cell.coordinate, cell.value, got, want)
