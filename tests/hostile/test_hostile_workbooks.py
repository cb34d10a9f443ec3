"""Hostile workbooks and zips (issue 20, the reading side): each probe of the issue's table is
refused in about a second, under a memory limit, with one line naming the file and the limit;
the API answers 422 JSON and keeps answering ``/health``; a lying ``<dimension>`` loses
nothing and a formula without a computed value is refused naming its cell."""

from __future__ import annotations

import io
import re
import resource
import threading
import time
import zipfile

import httpx
import openpyxl
import pytest

from pokin.core.errors import CascadeValidationError
from pokin.seed import SEED_FILE
from pokin.seed.formats import guard, read_bytes, write_cascade
from pokin.seed.formats.workbook import write_csv_files
from tests.hostile import bombs
from tests.hostile.conftest import KEY, one_line, pokin_measured

#: The peak RSS a refused file may cost the command line (pokin itself takes about 75 MB).
MAX_RSS = 200 * 1024 * 1024
#: A refusal's time, command line start-up included.
MAX_SECONDS = 5.0

SEED = read_bytes(SEED_FILE.read_bytes(), "seed.yaml", "yaml")[0]


def _seed_matrix() -> bytes:
    return write_cascade(SEED, "matrix")


#: name -> (builder, what the one-line refusal says)
PROBES = {
    "shared-string-bomb": (bombs.shared_string_bomb, "unpacks to more than"),
    "many-strings-bomb": (bombs.many_strings_bomb, "unpacks to more than"),
    "wide-row-bomb": (bombs.wide_row_bomb, "unpacks to more than"),
    "whitespace-bomb": (bombs.whitespace_bomb, "unpacks to more than"),
    "strings-over-count": (bombs.over_strings, f"more than {guard.MAX_SHARED_STRINGS} strings"),
    "row-over-cells": (bombs.over_row_cells, f"more than {guard.MAX_ROW_CELLS} cells"),
    "far-cell": (bombs.far_cell, f"beyond column {guard.MAX_COLUMNS}"),
    "xxe": (lambda: bombs.with_dtd(bombs.XXE), "declares a DTD"),
    "billion-laughs": (lambda: bombs.with_dtd(bombs.LAUGHS), "declares a DTD"),
    "malformed-xml": (bombs.malformed, "not well-formed XML"),
    "bad-crc": (lambda: bombs.bad_crc(_seed_matrix()), "is damaged"),
    "missing-sheet": (bombs.missing_sheet, "names sheet 'Data', which the file lacks"),
    "lying-size": (
        lambda: bombs.lying_member(_seed_matrix(), "xl/worksheets/sheet1.xml", 100),
        "is damaged",
    ),
}


@pytest.mark.parametrize("name", list(PROBES))
def test_a_hostile_workbook_is_refused_fast_and_small_on_the_command_line(name, tmp_path, settings):
    build, says = PROBES[name]
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(build())
    code, err, took, rss = pokin_measured(settings, "load", str(path))
    line = one_line(err)
    assert code == 2, line
    assert says in line and str(path) in line, line
    assert "unexpected failure" not in line and "Error" not in line, line
    assert took < MAX_SECONDS, f"{name}: {took:.1f} s"
    assert rss < MAX_RSS, f"{name}: peak RSS {rss >> 20} MB"


def test_hostile_workbooks_get_422_json_and_the_api_keeps_answering(live_api):
    files = {name: (build(), says) for name, (build, says) in PROBES.items()}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    health: list[float] = []
    done = threading.Event()

    def poll() -> None:  # /health all along the uploads
        with httpx.Client(base_url=live_api, timeout=10) as client:
            while not done.is_set():
                started = time.monotonic()
                assert client.get("/health").status_code == 200
                health.append(time.monotonic() - started)
                time.sleep(0.1)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        _upload_each(live_api, files)
    finally:
        done.set()
        poller.join()
    assert health and max(health) < 1.0, max(health)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - peak
    assert grown < 200 * 1024 * 1024, f"the API process grew {grown >> 20} MB"


