"""The import report as a workbook (``pokin load --report FILE.xlsx``): a sheet "Rows" (one
line per source row), "Notes" and "Summary" (the counts), named and headed in the current
locale, outcomes in its words; counts are number cells. Every text is a text cell: a
reason or source id starting with ``=`` (``+ - @``, a tab, a CR) is never a formula, and a
control character a cell cannot hold is written escaped (``\\x07``)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from pokin.core.i18n import N_
from pokin.core.i18n import gettext as _

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from pokin.seed.formats.report import ImportReport

#: The columns of the sheet "Rows" (after "source" when the workbook holds several files),
#: as a ``RowReport`` names them, with their widths.
ROW_COLUMNS: dict[str, int] = {  # field -> width
    "sheet": 14,
    "row": 7,
    "outcome": 10,
    "cascade": 18,
    "element": 30,
    "source_id": 12,
    "missing": 30,
    "reason": 70,
}
SOURCE_WIDTH = 28
#: Each column's header and each outcome, a msgid.
HEADERS: dict[str, str] = {
    "source": N_("Source"),
    "sheet": N_("Sheet"),
    "row": N_("Row"),
    "outcome": N_("Outcome"),
    "cascade": N_("Cascade"),
    "element": N_("Element"),
    "source_id": N_("Source id"),
    "missing": N_("Read as missing"),
    "reason": N_("Reason"),
    "note": N_("Note"),
    "read": N_("Read"),
    "kept": N_("Kept"),
    "merged": N_("Merged"),
    "refused": N_("Refused"),
    "notes": N_("Notes"),
}
OUTCOME_WORDS: dict[str, str] = {
    "kept": N_("kept"),
    "merged": N_("merged"),
    "refused": N_("refused"),
}


def _headers(names: list[str]) -> list[str]:
    return [_(HEADERS[n]) for n in names]


def _text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub(lambda m: repr(m.group())[1:-1], value)


def _append(ws: Worksheet, values: list[Any]) -> None:
    """A row whose strings are string cells whatever they start with."""
    ws.append([_text(v) if isinstance(v, str) else v for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _sheet(book, title: str, header: list[str], widths: list[int]) -> Worksheet:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(title)
    _append(ws, header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    return ws


def report_workbook(reports: list[ImportReport], several: bool) -> bytes:
    """The workbook of one file's report, or of several (``several``: a column "source")."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    lead = ["source"] if several else []
    lead_widths = [SOURCE_WIDTH] if several else []
    rows = _sheet(
        book,
        _("Rows"),
        _headers(lead + list(ROW_COLUMNS)),
        lead_widths + list(ROW_COLUMNS.values()),
    )
    for report in reports:
        for r in report.rows:
            values = [getattr(r, name) for name in ROW_COLUMNS]
            values[list(ROW_COLUMNS).index("missing")] = ", ".join(r.missing) or None
            values[list(ROW_COLUMNS).index("outcome")] = _(OUTCOME_WORDS[r.outcome])
            _append(rows, ([report.source] if several else []) + values)
    rows.auto_filter.ref = rows.dimensions
    notes = _sheet(book, _("Notes"), _headers([*lead, "note"]), [*lead_widths, 110])
    for report in reports:
        for note in report.notes:
            _append(notes, [*([report.source] if several else []), note])
    counts = ["read", "kept", "merged", "refused", "notes"]
    summary = _sheet(
        book, _("Summary"), _headers(["source", *counts]), [SOURCE_WIDTH, *[10] * len(counts)]
    )
    every = [report.counts() | {"notes": len(report.notes)} for report in reports]
    for report, c in zip(reports, every, strict=True):
        _append(summary, [report.source, *(c[k] for k in counts)])
    if several:
        _append(summary, [_("all files"), *(sum(c[k] for c in every) for k in counts)])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
