"""The Renja evaluation table as delivered (issue 23), read from the generated fictional table:
structure, targets and realisation, every row accounted for, the planted disagreement."""

from __future__ import annotations

import pytest

from pokin.core.i18n import using
from pokin.seed.formats import read_bytes, report_of, sniff
from pokin.seed.formats.renja_evaluation import split_numbered
from pokin.seed.generate_renja import RenjaTable, generate_renja


@pytest.fixture(scope="module")
def table() -> RenjaTable:
    return generate_renja(plant_disagreement=True)


@pytest.fixture(scope="module")
def read(table: RenjaTable):
    """Read in English: the tests assert the report's reasons as written in code."""
    with using("en"):
        return read_bytes(table.data, "renja-contoh.xlsx")


def _by_name(cascade, level: str) -> dict:
    return {t.name: t for t in cascade.targets if t.level == level}


def test_told_apart_by_content(table: RenjaTable) -> None:
    assert sniff(table.data, "upload") == "renja"


def test_structure_year_and_agency(table: RenjaTable, read) -> None:
    (cascade,) = read
    meta = cascade.cascade
    assert meta.agency == "Dinas Komunikasi dan Informatika Kabupaten Contoh"
    assert (meta.period.start, meta.period.end) == (2025, 2029)
    assert [g.name for g in cascade.all_goals] == [
        "Meningkatnya tata kelola pemerintahan berbasis elektronik di Kabupaten Contoh",
        "Meningkatnya keterbukaan informasi publik Kabupaten Contoh",
    ]
    levels = [r.level for r in table.elements.values()]
    assert len(cascade.programmes) == levels.count("programme") == 3
    assert len(cascade.activities) == levels.count("activity") == 4
    assert len(cascade.sub_activities) == levels.count("sub_activity") == 7
    strategic = _by_name(cascade, "strategic")
    assert len(strategic) == 2
    goal_of = {s.name: s.supports[0].to for s in strategic.values()}
    assert len(set(goal_of.values())) == 2  # each Sasaran under its own Tujuan
    # the code stays on its unit, the name without it
    coded = [s for s in cascade.sub_activities if s.code]
    assert [(s.code, s.name) for s in coded] == [
        ("2.16.03.2.02.0001", "Penatalaksanaan dan Pengawasan e-Government")
    ]
    # each sub kegiatan's result supports its kegiatan's
    ids = {t.id: t for t in cascade.targets}
    for t in _by_name(cascade, "sub_activity").values():
        assert ids[t.supports[0].to].level == "activity"


def test_every_row_accounted_for(table: RenjaTable, read) -> None:
    report = report_of(read)
    non_blank = [n for n, kind in table.kinds.items() if kind != "blank"]
    assert sorted(r.row for r in report.rows) == sorted(non_blank)
    counts = report.counts()
    assert (
        counts["read"] == counts["kept"] + counts["merged"] + counts["refused"] + counts["skipped"]
    )
    kept = {r.row for r in report.rows if r.outcome == "kept"}
    assert kept == set(table.elements)
    skipped = {r.row: r.reason for r in report.rows if r.outcome == "skipped"}
    for n, kind in table.kinds.items():
        if kind in ("title", "header", "numbers", "subheader", "agency", "urusan", "total"):
            assert n in skipped, (n, kind)
    assert sum(1 for k in table.kinds.values() if k == "footer") == sum(
        1 for r in skipped.values() if r.startswith("footer")
    )


def test_a_row_with_only_an_indicator_adds_it_to_the_row_above(table: RenjaTable, read) -> None:
    (entry,) = [r for r in report_of(read).rows if r.row == table.continuation_row]
    assert (entry.outcome, entry.reason) == ("merged", "a further indicator of the row above")
    (cascade,) = read
    holder = next(t for t in cascade.targets if t.id == entry.element)
    assert holder.name == "Pengelolaan Konten dan Perencanaan Media Komunikasi Publik"
    added = holder.indicators[-1]
    assert (added.name, added.unit, added.target_value) == (
        "Jumlah media komunikasi publik Contoh yang dikelola", "Media", 5.0,
    )  # fmt: skip
    assert [(r.quarter, r.value) for r in added.realisation] == [(1, 5.0), (2, 5.0)]


