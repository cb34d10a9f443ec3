"""The Perjanjian Kinerja (PK) of an owner for a year, in the customary two-party layout of
PermenPAN-RB 53/2014: the agreement (first party the owner, second party their superior from
``reports_to``, the promise, both signature blocks) and its attachment, the owner's results
with their indicators and the year's targets, then the programmes and activities that deliver
them with their pagu. Without an owner, every owner's PK in one file.

Written from the stored cascade (``pokin.graph.export.read_stored_cascade``): the owner's
results are the elements whose ``owners`` hold the owner's id. Who signs (name, NIP), the place
and the date are the user's (``Signatures``); what is not given prints as a line to fill, never
as an invented name. The cascade's own texts are printed as written, untranslated.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from pokin.core.errors import Invalid, OwnerNotFound
from pokin.core.i18n import N_, number
from pokin.core.i18n import gettext as _
from pokin.core.vocabulary import TARGET_LEVELS, level_name
from pokin.seed.schema import Cascade, Indicator, Owner, split_ref
from pokin.seed.signatures import Signatory
from pokin.visualize.browser import print_pdf
from pokin.visualize.documents import Document, DocumentRequest, register

NAME = "perjanjian-kinerja"
#: The order results are listed in: the Tujuan, then down the cascade.
_LEVEL_ORDER = {level: n for n, level in enumerate(("goal", *TARGET_LEVELS))}


@dataclass(frozen=True)
class Measure:
    """One indicator of a result and its target of the year: ``value`` (a number, the xlsx
    writes it as one), ``text`` (the target as written: a value, a range low–high, a text, or
    the words saying the year has none), ``label`` the text with its unit (the PDF has no
    unit column), ``unit`` as the cascade writes it."""

    indicator: str
    text: str
    label: str
    value: float | None
    unit: str
    given: bool


@dataclass(frozen=True)
class Result:
    level: str
    name: str
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Budget:
    """A programme, activity or sub-activity delivering one of the owner's results, with its
    pagu of the year (None: the cascade gives none)."""

    level: str
    code: str | None
    name: str
    pagu: float | None


@dataclass(frozen=True)
class Party:
    """One side of the agreement; a blank field is a line to fill by hand."""

    position: str
    name: str = ""
    rank: str = ""
    nip: str = ""


@dataclass(frozen=True)
class Agreement:
    owner: Owner
    year: int
    agency: str
    first: Party
    second: Party
    results: tuple[Result, ...]
    budgets: tuple[Budget, ...]
    #: the sum of the outermost units' pagu (a programme's holds its activities')
    total: float | None
    place: str
    date: str
    letterhead: tuple[str, ...]


# --------------------------------------------------------------------------- the content


def _measure(indicator: Indicator, year: int, period_end: int) -> Measure:
    unit = indicator.unit or ""
    target = indicator.targets_by_year(period_end).get(year)
    if target is None:
        none = _("no target for %(year)s") % {"year": year}
        return Measure(indicator.name, none, none, None, unit, False)
    if target.kind == "number":
        text = number(target.value)
        value = target.value
    elif target.kind == "range":
        text, value = f"{number(target.low)}–{number(target.high)}", None
    else:
        text, value = target.text or "", None
    label = f"{text} {unit}" if unit and target.kind != "text" else text
    return Measure(indicator.name, text, label, value, unit, True)


def _results(cascade: Cascade, owner_id: str, year: int) -> list[tuple[str, Result]]:
    """(element id, result) of every element the owner owns, the Tujuan first, then down; by
    level and id, indicators by id, as the graph keeps them (it keeps no file order), so a
    file and the stored cascade give the same PK."""
    end = cascade.cascade.period.end
    owned = [("goal", g) for g in cascade.all_goals if owner_id in g.owners]
    owned += [(t.level, t) for t in cascade.targets if owner_id in t.owners]
    owned.sort(key=lambda pair: (_LEVEL_ORDER.get(pair[0], len(_LEVEL_ORDER)), pair[1].id))
    out = []
    for level, e in owned:
        indicators = sorted(e.indicators, key=lambda i: i.id)
        out.append((e.id, Result(level, e.name, tuple(_measure(i, year, end) for i in indicators))))
    return out


def _budgets(
    cascade: Cascade, result_ids: set[str], year: int
) -> tuple[list[Budget], float | None]:
    """The units delivering the owner's results with the year's pagu, and their total counted
    once: a unit part of another listed unit is inside that one's pagu."""
    own = cascade.cascade.id
    listed: dict[str, tuple[Budget, str | None]] = {}
    for level, units in (
        ("programme", cascade.programmes),
        ("activity", cascade.activities),
        ("sub_activity", cascade.sub_activities),
    ):
        for unit in units:
            delivered = {split_ref(link.to, own) for link in unit.delivers}
            if not any(c is None and e in result_ids for c, e in delivered):
                continue
            pagus = [
                b.pagu
                for b in unit.budget
                if b.year == year and b.quarter is None and b.pagu is not None
            ]
            parent = getattr(unit, "part_of", None)
            listed[unit.id] = (
                Budget(level, unit.code, unit.name, sum(pagus) if pagus else None),
                split_ref(parent.to, own)[1] if parent is not None else None,
            )
    parents = {uid: parent for uid, (_b, parent) in listed.items()}

    def outermost(uid: str) -> bool:
        seen, parent = {uid}, parents.get(uid)
        while parent is not None and parent not in seen:
            if parent in listed:
                return False
            seen.add(parent)
            parent = parents.get(parent)
        return True

    given = [b.pagu for uid, (b, _p) in listed.items() if b.pagu is not None and outermost(uid)]
    # units by code, as the graph keeps them
    ordered = sorted(
        listed.values(),
        key=lambda pair: (_LEVEL_ORDER[pair[0].level], pair[0].code is None, pair[0].code or ""),
    )
    return [b for b, _p in ordered], (sum(given) if given else None)


