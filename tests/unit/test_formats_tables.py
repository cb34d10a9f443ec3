"""pokin's lossless tables without a database: their columns are the seed models' fields, each
explained in the README sheet in English and Indonesian; a cascade with several Tujuan, links
to other cascades and every optional field set comes back identical through the workbook and
the CSV files; a workbook written before the region columns existed still reads."""

from __future__ import annotations

import io

import openpyxl
import pytest

from pokin.seed import parse_cascade, schema
from pokin.seed.formats.tables import COLUMNS, README, explanation
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


def test_every_column_is_explained_in_english_and_indonesian():
    unexplained = [
        f"{table}.{column}"
        for table, columns in COLUMNS.items()
        for column in columns
        if not all(explanation(table, column) or ("", ""))
    ]
    assert unexplained == []
    # and every README line explains a column that exists
    assert all(
        t == "*" and any(c in cols for cols in COLUMNS.values()) or c in COLUMNS.get(t, {})
        for t, c, _, _ in README
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


@pytest.mark.parametrize("cascade", _cascades(), ids=lambda c: c.cascade.id)
def test_through_the_workbook_and_the_csv_files_the_cascade_is_identical(cascade):
    [from_book] = read_workbook(write_workbook(cascade), "x.xlsx")
    [from_csv] = read_csv_files(write_csv_files(cascade), "x")
    assert from_book.model_dump() == cascade.model_dump()
    assert from_csv.model_dump() == cascade.model_dump()


def test_text_that_looks_like_a_formula_is_text_in_the_workbook():
    book = openpyxl.load_workbook(io.BytesIO(write_workbook(parse_cascade(full_cascade(), "f"))))
    cells = [c for row in book["owners"].iter_rows() for c in row if c.value == "=bukan rumus"]
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
