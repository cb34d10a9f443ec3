"""Builders of hostile workbooks and zips: small files that expand to gigabytes, XML with DTDs,
damaged members, lying sizes. A part may be ``Repeat(head, unit, count, tail)``: its deflate
stream is one compressed block of ``unit``s repeated (each segment ends with a full flush, so
the copies are independent), which builds a 1.5 GB part in about a second without holding it."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
XLSX = f"{CT}.sheet"


@dataclass(frozen=True)
class Repeat:
    """``head + unit * count + tail``, compressed without being built."""

    head: bytes
    unit: bytes
    count: int
    tail: bytes


def _deflate(content: bytes | Repeat) -> tuple[bytes, int, int]:
    """(raw deflate data, CRC-32, size) of a part."""
    if isinstance(content, bytes):
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(content) + c.flush(), zlib.crc32(content), len(content)
    per = max(1, (1 << 20) // len(content.unit))
    block = content.unit * per
    copies, rest = divmod(content.count, per)

    def segment(data: bytes, final: bool = False) -> bytes:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)

    seg = segment(block)
    out = [segment(content.head), seg * copies, segment(content.unit * rest)]
    out.append(segment(content.tail, final=True))
    crc = zlib.crc32(content.head)
    for _ in range(copies):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(content.tail, zlib.crc32(content.unit * rest, crc))
    size = len(content.head) + len(content.unit) * content.count + len(content.tail)
    return b"".join(out), crc, size


def zip_of(parts: dict[str, bytes | Repeat], declared: dict[str, int] | None = None) -> bytes:
    """A zip of ``parts`` (deflated); ``declared`` gives members a false unpacked size."""
    declared = declared or {}
    body, central = io.BytesIO(), io.BytesIO()
    for name, content in parts.items():
        data, crc, size = _deflate(content)
        size = declared.get(name, size)
        raw = name.encode()
        offset = body.tell()
        fields = (20, 0, 8, 0, 0x21, crc, len(data), size, len(raw))
        body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + raw + data)
        central.write(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, 0, offset)
            + raw
        )
    n = len(parts)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, central.tell(), body.tell(), 0)
    return body.getvalue() + central.getvalue() + end


def workbook(
    sheet: bytes | Repeat,
    strings: bytes | Repeat | None = None,
    *,
    sheets: tuple[str, ...] = ("Sheet1",),
    missing: tuple[str, ...] = (),
    declared: dict[str, int] | None = None,
) -> bytes:
    """A minimal .xlsx: ``sheet`` is the first sheet's XML (every other sheet is empty),
    ``strings`` the shared strings part; ``missing`` sheets are named but not stored."""
    rels = [
        f'<Relationship Id="rId{i}" Type="{DOC}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    ]
    overrides = [
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT}.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    ]
    if strings is not None:
        rels.append(
            f'<Relationship Id="rIdS" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
        )
        overrides.append(
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>'
        )
    parts: dict[str, bytes | Repeat] = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            f'ContentType="{CT}.sheet.main+xml"/>{"".join(overrides)}</Types>'
        ).encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship '
            f'Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {REL_NS}><sheets>'
            + "".join(
                f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
                for i, name in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>"
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f"{''.join(rels)}</Relationships>"
        ).encode(),
    }
    for i, name in enumerate(sheets, start=1):
        if name not in missing:
            parts[f"xl/worksheets/sheet{i}.xml"] = sheet if i == 1 else sheet_xml("")
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
    return zip_of(parts, declared)


def sheet_xml(rows: str, dimension: str | None = None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"<worksheet {NS}>{dim}<sheetData>{rows}</sheetData></worksheet>".encode()


SHEET_HEAD = f'<worksheet {NS}><sheetData><row r="1">'.encode()
SHEET_TAIL = b"</row></sheetData></worksheet>"
ONE_STRING = sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')


def shared_string_bomb() -> bytes:
    """One shared string of 1.5 GB, in about 1.5 MB."""
    head = f'<sst {NS} count="1" uniqueCount="1"><si><t>'.encode()
    return workbook(ONE_STRING, Repeat(head, b"a" * 1024, 1_500_000, b"</t></si></sst>"))


def many_strings_bomb() -> bytes:
    """60 million small shared strings, in about 2.4 MB."""
    head = f'<sst {NS} count="60000000" uniqueCount="60000000">'.encode()
    return workbook(ONE_STRING, Repeat(head, b"<si><t>a</t></si>", 60_000_000, b"</sst>"))


def wide_row_bomb() -> bytes:
    """One row of 30 million cells."""
    return workbook(Repeat(SHEET_HEAD, b"<c><v>1</v></c>", 30_000_000, SHEET_TAIL))


def whitespace_bomb() -> bytes:
    """2 GB of whitespace between two cells of the sheet XML."""
    head = SHEET_HEAD + b'<c r="A1" t="inlineStr"><is><t>x</t></is></c>'
    return workbook(Repeat(head, b" " * 1024, 2_000_000, SHEET_TAIL))


def far_cell() -> bytes:
    """A small sheet declaring ``A1:XFD1048576`` with one cell there."""
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    return workbook(sheet_xml(rows, "A1:XFD1048576"))


def lying_member(data: bytes, member: str, size: int) -> bytes:
    """``data`` (a zip) with ``member`` declaring ``size`` unpacked bytes."""
    z = zipfile.ZipFile(io.BytesIO(data))
    return zip_of({i.filename: z.read(i) for i in z.infolist()}, {member: size})


def with_dtd(doctype: str) -> bytes:
    """A workbook whose sheet declares a DTD (``doctype``) and uses its entity ``&e;``."""
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>'
    return workbook(b'<?xml version="1.0"?>' + doctype.encode() + sheet_xml(rows))


XXE = '<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "lol">'
    + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + '<!ENTITY e "&i;">]>'
)


def malformed() -> bytes:
    return workbook(sheet_xml('<row r="1"><c r="A1"><v>1</v></row>'))


def bad_crc(data: bytes) -> bytes:
    """``data`` (a zip) with the checksums of its members wrong."""
    out = bytearray(data)
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = out.find(sig)
        while at != -1:
            crc_at = at + (14 if sig == b"PK\x03\x04" else 16)
            out[crc_at] ^= 0xFF
            at = out.find(sig, at + 4)
    return bytes(out)


def missing_sheet() -> bytes:
    return workbook(
        sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>'),
        sheets=("Sheet1", "Data"),
        missing=("Data",),
    )


def csv_zip_lying(files: dict[str, bytes], member: str) -> bytes:
    """A zip of CSV tables whose ``member`` declares fewer bytes than it holds."""
    return zip_of(dict(files), {member: 10})


def over_strings() -> bytes:
    """One more distinct shared string than allowed (compressed as plain text is: no bomb)."""
    from pokin.seed.formats.guard import MAX_SHARED_STRINGS

    body = "".join(f"<si><t>{i}</t></si>" for i in range(MAX_SHARED_STRINGS + 1))
    return workbook(ONE_STRING, f"<sst {NS}>{body}</sst>".encode())


def over_row_cells() -> bytes:
    """A row of one more (empty) cell than Excel allows, small enough for any ratio."""
    from pokin.seed.formats.guard import MAX_ROW_CELLS

    return workbook(sheet_xml('<row r="1">' + "<c/>" * (MAX_ROW_CELLS + 1) + "</row>"))