def _party(position: str, given: Signatory, single: bool) -> Party:
    """A party's position from the cascade, the name/rank/NIP the user gave: for the one owner
    asked for, or (every owner in one file) for the party whose position the user named."""
    if single or (given.position and given.position.casefold() == position.casefold()):
        return Party(position or given.position, given.name, given.rank, given.nip)
    return Party(position)


def agreements(cascade: Cascade, request: DocumentRequest) -> list[Agreement]:
    """The PK of ``request.owner`` (or of every owner, in the cascade's order) for
    ``request.year``; raises ``OwnerNotFound`` for an owner the cascade lacks."""
    if request.year is None:
        raise Invalid(_("the Perjanjian Kinerja needs a year"))
    owners = {o.id: o for o in cascade.owners}
    if request.owner is not None and request.owner not in owners:
        known = {text: o.id for o in cascade.owners for text in (o.id, o.title)}
        raise OwnerNotFound(request.owner, known, cascade.cascade.id)
    chosen = [owners[request.owner]] if request.owner is not None else list(owners.values())
    if not chosen:
        raise Invalid(
            _("cascade %(cascade)s names no owner: there is no Perjanjian Kinerja to write")
            % {"cascade": cascade.cascade.id}
        )
    single = request.owner is not None
    signs = request.signatures
    out = []
    for owner in chosen:
        results = _results(cascade, owner.id, request.year)
        budgets, total = _budgets(cascade, {eid for eid, _r in results}, request.year)
        superior = owners.get(owner.reports_to) if owner.reports_to else None
        second = (
            _party(superior.title, signs.superior, single)
            if superior is not None
            else _party("", signs.superior, single)
        )
        out.append(
            Agreement(
                owner=owner,
                year=request.year,
                agency=cascade.cascade.agency,
                first=_party(owner.title, signs.signatory, single),
                second=second,
                results=tuple(r for _eid, r in results),
                budgets=tuple(budgets),
                total=total,
                place=signs.place,
                date=signs.date,
                letterhead=tuple(signs.letterhead),
            )
        )
    return out


# --------------------------------------------------------------------------- PDF


@cache
def _env():
    from pokin.visualize.render import environment  # the graph renderer: not on the load path

    return environment()


def write_pdf(items: list[Agreement]) -> bytes:
    """Every agreement and its attachment on A4 portrait pages, each PK from a new page."""
    html = _env().get_template("perjanjian_kinerja.html").render(agreements=items)
    return print_pdf(html, paper="A4", landscape=False)


# --------------------------------------------------------------------------- xlsx

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)
#: No | Result | Indicator | Target | Unit
_WIDTHS = (6, 44, 44, 16, 14)
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_LINE = "…" * 12


