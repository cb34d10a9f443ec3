"""pokin's own workbook (``.xlsx``) and CSV folder: the lossless tables of
:mod:`pokin.seed.formats.tables`, one sheet (or one ``NAME.csv``) per table, and a README sheet
explaining every column in English and Indonesian. Text is written as text: a name starting
with ``=`` is never a formula in the workbook, and a CSV cell that a spreadsheet would run
(``= + - @``, tab, CR) starts with ``'`` (``cells.csv_cell``), which reading removes again."""

from __future__ import annotations

import io
import zipfile

from pokin.seed.formats.cells import (
    MAX_CSV_FILES,
    Sheet,
    csv_bytes,
    csv_sheet,
    norm,
    text_cells,
    workbook_sheets,
)
from pokin.seed.formats.guard import open_zip, read_member, refusal
from pokin.seed.formats.tables import SHEETS, explanation, from_tables, to_tables
from pokin.seed.schema import MAX_FILE_BYTES, Cascade

README_SHEET = "README"


def is_pokin_workbook(sheets: list[Sheet]) -> bool:
    names = {norm(s.name) for s in sheets}
    return {"cascade", "results", "units", "links"} <= names


def _by_name(sheets: list[Sheet]) -> dict[str, Sheet]:
    wanted = {norm(name): name for name in SHEETS}
    return {wanted[norm(s.name)]: s for s in sheets if norm(s.name) in wanted}


def read_workbook(data: bytes, source_name: str) -> list[Cascade]:
    return [from_tables(_by_name(workbook_sheets(data, source_name)), source_name)]


def write_workbook(cascade: Cascade) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    readme = book.active
    readme.title = README_SHEET
    readme.append([f"pokin workbook: cascade {cascade.cascade.id}"])
    readme.append(
        [
            "Each sheet holds one kind of thing; ids link the rows. Load it back with "
            "`pokin load FILE.xlsx`.",
        ]
    )
    readme.append(
        [
            "Setiap lembar memuat satu jenis data; baris-baris dihubungkan oleh id. Muat kembali "
            "dengan `pokin load FILE.xlsx`.",
        ]
    )
    readme.append([])
    readme.append(["Sheet", "Column", "Meaning", "Arti (Bahasa Indonesia)"])
    for c in readme[5]:
        c.font = Font(bold=True)
    tables = to_tables(cascade)
    for name, rows in tables.items():
        for column in rows[0]:
            readme.append([name, column, *(explanation(name, column) or ("", ""))])
    for col, width in zip("ABCD", (12, 26, 60, 60), strict=True):
        readme.column_dimensions[col].width = width
    for name, rows in tables.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for c in ws[1]:
            c.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for i, header in enumerate(rows[0], start=1):
            wide = header in ("name", "raw", "formula", "formula_raw", "title", "note", "agency")
            ws.column_dimensions[get_column_letter(i)].width = 50 if wide else 16
    for ws in book.worksheets:
        text_cells(ws)  # text from the data, never a formula
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- CSV folder


def read_csv_files(files: dict[str, bytes], source_name: str) -> list[Cascade]:
    """The tables from CSV files named after them (``cascade.csv``, ``owners.csv``, ...)."""
    sheets = {}
    for filename, data in files.items():
        stem = norm(filename.rsplit("/", 1)[-1].removesuffix(".csv"))
        match = next((s for s in SHEETS if norm(s) == stem), None)
        if match is not None:
            sheets[match] = csv_sheet(data, filename.rsplit("/", 1)[-1])
    return [from_tables(sheets, source_name)]


def write_csv_files(cascade: Cascade) -> dict[str, bytes]:
    return {
        f"{name}.csv": csv_bytes(rows[0], rows[1:])
        for name, rows in to_tables(cascade, booleans_as_text=True).items()
    }


def zip_files(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def unzip_csv(data: bytes, source_name: str) -> dict[str, bytes]:
    """The ``.csv`` members of a zip, bounded in number, unpacked size and compression ratio
    (zip bombs; the sizes the zip declares are checked and then enforced while unpacking)."""
    z = open_zip(data, source_name, "a zip file of CSV tables")
    members = [i for i in z.infolist() if i.filename.lower().endswith(".csv")]
    if len(members) > MAX_CSV_FILES:
        raise refusal(source_name, f"more than {MAX_CSV_FILES} CSV files")
    if sum(i.file_size for i in members) > MAX_FILE_BYTES:
        raise refusal(source_name, f"the CSV files unpack to more than {MAX_FILE_BYTES} bytes")
    out, left = {}, MAX_FILE_BYTES
    for i in members:
        out[i.filename] = read_member(z, i, source_name, left)
        left -= len(out[i.filename])
    return out
