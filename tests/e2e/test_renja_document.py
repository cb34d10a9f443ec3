"""The Renja evaluation table as a document (issue 24): a table loaded through ``pokin load``
is written again by pokin; read back, it gives the same targets and realisation; its computed
cells are formulas whose cached values are pokin's capaian (graph/capaian.py); the footer says
only what the user gave; the CLI and the API write it as xlsx and PDF."""

from __future__ import annotations

import io

import openpyxl
import pypdf
import pytest

from pokin.graph.capaian import cascade_capaian
from pokin.graph.db import Db
from pokin.graph.export import read_stored_cascade
from pokin.seed.formats.renja_evaluation import read_renja, write_renja
from pokin.seed.generate_renja import generate_renja
from pokin.seed.signatures import Signatures
from tests.conftest import run_pokin

CASCADE = "renja-dinas-komunikasi-dan-informatika-2026"
YEAR = 2026


@pytest.fixture
def loaded(tmp_path, empty_db, settings) -> Db:
    path = tmp_path / "evaluasi-renja-contoh.xlsx"
    path.write_bytes(generate_renja().data)
    result = run_pokin(settings, "load", path)
    assert result.exit_code == 0, result.output
    return Db(empty_db, settings.neo4j_database)


def measurement(cascade) -> dict:
    """(result name, indicator name) -> its targets and realisation, as comparable tuples."""
    return {
        (t.name, i.name): (
            sorted((y.year, y.value) for y in i.targets),
            sorted((r.year, r.quarter or 0, r.value) for r in i.realisation),
        )
        for t in cascade.targets
        for i in t.indicators
    }


def test_the_written_table_reads_back_and_its_formulas_cache_pokins_capaian(loaded):
    stored = read_stored_cascade(loaded, CASCADE)
    table = write_renja(stored, YEAR)
    (again,) = read_renja(table.data, "written.xlsx")
    assert measurement(again) == measurement(stored)
    assert len(measurement(stored)) == 16

    formulas = openpyxl.load_workbook(io.BytesIO(table.data)).worksheets[0]
    cached = openpyxl.load_workbook(io.BytesIO(table.data), data_only=True).worksheets[0]
    header = next(r for r in range(1, 20) if formulas.cell(r, 1).value == 1)  # column numbers
    computed = {
        (r, c)
        for r in range(header + 2, formulas.max_row + 1)
        for c in range(10, formulas.max_column + 1)
        if isinstance(formulas.cell(r, c).value, str) and formulas.cell(r, c).value[:1] == "="
    }
    # the quarters' %, 13, 14, 15, the capaian, the totals and the average: all formulas
    assert len(computed) > 80
    graph = cascade_capaian(loaded, CASCADE, YEAR)
    ours = {i.name: i.value for r in graph.results for i in r.indicators if i.value is not None}
    assert len(ours) == len(table.capaian) == 16
    by_name = {row.row: row.indicator for row in table.rows}
    for (r, c), _value in table.capaian.items():
        assert (r, c) in computed
        assert round(cached.cell(r, c).value, 2) == ours[by_name[r]]
    for r, c in computed:
        assert cached.cell(r, c).value is not None, (r, c)


def test_the_footer_says_exactly_what_was_given_and_nothing_else(loaded):
    stored = read_stored_cascade(loaded, CASCADE)
    given = Signatures(
        place="Contoh", date="2 Januari 2027", footer=["Faktor pendorong: dukungan pimpinan"],
        signatory={"position": "KEPALA DINAS CONTOH", "name": "Nama Contoh", "nip": "1970"},
    )  # fmt: skip

    def footer_texts(signatures) -> list[str]:
        ws = openpyxl.load_workbook(io.BytesIO(write_renja(stored, YEAR, signatures).data))
        sheet = ws.worksheets[0]
        total = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 7).value == "JUMLAH")
        return [
            v
            for row in sheet.iter_rows(min_row=total + 1, values_only=True)
            for v in row
            if isinstance(v, str) and not v.startswith("=")
        ]

    fixed = ["Rata-rata capaian kinerja (%)", "Predikat kinerja"]
    assert footer_texts(given) == [
        *fixed, "Faktor pendorong: dukungan pimpinan", "Contoh, 2 Januari 2027",
        "KEPALA DINAS CONTOH", "Nama Contoh", "NIP. 1970",
    ]  # fmt: skip
    assert footer_texts(Signatures()) == fixed


def test_cli_signatures_file_with_options_on_top(loaded, tmp_path, settings):
    settings_file = tmp_path / "ttd.yaml"
    settings_file.write_text(
        "place: Contoh\ndate: 5 Januari 2027\nfooter: ['Tindak lanjut: rencana aksi']\n"
        "signatory: {position: KEPALA DINAS CONTOH, name: Nama Lama, nip: '1970'}\n"
    )
    out = tmp_path / "ttd.xlsx"
    result = run_pokin(
        settings, "export", CASCADE, "--format", "renja-evaluation", "--year", YEAR, "-o", out,
        "--signatures", settings_file, "--signatory-name", "Nama Contoh",
        "--date", "6 Januari 2027",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).worksheets[0]
    texts = [v for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    tail = texts[texts.index("Predikat kinerja") + 1 :]
    assert [t for t in tail if not t.startswith("=")] == [
        "Tindak lanjut: rencana aksi", "Contoh, 6 Januari 2027", "KEPALA DINAS CONTOH",
        "Nama Contoh", "NIP. 1970",
    ]  # fmt: skip


def test_cli_and_api_write_the_document_as_xlsx_and_pdf(loaded, tmp_path, settings, api_client):
    out = tmp_path / "renja.xlsx"
    result = run_pokin(
        settings, "export", CASCADE, "--format", "renja-evaluation", "--year", YEAR, "-o", out,
        "--signatory-name", "Nama Contoh",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (again,) = read_renja(out.read_bytes(), "renja.xlsx")
    assert measurement(again) == measurement(read_stored_cascade(loaded, CASCADE))
    no_year = run_pokin(settings, "export", CASCADE, "--format", "renja-evaluation")
    assert no_year.exit_code == 2
    assert no_year.output.strip().splitlines() == [
        "error: --format renja-evaluation needs --year (the year measured)"
    ]

    base = f"/api/cascades/{CASCADE}/documents/renja-evaluation"
    xlsx = api_client.get(base, params={"year": YEAR, "kind": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    pdf = api_client.get(base, params={"year": YEAR, "kind": "pdf", "place": "Contoh"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    pages = pypdf.PdfReader(io.BytesIO(pdf.content)).pages
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        text = " ".join(page.extract_text().split())
        assert "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH" in text
        assert "13 = 9 + 10 + 11 + 12" in text and "Satuan" in text  # the header, repeated
        assert f"Halaman {n} dari {len(pages)}" in text
    assert api_client.get(base).status_code == 422  # no year
    assert api_client.get(base, params={"year": YEAR, "owner": "nobody"}).status_code == 404
    assert api_client.get(f"/api/cascades/{CASCADE}/documents/nothing?year=2026").status_code == 404
    assert (
        api_client.get("/api/cascades/nothing/documents/renja-evaluation?year=2026").status_code
        == 404
    )