def _text(ws: Worksheet, row: int, col: int, value: str, **style) -> Cell:
    """A text cell that stays text: a value starting with ``=`` is a name, not a formula."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    cell.data_type = "s"
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def _number(ws: Worksheet, row: int, col: int, value: float, fmt: str = "#,##0.##") -> Cell:
    cell = ws.cell(row=row, column=col, value=value)
    cell.number_format = fmt
    cell.border = _BOX
    cell.alignment = _CENTRE
    return cell


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts from an owner's title: no ``[]:*?/\\``, no apostrophe at
    either end, at most 31 characters, unique (case-insensitively) among ``taken``."""
    base = _SHEET_BAD.sub(" ", title).strip().strip("'").strip() or "PK"
    name, n = base[:31].rstrip(), 1
    while name.casefold() in taken or name.casefold() == "history":
        n += 1
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
    taken.add(name.casefold())
    return name


def _signature_rows(ws: Worksheet, row: int, item: Agreement) -> int:
    place = f"{item.place or _LINE}, {item.date or _LINE}"
    _text(ws, row, 3, place, alignment=_CENTRE)
    row += 1
    sides = ((2, _("Second party,"), item.second), (3, _("First party,"), item.first))
    for col, label, party in sides:
        _text(ws, row, col, label, alignment=_CENTRE, font=Font(bold=True))
        _text(ws, row + 1, col, party.position or _LINE, alignment=_CENTRE)
        _text(ws, row + 5, col, party.name or _LINE, alignment=_CENTRE, font=Font(bold=True))
        if party.rank:
            _text(ws, row + 6, col, party.rank, alignment=_CENTRE)
        _text(ws, row + 7, col, f"{_('NIP')}. {party.nip or _LINE}", alignment=_CENTRE)
    return row + 9


def _agreement_sheet(ws: Worksheet, item: Agreement) -> None:
    for n, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    row = 1
    for line in item.letterhead:
        _text(ws, row, 1, line, font=Font(bold=True), alignment=_CENTRE)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        row += 1
    heading = _("PERFORMANCE AGREEMENT FOR %(year)s") % {"year": item.year}
    for text in (heading, item.agency.upper()):
        _text(ws, row, 1, text, font=Font(bold=True, size=13), alignment=_CENTRE)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        row += 1
    row += 1

    def paragraph(text: str, height: int = 1) -> None:
        nonlocal row
        _text(ws, row, 1, text, alignment=_WRAP)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        ws.row_dimensions[row].height = 15 * height
        row += 1

    paragraph(_(OPENING), 3)
    for party, role in ((item.first, _(FIRST_ROLE)), (item.second, _(SECOND_ROLE))):
        for label, value in ((_("Name"), party.name), (_("Position"), party.position)):
            _text(ws, row, 1, label)
            _text(ws, row, 2, f": {value or _LINE}", alignment=_WRAP)
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
            row += 1
        paragraph(role)
    paragraph(_(PROMISE), 4)
    paragraph(_(SUPERVISION), 3)
    row = _signature_rows(ws, row + 1, item)

    # the attachment, on a page of its own
    ws.row_breaks.append(Break(id=row))
    row += 1
    title = _("ATTACHMENT: PERFORMANCE AGREEMENT FOR %(year)s") % {"year": item.year}
    for text in (title, item.first.position):
        _text(ws, row, 1, text, font=Font(bold=True), alignment=_CENTRE)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        row += 1
    row += 1
    header = (_("No"), _("Result"), _("Performance indicator"), _("Target"), _("Unit"))
    for col, text in enumerate(header, start=1):
        _text(ws, row, col, text, font=Font(bold=True), alignment=_CENTRE, border=_BOX)
    row += 1
    if not item.results:
        _text(ws, row, 1, _(NO_RESULTS), alignment=_WRAP, border=_BOX)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        row += 1
    for n, result in enumerate(item.results, start=1):
        first = row
        measures = result.measures or (None,)
        for measure in measures:
            for col in range(1, 6):
                ws.cell(row=row, column=col).border = _BOX
            if measure is None:
                _text(ws, row, 3, _("no indicator"), alignment=_WRAP, border=_BOX)
            else:
                _text(ws, row, 3, measure.indicator, alignment=_WRAP, border=_BOX)
                if measure.value is not None:
                    _number(ws, row, 4, measure.value)
                else:
                    _text(ws, row, 4, measure.text, alignment=_CENTRE, border=_BOX)
                _text(ws, row, 5, measure.unit, alignment=_CENTRE, border=_BOX)
            row += 1
        ws.cell(row=first, column=1, value=n).alignment = _CENTRE
        _text(ws, first, 2, f"{result.name}\n({level_name(result.level)})", alignment=_WRAP)
        if row - first > 1:
            ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)
            ws.merge_cells(start_row=first, start_column=2, end_row=row - 1, end_column=2)
    if item.budgets:
        row += 1
        header = (_("No"), _("Programme / activity"), _("Code"), _("Budget (pagu)"))
        for col, text in enumerate(header, start=1):
            _text(ws, row, col, text, font=Font(bold=True), alignment=_CENTRE, border=_BOX)
        row += 1
        for n, budget in enumerate(item.budgets, start=1):
            ws.cell(row=row, column=1, value=n).alignment = _CENTRE
            ws.cell(row=row, column=1).border = _BOX
            _text(ws, row, 2, budget.name, alignment=_WRAP, border=_BOX)
            _text(ws, row, 3, budget.code or "", alignment=_CENTRE, border=_BOX)
            if budget.pagu is not None:
                _number(ws, row, 4, budget.pagu, "#,##0")
            else:
                no_pagu = _("no pagu for %(year)s") % {"year": item.year}
                _text(ws, row, 4, no_pagu, alignment=_CENTRE, border=_BOX)
            row += 1
        if item.total is not None:
            _text(ws, row, 2, _("Total"), font=Font(bold=True), border=_BOX)
            _number(ws, row, 4, item.total, "#,##0").font = Font(bold=True)
            row += 1
    _signature_rows(ws, row + 1, item)

    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def write_xlsx(items: list[Agreement]) -> bytes:
    """One sheet per agreement; with several, an index sheet first naming each."""
    book = Workbook()
    taken: set[str] = set()
    index = book.active
    if len(items) > 1:
        index.title = sheet_name(_("Index"), taken)
        header = (_("No"), _("Owner (first party)"), _("Superior (second party)"), _("Sheet"))
        for col, (text, width) in enumerate(zip(header, (6, 44, 44, 34), strict=True), start=1):
            _text(index, 1, col, text, font=Font(bold=True), border=_BOX)
            index.column_dimensions[get_column_letter(col)].width = width
    for n, item in enumerate(items, start=1):
        if len(items) == 1:
            ws = index
            ws.title = sheet_name(item.owner.title, taken)
        else:
            ws = book.create_sheet(sheet_name(item.owner.title, taken))
            index.cell(row=n + 1, column=1, value=n).border = _BOX
            _text(index, n + 1, 2, item.first.position, border=_BOX)
            _text(index, n + 1, 3, item.second.position, border=_BOX)
            link = _text(index, n + 1, 4, ws.title, border=_BOX)
            link.hyperlink = "#'{}'!A1".format(ws.title.replace("'", "''"))
        _agreement_sheet(ws, item)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- the entry