def test_other_tables_are_not_told_as_renja() -> None:
    from tests.sipd_builder import quirky_sipd_bytes

    assert sniff(quirky_sipd_bytes(), "export.xlsx") == "sipd"


def test_two_numbered_indicators_in_one_cell(read) -> None:
    (cascade,) = read
    prog = _by_name(cascade, "programme")[
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    ]
    got = [
        (i.name, i.unit, i.target_value, i.targets[0].value, [r.value for r in i.realisation])
        for i in prog.indicators
    ]
    assert got == [
        ("Nilai LHE AKIP Dinas Contoh", "Nilai", 80.0, 75.0, [76.0]),
        ("Indeks Kepuasan Layanan Internal Dinas Contoh", "Indeks", 3.5, 3.25, [3.3]),
    ]


def test_split_numbered() -> None:
    assert split_numbered("1. Nilai LHE AKIP 2. Indeks Kepuasan") == [
        "Nilai LHE AKIP",
        "Indeks Kepuasan",
    ]
    assert split_numbered("Nilai 2. tahap") == ["Nilai 2. tahap"]
    assert split_numbered("1. 80 2. 3,50") == ["80", "3,50"]


def test_decimal_comma_and_point_read_equal(read) -> None:
    (cascade,) = read
    subs = _by_name(cascade, "sub_activity")
    comma = subs["Penatalaksanaan dan Pengawasan e-Government"].indicators[0]  # "0,75" as text
    point = subs["Pengelolaan Pusat Data Pemerintah Daerah"].indicators[0]  # 0.75, a number
    assert comma.target_value == point.target_value == 0.75
    assert comma.targets[0].value == point.targets[0].value == 0.75


