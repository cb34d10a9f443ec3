"""Reading tables out of spreadsheets and CSV files: rows, cells, headers, and problems that
name the sheet, row and column.

Every spreadsheet format of pokin reads through here, so they share one idea of a blank cell,
an Excel error value (``#REF!``), an Indonesian decimal comma, a header ("Sub Kegiatan" =
"subkegiatan" = "SUB-KEGIATAN") and a problem location (``Sheet 'Matriks' row 41, column
'Pemilik Kinerja'``). Workbooks are read with openpyxl in read-only mode (rows stream; the
whole file is never built as cell objects) with ``data_only=True`` (a formula cell gives its
cached value, an error cell its ``#REF!`` text).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pokin.core.errors import CascadeValidationError, Problem
from pokin.core.i18n import _
from pokin.core.i18n import number as show_number
from pokin.seed.formats.guard import (  # the limits of a table (hostile input is a normal day)
    FIX,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_CSV_FILES,  # noqa: F401 (read as cells.MAX_CSV_FILES)
    MAX_ROWS,
    SheetScan,
    scan_workbook,
)

#: The error values Excel and LibreOffice store in a cell whose formula failed.
EXCEL_ERRORS = frozenset(
    {"#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!"}
)
#: Cells that say "nothing here" explicitly (and so do not repeat the value above).
EXPLICIT_BLANKS = frozenset({"-", "–", "—"})
#: Texts other systems write for a missing value (compared casefolded): a database dump's
#: ``NULL``, Excel's "not available" ``#N/A``, and the explicit blanks. Never data.
PLACEHOLDERS = frozenset({"null", "#n/a", "n/a", "#na"}) | EXPLICIT_BLANKS


def placeholder(value: Any) -> bool:
    """Whether a cell stands for a missing value (``NULL`` in any case, ``-``, ``#N/A``)."""
    return isinstance(value, str) and value.strip().casefold() in PLACEHOLDERS


@dataclass(frozen=True)
class CellProblem(Problem):
    """A problem in a table cell: ``file`` is its location, e.g. ``Sheet 'Matriks' row 41,
    column 'Pemilik Kinerja'``."""

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def where(sheet: str, row: int | None = None, column: str | None = None) -> str:
    """A cell's location in the reader's language; the sheet and column as the file writes
    them."""
    names = {"sheet": sheet, "row": row, "column": column}
    if row is None and column is None:
        return _("Sheet '%(sheet)s'") % names
    if column is None:
        return _("Sheet '%(sheet)s' row %(row)s") % names
    if row is None:
        return _("Sheet '%(sheet)s', column '%(column)s'") % names
    return _("Sheet '%(sheet)s' row %(row)s, column '%(column)s'") % names


def problem(
    sheet: str,
    row: int | None,
    column: str | None,
    message: str,
    element_id: str = "(cell)",
    field: str = "",
) -> CellProblem:
    return CellProblem(where(sheet, row, column), row, element_id, field, message)


def refuse(sheet: str, row: int | None, column: str | None, message: str) -> Exception:
    """A structural error: the whole file is rejected."""
    return CascadeValidationError([problem(sheet, row, column, message)])


def norm(text: Any) -> str:
    """A header as compared: lowercase letters and digits only, accents dropped."""
    s = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", s.lower())


def text(value: Any) -> str | None:
    """A cell as one line of text (None when blank): whitespace runs collapsed, numbers that
    are whole written without '.0'."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = " ".join(str(value).split())
    return s or None


def number(value: Any) -> float:
    """A number from a cell: a number, or text in Indonesian ("1.234,5", "75,5 %") or English
    ("1234.5") notation. Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int | float):
        return float(value)
    s = str(value).strip().rstrip("%").strip().replace(" ", "")
    if "," in s:  # Indonesian: '.' groups thousands, ',' is the decimal mark
        s = s.replace(".", "").replace(",", ".")
    elif s.count(".") > 1:  # 1.234.567
        s = s.replace(".", "")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", s):
        raise ValueError("not a number")
    return float(s)


# --------------------------------------------------------------------------- tables


@dataclass
class Sheet:
    """One table: its name and its rows as (1-based row number, tuple of cell values)."""

    name: str
    rows: Callable[[], Iterator[tuple[int, tuple[Any, ...]]]]
    #: the merged ranges of the sheet as (min_row, min_col, max_row, max_col), when known
    merged: list[tuple[int, int, int, int]] | None = None


