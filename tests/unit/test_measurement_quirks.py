"""The measurement readers on files carrying a planning-system export's quirks (docs/domain.md:
``NULL`` cells, two-digit and odd codes, repeated rows, blank spacer rows, numbers as text with
Indonesian separators, percent signs): each row becomes data or is reported with its reason;
none is dropped silently. Fixtures are generated here, fictional "Kabupaten Contoh"."""

from __future__ import annotations

import pytest

from pokin.core.errors import CascadeValidationError
from pokin.core.i18n import using
from pokin.seed.formats.realisation import read_realisation


@pytest.fixture(autouse=True)
def english():
    """The messages asserted below are the English ones."""
    with using("en"):
        yield


QUIRKY = (
    "indikator;nilai;rp\n"
    "ind-contoh-1;1.234,56;\n"  # Indonesian separators
    "ind-contoh-2;75,5 %;NULL\n"  # a percent sign, NULL for a missing Rp
    " ; ; \n"  # a spacer row of spaces
    ";;\n"  # an empty spacer row
    "5.03.02.2.01.01;null;2.500.000,00\n"  # a two-digit sub-activity code, null K
    "ind-contoh-3;0.75;Rp\n"
)


def test_a_quirky_file_reads_every_row_or_names_why_not():
    with pytest.raises(CascadeValidationError) as err:
        read_realisation(QUIRKY.encode(), "contoh.csv")
    # 'Rp' is no number: the one problem, with its row and column
    assert [str(p) for p in err.value.problems] == [
        "Sheet 'contoh.csv' row 7, column 'rp': not a number (got 'Rp')"
    ]
    fixed = QUIRKY.replace("0.75;Rp", "0.75;-")
    rows = read_realisation(fixed.encode(), "contoh.csv")
    assert [(r.row, r.indicator, r.value, r.rp) for r in rows] == [
        (2, "ind-contoh-1", 1234.56, None),
        (3, "ind-contoh-2", 75.5, None),
        (6, "5.03.02.2.01.01", None, 2_500_000.0),
        (7, "ind-contoh-3", 0.75, None),
    ]


@pytest.mark.parametrize(
    "body, said",
    [
        ("NULL;5;\n", "row 2, column 'indicator': no indicator named (the cell says 'NULL')"),
        ("ind-contoh-1;5;\nind-contoh-1;5;\n",
         "row 3, column 'indicator': ind-contoh-1 is given twice (also row 2)"),
        ("ind-contoh-1;NULL;NULL\n", "row 2, column 'value': no value (K) and no rp given"),
    ],
    ids=["null-indicator", "repeated-row", "nothing-reported"],
)  # fmt: skip
def test_a_row_that_cannot_be_data_is_named_with_its_reason(body, said):
    with pytest.raises(CascadeValidationError) as err:
        read_realisation(("indikator;nilai;rp\n" + body).encode(), "contoh.csv")
    assert [str(p) for p in err.value.problems] == [f"Sheet 'contoh.csv' {said}"]


def _quirky_renja() -> tuple[bytes, set[int]]:
    """The generated Renja evaluation table with the quirks planted (the cached values kept:
    read with ``data_only``), and the rows left blank on purpose."""
    import copy
    import io

    import openpyxl

    from pokin.seed.generate_renja import generate_renja

    book = openpyxl.load_workbook(io.BytesIO(generate_renja().data), data_only=True)
    ws = book.active
    ws["P13"] = "25 %"  # a percent sign (quarter I, K)
    ws["I15"] = ws["P15"] = "NULL"  # NULL unit, NULL quarter I
    ws["O15"] = "90.000.000,00"  # this year's pagu as text, Indonesian separators
    ws["G21"] = "2.16.03.2.02.02 Pengelolaan Pusat Data Pemerintah Daerah"  # two-digit code
    ws["G24"] = "2.16.3.2.3.1 Monitoring Opini dan Aspirasi Publik"  # an odd code

    def insert(at: int, values: list, like: int | None = None) -> None:
        ws.insert_rows(at)
        for j, v in enumerate(values, start=1):
            cell = ws.cell(row=at, column=j, value=v)
            if like is not None:
                cell._style = copy.copy(ws.cell(row=like, column=j)._style)

    insert(18, [None] * 5 + ["  "] * 3)  # a spacer row of spaces, then an empty one
    insert(18, [])
    insert(15, [c.value for c in ws[14]], like=14)  # row 14 repeated
    insert(16, [None] * 6 + ["NULL"] * 3)  # a row of NULLs
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), {4, 20, 21, 32}


