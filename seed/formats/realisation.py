"""The quarterly realisation file: one row per indicator (or unit), read from CSV or xlsx.

Columns (headers compared without case, spacing or punctuation, Indonesian or English):
``indicator`` (an indicator's id; or a unit's id or nomenclature code, for its Rp), ``value``
(the realisation in K) and, optional, ``rp`` (the budget realised). Numbers may use the decimal
comma (``0,75``, ``1.234,5``). Which cascade, year and quarter the file reports is said by the
caller (``pokin load-realisation FILE --cascade C --year Y --quarter Q``), not by the file.
Reading checks the shape only (columns, numbers); what the rows name is checked against the
stored cascade by ``pokin.graph.realisation``. Every problem names the file, row and column.

Planning-system exports are read as delivered (docs/domain.md): ``NULL`` (any case), ``-`` and
``#N/A`` are missing values; numbers as text in Indonesian notation (``1.234,56``) or with a
percent sign (``75,5 %``); spacer rows of blank or space-only cells carry nothing and are
passed over; a row naming no indicator (``NULL``) is an error, and so is an indicator named
twice (an export's repeated row), naming both rows: no row is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from pokin.core.errors import CascadeValidationError, Problem
from pokin.core.i18n import gettext as _
from pokin.seed.formats.cells import (
    Sheet,
    csv_sheet,
    norm,
    number,
    placeholder,
    problem,
    text,
    workbook_sheets,
)

#: column -> the headers that name it (normalised by ``norm``)
HEADERS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indikator", "id", "indicator id", "id indikator", "code", "kode"),
    "value": ("value", "k", "realisation", "realisasi", "realisasi k", "nilai", "kinerja"),
    "rp": ("rp", "realisasi rp", "anggaran", "realisasi anggaran", "budget"),
}


@dataclass(frozen=True)
class RealisationRow:
    """One row of the file: where it is, what it names, what it reports."""

    sheet: str
    row: int
    indicator: str
    value: float | None
    rp: float | None


def _column(header: object) -> str | None:
    key = norm(header)
    return next((c for c, names in HEADERS.items() if key in {norm(n) for n in names}), None)


def _sheets(data: bytes, filename: str) -> list[Sheet]:
    if data[:2] == b"PK":  # a zip: an xlsx workbook
        sheets = workbook_sheets(data, filename)
        return [Sheet(f"{filename}!{s.name}", s.rows) for s in sheets[:1]]
    return [csv_sheet(data, filename)]


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def read_realisation(data: bytes, filename: str) -> list[RealisationRow]:
    """The rows of a realisation file (CSV, or the first sheet of an xlsx workbook); raises
    ``CascadeValidationError`` with every problem, each naming the file, row and column."""
    problems: list[Problem] = []
    out: list[RealisationRow] = []
    for sheet in _sheets(data, filename):
        header: dict[int, str] | None = None
        named: dict[str, int] = {}
        for n, values in sheet.rows():
            if header is None:
                if all(_blank(v) for v in values):
                    continue
                header = {}
                for i, h in enumerate(values):
                    column = _column(h) if h is not None else None
                    if column is not None and column not in header.values():
                        header[i] = column
                columns = set(header.values())
                for needed, present in (
                    ("indicator", "indicator" in columns),
                    ("value", bool(columns & {"value", "rp"})),
                ):
                    if not present:
                        names = ", ".join(HEADERS[needed][:3])
                        said = (
                            _(
                                "required value (K) or rp column missing "
                                "(a header such as %(names)s)"
                            )
                            if needed == "value"
                            else _("required column missing (a header such as %(names)s)")
                        )
                        problems.append(problem(sheet.name, n, needed, said % {"names": names}))
                if problems:
                    break
                continue
            if all(_blank(v) for v in values):
                continue  # a spacer row
            cells = {c: values[i] if i < len(values) else None for i, c in header.items()}
            raw_ident = cells.get("indicator")
            ident = None if placeholder(raw_ident) else text(raw_ident)
            if not ident:
                said = _("no indicator named")
                if placeholder(raw_ident):
                    said = _("no indicator named (the cell says %(value)s)") % {
                        "value": repr(text(raw_ident))
                    }
                problems.append(problem(sheet.name, n, "indicator", said))
                continue
            if ident in named:
                said = _("%(indicator)s is given twice (also row %(row)s)")
                problems.append(
                    problem(
                        sheet.name, n, "indicator", said % {"indicator": ident, "row": named[ident]}
                    )
                )
                continue
            named[ident] = n
            got: dict[str, float | None] = {}
            for column in ("value", "rp"):
                raw = cells.get(column)
                if _blank(raw) or placeholder(raw):
                    got[column] = None
                    continue
                try:
                    got[column] = number(raw)
                except ValueError:
                    said = _("not a number (got %(value)s)") % {"value": repr(text(raw))}
                    problems.append(problem(sheet.name, n, column, said))
                    got[column] = None
            if (
                got["value"] is None
                and got["rp"] is None
                and not any(p.line == n for p in problems)
            ):
                problems.append(problem(sheet.name, n, "value", _("no value (K) and no rp given")))
                continue
            out.append(RealisationRow(sheet.name, n, ident.strip(), got["value"], got["rp"]))
        if header is None:
            problems.append(problem(sheet.name, None, None, _("the file has no header row")))
    if problems:
        raise CascadeValidationError(problems)
    return out