OPENING = N_(
    "In order to achieve effective, transparent and accountable government management "
    "oriented to results, we the undersigned:"
)
FIRST_ROLE = N_("hereinafter referred to as the first party,")
SECOND_ROLE = N_("as the first party's superior, hereinafter referred to as the second party.")
PROMISE = N_(
    "The first party promises to achieve the performance targets set in the attachment to this "
    "agreement, to reach the medium-term performance targets set in the planning documents. "
    "The success or failure to reach these targets is our responsibility."
)
SUPERVISION = N_(
    "The second party will provide the supervision needed, evaluate the performance achieved "
    "under this agreement and take the action needed to give rewards and sanctions."
)
NO_RESULTS = N_("This owner owns no result in the cascade.")


def write(cascade: Cascade, request: DocumentRequest) -> bytes:
    """The PK of ``request.owner`` (every owner's when None) for ``request.year``, as
    ``request.kind``."""
    items = agreements(cascade, request)
    if request.kind == "xlsx":
        return write_xlsx(items)
    if request.kind == "pdf":
        return write_pdf(items)
    raise Invalid(
        _("the Perjanjian Kinerja is written as %(kinds)s, not %(kind)s")
        % {"kinds": "xlsx, pdf", "kind": repr(request.kind)}
    )


DOCUMENT = register(
    Document(
        name=NAME,
        title=N_("Performance agreement (Perjanjian Kinerja)"),
        help=N_(
            "an owner's Perjanjian Kinerja for a year (every owner's in one file when none is "
            "named): the owner and their superior as the two parties, the owner's results, "
            "indicators and the year's targets, and the pagu of what delivers them"
        ),
        source="cascade",
        kinds=("xlsx", "pdf"),
        write=write,
        needs_year=True,
        takes_owner=True,
        pages=("owner", "agency"),
    )
)
