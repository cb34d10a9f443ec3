"""The Renja evaluation table (Permendagri 86/2017, form E.81) of a cascade and year as a
document: the xlsx from the one layout writer (``pokin.seed.formats.renja_evaluation``), and the
same rows as a PDF drawn by headless Chromium from ``renja_evaluation.html``: A4 landscape, the
table's header repeated on every page, pages numbered, nothing fetched from the network. The
form's own texts are the regulation's (Indonesian); the cascade's text is never translated."""

from __future__ import annotations

from typing import Any

from pokin.core.errors import Invalid
from pokin.core.i18n import N_, _
from pokin.seed.formats.renja_evaluation import (
    GROUPS,
    NAME_COLUMNS,
    NUMBER_TEXT,
    UNIT_COLUMN,
    WrittenTable,
    group_headers,
    write_renja,
)
from pokin.visualize import browser
from pokin.visualize.documents import Document, DocumentRequest, register

#: the printed columns (the PDF leaves Visi, Misi and Sasaran RPJMD out: pokin does not hold them)
PRINTED_NAMES = ("No", "Tujuan", "Sasaran", NAME_COLUMNS[6], NAME_COLUMNS[7], "Satuan")


def table_of(cascade: Any, request: DocumentRequest) -> WrittenTable:
    if request.year is None:
        raise Invalid(_("the Renja evaluation table needs a year (--year)"))
    return write_renja(cascade, request.year, request.signatures)


def render_html(table: WrittenTable, request: DocumentRequest) -> str:
    """The table as one standalone HTML page for printing (no script, styles inline)."""
    from pokin.visualize.render import environment  # the graph renderer: not on the load path

    template = environment().get_template("renja_evaluation.html")
    return template.render(
        table=table,
        groups=GROUPS,
        headers=group_headers(table.period_end),
        numbers=NUMBER_TEXT,
        names=PRINTED_NAMES,
        unit_column=UNIT_COLUMN,
        signatures=request.signatures,
        value=_value,
    )


def _value(v: Any) -> str:
    """A cell as printed: numbers in the page's language, texts as given."""
    from pokin.core.i18n import number

    if v is None:
        return ""
    if isinstance(v, int | float):
        return number(v, 0 if float(v).is_integer() else 2)
    return str(v)


def print_pdf(html: str) -> bytes:
    """``html`` printed by headless Chromium: A4 landscape, page numbers at the foot."""
    footer = (
        '<div style="font-size:8px;width:100%;text-align:right;padding-right:10mm">'
        + _("Page %(page)s of %(pages)s")
        % {"page": '<span class="pageNumber"></span>', "pages": '<span class="totalPages"></span>'}
        + "</div>"
    )
    margin = {"top": "10mm", "bottom": "14mm", "left": "8mm", "right": "8mm"}
    return browser.print_pdf(html, paper="A4", landscape=True, footer=footer, margin=margin)


def write(cascade: Any, request: DocumentRequest) -> bytes:
    """The document's bytes: the workbook, or its rows printed as a PDF."""
    table = table_of(cascade, request)
    if request.kind == "xlsx":
        return table.data
    return print_pdf(render_html(table, request))


DOCUMENT = register(
    Document(
        name="renja-evaluation",
        title=N_("Renja evaluation table"),
        help=N_(
            "the Renja evaluation table of a year (Permendagri 86/2017, E.81): targets, "
            "realisation per quarter, capaian as formulas, the footer and signature as given"
        ),
        source="cascade",
        kinds=("xlsx", "pdf"),
        write=write,
        needs_year=True,
        pages=("agency",),
    )
)
