"""pokin's lossless tables without a database: their columns are the seed models' fields, each
headed and explained (README sheet) in Indonesian and English; a cascade with several Tujuan,
links to other cascades and every optional field set comes back identical through the workbook
and the CSV files written in either language; a workbook written before the region columns
existed, or before the languages (English sheet and column names), still reads."""

from __future__ import annotations

import io

import openpyxl
import pytest

from pokin.core.i18n import using
from pokin.seed import parse_cascade, schema
from pokin.seed.formats.cells import csv_bytes, text_cells
from pokin.seed.formats.tables import COLUMNS, HEADERS, README, SHEETS, explanation, to_tables
from pokin.seed.formats.workbook import (
    read_csv_files,
    read_workbook,
    write_csv_files,
    write_workbook,
)
from pokin.seed.generate_region import generate_region
from pokin.seed.schema import meta_columns
from tests.full_cascade import full_cascade

#: table -> the seed models whose cell fields are its columns
TABLES = {
    "owners": (schema.Owner,),
    "results": (schema.Goal, schema.Target),
    "units": (schema.Programme, schema.Activity, schema.SubActivity),
    "indicators": (schema.Indicator,),
    "links": (schema.Link,),
}
NESTED = {
    "indicators",
    "supports",
    "delivers",
    "part_of",
    "targets",
    "realisation",
    "budget",
}  # rows of other tables


def test_every_column_is_headed_and_explained_in_indonesian_and_english():
    every = [(table, column) for table, columns in COLUMNS.items() for column in columns]
    assert [f"{t}.{c}" for t, c in every if not explanation(t, c)] == []
    assert [f"{t}.{c}" for t, c in every if (t, c) not in HEADERS and c not in HEADERS] == []
    with using("en"):
        english = {(t, c): explanation(t, c) for t, c in every}
    with using("id"):
        indonesian = {(t, c): explanation(t, c) for t, c in every}
    assert english[("cascade", "period_start")] == "First year of the period"
    assert indonesian[("cascade", "period_start")] == "Tahun awal periode"
    # and every README line explains a column that exists
    assert all(
        t == "*" and any(c in cols for cols in COLUMNS.values()) or c in COLUMNS.get(t, {})
        for t, c, _ in README
    )


def test_the_columns_are_the_fields_of_the_seed_models():
    for table, models in TABLES.items():
        fields = {n for m in models for n in m.model_fields if n not in NESTED}
        assert fields <= set(COLUMNS[table]), table
    assert list(COLUMNS["cascade"]) == list(meta_columns())
    assert {"kind", "region", "region_name", "synthetic", "note"} <= set(COLUMNS["cascade"])
    assert {"unit", "target_value", "note"} <= set(COLUMNS["indicators"])
    assert list(COLUMNS["links"])[:3] == ["from", "type", "to"] and "status" in COLUMNS["links"]


def _cascades():
    region = generate_region()
    several = next(f for f in region.agencies if len(f["goals"]) == 3)
    return [
        parse_cascade(full_cascade(), "full"),
        parse_cascade(region.rpjmd, "rpjmd"),
        parse_cascade(several, "agency"),
    ]


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("cascade", _cascades(), ids=lambda c: c.cascade.id)
def test_through_the_workbook_and_the_csv_files_the_cascade_is_identical(cascade, locale):
    with using(locale):
        book, files = write_workbook(cascade), write_csv_files(cascade)
    for reader in ("id", "en"):  # whatever the reader's own language
        with using(reader):
            [from_book] = read_workbook(book, "x.xlsx")
            [from_csv] = read_csv_files(files, "x")
        assert from_book.model_dump() == cascade.model_dump()
        assert from_csv.model_dump() == cascade.model_dump()


