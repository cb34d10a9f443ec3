"""pokin's own workbook (``.xlsx``) and CSV folder: the lossless tables of
:mod:`pokin.seed.formats.tables`, one sheet (or one ``NAME.csv``) per table, and a README sheet
explaining every column. Sheet names, headers and the README are in the current locale
(Indonesian unless English is asked for); reading recognises them in every locale, and the
English column names of the files written before. Text is written as text: a name starting
with ``=`` is never a formula in the workbook, and a CSV cell that a spreadsheet would run
(``= + - @``, tab, CR) starts with ``'`` (``cells.csv_cell``), which reading removes again.

Numbers stay numbers: a workbook cell holds the number with the neutral ``General`` format
(xlsx stores number formats locale-free and each spreadsheet program shows them in its own
user's notation), and a CSV table writes ``1234.5``: it is data to load again, and ``1.234`` in
one notation is ``1,234`` in the other, so only the plain notation reads back the same in every
locale. The README's own sentences format their numbers for people (Babel)."""

from __future__ import annotations

import io
import zipfile

from pokin.core.i18n import N_, ngettext, number
from pokin.core.i18n import gettext as _
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
from pokin.seed.formats.tables import (
    SHEETS,
    explanation,
    from_tables,
    header,
    sheet_names,
    sheet_title,
    to_tables,
)
from pokin.seed.schema import MAX_FILE_BYTES, Cascade

README_SHEET = N_("README")


def is_pokin_workbook(sheets: list[Sheet]) -> bool:
    tables = {sheet_names().get(norm(s.name)) for s in sheets}
    return {"cascade", "results", "units", "links"} <= tables


def _by_name(sheets: list[Sheet]) -> dict[str, Sheet]:
    wanted = sheet_names()
    return {wanted[norm(s.name)]: s for s in sheets if norm(s.name) in wanted}


def readme_lines(cascade: Cascade, tables: dict[str, list[list]]) -> list[str]:
    """The README's sentences: what the file is, what it holds (counts for people) and how to
    load it back."""
    m = cascade.cascade
    counts = [
        ngettext("%(n)s owner", "%(n)s owners", len(tables["owners"]) - 1),
        ngettext("%(n)s result", "%(n)s results", len(tables["results"]) - 1),
        ngettext("%(n)s unit", "%(n)s units", len(tables["units"]) - 1),
        ngettext("%(n)s indicator", "%(n)s indicators", len(tables["indicators"]) - 1),
        ngettext("%(n)s link", "%(n)s links", len(tables["links"]) - 1),
    ]
    sizes = [len(tables[t]) - 1 for t in ("owners", "results", "units", "indicators", "links")]
    return [
        _("pokin workbook: cascade %(id)s") % {"id": m.id},
        _("%(agency)s, %(start)s-%(end)s: %(counts)s.")
        % {
            "agency": m.agency,
            "start": m.period.start,
            "end": m.period.end,
            "counts": ", ".join(c % {"n": number(n)} for c, n in zip(counts, sizes, strict=True)),
        },
        _(
            "Each sheet holds one kind of thing; ids link the rows. Load it back with "
            "`pokin load FILE.xlsx`."
        ),
    ]


def read_workbook(
    data: bytes, source_name: str, sheets: list[Sheet] | None = None
) -> list[Cascade]:
    """The cascade of pokin's workbook (``sheets``: its sheets, when read already)."""
    sheets = sheets if sheets is not None else workbook_sheets(data, source_name)
    return [from_tables(_by_name(sheets), source_name)]


def write_workbook(cascade: Cascade) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    readme = book.active
    readme.title = _(README_SHEET)
    tables = to_tables(cascade)
    for line in readme_lines(cascade, tables):
        readme.append([line])
    readme.append([])
    readme.append([_("Sheet"), _("Column"), _("Meaning")])
    for c in readme[readme.max_row]:
        c.font = Font(bold=True)
    for name, rows in tables.items():
        for column in rows[0]:
            readme.append([sheet_title(name), header(name, column), explanation(name, column)])
    for col, width in zip("ABC", (20, 26, 90), strict=True):
        readme.column_dimensions[col].width = width
    for name, rows in tables.items():
        ws = book.create_sheet(sheet_title(name))
        ws.append([header(name, column) for column in rows[0]])
        for row in rows[1:]:
            ws.append(row)
        for c in ws[1]:
            c.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for i, column in enumerate(rows[0], start=1):
            wide = column in ("name", "raw", "formula", "formula_raw", "title", "note", "agency")
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
    """One file per table, named by the table (files are found by name); headers for people,
    in the current locale."""
    return {
        f"{name}.csv": csv_bytes([header(name, c) for c in rows[0]], rows[1:])
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
