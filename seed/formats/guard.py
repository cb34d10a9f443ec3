"""Bounded reading of zip-based inputs (workbooks, zips of CSV files): the limits of what a
file may expand to, checked while streaming, before anything is built from it.

A file of a few megabytes can unpack to gigabytes (a zip bomb), hold a string of a gigabyte,
a row of millions of cells, a DTD that expands entities or fetches other files, or declare a
size (``<dimension>``) other than what it holds. So before openpyxl sees a workbook, every
member is checked against the zip's central directory (size, compression ratio), then
decompressed with a byte budget (sizes can lie) and parsed as a stream with expat (no DTD, so
no entity is ever expanded or resolved), counting what the XML holds: shared strings and their
characters, cells per row and per sheet, characters per cell and per sheet, and the rows and
columns actually present. Every refusal is a ``CascadeValidationError`` with one line naming
the file and the limit.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from pokin.core.errors import CascadeValidationError
from pokin.core.i18n import N_

MiB = 1024 * 1024

# --------------------------------------------------------------------------- the limits
#: Rows, columns and characters of one table (a sheet or a CSV file).
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000
MAX_CSV_FILES = 20
#: Members of one zip (an .xlsx holds about ten).
MAX_ZIP_MEMBERS = 1_000
#: What one member may unpack to (an XML part), and all of them together.
MAX_MEMBER_BYTES = 256 * MiB
MAX_UNPACKED_BYTES = 512 * MiB
#: Unpacked bytes per compressed byte of a member (spreadsheet XML: about 5 to 30); checked
#: once a member has unpacked ``RATIO_FLOOR`` bytes, so small members are never refused.
MAX_RATIO = 200
RATIO_FLOOR = 1 * MiB
#: Shared strings of a workbook (openpyxl holds them all in memory).
MAX_SHARED_STRINGS = 1_000_000
MAX_SHARED_CHARS = 50_000_000
#: Cells (``<c>`` elements, with or without a value) in one row and in one sheet; Excel's
#: own limit is 16,384 columns.
MAX_ROW_CELLS = 16_384
MAX_SHEET_CELLS = 5_000_000
#: Characters of all cell values of one sheet (inline strings, numbers).
MAX_SHEET_CHARS = 50_000_000
#: Characters of one run of text between two tags, and bytes of one tag (whitespace or text
#: outside the cells that a parser would have to hold whole).
MAX_XML_RUN = 1 * MiB
#: Bytes read from a member at a time.
CHUNK = 64 * 1024

FIX = N_("open and save the file in a spreadsheet program")  # translated where shown


class _Refused(Exception):
    """A limit or a rule broken while parsing (becomes a ``CascadeValidationError``)."""


def refusal(source_name: str, message: str) -> CascadeValidationError:
    return CascadeValidationError.of_file(source_name, message)


def _shown(name: str) -> str:
    """A member name from the file, bounded for a message."""
    name = "".join(c if c.isprintable() else "?" for c in name)
    return repr(name if len(name) <= 80 else name[:80] + "...")


# --------------------------------------------------------------------------- the zip


def open_zip(data: bytes, source_name: str, what: str) -> zipfile.ZipFile:
    """The zip of ``data`` once its central directory is within the limits (``what`` names
    the kind of file in the refusal: "an .xlsx workbook", "a zip of CSV tables")."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise refusal(source_name, f"not {what} (not a readable zip file)") from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise refusal(source_name, f"holds more than {MAX_ZIP_MEMBERS} zip members")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise refusal(source_name, f"member {_shown(info.filename)} is encrypted")
        if info.file_size > MAX_MEMBER_BYTES:
            raise refusal(
                source_name,
                f"member {_shown(info.filename)} unpacks to more than {MAX_MEMBER_BYTES} bytes",
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise refusal(
                source_name,
                f"member {_shown(info.filename)} is compressed more than {MAX_RATIO} to 1 "
                "(a zip bomb?)",
            )
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise refusal(source_name, f"unpacks to more than {MAX_UNPACKED_BYTES} bytes")
    return z


def member_chunks(
    z: zipfile.ZipFile, info: zipfile.ZipInfo, source_name: str, limit: int = MAX_MEMBER_BYTES
) -> Iterator[bytes]:
    """A member's bytes as they unpack, refused past ``limit`` bytes or ``MAX_RATIO`` (the
    central directory may lie); a damaged member (bad CRC, bad data) is refused too."""
    name = _shown(info.filename)
    total = 0
    try:
        with z.open(info) as handle:
            while chunk := handle.read(CHUNK):
                total += len(chunk)
                if total > limit:
                    raise refusal(source_name, f"member {name} unpacks to more than {limit} bytes")
                if total > RATIO_FLOOR and total > MAX_RATIO * max(info.compress_size, 1):
                    raise refusal(
                        source_name,
                        f"member {name} is compressed more than {MAX_RATIO} to 1 (a zip bomb?)",
                    )
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise refusal(
            source_name, f"member {name} is damaged (its data or checksum is wrong)"
        ) from None
    except NotImplementedError:
        raise refusal(
            source_name, f"member {name} is compressed with a method pokin cannot read"
        ) from None
    except RuntimeError:  # zipfile: "File ... is encrypted, password required"
        raise refusal(source_name, f"member {name} is encrypted") from None


def read_member(
    z: zipfile.ZipFile, info: zipfile.ZipInfo, source_name: str, limit: int = MAX_MEMBER_BYTES
) -> bytes:
    """A member's bytes, read through ``member_chunks`` (bounded, checked)."""
    return b"".join(member_chunks(z, info, source_name, limit))


# --------------------------------------------------------------------------- the XML parts


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _letters(column: int) -> str:
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() and len(value) <= 9 else None


@dataclass
class SheetScan:
    """What a worksheet part holds: its widest column with a cell (``max_column``, to read
    it without trusting ``<dimension>``) and the first formula cell without a computed
    value (``stale``: its row and reference)."""

    max_column: int = 0
    stale: tuple[int, str] | None = None


@dataclass
class WorkbookScan:
    """The result of ``scan_workbook``: the sheets by name (``None``: a sheet the workbook
    names but whose part was not found by name, which openpyxl reports itself)."""

    sheets: dict[str, SheetScan] = field(default_factory=dict)


class _Part:
    """One XML part parsed as a stream: no DTD, well-formed, every run of text and every tag
    bounded; a shared-strings part (root ``sst``) and a worksheet part (root ``worksheet``)
    also counted against their limits (their handlers replace the generic ones once the root
    element is known: they run for every cell)."""

    def __init__(self, label: str, parser: Any) -> None:
        self.label = label  # "sheet 'Matriks'", "the shared strings", "part 'x.xml'"
        self.parser = parser
        self.root: str | None = None
        self.run = 0  # characters of the current text run
        # shared strings
        self.strings = 0
        self.shared_chars = 0
        self.in_text = 0
        self.string_chars = 0
        # worksheet
        self.sheet = SheetScan()
        self.row = 0
        self.column = 0
        self.row_cells = 0
        self.cells = 0
        self.sheet_chars = 0
        self.in_cell = False
        self.kind: str | None = None  # the cell's type (t)
        self.formula = False
        self.value_seen = False
        self.cell_chars = 0
        self.in_value = 0
        self.columns: dict[str, int] = {}
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.doctype
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text

    def refuse(self, message: str) -> _Refused:
        return _Refused(f"{self.label}: {message}")

    def ref(self) -> str:
        return f"{_letters(self.column)}{self.row}"

    # any part -------------------------------------------------------------------------

    def doctype(self, *_: object) -> None:
        raise self.refuse("declares a DTD (entities), which pokin never reads")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.run = 0
        if self.root is None:
            self.root = name.rpartition(":")[2]
            if self.root == "sst":
                self.parser.StartElementHandler = self.start_shared
                self.parser.EndElementHandler = self.end_shared
                self.parser.CharacterDataHandler = self.text_shared
            elif self.root == "worksheet":
                self.parser.StartElementHandler = self.start_sheet
                self.parser.EndElementHandler = self.end_sheet
                self.parser.CharacterDataHandler = self.text_sheet

    def end(self, name: str) -> None:
        self.run = 0

    def text(self, data: str) -> None:
        self.run += len(data)
        if self.run > MAX_XML_RUN:
            raise self.refuse(f"a run of text outside the cells longer than {MAX_XML_RUN}")

    # shared strings -------------------------------------------------------------------

    def start_shared(self, name: str, attrs: dict[str, str]) -> None:
        self.run = 0
        local = name.rpartition(":")[2]
        if local == "si":
            self.strings += 1
            self.string_chars = 0
            if self.strings > MAX_SHARED_STRINGS:
                raise self.refuse(f"more than {MAX_SHARED_STRINGS} strings")
        elif local == "t":
            self.in_text += 1

    def end_shared(self, name: str) -> None:
        self.run = 0
        if self.in_text and name.rpartition(":")[2] == "t":
            self.in_text -= 1

    def text_shared(self, data: str) -> None:
        if not self.in_text:
            return self.text(data)
        n = len(data)
        self.string_chars += n
        self.shared_chars += n
        if self.string_chars > MAX_CELL_CHARS:
            raise self.refuse(f"string {self.strings} is longer than {MAX_CELL_CHARS} characters")
        if self.shared_chars > MAX_SHARED_CHARS:
            raise self.refuse(f"more than {MAX_SHARED_CHARS} characters")
        return None

    # worksheets -----------------------------------------------------------------------

    def start_sheet(self, name: str, attrs: dict[str, str]) -> None:
        self.run = 0
        local = name.rpartition(":")[2]
        if local == "c":
            self.row_cells += 1
            self.cells += 1
            if self.row_cells > MAX_ROW_CELLS:
                raise self.refuse(f"row {self.row} holds more than {MAX_ROW_CELLS} cells")
            if self.cells > MAX_SHEET_CELLS:
                raise self.refuse(f"more than {MAX_SHEET_CELLS} cells")
            ref = attrs.get("r")
            letters = ref.rstrip("0123456789") if ref else ""
            if letters:
                column = self.columns.get(letters)
                if column is None:
                    column = self.columns[letters] = _column_number(letters)
                self.column = column
            else:
                self.column += 1
            if ref and len(ref) > len(letters):
                row = _int(ref[len(letters) :])
                if row is not None:
                    self.row = row
            self.in_cell, self.kind = True, attrs.get("t")
            self.formula = self.value_seen = False
            self.cell_chars = 0
            if self.column > self.sheet.max_column:
                self.sheet.max_column = self.column
        elif local == "row":
            r = _int(attrs.get("r"))
            self.row = r if r is not None else self.row + 1
            self.column = 0
            self.row_cells = 0
        elif self.in_cell:
            if local == "v" or local == "is":
                self.value_seen = True
                self.in_value += 1
            elif local == "f":
                self.formula = True

    def end_sheet(self, name: str) -> None:
        self.run = 0
        if not self.in_cell:
            return
        local = name.rpartition(":")[2]
        if local == "v" or local == "is":
            self.in_value -= 1
        elif local == "c":
            self.in_cell = False
            value = self.cell_chars > 0 or (self.value_seen and self.kind in ("str", "inlineStr"))
            if value and self.column > MAX_COLUMNS:
                raise self.refuse(f"cell {self.ref()} is beyond column {MAX_COLUMNS}")
            if value and self.row > MAX_ROWS:
                raise self.refuse(f"cell {self.ref()} is beyond row {MAX_ROWS}")
            if self.formula and not value and self.sheet.stale is None:
                self.sheet.stale = (self.row, self.ref())

    def text_sheet(self, data: str) -> None:
        if not self.in_value:
            return self.text(data)
        n = len(data)
        self.cell_chars += n
        self.sheet_chars += n
        if self.cell_chars > MAX_CELL_CHARS:
            raise self.refuse(f"cell {self.ref()} is longer than {MAX_CELL_CHARS} characters")
        if self.sheet_chars > MAX_SHEET_CHARS:
            raise self.refuse(f"more than {MAX_SHEET_CHARS} characters in its cells")
        return None


def _parse(
    z: zipfile.ZipFile, info: zipfile.ZipInfo, source_name: str, label: str, budget: list[int]
) -> _Part:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    part = _Part(label, parser)
    fed = 0
    try:
        for chunk in member_chunks(z, info, source_name, min(MAX_MEMBER_BYTES, budget[0])):
            fed += len(chunk)
            budget[0] -= len(chunk)
            parser.Parse(chunk, False)
            if fed - max(parser.CurrentByteIndex, 0) > MAX_XML_RUN + CHUNK:
                raise part.refuse(f"a tag longer than {MAX_XML_RUN} bytes")
        parser.Parse(b"", True)
    except _Refused as exc:
        raise refusal(source_name, str(exc)) from None
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) if exc.code else "not XML"
        raise refusal(
            source_name, f"{label}: not well-formed XML ({message}, line {exc.lineno})"
        ) from None
    except (LookupError, ValueError):  # an encoding expat does not know
        raise refusal(source_name, f"{label}: not well-formed XML (an unknown encoding)") from None
    if budget[0] <= 0:
        raise refusal(source_name, f"unpacks to more than {MAX_UNPACKED_BYTES} bytes")
    return part


