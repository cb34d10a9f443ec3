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
    assert "renja-evaluation: the Renja evaluation table of a year" in " ".join(
        result.output.split()
    )


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
