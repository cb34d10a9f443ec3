"""A planning-system (SIPD) export loads as delivered, and every source row is accounted for."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
from typer.testing import CliRunner

from pokin.cli import app
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.seed.formats import ImportReport, read_bytes, read_path, report_of
from tests.conftest import pokin_env, run_pokin
from tests.sipd_builder import QUIRKY_HEADER, QUIRKY_ROWS, QUIRKY_TITLES, quirky_sipd_bytes

#: (cascade id, programmes, kegiatan, sub-kegiatan, indicators) of QUIRKY_ROWS
EXPECTED = [("sipd-101-2023", 1, 2, 3, 7), ("sipd-102-2023", 1, 1, 1, 2)]
SUB = QUIRKY_HEADER.index("sub_kegiatan_kode")


def _data_rows(path) -> int:
    """The non-blank rows under the header, counted from the workbook itself."""
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = [r for r in sheet.iter_rows(values_only=True) if any(v is not None for v in r)]
    head = next(i for i, r in enumerate(rows) if "sub_kegiatan_kode" in r)
    return len(rows) - head - 1


def test_the_export_loads_unedited_and_every_row_is_accounted_for(
    tmp_path, empty_db, settings, english
):
    path = tmp_path / "kabupaten-contoh.xlsx"
    path.write_bytes(quirky_sipd_bytes())
    read = read_path(path)
    db = Db(empty_db, settings.neo4j_database)
    for (cascade, source), (ident, p, k, s, i) in zip(read, EXPECTED, strict=True):
        assert cascade.cascade.id == ident
        assert (cascade.cascade.period.start, cascade.cascade.period.end) == (2023, 2023)
        loaded = load_cascade(db, cascade, source_text=source)
        nodes = loaded.nodes
        counts = (nodes["Programme"], nodes["Activity"], nodes["SubActivity"], nodes["Indicator"])
        assert counts == (p, k, s, i)

    report = report_of(read)
    c = report.counts()
    assert c["read"] == _data_rows(path) == len(QUIRKY_ROWS)
    assert c["kept"] + c["merged"] + c["refused"] == c["read"]
    assert (c["kept"], c["merged"], c["refused"]) == (9, 1, 2)
    by_row = {r.row: r for r in report.rows}
    first = by_row[5]  # three title rows and the header above the first data row
    assert (by_row[9].outcome, by_row[9].element) == ("merged", first.element)
    assert by_row[12].outcome == "refused" and "no indicator" in by_row[12].reason
    assert by_row[16].outcome == "refused" and "no agency" in by_row[16].reason
    assert by_row[10].missing == ["kegiatan_kode", "kegiatan_nama", "target", "satuan"]
    assert report.notes == []  # every parent named by some row, none conflicting

    def rows(query: str) -> list:
        return empty_db.execute_query(query, database_=settings.neo4j_database).records

    codes = {r["code"] for r in rows("MATCH (s:SubActivity) RETURN s.code AS code")}
    assert codes == {row[SUB] for row in QUIRKY_ROWS}  # as written: two and four digits
    placeholders = rows(
        "MATCH (n) UNWIND keys(n) AS k WITH n, k, n[k] AS v "
        "WHERE (v IS :: STRING AND toUpper(trim(v)) IN ['NULL', '-', '#N/A']) "
        "OR (v IS :: LIST<ANY> AND any(x IN v WHERE toUpper(toString(x)) = 'NULL')) "
        "RETURN labels(n) AS labels, k"
    )
    assert placeholders == []
    orphans = rows(
        "MATCH (s:SubActivity) WHERE NOT (s)-[:PART_OF]->(:Activity) RETURN s.code AS code"
    )
    assert orphans == []
    texts = rows(
        "MATCH (i:Indicator) WHERE i.name = 'Jumlah Sekolah Baru yang Telah Dibangun' "
        "RETURN i.target_value AS t, i.unit AS u, i.note AS note ORDER BY i.id"
    )
    assert [(r["t"], r["u"], r["note"]) for r in texts] == [
        (5, "unit", "SIPD row id 1"),
        (100, "%", "SIPD row id 2"),
        (0, "Unit", "SIPD row id 3"),
        (1, "unit", "SIPD row id 4"),
    ]


def test_pokin_load_prints_the_import_summary_and_writes_the_report(tmp_path, empty_db, settings):
    path = tmp_path / "kabupaten-contoh.xlsx"
    path.write_bytes(quirky_sipd_bytes())
    out = tmp_path / "report.json"
    result = run_pokin(settings, "load", path, "--report", out)
    assert result.exit_code == 0, result.output
    assert (
        "import kabupaten-contoh.xlsx: 12 rows read, 9 kept, 1 merged, 2 refused"
        in result.output.splitlines()
    )
    written = ImportReport.model_validate_json(out.read_text(encoding="utf-8"))
    assert written.counts() == {"read": 12, "kept": 9, "merged": 1, "refused": 2}
    assert [r.source_id for r in written.rows] == [str(r[0]) for r in QUIRKY_ROWS]
    result = run_pokin(settings, "load", "--report", out)  # the seed: no import report
    assert result.exit_code == 2
    assert "gives no import report" in result.output


def test_conflicting_and_missing_parents_are_noted(english):
    rows = [list(r) for r in QUIRKY_ROWS[:4]]
    rows[1][6:8] = ["1.01.02.1.02", "Kegiatan Contoh Tenaga Pendidik"]  # another kegiatan
    rows[2][6:8] = ["NULL", "NULL"]
    rows.append([12, 2023, *rows[0][2:6], "NULL", "NULL", "1.01.02.1.01.03", "Sub Contoh", "x"])
    rows.append([13, 2023, *rows[0][2:6], "NULL", "NULL", "1.01.02.9.09.03", "Sub Lain", "y"])
    cascades = read_bytes(quirky_sipd_bytes(rows), "q.xlsx")
    report = report_of(cascades)
    assert report.counts() == {"read": 6, "kept": 6, "merged": 0, "refused": 0}
    assert report.notes == [
        "101: sub-kegiatan '1.01.02.1.01.01': rows name different parents: "
        "keg-101-1.01.02.1.01 (row 5), keg-101-1.01.02.1.02 (row 6); "
        "PART_OF keg-101-1.01.02.1.01",
        "101: sub-kegiatan '1.01.02.1.01.03': no row names its parent; "
        "PART_OF keg-101-1.01.02.1.01 by its code",
        "101: sub-kegiatan '1.01.02.9.09.03': no row names its parent; no PART_OF",
    ]
    subs = {s.code: s.part_of and s.part_of.to for s in cascades[0].sub_activities}
    assert subs["1.01.02.1.01.03"] == "keg-101-1.01.02.1.01"
    assert subs["1.01.02.9.09.03"] is None


def test_a_row_naming_a_code_otherwise_is_not_merged_and_is_noted(english):
    rows = [list(r) for r in QUIRKY_ROWS[:2]]
    rows.append(list(rows[0]))
    rows[2][SUB + 1] = "Sub Kegiatan Contoh Nama Lain"  # the same code, another name
    report = report_of(read_bytes(quirky_sipd_bytes(rows), "q.xlsx"))
    assert [r.outcome for r in report.rows] == ["kept", "kept", "kept"]
    assert report.notes == [
        "101: sub-kegiatan '1.01.02.1.01.01': rows give other names: "
        "'Sub Kegiatan Contoh Nama Lain' (row 7); named 'Sub Kegiatan Contoh Pembangunan Sekolah'"
    ]


def test_the_same_export_as_csv_reads_the_same():
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerows([*QUIRKY_TITLES, QUIRKY_HEADER, *QUIRKY_ROWS])
    cascades = read_bytes(buf.getvalue().encode("utf-8"), "kabupaten-contoh.csv")
    assert [c.cascade.id for c in cascades] == [e[0] for e in EXPECTED]
    assert all((c.cascade.period.start, c.cascade.period.end) == (2023, 2023) for c in cascades)
    counts = [sum(len(t.indicators) for t in c.targets) for c in cascades]
    assert counts == [e[4] for e in EXPECTED]
    assert report_of(cascades).counts() == {"read": 12, "kept": 9, "merged": 1, "refused": 2}


def test_a_row_without_the_agency_code_joins_the_agency_of_its_name(english):
    rows = [list(r) for r in QUIRKY_ROWS[:2]]
    rows.append(list(rows[1]))
    rows[2][2] = "NULL"  # satuan_kerja_id missing: the name tells the agency
    rows.append(list(rows[0]))
    rows[3][0] = 99  # another source id: another row, kept
    cascades = read_bytes(quirky_sipd_bytes(rows), "q.xlsx")
    assert [c.cascade.id for c in cascades] == ["sipd-101-2023"]
    report = report_of(cascades)
    assert [(r.outcome, r.reason) for r in report.rows] == [
        ("kept", ""),
        ("kept", ""),
        ("merged", "identical to row 6"),
        ("kept", ""),
    ]


def _other_agencies(rows: list) -> list:
    """The quirky rows with agencies 201 and 202 in place of 101 and 102 (other cascades)."""
    out = [list(r) for r in rows]
    for r in out:
        if isinstance(r[2], int):
            r[2] += 100
    return out


def test_pokin_load_writes_the_report_as_a_workbook(tmp_path, empty_db, settings):
    path = tmp_path / "kabupaten-contoh.xlsx"
    path.write_bytes(quirky_sipd_bytes())
    out = tmp_path / "report.xlsx"
    indonesian = {**pokin_env(settings), "POKIN_LANG": "id"}  # the command line's language
    result = CliRunner().invoke(app, ["load", str(path), "--report", str(out)], env=indonesian)
    assert result.exit_code == 0, result.output
    assert "impor kabupaten-contoh.xlsx: 12 baris dibaca, 9 disimpan, 1 digabung, 2 ditolak" in (
        result.output.splitlines()
    )
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Baris", "Catatan", "Ringkasan"]
    rows = list(book["Baris"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(QUIRKY_ROWS)
    assert [r[5] for r in rows] == [str(r[0]) for r in QUIRKY_ROWS]
    summary = list(book["Ringkasan"].iter_rows(min_row=2, values_only=True))
    assert summary == [("kabupaten-contoh.xlsx", 12, 9, 1, 2, 0)]


def test_a_report_file_of_another_suffix_is_refused_before_anything_is_loaded(
    tmp_path, empty_db, settings
):
    path = tmp_path / "kabupaten-contoh.xlsx"
    path.write_bytes(quirky_sipd_bytes())
    result = run_pokin(settings, "load", path, "--report", tmp_path / "report.csv")
    assert result.exit_code == 2
    assert "give a file ending in .json or .xlsx" in result.output
    assert len(result.output.strip().splitlines()) == 1
    records = empty_db.execute_query(
        "MATCH (n) RETURN count(n) AS n", database_=settings.neo4j_database
    ).records
    assert records[0]["n"] == 0
    assert not (tmp_path / "report.csv").exists()


def test_a_folder_load_reports_every_file_that_gives_a_report(
    tmp_path, empty_db, settings, monkeypatch
):
    from pokin.seed import SEED_FILE

    folder = tmp_path / "region"
    folder.mkdir()
    (folder / "a-contoh.xlsx").write_bytes(quirky_sipd_bytes())
    (folder / "b-lain.xlsx").write_bytes(quirky_sipd_bytes(_other_agencies(QUIRKY_ROWS[:5])))
    (folder / "c-seed.yaml").write_bytes(SEED_FILE.read_bytes())  # yaml: no import report
    out = tmp_path / "reports.json"
    result = run_pokin(settings, "load", folder, "--report", out)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "import a-contoh.xlsx: 12 rows read, 9 kept, 1 merged, 2 refused" in lines
    assert "import b-lain.xlsx: 5 rows read, 4 kept, 1 merged, 0 refused" in lines
    assert sum(line.startswith("import ") for line in lines) == 2
    written = json.loads(out.read_text(encoding="utf-8"))
    reports = [ImportReport.model_validate(r) for r in written["reports"]]
    assert [r.source for r in reports] == ["a-contoh.xlsx", "b-lain.xlsx"]
    book_path = tmp_path / "reports.xlsx"
    monkeypatch.setenv("POKIN_LANG", "en")  # asked for in English
    again = run_pokin(settings, "load", folder, "--replace", "--report", book_path)
    assert again.exit_code == 0, again.output
    book = openpyxl.load_workbook(book_path)
    sources = [r[0] for r in book["Rows"].iter_rows(min_row=2, values_only=True)]
    assert sources == ["a-contoh.xlsx"] * 12 + ["b-lain.xlsx"] * 5
    summary = list(book["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary[-1] == ("all files", 17, 13, 2, 2, 0)
