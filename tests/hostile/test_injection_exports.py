"""Text that a spreadsheet would run is never a formula in what pokin writes: a cascade whose
names, formulas, notes, codes and owners carry every injection payload is loaded through the
real load path and exported to every writable format; no exported xlsx cell is a formula
(openpyxl's data types), every CSV cell starting with a formula character starts with ``'``,
and each export read back into a wiped database gives the identical graph (the matrix: the
names it carries). Control characters are refused at input, naming the element and field."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import openpyxl
import pytest

from pokin.graph.db import Db
from pokin.graph.export import read_stored_cascade
from pokin.graph.loader import load_cascade
from pokin.seed.formats import read_path, write_path
from pokin.seed.formats.cells import FORMULA_STARTS
from tests.conftest import run_pokin, wipe
from tests.e2e.cascade_builder import clean_cascade
from tests.e2e.test_export_lossless import difference, fingerprint

PAYLOADS = [
    '=HYPERLINK("http://contoh.invalid","klik")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "'=quoted",
    "'plain quote",
]
#: free text may start with a tab (names are one line without surrounding blanks)
NOTE_PAYLOADS = ["\t=1+1", "=1+1\n@SUM(A1)"]


def payload_cascade():
    b = clean_cascade("contoh-injection")
    names = ["tujuan", "ss-a", "pt-a", "at-a1", "st-a1a", "prog-a", "keg-a1", "sub-a1a"]
    for eid, payload in zip(names, PAYLOADS + PAYLOADS, strict=False):
        b.element(eid)["name"] = payload
    b.element("ss-a")["note"] = NOTE_PAYLOADS[0]
    b.element("st-a1b")["note"] = NOTE_PAYLOADS[1]
    ind = b.element("st-a1b")["indicators"][0]
    ind["formula"] = ind["formula_raw"] = "=A1/B1*100"
    ind["name"] = ind["raw"] = "@Persentase contoh"
    ind["unit"] = "-"
    b.data["owners"][0]["title"] = "=Kepala Badan"
    b.data["cascade"]["title"] = "+Pohon Kinerja Contoh"
    return b


@pytest.fixture
def stored(empty_db, settings):
    db = Db(empty_db, settings.neo4j_database)
    b = payload_cascade()
    load_cascade(db, b.parse(), source_text=b.yaml())
    return db, fingerprint(empty_db, settings.neo4j_database)


def _formula_cells(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        f"{ws.title}!{c.coordinate}"
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]


def _csv_cells(files: dict[str, bytes]) -> list[str]:
    return [
        cell
        for data in files.values()
        for row in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        for cell in row
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "csv-folder", "yaml", "json"])
def test_an_export_is_inert_and_reads_back_identical(fmt, stored, empty_db, settings, tmp_path):
    db, before = stored
    cascade = read_stored_cascade(db, "contoh-injection")
    name = {"csv": "c.zip", "csv-folder": "c"}.get(fmt, f"c.{fmt}")
    path = tmp_path / name
    write_path(cascade, "csv" if fmt.startswith("csv") else fmt, path)
    if fmt == "xlsx":
        assert _formula_cells(path.read_bytes()) == []
    if fmt.startswith("csv"):
        if fmt == "csv":
            with zipfile.ZipFile(path) as z:
                files = {n: z.read(n) for n in z.namelist()}
        else:
            files = {p.name: p.read_bytes() for p in path.glob("*.csv")}
        cells = _csv_cells(files)
        risky = [c for c in cells if c[:1] in FORMULA_STARTS]
        assert risky == []  # every such cell is escaped
        for payload in PAYLOADS + NOTE_PAYLOADS:
            assert "'" + payload in cells
    if fmt == "json":
        json.loads(path.read_text(encoding="utf-8"))
    wipe(empty_db, settings.neo4j_database)
    for c, source in read_path(path):
        load_cascade(db, c, source_text=source)
    assert difference(before, fingerprint(empty_db, settings.neo4j_database)) == {}


def test_the_matrix_is_inert_and_keeps_the_names(stored, settings, tmp_path):
    db, _ = stored
    cascade = read_stored_cascade(db, "contoh-injection")
    path = tmp_path / "c-matrix.xlsx"
    write_path(cascade, "matrix", path)
    assert _formula_cells(path.read_bytes()) == []
    [(back, _)] = read_path(path)
    names = {e.name for e in [back.goal, *back.targets, *back.programmes, *back.activities]}
    names |= {e.name for e in back.sub_activities}
    assert set(PAYLOADS) <= names


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\r", "\x85", "\ufffe", "\uffff"])
def test_a_control_character_is_refused_at_input_naming_element_and_field(char, settings, tmp_path):
    b = clean_cascade("contoh-control")
    b.element("pt-a")["name"] = f"Sasaran{char}program"
    path = tmp_path / "control.yaml"
    path.write_text(b.yaml(), encoding="utf-8")
    result = run_pokin(settings, "load", path)
    assert result.exit_code == 2
    assert f"pt-a.name: holds the control character U+{ord(char):04X}" in result.output
    assert "Traceback" not in result.output