def _upload_each(live_api: str, files: dict[str, tuple[bytes, str]]) -> None:
    for name, (data, says) in files.items():
        started = time.monotonic()
        answer = httpx.post(
            f"{live_api}/api/cascades",
            content=data,
            headers={"X-API-Key": KEY, "Content-Type": bombs.XLSX},
            timeout=30,
        )
        took = time.monotonic() - started
        assert answer.status_code == 422, (name, answer.text[:300])
        assert answer.headers["content-type"].startswith("application/json"), name
        message = answer.json()["problems"][0]["message"]
        assert says in message, (name, message)
        assert took < 3.0, (name, took)
        started = time.monotonic()
        assert httpx.get(f"{live_api}/health", timeout=5).status_code == 200
        assert time.monotonic() - started < 1.0, name


def test_a_zip_of_csv_tables_that_lies_about_a_member_is_refused(tmp_path, settings, live_api):
    data = bombs.csv_zip_lying(write_csv_files(SEED), "indicators.csv")
    path = tmp_path / "tables.zip"
    path.write_bytes(data)
    code, err, took, rss = pokin_measured(settings, "load", str(path))
    line = one_line(err)
    assert code == 2 and "'indicators.csv' is damaged" in line, line
    assert took < MAX_SECONDS and rss < MAX_RSS
    answer = httpx.post(
        f"{live_api}/api/cascades",
        content=data,
        headers={"X-API-Key": KEY, "Content-Type": "application/zip"},
        timeout=30,
    )
    assert answer.status_code == 422
    assert "is damaged" in answer.json()["problems"][0]["message"]


def test_a_csv_zip_bomb_is_refused_by_its_ratio():
    bomb = bombs.zip_of({"cascade.csv": bombs.Repeat(b"id\n", b"x" * 1024, 20_000, b"\n")})
    with pytest.raises(CascadeValidationError, match=f"more than {guard.MAX_RATIO} to 1"):
        read_bytes(bomb, "bomb.zip", "csv")


def _elements(cascade) -> int:
    return sum(len(v) for v in cascade.model_dump().values() if isinstance(v, list))


def _with_sheet(data: bytes, change) -> bytes:
    """``data`` (a workbook) with its first sheet's XML changed by ``change``."""
    z = zipfile.ZipFile(io.BytesIO(data))
    parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["xl/worksheets/sheet1.xml"] = change(parts["xl/worksheets/sheet1.xml"].decode()).encode()
    return bombs.zip_of(parts)


@pytest.mark.parametrize("declared", ["A1:Z30", "A1:J63", "A1:A1"])
def test_a_matrix_declaring_a_smaller_dimension_loads_completely(declared):
    matrix = _seed_matrix()
    whole = read_bytes(matrix, "m.xlsx", "table")[0]
    lying = _with_sheet(
        matrix, lambda x: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{declared}"', x)
    )
    assert (
        f'ref="{declared}"'
        in zipfile.ZipFile(io.BytesIO(lying)).read("xl/worksheets/sheet1.xml").decode()
    )
    read = read_bytes(lying, "m.xlsx", "table")[0]
    assert _elements(read) == _elements(whole) and read == whole


def _stale_formula_matrix() -> tuple[bytes, str]:
    book = openpyxl.load_workbook(io.BytesIO(_seed_matrix()))
    ws = book.worksheets[0]
    header = next(
        c for row in ws.iter_rows(max_row=15) for c in row if str(c.value).lower() == "sub kegiatan"
    )
    cell = ws.cell(row=header.row + 5, column=header.column)
    cell.value = '="Sub" & "kegiatan"'  # openpyxl writes no computed value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), f"{ws.title}!{cell.coordinate}"


def test_a_formula_without_a_computed_value_is_refused_naming_its_cell(tmp_path, settings):
    data, ref = _stale_formula_matrix()
    with pytest.raises(CascadeValidationError) as caught:
        read_bytes(data, "m.xlsx", "table")
    assert f"{ref}: rumus tanpa nilai hasil hitungan" in str(caught.value)  # Indonesian
    path = tmp_path / "stale.xlsx"
    path.write_bytes(data)
    code, err, _, _ = pokin_measured(settings, "load", str(path))
    assert code == 2 and f"{ref}: a formula without a computed value" in one_line(err)


