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