def _bounded_rows(name: str, it: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, tuple]]:
    for n, values in enumerate(it, start=1):
        if n > MAX_ROWS:
            raise refuse(name, n, None, _("more than %(n)s rows") % {"n": show_number(MAX_ROWS)})
        if len(values) > MAX_COLUMNS:
            if any(v is not None for v in values[MAX_COLUMNS:]):
                said = _("more than %(n)s columns") % {"n": show_number(MAX_COLUMNS)}
                raise refuse(name, n, None, said)
            values = values[:MAX_COLUMNS]
        for v in values:
            if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
                said = _("a cell longer than %(n)s characters") % {"n": show_number(MAX_CELL_CHARS)}
                raise refuse(name, n, None, said)
        yield n, tuple(values)


def workbook_sheets(data: bytes, source_name: str, *, merged: bool = False) -> list[Sheet]:
    """The sheets of an .xlsx file, once ``scan_workbook`` found it within every limit.
    Read-only (streaming) unless ``merged`` is asked for: the merged ranges are only known to
    openpyxl's full mode. Every row and column present is read, whatever ``<dimension>``
    declares; a formula cell without a computed value is refused when its sheet is read."""
    scan = scan_workbook(data, source_name)
    try:
        reader = _workbook_reader()(
            io.BytesIO(data), read_only=not merged, data_only=True, keep_links=False
        )
        reader.read()  # what openpyxl.load_workbook does
        book = reader.wb
    except CascadeValidationError:
        raise
    except Exception:  # whatever openpyxl meets in a part the scan let through
        message = _("not an .xlsx workbook (openpyxl cannot read its parts)")
        raise CascadeValidationError.of_file(source_name, message) from None
    out = []
    for ws in book.worksheets:
        ranges = None
        if merged:
            ranges = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]

        found = scan.sheets.get(ws.title) or SheetScan()

        def rows(ws: Any = ws, found: SheetScan = found) -> Iterator[tuple[int, tuple]]:
            return _bounded_rows(ws.title, _sheet_values(ws, found, source_name))

        out.append(Sheet(ws.title, rows, ranges))
    return out


@functools.cache
def _workbook_reader() -> type:
    """openpyxl's workbook reader, opening each read-only worksheet without sizing it. openpyxl
    reads a sheet's ``<dimension>`` as it opens it, and where the file has none (a planning-
    system export) that is a parse of the whole sheet before the sheet is read (0.3 s of the
    13,975-row export's 1.6 s). pokin never uses the declared size (``_sheet_values`` resets
    it, the width comes from the guard's scan), so that parse is left out; the rest is
    openpyxl's own."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class UnsizedWorksheet(ReadOnlyWorksheet):  # type: ignore[misc]
        def _get_size(self) -> None:
            """Unsized: the class's defaults, as after ``reset_dimensions``."""

    class Reader(ExcelReader):  # type: ignore[misc]
        def read_worksheets(self) -> None:
            if not self.read_only:
                return super().read_worksheets()
            for sheet, rel in self.parser.find_sheets():  # as the parent's read-only branch
                if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                    continue  # a chart sheet holds no table (``worksheets`` leaves it out)
                ws = UnsizedWorksheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)
            return None

    return Reader


def _sheet_values(ws: Any, found: SheetScan, source_name: str) -> Iterator[tuple[Any, ...]]:
    """A worksheet's rows as values: every row present, ``found.max_column`` wide (never the
    declared ``<dimension>``); openpyxl's failures become a refusal naming the sheet."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    width = min(found.max_column, MAX_COLUMNS) or None
    n = 0
    try:
        streamed = _streamed_values(ws, width) if _streams(ws) else None
        rows = streamed if streamed is not None else ws.iter_rows(max_col=width, values_only=True)
        for n, values in enumerate(rows, start=1):
            if found.stale is not None and n >= found.stale[0]:
                break
            yield values
    except CascadeValidationError:
        raise
    except Exception:  # a value openpyxl cannot convert, a style it lacks, a damaged part
        said = _("cannot be read (%(fix)s)") % {"fix": _(FIX)}
        raise refuse(ws.title, n + 1, None, said) from None
    if found.stale is not None:
        row, ref = found.stale
        message = _("a formula without a computed value; %(fix)s") % {"fix": _(FIX)}
        raise CascadeValidationError([CellProblem(f"{ws.title}!{ref}", row, "(cell)", "", message)])


def _streams(ws: Any) -> bool:
    """A read-only worksheet of a workbook opened with ``data_only`` (what ``workbook_sheets``
    opens unless the merged ranges are asked for)."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    return isinstance(ws, ReadOnlyWorksheet) and bool(ws.parent.data_only)