def test_a_formula_with_its_computed_value_reads_as_that_value():
    cell = lambda v: f'<c r="A1" t="str"><f>"a"&amp;"b"</f><v>{v}</v></c>'  # noqa: E731
    for value in ("ab", ""):
        data = bombs.workbook(bombs.sheet_xml(f'<row r="1">{cell(value)}</row>'))
        sheet = guard.scan_workbook(data, "f.xlsx").sheets["Sheet1"]
        assert sheet.stale is None and sheet.max_column == 1


@pytest.mark.parametrize(
    ("limit", "value", "xml", "says"),
    [
        (
            "MAX_SHARED_STRINGS",
            100,
            ("strings", "<si><t>a</t></si>" * 101),
            "more than 100 strings",
        ),
        (
            "MAX_SHARED_CHARS",
            100,
            ("strings", "<si><t>abcdefghij</t></si>" * 11),
            "more than 100 characters",
        ),
        ("MAX_CELL_CHARS", 100, ("strings", f"<si><t>{'a' * 101}</t></si>"), "longer than 100"),
        (
            "MAX_ROW_CELLS",
            100,
            ("sheet", '<row r="1">' + "<c/>" * 101 + "</row>"),
            "more than 100 cells",
        ),
        ("MAX_SHEET_CELLS", 100, ("sheet", "<row><c/></row>" * 101), "more than 100 cells"),
        (
            "MAX_SHEET_CHARS",
            100,
            ("sheet", "<row><c><v>1234567890</v></c></row>" * 11),
            "more than 100 characters",
        ),
        ("MAX_XML_RUN", 100, ("sheet", "<row>" + " " * 101 + "</row>"), "longer than 100"),
        (
            "MAX_ROWS",
            100,
            ("sheet", '<row r="101"><c r="A101"><v>1</v></c></row>'),
            "beyond row 100",
        ),
    ],
)
def test_each_streaming_limit_refuses_what_passes_it(monkeypatch, limit, value, xml, says):
    monkeypatch.setattr(guard, limit, value)
    kind, body = xml
    if kind == "strings":
        data = bombs.workbook(bombs.ONE_STRING, f"<sst {bombs.NS}>{body}</sst>".encode())
    else:
        data = bombs.workbook(bombs.sheet_xml(body))
    with pytest.raises(CascadeValidationError, match=says):
        guard.scan_workbook(data, "limits.xlsx")


def test_the_unpacked_bytes_are_guarded_while_reading():
    data = bombs.zip_of({"a.csv": b"x" * 5000})
    z = zipfile.ZipFile(io.BytesIO(data))
    with pytest.raises(CascadeValidationError, match="unpacks to more than 1000 bytes"):
        guard.read_member(z, z.infolist()[0], "a.zip", limit=1000)


def test_real_workbooks_pass_the_scan_well_within_the_limits():
    for fmt in ("xlsx", "matrix"):
        data = write_cascade(SEED, fmt)
        for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
            assert info.file_size <= 20 * max(info.compress_size, 1)
        read = read_bytes(data, f"seed.{fmt}.xlsx", fmt if fmt == "xlsx" else "table")[0]
        assert read == SEED if fmt == "xlsx" else _elements(read) == _elements(SEED)


@pytest.mark.parametrize(
    ("sheet", "says"),
    [
        (b'<?xml version="1.0" encoding="x-unknown"?><worksheet/>', "not well-formed XML"),
        (bombs.sheet_xml('<row r="1"><c r="A1"><v>not a number</v></c></row>'), "cannot be read"),
        (b"\xff\xfe<\x00w\x00", "not well-formed XML"),
    ],
)
def test_encodings_and_values_openpyxl_cannot_read_are_clear_errors(sheet, says, english):
    with pytest.raises(CascadeValidationError, match=says) as caught:
        read_bytes(bombs.workbook(sheet), "odd.xlsx", "table")
    assert "Error" not in str(caught.value) and "Traceback" not in str(caught.value)