def _relationships(part: bytes) -> dict[str, tuple[str, str]]:
    """A ``.rels`` part's relationships: Id -> (type, target). The part was parsed whole by
    the scan already, so it is well-formed and small."""
    out: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition(":")[2] == "Relationship" and "Id" in attrs:
            out[attrs["Id"]] = (attrs.get("Type", ""), attrs.get("Target", ""))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.Parse(part, True)
    return out


def _sheet_names(workbook: bytes) -> list[tuple[str, str]]:
    """The workbook part's sheets as (name, relationship id)."""
    out: list[tuple[str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition(":")[2] == "sheet":
            rid = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "id"), "")
            out.append((attrs.get("name", "?"), rid))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.Parse(workbook, True)
    return out


def _target(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


#: The last workbook scanned and found within the limits, by its SHA-256: telling a file's
#: format and then reading it opens the same bytes twice.
_last: tuple[bytes, WorkbookScan] | None = None


def scan_workbook(data: bytes, source_name: str) -> WorkbookScan:
    """Check a workbook against every limit of this module before it is opened, and say
    what its sheets hold (see ``WorkbookScan``)."""
    global _last
    digest = hashlib.sha256(data).digest()
    last = _last
    if last is not None and last[0] == digest:
        return last[1]
    scan = _scan(data, source_name)
    _last = (digest, scan)
    return scan


def _scan(data: bytes, source_name: str) -> WorkbookScan:
    z = open_zip(data, source_name, "an .xlsx workbook")
    infos = {i.filename: i for i in z.infolist()}
    budget = [MAX_UNPACKED_BYTES]
    small: dict[str, bytes] = {}  # the package's map: relationships and the workbook part

    def read_small(name: str) -> bytes | None:
        info = infos.get(name)
        if info is None:
            return None
        if name not in small:
            _parse(z, info, source_name, f"part {_shown(name)}", budget)
            small[name] = read_member(z, info, source_name, 16 * MiB)
        return small[name]

    root_rels = read_small("_rels/.rels")
    workbook_name = "xl/workbook.xml"
    if root_rels is not None:
        for kind, target in _relationships(root_rels).values():
            if kind.endswith("/officeDocument"):
                workbook_name = _target("", target)
    workbook = read_small(workbook_name)
    if workbook is None:
        raise refusal(source_name, "not an .xlsx workbook (it holds no workbook part)")
    rels_name = posixpath.join(
        posixpath.dirname(workbook_name), "_rels", posixpath.basename(workbook_name) + ".rels"
    )
    rels = _relationships(read_small(rels_name) or b"<r/>")
    labels: dict[str, str] = {}
    sheets: dict[str, str] = {}
    for name, rid in _sheet_names(workbook):
        kind, target = rels.get(rid, ("", ""))
        if not kind.endswith("/worksheet"):
            continue  # a chart sheet or a dialog sheet: not a table
        part = _target(workbook_name, target)
        if part not in infos:
            raise refusal(
                source_name, f"the workbook names sheet {_shown(name)}, which the file lacks"
            )
        labels[part] = f"sheet {_shown(name)}"
        sheets[name] = part
    for kind, target in rels.values():
        if kind.endswith("/sharedStrings"):
            labels[_target(workbook_name, target)] = "the shared strings"
    scans: dict[str, SheetScan] = {}
    for name, info in infos.items():
        if (_is_xml(name) or name in labels) and name not in small:
            part = _parse(z, info, source_name, labels.get(name, f"part {_shown(name)}"), budget)
            if part.root == "worksheet":
                scans[name] = part.sheet
    return WorkbookScan({name: scans.get(part, SheetScan()) for name, part in sheets.items()})