@functools.cache
def _values_parser() -> type:
    """openpyxl's worksheet parser, with a shortcut for the commonest cell of a table: an
    inline string of plain text (``<is><t>text</t></is>``, what openpyxl and pokin write),
    whose value it takes from the element itself instead of building openpyxl's rich-text
    objects for it (most of the time of reading a large workbook). Any other cell goes through
    openpyxl's own ``parse_cell``: the values are exactly openpyxl's."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser

    def plain_texts(child: Any) -> bool:
        return not child.attrib and all(
            isinstance(t.tag, str) and t.tag.rpartition("}")[2] == "t" for t in child
        )

    class ValuesParser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            if not self.data_only or element.get("t") != "inlineStr":
                return super().parse_cell(element)
            child = element.find(INLINE_STRING)
            if child is None or not plain_texts(child):
                return super().parse_cell(element)
            # as the parent does for it: the cell's place, its style, and the text of its
            # last <t> (openpyxl's Text keeps the last; no text: an empty string)
            coordinate = element.get("r")
            style_id = element.get("s", 0)
            if style_id:
                style_id = int(style_id)
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            value = None
            for t in child:
                value = t.text
            return {
                "row": row,
                "column": column,
                "value": value if value is not None else "",
                "data_type": "s",
                "style_id": style_id,
            }

    return ValuesParser


def _streamed_values(ws: Any, max_col: int | None) -> Iterator[tuple[Any, ...]]:
    """``ws.iter_rows(max_col=max_col, values_only=True)`` of a read-only worksheet whose
    dimensions were reset (openpyxl's ``_cells_by_row`` from row 1, no last row), read with
    ``_values_parser``."""
    parser_class = _values_parser()
    book = ws.parent
    empty_row: tuple[Any, ...] = (None,) * max_col if max_col is not None else ()
    counter = 1
    with ws._get_source() as src:
        parser = parser_class(
            src,
            ws._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for idx, row in parser.parse():
            for _ in range(counter, idx):  # rows the file leaves out
                counter += 1
                yield empty_row
            if counter <= idx:
                counter += 1
                yield ws._get_row(row, 1, max_col, True)


def decode_csv(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        said = _("not UTF-8 text (byte %(byte)s: %(reason)s)") % {
            "byte": exc.start,
            "reason": exc.reason,
        }
        raise refuse(name, None, None, said) from None


def csv_sheet(data: bytes, name: str) -> Sheet:
    """A CSV file (UTF-8, comma or semicolon separated: the first lines decide) as a sheet;
    a cell ``csv_cell`` escaped (``'=...``) reads as the text it escaped."""
    text_ = decode_csv(data, name)
    head = text_[:4096]  # title rows may come first: count over the first lines
    delimiter = ";" if head.count(";") > head.count(",") else ","

    def rows() -> Iterator[tuple[int, tuple]]:
        reader = csv.reader(io.StringIO(text_, newline=""), delimiter=delimiter)
        try:
            yield from _bounded_rows(
                name,
                (tuple(_csv_text(v) if v != "" else None for v in r) for r in reader),
            )
        except csv.Error as exc:
            said = _("not valid CSV: %(reason)s") % {"reason": exc}
            raise refuse(name, reader.line_num, None, said) from None

    return Sheet(name, rows)


#: First characters a spreadsheet program takes for the start of a formula (OWASP's list for
#: CSV injection). Text from the data is never a formula in what pokin writes.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell for a CSV file: text that a spreadsheet would run as a formula gets a leading
    ``'`` (the OWASP rule), and so does text that starts with ``'`` itself, so that
    ``csv_value`` gives back exactly the text; anything else as it is."""
    if isinstance(value, str) and value[:1] in (*FORMULA_STARTS, "'"):
        return "'" + value
    return value


def _csv_text(cell: str) -> str:
    """A CSV cell as text: Windows line ends inside it made line feeds (what a spreadsheet
    and an xlsx cell hold), the escape of ``csv_cell`` removed."""
    return csv_value(cell.replace("\r\n", "\n"))


def csv_value(cell: str) -> str:
    """The text ``csv_cell`` wrote: the ``'`` it added removed (and only that)."""
    if cell[:1] == "'" and cell[1:2] in (*FORMULA_STARTS, "'"):
        return cell[1:]
    return cell


def text_cells(ws: Any) -> None:
    """Every text cell of an openpyxl sheet as a string cell: a name starting with ``=`` is
    shown, never run as a formula (openpyxl takes such a value for one)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([["" if v is None else csv_cell(v) for v in row] for row in rows])
    return buf.getvalue().encode("utf-8")