def test_a_renja_table_with_export_quirks_accounts_for_every_row():
    from pokin.seed.formats import read_bytes, report_of

    data, blank = _quirky_renja()
    read = read_bytes(data, "renja-contoh.xlsx")
    [cascade] = read
    report = report_of(read)
    rows = {r.row: r for r in report.rows}
    assert sorted(rows) == [n for n in range(1, 44) if n not in blank]
    repeated = rows[15]
    assert (repeated.outcome, repeated.element, repeated.reason) == (
        "merged", rows[14].element, "the same row again (row 14)"
    )  # fmt: skip
    nulls = rows[16]
    assert (nulls.outcome, nulls.missing) == ("refused", ["name", "indicator", "unit"])
    assert nulls.reason == "no programme, kegiatan or sub kegiatan name in this row"
    assert (rows[17].outcome, rows[17].missing) == ("kept", ["unit", "9 K"])
    subs = {u.name: u for u in cascade.sub_activities}
    assert len(subs) == 7  # the repeated row is no eighth
    evaluation = subs["Evaluasi Kinerja Perangkat Daerah"]
    assert [b.pagu for b in evaluation.budget if b.quarter is None] == [90_000_000.0]
    inds = {i.name: i for t in cascade.targets for i in t.indicators}
    reports = inds["Jumlah laporan evaluasi kinerja Dinas Contoh"]
    assert reports.unit is None and [r.quarter for r in reports.realisation] == [2, 3, 4]
    timely = inds["Persentase dokumen perencanaan dan evaluasi yang tepat waktu"]
    assert timely.realisation[0].value == 25.0
    assert subs["Pengelolaan Pusat Data Pemerintah Daerah"].code == "2.16.03.2.02.02"
    odd = subs["Monitoring Opini dan Aspirasi Publik"]
    assert odd.code is None and odd.note == rows[28].reason
    assert rows[28].reason == "code as written, not a nomenclature code: 2.16.3.2.3.1"
    assert rows[28].level == "sub_activity"


def _measurement_of(cascade) -> dict:
    inds = {
        i.name: (i.unit, i.target_value, [(t.year, t.value) for t in i.targets],
                 [(r.quarter, r.value) for r in i.realisation])
        for t in cascade.targets
        for i in t.indicators
    }  # fmt: skip
    units = [*cascade.programmes, *cascade.activities, *cascade.sub_activities]
    budget = {u.name: [(b.quarter, b.pagu, b.realisation) for b in u.budget] for u in units}
    return {"indicators": inds, "budget": budget, "period": cascade.cascade.period}


@pytest.mark.parametrize("headers", ["told", "blank"])
def test_a_number_row_without_formulas_finds_the_columns(headers):
    """The row of column numbers as plain 1, 2, 3 ...: the groups from their headers, or, with
    headers that tell nothing, from form E.81's numbering; the same as with the formulas."""
    import io

    import openpyxl

    from pokin.seed.formats import read_bytes, report_of, sniff
    from pokin.seed.generate_renja import generate_renja

    original = generate_renja().data
    book = openpyxl.load_workbook(io.BytesIO(original), data_only=True)
    ws = book.active
    import re

    numbered = 0
    for row in ws.iter_rows(max_row=12):  # the numbered row's formulas ("13 = 9 + 10 + ...")
        for cell in row:
            formula = re.match(r"\s*(1[3-5])\s*=", str(cell.value or ""))
            if formula:
                cell.value = int(formula.group(1))
                numbered += 1
    assert numbered == 3
    if headers == "blank":  # the group headers say nothing about what they hold
        for row in (5, 6):
            for cell in ws[row][9:31]:
                if isinstance(cell.value, str) and cell.value.strip():
                    cell.value = "Kolom"
    out = io.BytesIO()
    book.save(out)
    plain = out.getvalue()
    assert sniff(plain, "upload") == "renja"
    want = read_bytes(original, "renja.xlsx")
    got = read_bytes(plain, "renja.xlsx")
    got_m, want_m = _measurement_of(got[0]), _measurement_of(want[0])
    if headers == "blank":  # the period's end is read from the Renstra target's header
        got_m.pop("period"), want_m.pop("period")
    assert got_m == want_m
    outcomes = [(r.row, r.outcome, r.element) for r in report_of(got).rows]
    assert outcomes == [(r.row, r.outcome, r.element) for r in report_of(want).rows]


def test_the_headers_tell_the_groups_where_the_numbering_is_shifted():
    """A table with one more name column (numbers shifted by one): the groups follow their
    headers, not form E.81's numbers."""
    from pokin.seed.formats.renja_evaluation import _groups_from_headers

    heads = [
        "Target Kinerja Renstra (Akhir Periode)",
        "Realisasi Kinerja s.d. Renja Tahun Lalu",
        "Target Kinerja Renja Tahun Berjalan",
        "Realisasi pada Triwulan I", "Realisasi pada Triwulan II",
        "Realisasi pada Triwulan III", "Realisasi pada Triwulan IV",
        "Realisasi Kinerja Renja yang Dievaluasi",
        "Realisasi Kinerja Renstra s.d. Tahun Berjalan",
        "Tingkat Capaian Kinerja Renstra s.d. Tahun Berjalan (%)",
    ]  # fmt: skip
    numbers = list(range(7, 17))
    groups = _groups_from_headers(numbers, dict(enumerate(heads)))
    assert groups == {
        "renstra": 7, "last_year": 8, "target": 9, "q1": 10, "q2": 11, "q3": 12, "q4": 13,
        "year": 14, "renstra_real": 15, "achievement": 16,
    }  # fmt: skip
