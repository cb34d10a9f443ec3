"""What ``pokin load`` and a refused file say, in Indonesian by default and in English on
request: the location of a problem (sheet, row, column), a row's reason, the import summary,
the load's lines, and an indicator's target in the reader's notation."""

from __future__ import annotations

import pytest

from pokin.core.errors import CascadeValidationError
from pokin.core.i18n import using
from pokin.graph.loader import LoadReport, LoadSummary
from pokin.seed.formats import read_bytes, report_of
from pokin.seed.formats.isolated import read_isolated

HEAD = (
    "Kode SKPD,Nama SKPD,Kode Program,Nama Program,Kode Kegiatan,Nama Kegiatan,"
    "Kode Sub Kegiatan,Nama Sub Kegiatan,Indikator,Target,Satuan,Tahun\n"
)
ROW = (
    "1.01,Dinas Contoh,1.01.01,Program Contoh,1.01.01.1.01,Kegiatan Contoh,"
    "1.01.01.1.01.0001,Sub Kegiatan Contoh,Persentase layanan contoh,{target},orang,2025\n"
)
#: a row without its sub-kegiatan: refused, with its reason
NO_SUB = "1.01,Dinas Contoh,1.01.01,Program Contoh,1.01.01.1.01,Kegiatan Contoh,,,,,,2025\n"
BAD_TARGET = (HEAD + ROW.format(target="abc")).encode()
GOOD = (HEAD + ROW.format(target='"1234,5"') + NO_SUB).encode()

SAID = {
    "id": "Lembar 'contoh.csv' baris 2, kolom 'Target': Target harus berupa angka (tertulis 'abc')",
    "en": "Sheet 'contoh.csv' row 2, column 'Target': the target must be a number (got 'abc')",
}


@pytest.mark.parametrize("locale", ["id", "en"])
def test_a_refused_cell_is_named_in_the_readers_language(locale):
    with using(locale), pytest.raises(CascadeValidationError) as caught:
        read_bytes(BAD_TARGET, "contoh.csv")
    assert [str(p) for p in caught.value.problems] == [SAID[locale]]


@pytest.mark.parametrize("locale", ["id", "en"])
def test_the_reading_child_speaks_the_callers_language(locale):
    """The upload's reader runs in a child process: its problems are said in the language of
    the request that sent the file, not the child's default."""
    with using(locale), pytest.raises(CascadeValidationError) as caught:
        read_isolated(BAD_TARGET, "contoh.csv")
    assert [str(p) for p in caught.value.problems] == [SAID[locale]]


def test_the_import_summary_and_a_rows_reason_follow_the_language():
    said = {}
    for locale in ("id", "en"):
        with using(locale):
            read = read_bytes(GOOD, "contoh.csv")
            report = report_of(read)
            said[locale] = (report.summary(), report.rows[1].reason)
            said[locale + " target"] = read[0].targets[0].indicators[0].target_label
    assert said["id"] == (
        "impor contoh.csv: 2 baris dibaca, 1 disimpan, 0 digabung, 1 ditolak",
        "tidak ada Sub Kegiatan pada baris ini",
    )
    assert said["en"] == (
        "import contoh.csv: 2 rows read, 1 kept, 0 merged, 1 refused",
        "no sub-kegiatan in this row",
    )
    assert said["id target"] == "1.234,5 orang"
    assert said["en target"] == "1,234.5 orang"


def test_the_load_report_follows_the_language():
    report = LoadReport("contoh", 2, {"Indicator": 1234}, {"SUPPORTS": 5}, stale=["ind-a", "ind-b"])
    summary = LoadSummary([report], 1.25)
    with using("id"):
        assert report.lines() == [
            "pohon kinerja contoh",
            "  diganti: 2 elemen dari pemuatan sebelumnya dihapus",
            "  peringatan: 2 elemen dari pemuatan sebelumnya tidak ada di berkas ini dan tetap "
            "disimpan (ind-a, ind-b); muat dengan --replace untuk menghapusnya",
            "  Indicator: 1.234",
            "  SUPPORTS: 5",
        ]
        assert summary.line() == "1 pohon kinerja dimuat: 1.234 simpul, 5 tautan dalam 1,2 dtk"
    with using("en"):
        assert report.lines()[:2] == [
            "cascade contoh",
            "  replaced: 2 elements of the previous load removed",
        ]
        assert report.lines()[3] == "  Indicator: 1,234"
        assert summary.line() == "loaded 1 cascade: 1,234 nodes, 5 links in 1.2 s"


def test_a_validation_problem_is_framed_in_the_language_the_library_text_kept():
    """pydantic's own words (here for a value not in a Literal) stay as the library says
    them; pokin's frame around them follows the language."""
    from pokin.seed import SEED_FILE
    from pokin.seed.schema import parse_cascade

    text = SEED_FILE.read_text(encoding="utf-8").replace("polarity: positive", "polarity: naik", 1)
    said = {}
    for locale in ("id", "en"):
        with using(locale), pytest.raises(CascadeValidationError) as caught:
            parse_cascade(text, "contoh.yaml")
        [said[locale]] = [p.message for p in caught.value.problems]
    library = said["en"].removesuffix(" (got 'naik')")
    assert library.startswith("Input should be ")  # pydantic's text, in English in both
    assert said["id"] == f"{library} (tertulis 'naik')"