def _sheets(data: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_the_workbook_speaks_the_locale_it_was_written_in():
    cascade = parse_cascade(full_cascade(), "full")
    with using("id"):
        indonesian = _sheets(write_workbook(cascade))
    with using("en"):
        english = _sheets(write_workbook(cascade))
    assert list(indonesian) == [
        "PETUNJUK",
        "Pohon Kinerja",
        "Pemilik Kinerja",
        "Tujuan dan Sasaran",
        "Program dan Kegiatan",
        "Indikator",
        "Hubungan",
        "Pengukuran",  # the full cascade is measured: the optional table is written
    ]
    assert list(english) == ["README", "Cascade", "Owners", "Results", "Units", "Indicators",
                             "Links", "Measurement"]  # fmt: skip
    assert indonesian["Indikator"][0][:6] == (
        "Id", "Mengukur", "Nama", "Indikator sesuai sumber", "Formulasi", "Formulasi sesuai sumber"
    )  # fmt: skip
    assert english["Indicators"][0][:6] == (
        "Id", "Measures", "Name", "Indicator as written", "Formula", "Formula as written"
    )  # fmt: skip
    assert indonesian["Pohon Kinerja"][0][6:8] == ("Tahun awal", "Tahun akhir")
    assert indonesian["Pemilik Kinerja"][0][1] == "Jabatan"
    assert english["Owners"][0][1] == "Position title"
    # the README: its header row and a column's meaning, each in its language
    assert ("Lembar", "Kolom", "Arti") in indonesian["PETUNJUK"]
    assert ("Sheet", "Column", "Meaning") in english["README"]
    assert ("Pohon Kinerja", "Tahun awal", "Tahun awal periode") in indonesian["PETUNJUK"]
    assert ("Cascade", "First year", "First year of the period") in english["README"]
    # the data is not translated: codes and the cascade's own text stay as they are
    assert indonesian["Tujuan dan Sasaran"][1] == english["Results"][1]


def test_a_number_stays_a_number_in_every_locale():
    data = full_cascade()
    data["targets"][0]["indicators"][0]["target_value"] = 1234.5
    cascade = parse_cascade(data, "planted")
    ident = data["targets"][0]["indicators"][0]["id"]
    for locale, sheet in (("id", "Indikator"), ("en", "Indicators")):
        with using(locale):
            book = openpyxl.load_workbook(io.BytesIO(write_workbook(cascade)))
            files = write_csv_files(cascade)
        ws = book[sheet]
        column = [c.value for c in ws[1]].index("Target" if locale == "id" else "Target value")
        [cell] = [row[column] for row in ws.iter_rows(min_row=2) if row[0].value == ident]
        assert (cell.value, cell.data_type, cell.number_format) == (1234.5, "n", "General")
        # a CSV table is data to load again: the plain notation reads the same everywhere
        assert b",1234.5," in files["indicators.csv"]
        assert (
            b"1.234,5" not in files["indicators.csv"] and b"1,234.5" not in files["indicators.csv"]
        )


def test_the_readme_counts_for_people_in_the_locale():
    from pokin.seed.formats.workbook import readme_lines

    cascade = parse_cascade(full_cascade(), "full")
    tables = to_tables(cascade)
    tables["links"] = [tables["links"][0]] + [[]] * 1234
    with using("id"):
        indonesian = readme_lines(cascade, tables)[1]
    with using("en"):
        english = readme_lines(cascade, tables)[1]
    assert "1.234 hubungan" in indonesian and "1,234 links" in english


def _old_workbook(cascade) -> bytes:
    """The workbook as pokin wrote it before the languages: English table names as sheets,
    field names as headers, a README in two languages."""
    book = openpyxl.Workbook()
    book.active.title = "README"
    book.active.append(["Sheet", "Column", "Meaning", "Arti (Bahasa Indonesia)"])
    for name, rows in to_tables(cascade).items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        text_cells(ws)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("locale", ["id", "en"])
def test_files_with_the_old_english_names_still_read(locale):
    cascade = parse_cascade(full_cascade(), "full")
    old_csv = {
        f"{name}.csv": csv_bytes(rows[0], rows[1:])
        for name, rows in to_tables(cascade, booleans_as_text=True).items()
    }
    assert old_csv["owners.csv"].startswith(b"id,title,reports_to")
    with using(locale):
        [from_book] = read_workbook(_old_workbook(cascade), "old.xlsx")
        [from_csv] = read_csv_files(old_csv, "old")
    assert from_book.model_dump() == cascade.model_dump()
    assert from_csv.model_dump() == cascade.model_dump()


def test_the_names_of_a_table_never_collide():
    from pokin.seed.formats.tables import _header_msgid, in_every_locale, sheet_names

    assert sorted(set(sheet_names().values())) == sorted(SHEETS)
    for table, columns in COLUMNS.items():
        known = [(n, c) for c in columns for n in in_every_locale(_header_msgid(table, c), c)]
        clashes = {n for n, c in known for m, d in known if n == m and c != d}
        assert clashes == set(), table  # no header of one column names another


def test_text_that_looks_like_a_formula_is_text_in_the_workbook():
    book = openpyxl.load_workbook(io.BytesIO(write_workbook(parse_cascade(full_cascade(), "f"))))
    cells = [
        c for row in book["Pemilik Kinerja"].iter_rows() for c in row if c.value == "=bukan rumus"
    ]
    assert [c.data_type for c in cells] == ["s"]


def _without(csv: bytes, columns: set[str]) -> bytes:
    """A CSV table without some of its columns (as an older pokin wrote it)."""
    import csv as csv_

    rows = list(csv_.reader(io.StringIO(csv.decode())))
    keep = [i for i, h in enumerate(rows[0]) if h not in columns]
    out = io.StringIO()
    csv_.writer(out, lineterminator="\n").writerows([[r[i] for i in keep] for r in rows])
    return out.getvalue().encode()


def test_tables_without_the_region_columns_still_read():
    data = full_cascade()
    for result in [data["goal"], *data["targets"]]:
        for link in result["supports"]:
            link.pop("status", None)
    for key in ("kind", "region", "region_name", "synthetic"):
        data["cascade"].pop(key)
    cascade = parse_cascade(data, "old")
    files = write_csv_files(cascade)
    files["cascade.csv"] = _without(files["cascade.csv"], {"kind", "region", "region_name"})
    files["cascade.csv"] = _without(files["cascade.csv"], {"synthetic"})
    files["links.csv"] = _without(files["links.csv"], {"status"})
    assert b"status" not in files["links.csv"] and b"region" not in files["cascade.csv"]
    [again] = read_csv_files(files, "old")
    assert again.cascade.kind == "agency" and again.cascade.region is None
    assert again.model_dump() == cascade.model_dump()