def test_targets_and_quarters(read) -> None:
    (cascade,) = read
    ind = _by_name(cascade, "sub_activity")[
        "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    ].indicators[0]
    assert (ind.unit, ind.target_value) == ("Dokumen", 15.0)
    assert [(t.year, t.value) for t in ind.targets] == [(2026, 3.0)]
    assert [(r.year, r.quarter, r.value) for r in ind.realisation] == [
        (2026, 1, 1.0), (2026, 2, 1.0), (2026, 3, 0.0), (2026, 4, 1.0)
    ]  # fmt: skip
    unit = next(s for s in cascade.sub_activities if s.name == ind_name(cascade, ind))
    assert [(b.quarter, b.pagu, b.realisation) for b in unit.budget] == [
        (None, 100_000_000, None), (1, None, 20_000_000), (2, None, 30_000_000),
        (3, None, 25_000_000), (4, None, 24_000_000),
    ]  # fmt: skip


def ind_name(cascade, ind) -> str:
    holder = next(t for t in cascade.targets if ind in t.indicators)
    return holder.name


def test_empty_quarters_stay_empty(read) -> None:
    (cascade,) = read
    ind = _by_name(cascade, "sub_activity")["Monitoring Opini dan Aspirasi Publik"].indicators[0]
    assert [(r.quarter, r.value) for r in ind.realisation] == [(1, 3.0), (2, 3.0)]


def test_inferred_level_is_reported(table: RenjaTable, read) -> None:
    report = report_of(read)
    rows = {r.row: r for r in report.rows}
    order = rows[table.order_only_row]
    assert order.level == "activity"
    assert order.level_inferred == "row order: the first row under a programme is a kegiatan"
    coded = next(r for r in report.rows if r.element and r.level_inferred is None)
    assert coded.level == "sub_activity"  # told by its nomenclature code
    inferred = [r for r in report.rows if r.outcome == "kept" and r.level_inferred]
    assert len(inferred) == len(table.elements) - 1


def test_planted_disagreement_is_one_finding(table: RenjaTable, read) -> None:
    row, told, computed = table.planted
    (finding,) = report_of(read).findings
    assert (finding.row, finding.column, finding.table) == (row, "15 K", told)
    assert finding.computed == pytest.approx(computed, abs=0.01)
    assert "52.5" in finding.message and "40" in finding.message


def test_no_finding_without_a_planted_one() -> None:
    assert report_of(read_bytes(generate_renja().data, "r.xlsx")).findings == []


def test_reasons_in_indonesian_by_default(table: RenjaTable) -> None:
    report = report_of(read_bytes(table.data, "r.xlsx"))
    reasons = {r.row: r.reason for r in report.rows}
    assert reasons[table.order_only_row] == (
        "urutan baris: baris pertama di bawah Program adalah Kegiatan"
    )
    assert "tabel menyebut 52.5, pokin menghitung 40" in report.findings[0].message


def stored_without_measurement(cascade):
    """The table's cascade as another file gave it: other ids, no measurement, the coded sub
    kegiatan renamed (only its code can match), one sub kegiatan named otherwise without code
    (nothing matches it)."""
    import json

    from pokin.seed import parse_cascade

    text = cascade.model_dump_json(exclude_defaults=True)
    text = text.replace("dinas-komunikasi-dan-informatika", "renstra-contoh")
    data = json.loads(text)
    data["cascade"]["id"] = "renstra-contoh"
    for section in ("targets", "goals"):
        for holder in data[section]:
            for ind in holder.get("indicators", []):
                ind.pop("targets", None), ind.pop("realisation", None)
    for section in ("programmes", "activities", "sub_activities"):
        for unit in data[section]:
            unit.pop("budget", None)
            if unit.get("code"):
                unit["name"] = "Penatalaksanaan e-Government (nama lama)"
            if unit["name"] == "Pengelolaan Pusat Data Pemerintah Daerah":
                unit["name"] = "Layanan Pusat Data"
    return parse_cascade(data, "renstra-contoh.yaml")


def test_rows_match_a_loaded_cascade_by_code_else_by_name(read) -> None:
    from pokin.seed.formats.renja_evaluation import match_into

    (cascade,) = read
    report = report_of(read).model_copy(deep=True)
    stored = stored_without_measurement(cascade)
    with using("en"):
        out = match_into(cascade, report, stored)
    kept = {r.row: r for r in report.rows if r.level is not None}
    how = [r.matched for r in kept.values()]
    assert (how.count("code"), how.count("name"), how.count("none")) == (1, 12, 1)
    (unmatched,) = [r for r in kept.values() if r.matched == "none"]
    assert "no element of renstra-contoh" in unmatched.reason
    assert (unmatched.outcome, unmatched.element) == ("refused", None)
    assert out.cascade.id == "renstra-contoh"
    assert [u.name for u in out.sub_activities] == [u.name for u in stored.sub_activities]
    inds = {i.id: i for _, i in out.indicators()}
    coded = next(r for r in kept.values() if r.matched == "code")
    coded_ind = next(
        i for t in out.targets for i in t.indicators if t.id in {
            d.to for u in out.sub_activities if u.id == coded.element for d in u.delivers
        }
    )  # fmt: skip
    assert [(t.year, t.value) for t in coded_ind.targets] == [(2026, 0.75)]
    assert len(coded_ind.realisation) == 4
    data_centre = next(u for u in out.sub_activities if u.name == "Layanan Pusat Data")
    assert data_centre.budget == []
    assert sum(1 for i in inds.values() if i.realisation) == 15  # 16 indicators, one unmatched


def test_a_value_that_is_no_number_names_its_cell() -> None:
    from pokin.core.errors import CascadeValidationError

    bad = generate_renja(bad_quarter="tiga")
    with using("en"), pytest.raises(CascadeValidationError) as caught:
        read_bytes(bad.data, "r.xlsx")
    row, column = bad.bad_cell
    (one,) = caught.value.problems
    assert one.file == f"Sheet 'Evaluasi Renja' row {row}, column '{column}'"
    assert one.message == "not a number: 'tiga'"
