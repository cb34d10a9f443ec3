"""The lossless formats: the seed through pokin's workbook, JSON, YAML and CSV tables, written
in Indonesian or English, loads to the identical graph; exports read the stored cascade back;
bad tables name sheet, row, column and change nothing."""

from __future__ import annotations

import io

import openpyxl
import pytest

from pokin.core.i18n import using
from pokin.graph.db import Db
from pokin.graph.export import read_stored_cascade
from pokin.graph.loader import load_cascade, planned_counts
from pokin.seed import SEED_FILE, CascadeValidationError, load_cascade_file
from pokin.seed.formats import read_bytes, read_path, write_cascade, write_path
from tests.e2e.test_loader import snapshot

STAMPS = {"loaded_at", "load_id", "source_sha256"}


def fingerprint(driver, database):
    """Every node and link with its properties, without the stamps of one load."""
    nodes, rels = snapshot(driver, database)
    nodes = [(labels, [(k, v) for k, v in props if k not in STAMPS]) for labels, props in nodes]
    return nodes, rels


@pytest.fixture(scope="module")
def seed():
    return load_cascade_file(SEED_FILE)


@pytest.fixture(scope="module")
def seed_fingerprint(driver, settings, seed):
    from tests.conftest import wipe

    wipe(driver, settings.neo4j_database)
    load_cascade(Db(driver, settings.neo4j_database), seed, source_text=SEED_FILE.read_bytes())
    return fingerprint(driver, settings.neo4j_database)


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize("fmt", ["xlsx", "json", "yaml", "csv"])
def test_seed_through_a_format_loads_to_the_identical_graph(
    fmt, locale, seed, seed_fingerprint, empty_db, settings, tmp_path
):
    path = tmp_path / ("seed-tables" if fmt == "csv" else f"seed.{fmt}")
    with using(locale):
        write_path(seed, fmt, path)
    with using("en" if locale == "id" else "id"):  # read by one who speaks the other
        [(cascade, source)] = read_path(path)  # the format is told by the extension / folder
    load_cascade(Db(empty_db, settings.neo4j_database), cascade, source_text=source)
    assert fingerprint(empty_db, settings.neo4j_database) == seed_fingerprint


def test_export_reads_the_stored_cascade_back(seed, seed_fingerprint, empty_db, settings):
    db = Db(empty_db, settings.neo4j_database)
    load_cascade(db, seed)
    stored = read_stored_cascade(db, seed.cascade.id)
    assert planned_counts(stored) == planned_counts(seed)
    for fmt in ("xlsx", "json", "csv"):
        again = read_bytes(write_cascade(stored, fmt), f"export.{fmt}", fmt)[0]
        load_cascade(db, again, replace=True)
        assert fingerprint(empty_db, settings.neo4j_database) == seed_fingerprint, fmt


def test_cli_export_then_load(seed, seed_fingerprint, empty_db, settings, tmp_path, cli_env):
    from pokin.cli import app

    runner = cli_env  # the test database's settings, read anew (not those cached before)
    assert runner.invoke(app, ["load"]).exit_code == 0
    out = tmp_path / "seed.xlsx"
    export = ["export", seed.cascade.id, "--format", "xlsx", "-o", str(out)]
    result = runner.invoke(app, export, env={"POKIN_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["README", "Cascade"]
    result = runner.invoke(app, export, env={"POKIN_LANG": "id"})
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["PETUNJUK", "Pohon Kinerja"]
    result = runner.invoke(app, ["load", str(out), "--replace"])
    assert result.exit_code == 0, result.output
    assert fingerprint(empty_db, settings.neo4j_database) == seed_fingerprint
    result = runner.invoke(app, ["export", "no-such-cascade", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1 and "no cascade" in result.output


def test_a_bad_cell_names_sheet_row_and_column_and_nothing_changes(
    seed, seed_fingerprint, empty_db, settings, tmp_path
):
    db = Db(empty_db, settings.neo4j_database)
    load_cascade(db, seed, source_text=SEED_FILE.read_bytes())
    with using("id"):
        book = openpyxl.load_workbook(io.BytesIO(write_cascade(seed, "xlsx")))
    links = book["Hubungan"]
    links.cell(row=3, column=3).value = "ss-does-not-exist"  # column 'to'
    book["Indikator"].cell(row=2, column=12).value = "banyak"  # target_value
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(CascadeValidationError) as err:
        read_bytes(buf.getvalue(), "bad.xlsx")
    shown = [p.file for p in err.value.problems]
    assert "Lembar 'Indikator' baris 2, kolom 'Target'" in shown  # as the workbook heads it
    book["Indikator"].cell(row=2, column=12).value = None
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(CascadeValidationError) as err2:
        read_bytes(buf.getvalue(), "bad.xlsx")
    assert [p.file for p in err2.value.problems] == ["Lembar 'Hubungan' baris 3, kolom 'Ke'"]
    assert "ss-does-not-exist" in str(err2.value)
    assert fingerprint(empty_db, settings.neo4j_database) == seed_fingerprint
