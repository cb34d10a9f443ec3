# ruff: noqa: E501
"""Single CSV files (no database): semicolons, decimal commas, a BOM; matrix or SIPD told apart
by their columns; JSON that is not a cascade names its problem."""

from __future__ import annotations

import pytest

from pokin.core.errors import Invalid
from pokin.seed import CascadeValidationError
from pokin.seed.formats import format_of, read_bytes

MATRIX = """\ufeffMatriks Cascading Dinas Contoh
Periode: 2026-2030
Tujuan;Sasaran Strategis;Program;Sasaran Program;Indikator Program;Satuan;Target;Pemilik Kinerja
Meningkatnya layanan;Meningkatnya mutu;Program Contoh;Terkelolanya arsip;Persentase arsip;%;"1.234,5";Kepala
;;;;Jumlah arsip;berkas;"12";Kepala
"""

SIPD = """satuan_kerja_kode,satuan_kerja_nama,program_kode,program_nama,kegiatan_kode,kegiatan_nama,sub_kegiatan_kode,sub_kegiatan_nama,indikator,target,satuan,tahun
1.01,Dinas A Contoh,1.01.01,Program A,1.01.01.2.01,Kegiatan A,1.01.01.2.01.0001,Sub A,Jumlah A,"2,5",dokumen,2026
1.02,Dinas B Contoh,1.02.01,Program B,1.02.01.2.01,Kegiatan B,1.02.01.2.01.0001,Sub B,Jumlah B,3,dokumen,2026
1.02,Dinas B Contoh,1.02.01,Program B,1.02.01.2.01,Kegiatan B,1.02.01.2.01.0001,Sub B,Jumlah B,3,dokumen,2026
"""


def test_a_matrix_csv_with_semicolons_and_decimal_commas():
    [c] = read_bytes(MATRIX.encode(), "matriks.csv")
    assert (c.cascade.period.start, c.cascade.period.end) == (2026, 2030)
    [pt] = [t for t in c.targets if t.level == "programme"]
    assert [(i.name, i.unit, i.target_value) for i in pt.indicators] == [
        ("Persentase arsip", "%", 1234.5),
        ("Jumlah arsip", "berkas", 12.0),
    ]
    assert c.programmes[0].delivers[0].to == pt.id


def test_a_sipd_csv_gives_one_cascade_per_agency():
    a, b = read_bytes(SIPD.encode(), "sipd.csv")
    assert a.cascade.agency == "Dinas A Contoh" and b.cascade.agency == "Dinas B Contoh"
    assert a.targets[0].indicators[0].target_value == 2.5
    assert len(b.targets[0].indicators) == 1  # the repeated row is read once


def test_bad_inputs_name_their_problem(english):
    with pytest.raises(CascadeValidationError, match="not valid JSON"):
        read_bytes(b"{", "x.json", "json")
    with pytest.raises(CascadeValidationError, match="no header row"):
        read_bytes(b"a,b\n1,2\n", "x.csv", "matrix")
    with pytest.raises(Invalid, match="--format"):
        format_of("cascade.txt")
    assert format_of("x.yml") == "yaml" and format_of("x.xlsx") is None
