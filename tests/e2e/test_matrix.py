"""The Renstra cascading matrix: the seed through it, a hand-made sheet in a spreadsheet
program's style, and each malformed case naming sheet, row and column with nothing written."""

from __future__ import annotations

import io

import openpyxl
import pytest
from typer.testing import CliRunner

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade, planned_counts
from pokin.seed import SEED_FILE, CascadeValidationError, load_cascade_file
from pokin.seed.formats import read_bytes, write_cascade
from tests.e2e.test_formats_roundtrip import fingerprint
from tests.matrix_compare import matrix_facts


def test_seed_through_the_matrix_keeps_names_indicators_owners_and_links(empty_db, settings):
    seed = load_cascade_file(SEED_FILE)
    data = write_cascade(seed, "matrix")
    back = read_bytes(data, "seed-matrix.xlsx")[0]  # told from pokin's workbook by content
    assert matrix_facts(back) == matrix_facts(seed)
    report = load_cascade(Db(empty_db, settings.neo4j_database), back, source_text=data)
    counts = planned_counts(seed)
    assert report.nodes == {k: counts[k] for k in report.nodes}
    # the owners' organisation chart is not in a matrix
    assert report.relationships.get("REPORTS_TO", 0) == 0
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Matriks"]
    assert ws.freeze_panes == "A7" and ws.merged_cells.ranges


HEADER_TOP = [
    "No", "Tujuan", "Indikator Tujuan", "Sasaran Strategis", "Indikator", "Program", "Sasaran",
    "Indikator", "Kegiatan", "Sasaran", "Indikator", "Sub Kegiatan", "Sasaran", "Indikator",
    "Formulasi", "Satuan", "Target", "Pemilik Kinerja", "Keterangan",
]  # fmt: skip
HEADER_BOTTOM = [
    None, None, None, None, "Kinerja", None, "Program", "Program", None, "Kegiatan", "Kegiatan",
    None, "Sub Kegiatan", "Sub Kegiatan", None, None, None, None, None,
]  # fmt: skip


