"""The Renstra matrix carries measurement: a baseline, a target per year (number, range or
text) per indicator, a pagu per year per unit, and a realisation sheet; a text where a number
is expected names its sheet, row and column."""

from __future__ import annotations

import io

import openpyxl
import pytest

from pokin.core.errors import CascadeValidationError
from pokin.core.i18n import using
from pokin.seed import parse_cascade
from pokin.seed.formats import read_bytes, write_cascade
from pokin.seed.generate import add_measurement, generate


def _measured() -> dict:
    """The generated cascade with its measurement (what `pokin generate cascade --measurement`
    writes, without the planted defects: two sub-activities entered under one code are not a
    matrix's, whose units are known by their code), plus the target kinds the generator does
    not write: a range, a text, a baseline, a year's realisation in K and Rp."""
    data = add_measurement(generate(1, seed=2025, per_kind=0))
    ind = data["targets"][0]["indicators"][0]
    ind["baseline"] = 61.5
    ind["targets"] = [
        {"year": 2025, "low": 80.0, "high": 90.0},
        {"year": 2026, "text": "WTP"},
        {"year": 2027, "value": 1234.5},
    ]
    ind["realisation"].append({"year": 2026, "value": 3.25, "rp": 1_500_000.0})
    return data


def _measurement(c) -> dict:
    def one(ind):
        targets = tuple((t.year, t.value, t.low, t.high, t.text) for t in ind.targets)
        done = sorted((r.year, r.quarter or 0, r.value, r.rp) for r in ind.realisation)
        return ind.baseline, targets, tuple(done)

    units = [*c.programmes, *c.activities, *c.sub_activities]
    return {
        "indicators": {
            (r.name, i.name): one(i) for r in [*c.all_goals, *c.targets] for i in r.indicators
        },
        "budget": {
            (u.code, u.name): sorted(
                (b.year, b.quarter or 0, b.pagu, b.realisation) for b in u.budget
            )  # fmt: skip
            for u in units
        },
    }


@pytest.mark.parametrize("locale", ["id", "en"])
def test_the_matrix_carries_targets_per_year_baseline_pagu_and_realisation(locale):
    cascade = parse_cascade(_measured(), "generated")
    with using(locale):
        data = write_cascade(cascade, "matrix")
    [back] = read_bytes(data, "generated-matrix.xlsx", "matrix")
    got, want = _measurement(back), _measurement(cascade)
    assert got == want
    # the generator measures every indicator of every year and some sub-activities' budget
    yearly = [len(t) for _, t, _ in want["indicators"].values()]
    assert yearly.count(5) == len(yearly) - 1 and yearly.count(3) == 1
    assert sum(1 for b in want["budget"].values() if b) > 3
    book = openpyxl.load_workbook(io.BytesIO(data))
    header = [c.value for c in book.worksheets[0][6]]
    year_head = "Target Sub Kegiatan 2027" if locale == "id" else "Sub-activity target 2027"
    pagu_head = "Pagu Sub Kegiatan 2029" if locale == "id" else "Sub-activity budget 2029"
    assert year_head in header and pagu_head in header
    assert book.sheetnames[1] == ("Realisasi" if locale == "id" else "Realisation")


def _cell(ws, header_row: int, header: str, *, value_like=None) -> tuple[int, int]:
    """(row, column) of the first data cell under ``header`` holding a value."""
    col = next(c.column for c in ws[header_row] if c.value == header)
    for row in range(header_row + 1, ws.max_row + 1):
        v = ws.cell(row=row, column=col).value
        if v not in (None, "-") and (value_like is None or isinstance(v, value_like)):
            return row, col
    raise AssertionError(header)


def _broken(sheet: str, header_row: int, header: str, value: str) -> tuple[list[str], int]:
    cascade = parse_cascade(_measured(), "generated")
    with using("en"):
        data = write_cascade(cascade, "matrix")
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book[sheet]
    row, col = _cell(ws, header_row, header, value_like=(int, float))
    ws.cell(row=row, column=col).value = value
    out = io.BytesIO()
    book.save(out)
    with using("en"), pytest.raises(CascadeValidationError) as err:
        read_bytes(out.getvalue(), "broken.xlsx", "matrix")
    return [str(p) for p in err.value.problems], row


@pytest.mark.parametrize(
    "sheet, header_row, header, value, said",
    [
        ("Matrix", 6, "Strategic target baseline", "enam puluh",
         "a number is expected here (got 'enam puluh')"),
        ("Matrix", 6, "Sub-activity budget 2026", "banyak",
         "a number is expected here (got 'banyak')"),
        ("Matrix", 6, "Sub-activity target 2028", "12,3,4",
         "the target must be a number, a range (80–90) or a text (got '12,3,4')"),
        ("Realisation", 1, "Realisation (K)", "tujuh",
         "a number is expected here (got 'tujuh')"),
    ],
)  # fmt: skip
def test_a_text_where_a_number_is_expected_names_sheet_row_and_column(
    sheet, header_row, header, value, said
):
    problems, row = _broken(sheet, header_row, header, value)
    assert problems == [f"Sheet '{sheet}' row {row}, column '{header}': {said}"]


def test_a_matrix_in_the_customary_layout_gives_targets_and_pagu_per_year():
    """A hand-made matrix: "Target" and "Pagu" merged over the years below them, a baseline
    column ("Kondisi Awal"), a range and a qualitative target."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Matriks"
    ws.append(["MATRIKS RENSTRA DINAS CONTOH KABUPATEN CONTOH"])
    ws.append(["Perangkat Daerah: Dinas Contoh"])
    ws.append(["Periode: 2025 - 2027"])
    ws.append(["Tujuan", "Sasaran Strategis", "Program", "Sasaran Program", "Pagu", None, None,
               "Indikator", "Satuan", "Kondisi Awal", "Target", None, None])  # fmt: skip
    ws.append([None] * 4 + [2025, 2026, 2027, None, None, None, 2025, 2026, 2027])
    ws.merge_cells("E4:G4")
    ws.merge_cells("K4:M4")
    ws.append(["Tujuan Contoh", "Sasaran Contoh", "Program Contoh", "Layanan Contoh meningkat",
               "1.500.000,00", 1_600_000, None, "Indeks Layanan Contoh", "indeks", "70,5",
               "75", "80–85", "Sangat baik"])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    [c] = read_bytes(out.getvalue(), "contoh.xlsx", "matrix")
    [prog] = c.programmes
    assert [(b.year, b.pagu) for b in prog.budget] == [(2025, 1_500_000.0), (2026, 1_600_000.0)]
    [ind] = next(t for t in c.targets if t.level == "programme").indicators
    assert ind.baseline == 70.5 and ind.unit == "indeks"
    assert [(t.year, t.kind, t.value, t.low, t.high, t.text) for t in ind.targets] == [
        (2025, "number", 75.0, None, None, None),
        (2026, "range", None, 80.0, 85.0, None),
        (2027, "text", None, None, None, "Sangat baik"),
    ]
