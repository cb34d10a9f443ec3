"""Every writable format reads back what it wrote, for the shapes that used to break a round
trip: a cascade read without a period (stored as 0-0, e.g. a planning-system export without a
year) and a cascade with several Tujuan. The lossless formats are compared whole
(tests/e2e/test_export_lossless.py); here every format, the matrix included, keeps the period,
the Tujuan and the budget structure, whichever language the file was written in and whichever
the reader speaks."""

from __future__ import annotations

import pytest

from pokin.core.i18n import using
from pokin.graph.loader import planned_counts
from pokin.seed import SEED_FILE, load_cascade_file, parse_cascade
from pokin.seed.formats import FORMATS, read_path, writable, write_path
from pokin.seed.generate_region import generate_region


def _no_period():
    data = load_cascade_file(SEED_FILE).model_dump(mode="json", exclude_defaults=True)
    data["cascade"]["period"] = {"start": 0, "end": 0}
    return parse_cascade(data, "seed without a period")


def _several_tujuan():
    region = generate_region(agencies=3, planted=False)
    [data] = [a for a in region.agencies if len(a.get("goals") or []) > 1][:1]
    return parse_cascade(data, "an agency with several Tujuan")


SHAPES = {"no_period": _no_period, "several_tujuan": _several_tujuan}


@pytest.mark.parametrize("written, read", [("id", "en"), ("en", "id")])
@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("fmt", list(writable()))
def test_every_writable_format_reads_back_its_own_file(fmt, shape, written, read, tmp_path):
    cascade = SHAPES[shape]()
    path = tmp_path / f"cascade{'' if fmt == 'csv' else FORMATS[fmt].download}"
    with using(written):
        write_path(cascade, fmt, path)
    with using(read):
        [(back, _)] = read_path(path, fmt)
    assert back.cascade.period == cascade.cascade.period
    assert [g.name for g in back.all_goals] == [g.name for g in cascade.all_goals]
    counts, expected = planned_counts(back), planned_counts(cascade)
    for label in ("Goal", "Programme", "Activity", "SubActivity", "PART_OF"):
        assert counts[label] == expected[label], label


def test_the_matrix_is_indonesian_unless_english_is_asked_for(tmp_path):
    import openpyxl

    cascade = load_cascade_file(SEED_FILE)
    heads = {}
    for locale in ("id", "en"):
        with using(locale):
            write_path(cascade, "matrix", tmp_path / f"{locale}.xlsx")
        ws = openpyxl.load_workbook(tmp_path / f"{locale}.xlsx").worksheets[0]
        heads[locale] = (ws.title, ws["B2"].value or ws["A2"].value, ws["A3"].value,
                         [c.value for c in ws[6]])  # fmt: skip
    title, agency, period, header = heads["id"]
    assert (title, period) == ("Matriks", f"Periode: {cascade.cascade.period.start}-"
                               f"{cascade.cascade.period.end}")  # fmt: skip
    assert agency.startswith("Perangkat Daerah: ")
    assert header[:4] == [
        "Tujuan",
        "Indikator Tujuan",
        "Formulasi Tujuan",
        "Pemilik Kinerja Tujuan",
    ]
    assert "Sasaran Sub Kegiatan" in header and "Kode Program" in header
    title, agency, period, header = heads["en"]
    assert (title, agency.split(":")[0], period.split(":")[0]) == ("Matrix", "Agency", "Period")
    assert header[:4] == ["Goal", "Goal indicator", "Goal formula", "Goal owner"]
    assert "Sub-activity result" in header and "Programme code" in header