def handmade(rows, *, top=HEADER_TOP, bottom=HEADER_BOTTOM, merges=()) -> bytes:
    """A matrix as people make them: title rows, a header two rows high, a row of column
    numbers, merged cells, blanks that repeat the value above, a totals row."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Matriks"
    ws.append(["MATRIKS CASCADING KINERJA DINAS CONTOH KABUPATEN CONTOH"])
    ws.append(["Perangkat Daerah: Dinas Contoh Kabupaten Contoh"])
    ws.append(["Periode: 2025 - 2029"])
    ws.append(top)
    ws.append(bottom)
    ws.append([f"({i})" for i in range(1, len(top) + 1)])
    for r in rows:
        ws.append(r)
    ws.append(["Jumlah", None, None, None, None, None, None, None, None, None, None, None, None,
               None, None, None, 3])  # fmt: skip
    for m in merges:
        ws.merge_cells(m)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


T, IT = "Meningkatnya layanan publik Kabupaten Contoh", "Indeks Kepuasan Masyarakat"
S1, IS1 = "Meningkatnya kualitas layanan Dinas Contoh", "Nilai SKM Dinas (progress positif)"
P1, SP1 = "Program Penunjang Urusan Contoh", "Meningkatnya tata kelola Dinas Contoh"
K1, SK1 = "Perencanaan Perangkat Daerah", "Tersusunnya dokumen perencanaan"
K2, SK2 = "Administrasi Keuangan", "Terkelolanya keuangan Dinas"
ROWS = [
    # No, Tujuan, IndTujuan, SS, IndSS, Program, SasProg, IndProg, Keg, SasKeg, IndKeg,
    # Sub, SasSub, IndSub, Formulasi, Satuan, Target, Pemilik, Keterangan
    [1, T, IT, S1, IS1, P1, SP1, "Nilai AKIP (positif)", K1, SK1, "Jumlah dokumen",
     "Penyusunan Dokumen Renstra", "Tersusunnya Renstra", "Jumlah Renstra", "Dokumen Renstra",
     "dokumen", 1, "Kasubag Perencanaan", None],
    [2, None, None, None, None, None, None, None, None, None, None,
     "Evaluasi Kinerja", "Terlaksananya evaluasi", "Jumlah laporan evaluasi",
     "Laporan", "laporan", "4", "Kasubag Perencanaan", None],
    [3, None, None, None, None, None, None, None, K2, SK2, "Persentase SPJ tepat waktu",
     "Penyediaan Gaji", "Terbayarnya gaji", "Persentase gaji terbayar", "Gaji / total x 100%",
     "%", "100,0", "Kasubag Keuangan; Bendahara", None],
    [4, None, None, None, None, None, None, None, None, None, None,
     None, None, "Jumlah bulan gaji terbayar", "Bulan", "bulan", 12, "Bendahara", None],
]  # fmt: skip


def test_a_handmade_matrix_loads(empty_db, settings):
    data = handmade(ROWS, merges=["B7:B10", "C7:C10", "F7:F10", "I9:I10"])
    [c] = read_bytes(data, "contoh.xlsx")
    assert c.cascade.agency == "Dinas Contoh Kabupaten Contoh"
    assert (c.cascade.period.start, c.cascade.period.end) == (2025, 2029)
    assert c.goal.name == T and c.goal.indicators[0].name == IT
    assert [t.level for t in c.targets].count("sub_activity") == 3
    assert [a.name for a in c.activities] == [K1, K2]
    assert [(s.name, s.part_of.to) for s in c.sub_activities] == [
        ("Penyusunan Dokumen Renstra", c.activities[0].id),
        ("Evaluasi Kinerja", c.activities[0].id),
        ("Penyediaan Gaji", c.activities[1].id),
    ]
    gaji = next(t for t in c.targets if t.name == "Terbayarnya gaji")
    assert [i.name for i in gaji.indicators] == [
        "Persentase gaji terbayar",
        "Jumlah bulan gaji terbayar",
    ]
    assert [i.target_value for i in gaji.indicators] == [100.0, 12.0]
    assert {o.title for o in c.owners} == {
        "Kasubag Perencanaan", "Kasubag Keuangan", "Bendahara",
    }  # fmt: skip
    strategic = next(t for t in c.targets if t.level == "strategic")
    assert strategic.indicators[0].polarity == "positive"
    assert strategic.indicators[0].tags == ["progress"]
    sk2 = next(t for t in c.targets if t.name == SK2)
    assert [s.to for s in sk2.supports] == [next(t.id for t in c.targets if t.name == SP1)]
    report = load_cascade(Db(empty_db, settings.neo4j_database), c, source_text=data)
    assert report.nodes["SubActivity"] == 3 and report.nodes["Indicator"] == 9


def _bad(rows=ROWS, **kw) -> list[str]:
    with pytest.raises(CascadeValidationError) as err:
        read_bytes(handmade(rows, **kw), "bad.xlsx", "matrix")
    return [str(p) for p in err.value.problems]


def test_malformed_matrices_name_sheet_row_and_column(english):
    flat = [f"{t} {b}" if b and t != "Indikator" or t == "Sasaran" else t
            for t, b in zip(HEADER_TOP, HEADER_BOTTOM, strict=True)]  # fmt: skip
    flat = ["Catatan Program" if h == "Sasaran Program" else h for h in flat]
    shown = _bad(top=flat, bottom=[None] * len(HEADER_TOP))
    assert any(
        s.startswith("Sheet 'Matriks' row 4, column 'Indikator'")
        and "required column 'Sasaran Program'" in s
        for s in shown
    ), shown
    unknown = [*HEADER_TOP[:-1], "Sasaran Misi"]
    shown = _bad(top=unknown, bottom=[*HEADER_BOTTOM[:-1], None])
    assert shown == [
        "Sheet 'Matriks' row 4, column 'Sasaran Misi': unknown level header: not one of "
        "pokin's columns (map it with --columns)"
    ]
    top_blank = [list(r) for r in ROWS]
    top_blank[0][3] = None  # Sasaran Strategis blank at the top, Program below it filled
    shown = _bad(top_blank)
    assert shown[0].startswith("Sheet 'Matriks' row 7, column 'Sasaran Strategis': blank")
    target = [list(r) for r in ROWS]
    target[2][16] = "seratus"
    assert _bad(target) == [
        "Sheet 'Matriks' row 9, column 'Target': the target must be a number (got 'seratus')"
    ]
    broken = [list(r) for r in ROWS]
    broken[1][14] = "#REF!"
    assert _bad(broken) == [
        "Sheet 'Matriks' row 8, column 'Formulasi': an Excel error value #REF! (a broken formula)"
    ]


def test_a_mapping_file_covers_other_headers(tmp_path):
    top = ["Uraian Tujuan" if h == "Tujuan" else h for h in HEADER_TOP]
    top = ["PJ Kinerja" if h == "Pemilik Kinerja" else h for h in top]
    path = tmp_path / "m.xlsx"
    path.write_bytes(handmade(ROWS, top=top))
    mapping = tmp_path / "map.yaml"
    mapping.write_text('"PJ Kinerja": "Pemilik Kinerja"\n"Uraian Tujuan": "Tujuan"\n')
    from pokin.seed.formats import read_path

    [(c, _)] = read_path(path, columns=mapping)
    assert c.goal.name == T and len(c.owners) == 3


def test_a_bad_matrix_changes_nothing_stored(empty_db, settings, tmp_path, monkeypatch):
    from pokin.cli import app

    db = Db(empty_db, settings.neo4j_database)
    load_cascade(db, load_cascade_file(SEED_FILE))
    before = fingerprint(empty_db, settings.neo4j_database)
    for key, value in (
        ("NEO4J_URI", settings.neo4j_uri),
        ("NEO4J_USER", settings.neo4j_user),
        ("NEO4J_PASSWORD", settings.neo4j_password.get_secret_value()),
        ("NEO4J_DATABASE", settings.neo4j_database),
    ):
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("POKIN_LANG", "en")  # the English message is asserted
    broken = [list(r) for r in ROWS]
    broken[3][16] = "#REF!"
    path = tmp_path / "broken.xlsx"
    path.write_bytes(handmade(broken))
    result = CliRunner().invoke(app, ["load", str(path)])
    assert result.exit_code == 2
    assert "Sheet 'Matriks' row 10, column 'Target'" in result.output
    assert fingerprint(empty_db, settings.neo4j_database) == before
