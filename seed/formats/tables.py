"""pokin's own lossless tables: a cascade as six tables, one per kind of thing.

The same tables are the sheets of pokin's workbook (``.xlsx``) and the files of a CSV folder
(or ``.zip`` of CSV files). They hold every field of the seed format, so YAML -> tables ->
cascade gives the identical cascade. Their columns are the fields of the seed models
(:data:`COLUMNS`, derived from ``pokin.seed.schema``: a new field of a model is a new column,
explained in :data:`README`), plus the few that place a row:

* ``cascade``     one row: the fields of ``cascade:`` (``period`` as period_start, period_end)
* ``owners``      one row per owner
* ``results``     every Tujuan (level ``goal``, first; one or several) and every target; their
                  ``owners`` are ids, comma separated
* ``units``       programmes, activities, sub-activities, told apart by ``kind``
* ``indicators``  one row per indicator; ``of`` is the id of the result it measures
* ``links``       from, type (supports | delivers | part_of) and the fields of a link: to (an id,
                  or ``cascade-id:element-id`` of another cascade), basis, note, status
* ``measurement`` of (an indicator or unit id), type (target | realisation | budget) and the
                  fields of a year's target, a realisation or a unit's budget; optional (a
                  workbook without it has no measurement)

Rows become the seed-shaped dict, which goes through ``pokin.seed.parse_cascade``: the same
validation as a YAML file; its problems are then located at the sheet, row and column they
came from. A column a table does not have is left to its default (an older workbook without
kind, region or status still reads).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import BaseModel

from pokin.core.errors import CascadeValidationError, Problem
from pokin.core.i18n import LOCALES, N_, translations
from pokin.core.i18n import gettext as _
from pokin.seed.formats.cells import CellProblem, Sheet, norm, number, problem, text
from pokin.seed.schema import (
    KINDS,
    Activity,
    Cascade,
    CascadeMeta,
    Goal,
    Indicator,
    Link,
    Owner,
    Programme,
    Realisation,
    SubActivity,
    Target,
    UnitBudget,
    YearTarget,
    flat_meta,
    meta_columns,
    nested_meta,
    parse_cascade,
    unwrap,
)


def _kind(annotation: Any) -> str | None:
    """The kind of value a field's type takes in a cell: s text, b yes/no, i whole number,
    f number, l list of ids/words; None for a nested model (it has a table of its own)."""
    inner, many = unwrap(annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return None
    return "l" if many else {bool: "b", int: "i", float: "f"}.get(inner, "s")


def _columns(*models: type[BaseModel], first: tuple[str, ...] = ("id",)) -> dict[str, str]:
    """Column -> kind: the ``first`` columns (text: the id, and those that place a row), then
    the fields of ``models`` that are cells (in the models' order, a shared field once)."""
    out = dict.fromkeys(first, "s")
    for model in models:
        for name, f in model.model_fields.items():
            kind = _kind(f.annotation)
            if kind is not None:
                out.setdefault(name, kind)
    return out


def _meta_kind(name: str, sub: str | None) -> str:
    f = CascadeMeta.model_fields[name]
    return _kind(f.annotation.model_fields[sub].annotation if sub else f.annotation) or "s"


#: table -> column -> kind of value (see ``_kind``); every field of the seed models is one
COLUMNS: dict[str, dict[str, str]] = {
    "cascade": {c: _meta_kind(*where) for c, where in meta_columns().items()},
    "owners": _columns(Owner),
    "results": _columns(Target, Goal),
    "units": _columns(Programme, Activity, SubActivity, first=("id", "kind")),
    "indicators": _columns(Indicator, first=("id", "of")),
    "links": _columns(Link, first=("from", "type")),
    "measurement": _columns(YearTarget, Realisation, UnitBudget, first=("of", "type")),
}
#: tables a file may leave out
OPTIONAL_TABLES = frozenset({"measurement"})
#: measurement ``type`` -> (the seed list it fills, its model)
_MEASUREMENT_TYPES: dict[str, tuple[str, type[BaseModel]]] = {
    "target": ("targets", YearTarget),
    "realisation": ("realisation", Realisation),
    "budget": ("budget", UnitBudget),
}

#: What each column holds (the README sheet), a msgid: (table, column, meaning); table ``*``
#: explains a column of that name in any table without its own line.
README: list[tuple[str, str, str]] = [
    ("cascade", "id", N_("Id of the cascade (letters, digits, . _ -)")),
    (
        "cascade",
        "kind",
        N_("agency (an agency's cascade, the default) or rpjmd (the region's RPJMD)"),
    ),
    ("cascade", "region", N_("Id of the region (kabupaten, kota, provinsi)")),
    ("cascade", "region_name", N_("Name of the region")),
    ("cascade", "agency", N_("The agency (Perangkat Daerah)")),
    ("cascade", "title", N_("Title of the cascade")),
    ("cascade", "period_start", N_("First year of the period")),
    ("cascade", "period_end", N_("Last year of the period")),
    ("cascade", "source", N_("Where the cascade was transcribed from")),
    ("cascade", "synthetic", N_("TRUE for generated (fictional) data")),
    (
        "cascade",
        "lacks",
        N_(
            "What the source cannot carry (goals, owners, formulas, polarity): checks needing it "
            "do not apply"
        ),
    ),
    ("owners", "title", N_("A Pemilik Kinerja: the title as written")),
    ("owners", "reports_to", N_("Id of the owner this one reports to")),
    ("owners", "known_position", N_("TRUE if the position exists")),
    ("owners", "alias_of", N_("For an unknown title: the owner it probably is")),
    (
        "results",
        "level",
        N_("goal (one row per Tujuan), strategic, programme, activity, sub_activity"),
    ),
    ("results", "name", N_("The result (Tujuan / Sasaran)")),
    ("results", "owners", N_("Owner ids, comma separated")),
    ("units", "kind", N_("programme, activity, sub_activity")),
    ("units", "code", N_("Budget code (5.03.02, 5.03.02.2.01, ...)")),
    ("indicators", "of", N_("Id of the result it measures")),
    ("indicators", "name", N_("Indicator, mended, without its tags")),
    ("indicators", "raw", N_("Indicator as in the source")),
    ("indicators", "formula", N_("Formula, mended")),
    ("indicators", "formula_raw", N_("Formula as in the source")),
    ("indicators", "polarity", N_("positive or negative")),
    ("indicators", "tags", N_("progress, cumulative, recurring")),
    ("indicators", "unit", N_("Unit of measurement (Satuan)")),
    ("indicators", "target_value", N_("Target value")),
    ("indicators", "baseline", N_("Value at the start of the period")),
    (
        "indicators",
        "aggregation",
        N_("How quarters add up to the year: cumulative, last, average, maximum"),
    ),
    (
        "indicators",
        "negative_formula",
        N_("Capaian of a negative indicator: 2t_minus_r ((2T-R)/T, default) or t_over_r (T/R)"),
    ),
    ("indicators", "cap", N_("Capaian shown at most (e.g. 100)")),
    ("links", "from", N_("Id of the result or unit the link starts at")),
    (
        "links",
        "type",
        N_(
            "supports: result -> result one level up; delivers: unit -> its result; "
            "part_of: unit -> its parent unit"
        ),
    ),
    (
        "links",
        "to",
        N_(
            "Id it links to; cascade-id:element-id for a result of another cascade "
            "(the RPJMD, crosscutting)"
        ),
    ),
    ("links", "basis", N_("How the link was decided (source_layout, nomenclature, ...)")),
    ("links", "status", N_("For a link to another cascade: proposed or agreed")),
    ("links", "weight", N_("How much a supporting result counts in the roll-up (blank: 1)")),
    ("measurement", "of", N_("Id of the indicator (target, realisation) or unit (budget)")),
    (
        "measurement",
        "type",
        N_("target (a year's), realisation (a quarter's or a year's), budget (a unit's)"),
    ),
    ("measurement", "year", N_("Year of the period")),
    ("measurement", "quarter", N_("Quarter 1-4 (TW I-IV); blank: the year")),
    ("measurement", "value", N_("Target or realisation (K)")),
    ("measurement", "low", N_("Lower end of a range target")),
    ("measurement", "high", N_("Upper end of a range target")),
    ("measurement", "text", N_("A qualitative target")),
    ("measurement", "pagu", N_("Budget of the year (Rp)")),
    ("measurement", "rp", N_("Budget realisation (Rp)")),
    ("measurement", "realisation", N_("A unit's budget realisation (Rp)")),
    ("*", "id", N_("Id of the row (letters, digits, . _ -), unique in the cascade")),
    ("*", "name", N_("The name as written")),
    ("*", "name_truncated", N_("TRUE when the name cell was cut off")),
    ("*", "formula_truncated", N_("TRUE when the formula cell was cut off")),
    ("*", "note", N_("Free remarks")),
]


def explanation(table: str, column: str) -> str | None:
    """What a column holds, in the current locale (its own README line or the ``*`` one)."""
    lines = {(t, c): meaning for t, c, meaning in README}
    meaning = lines.get((table, column)) or lines.get(("*", column))
    return _(meaning) if meaning else None


#: Each table's sheet (and the README's name for it), a msgid.
SHEET_TITLES: dict[str, str] = {
    "cascade": N_("Cascade"),
    "owners": N_("Owners"),
    "results": N_("Results"),
    "units": N_("Units"),
    "indicators": N_("Indicators"),
    "links": N_("Links"),
    "measurement": N_("Measurement"),
}
#: Each column's header, a msgid; ``(table, column)`` where a table's column means another
#: thing. A column without one (a new field) is headed by its name.
HEADERS: dict[str | tuple[str, str], str] = {
    "id": N_("Id"),
    "kind": N_("Kind"),
    "region": N_("Region id"),
    "region_name": N_("Region name"),
    "agency": N_("Agency"),
    "title": N_("Title"),
    ("owners", "title"): N_("Position title"),
    "period_start": N_("First year"),
    "period_end": N_("Last year"),
    "source": N_("Source"),
    "synthetic": N_("Synthetic"),
    "note": N_("Note"),
    "lacks": N_("Not in the source"),
    "reports_to": N_("Reports to"),
    "known_position": N_("Known position"),
    "alias_of": N_("Alias of"),
    "level": N_("Level"),
    "name": N_("Name"),
    "name_truncated": N_("Name truncated"),
    "owners": N_("Owners"),
    "code": N_("Code"),
    "of": N_("Measures"),
    "raw": N_("Indicator as written"),
    "formula": N_("Formula"),
    "formula_raw": N_("Formula as written"),
    "formula_truncated": N_("Formula truncated"),
    "polarity": N_("Polarity"),
    "tags": N_("Tags"),
    "unit": N_("Unit of measure"),
    "target_value": N_("Target value"),
    "from": N_("From"),
    "type": N_("Link type"),
    "to": N_("To"),
    "basis": N_("Basis"),
    "status": N_("Status"),
    "weight": N_("Weight"),
    "baseline": N_("Baseline"),
    "aggregation": N_("Aggregation over the year"),
    "negative_formula": N_("Formula if negative"),
    "cap": N_("Capaian cap"),
    ("measurement", "of"): N_("Indicator or unit"),
    ("measurement", "type"): N_("Measurement type"),
    "year": N_("Year"),
    "quarter": N_("Quarter"),
    "value": N_("Value"),
    "low": N_("Range from"),
    "high": N_("Range to"),
    "text": N_("Qualitative target"),
    "pagu": N_("Pagu (Rp)"),
    "rp": N_("Realisation (Rp)"),
    "realisation": N_("Budget realisation (Rp)"),
}


def _header_msgid(table: str, column: str) -> str:
    return HEADERS.get((table, column)) or HEADERS.get(column) or column


def sheet_title(table: str) -> str:
    """A table's sheet name in the current locale."""
    return _(SHEET_TITLES[table])


def header(table: str, column: str) -> str:
    """A column's header in the current locale (a column without a msgid: its name)."""
    msgid = _header_msgid(table, column)
    return _(msgid) if msgid != column else column


def header_of(table: str, column: str) -> str:
    """``header`` where the column belongs to ``table``, else the name as given."""
    return header(table, column) if column in COLUMNS.get(table, {}) else column


def in_every_locale(msgid: str, *also: str) -> set[str]:
    """The normalised names a text has in any of pokin's locales (the msgid and each
    translation) and ``also``: a document written in any of them, or before, reads."""
    names = {norm(msgid), *(norm(a) for a in also)}
    return names | {norm(translations(locale).gettext(msgid)) for locale in LOCALES}


@cache
def sheet_names() -> dict[str, str]:
    """Normalised sheet name (the table's own, or its title in any locale) -> table."""
    return {n: table for table in COLUMNS for n in in_every_locale(SHEET_TITLES[table], table)}


@cache
def column_names(table: str) -> dict[str, str]:
    """Normalised header (the column's name, or its header in any locale) -> column."""
    return {
        n: column
        for column in COLUMNS[table]
        for n in in_every_locale(_header_msgid(table, column), column)
    }


SHEETS = tuple(COLUMNS)
_UNIT_SECTIONS = {
    "programme": "programmes",
    "activity": "activities",
    "sub_activity": "sub_activities",
}


# --------------------------------------------------------------------------- writing


def _cell(value: Any, kind: str, booleans_as_text: bool) -> Any:
    if value is None:
        return None
    if kind == "l":
        return ", ".join(value) if value else None
    if kind == "b" and booleans_as_text:
        return "true" if value else "false"
    return value


def to_tables(cascade: Cascade, *, booleans_as_text: bool = False) -> dict[str, list[list[Any]]]:
    """The cascade as rows per table (header first), in the order of the file."""
    d = cascade.model_dump(mode="json")
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SHEETS}
    rows["cascade"].append(flat_meta(d["cascade"]))
    rows["owners"] = list(d["owners"])
    goals = ([d["goal"]] if d.get("goal") is not None else []) + list(d.get("goals") or [])
    for h in [dict(g, level="goal") for g in goals] + d["targets"]:
        rows["results"].append(h)
        for ind in h["indicators"]:
            rows["indicators"].append(dict(ind, of=h["id"]))
        for link in h.get("supports", []):
            rows["links"].append({"from": h["id"], "type": "supports", **link})
    for kind, section in _UNIT_SECTIONS.items():
        for u in d[section]:
            rows["units"].append(dict(u, kind=kind))
            if u.get("part_of"):
                rows["links"].append({"from": u["id"], "type": "part_of", **u["part_of"]})
            for link in u["delivers"]:
                rows["links"].append({"from": u["id"], "type": "delivers", **link})
    for h in [*goals, *d["targets"]]:
        for ind in h["indicators"]:
            _measurement_rows(rows["measurement"], ind)
    for section in _UNIT_SECTIONS.values():
        for u in d[section]:
            _measurement_rows(rows["measurement"], u)
    return {
        name: [list(COLUMNS[name])]
        + [[_cell(r.get(c), k, booleans_as_text) for c, k in COLUMNS[name].items()] for r in rs]
        for name, rs in rows.items()
    }


def _measurement_rows(out: list[dict[str, Any]], element: dict[str, Any]) -> None:
    for kind, (field, _model) in _MEASUREMENT_TYPES.items():
        for entry in element.get(field) or []:
            out.append({"of": element["id"], "type": kind, **entry})


# --------------------------------------------------------------------------- reading

_TRUE = {"true", "ya", "yes", "1", "benar"}
_FALSE = {"false", "tidak", "no", "0", "salah"}


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        #: (element id or section[index], sub-path) -> (sheet, row)
        self.places: dict[tuple[str, str], tuple[str, int]] = {}

    def value(self, raw: Any, kind: str, sheet: str, row: int, column: str) -> Any:
        if raw is None or (isinstance(raw, str) and raw == ""):
            return None
        try:
            if kind == "s":
                return raw if isinstance(raw, str) else text(raw)
            if kind == "b":
                if isinstance(raw, bool):
                    return raw
                word = str(raw).strip().lower()
                if word in _TRUE:
                    return True
                if word in _FALSE:
                    return False
                raise ValueError(_("expected TRUE or FALSE"))
            if kind == "i":
                n = number(raw)
                if not n.is_integer():
                    raise ValueError(_("expected a whole number"))
                return int(n)
            if kind == "f":
                return number(raw)
            if kind == "l":
                return [w.strip() for w in str(raw).split(",") if w.strip()]
        except ValueError as exc:
            said = _("%(reason)s (got %(value)s)") % {"reason": exc, "value": repr(text(raw))}
            self.problems.append(problem(sheet, row, column, said))
            return None
        raise AssertionError(kind)

    def table(self, sheet: Sheet, name: str) -> list[tuple[int, dict[str, Any]]]:
        """The rows of one table as (row number, {column: value}); blank rows skipped."""
        columns = COLUMNS[name]
        out: list[tuple[int, dict[str, Any]]] = []
        header: dict[int, str] | None = None
        cells: list[tuple[int, str, str, str]] = []
        for n, values in sheet.rows():
            if header is None:
                if all(v is None for v in values):
                    continue
                header = {}
                for i, h in enumerate(values):
                    if h is None:
                        continue
                    key = column_names(name).get(norm(h))
                    if key is None:
                        self.problems.append(
                            problem(
                                sheet.name,
                                n,
                                str(h),
                                _("unknown column (the columns of %(sheet)s are: %(columns)s)")
                                % {
                                    "sheet": sheet_title(name),
                                    "columns": ", ".join(header_of(name, c) for c in columns),
                                },
                            )
                        )
                    else:
                        header[i] = key
                missing = [c for c in ("id",) if c in columns and c not in header.values()]
                if name == "links":
                    missing = [c for c in ("from", "type", "to") if c not in header.values()]
                for c in missing:
                    self.problems.append(
                        problem(sheet.name, n, header_of(name, c), _("required column missing"))
                    )
                # per column: its key, kind and header as a problem names it (said once)
                cells = [(i, key, columns[key], header_of(name, key)) for i, key in header.items()]
                continue
            if all(v is None or v == "" for v in values):
                continue
            row = {}
            width = len(values)
            for i, key, kind, said in cells:
                raw = values[i] if i < width else None
                if raw is None or raw == "":
                    row[key] = None
                elif kind == "s" and isinstance(raw, str):  # most cells: text as it is
                    row[key] = raw
                else:
                    row[key] = self.value(raw, kind, sheet.name, n, said)
            out.append((n, row))
        return out


def _item(model: type[BaseModel], row: dict[str, Any], drop: tuple[str, ...] = ()) -> dict:
    """A row as the fields of ``model``: a blank optional cell left out (its default applies),
    a blank required one null (a list: empty); a field of another table (a nested model) empty,
    for its rows to fill. A cell no field of ``model`` has stays, for validation to name it."""
    out = {k: v for k, v in row.items() if v is not None and k not in drop}
    for name, listed, nested in _item_fields(model):
        if nested or name not in out:
            out[name] = [] if listed else None
    return out


@cache
def _item_fields(model: type[BaseModel]) -> tuple[tuple[str, bool, bool], ...]:
    """``_item``'s view of ``model``, worked out once per model: in field order, the fields of
    another table and the required cell fields, each as (name, whether it is a list, whether
    it is of another table)."""
    out = []
    for name, f in model.model_fields.items():
        nested = _kind(f.annotation) is None
        if nested or f.is_required():
            out.append((name, typing.get_origin(f.annotation) is list, nested))
    return tuple(out)


def from_tables(sheets: dict[str, Sheet], source_name: str) -> Cascade:
    """Validate the six tables as one cascade (problems name sheet, row and column)."""
    r = _Reader()
    missing = [name for name in SHEETS if name not in sheets and name not in OPTIONAL_TABLES]
    if missing:
        raise CascadeValidationError(
            [
                Problem.of_file(
                    source_name,
                    _("no sheet %(sheet)s nor file %(file)s (pokin's sheets: %(all)s)")
                    % {
                        "sheet": repr(sheet_title(m)),
                        "file": f"{m}.csv",
                        "all": ", ".join(map(sheet_title, SHEETS)),
                    },
                )
                for m in missing
            ]
        )
    t = {name: r.table(sheets[name], name) for name in SHEETS if name in sheets}
    data: dict[str, Any] = {"cascade": {}, "owners": [], "targets": []}
    data.update((section, []) for section in _UNIT_SECTIONS.values())
    sheet_of = {name: sheets[name].name for name in SHEETS if name in sheets}
    if not t["cascade"]:
        r.problems.append(problem(sheet_of["cascade"], None, None, _("the cascade row is missing")))
    for n, row in t["cascade"][:1]:
        data["cascade"] = nested_meta(row)
        r.places[("cascade", "")] = (sheet_of["cascade"], n)
    for i, (n, row) in enumerate(t["owners"]):
        data["owners"].append(_item(Owner, row))
        r.places[(str(row.get("id") or f"owners[{i}]"), "")] = (sheet_of["owners"], n)
    holders: dict[str, dict[str, Any]] = {}
    goals: list[tuple[int, dict[str, Any]]] = []
    for n, row in t["results"]:
        if row.get("level") == "goal":
            item = _item(Goal, row, ("level",))
            goals.append((n, item))
        else:
            item = _item(Target, row)
            place = f"targets[{len(data['targets'])}]"
            data["targets"].append(item)
            r.places[(str(row.get("id") or place), "")] = (sheet_of["results"], n)
        if row.get("id"):
            holders[row["id"]] = item
    if not goals:
        r.problems.append(
            problem(
                sheet_of["results"], None, header("results", "level"), _("no row of level 'goal'")
            )
        )
    elif len(goals) == 1:
        data["goal"] = goals[0][1]
    else:
        data["goals"] = [item for _, item in goals]
    for i, (n, item) in enumerate(goals):
        place = "goal" if len(goals) == 1 else f"goals[{i}]"
        r.places[(str(item.get("id") or place), "")] = (sheet_of["results"], n)
    units: dict[str, dict[str, Any]] = {}
    models = {kind: KINDS[kind][0] for kind in ("programme", "activity", "sub_activity")}
    for n, row in t["units"]:
        kind = row.get("kind")
        section = _UNIT_SECTIONS.get(str(kind))
        if section is None:
            r.problems.append(
                problem(
                    sheet_of["units"],
                    n,
                    header("units", "kind"),
                    _("must be one of %(values)s (got %(value)s)")
                    % {"values": ", ".join(_UNIT_SECTIONS), "value": repr(kind)},
                )
            )
            continue
        item = _item(models[str(kind)], row, ("kind",))
        place = f"{section}[{len(data[section])}]"
        data[section].append(item)
        r.places[(str(row.get("id") or place), "")] = (sheet_of["units"], n)
        if row.get("id"):
            units[row["id"]] = item
    for n, row in t["indicators"]:
        holder = holders.get(str(row.get("of")))
        if holder is None:
            r.problems.append(
                problem(
                    sheet_of["indicators"],
                    n,
                    header("indicators", "of"),
                    _("no result with id %(id)s") % {"id": repr(row.get("of"))},
                )
            )
            continue
        item = _item(Indicator, row, ("of",))
        r.places[(str(holder.get("id")), f"indicators[{len(holder['indicators'])}]")] = (
            sheet_of["indicators"],
            n,
        )
        r.places[(str(row.get("id")), "")] = (sheet_of["indicators"], n)
        holder["indicators"].append(item)
    measured = {**units}
    for holder in holders.values():
        measured.update((str(i.get("id")), i) for i in holder["indicators"])
    for n, row in t.get("measurement", []):
        kind, of = str(row.get("type")), str(row.get("of"))
        field, model = _MEASUREMENT_TYPES.get(kind, (None, None))
        element = measured.get(of)
        if field is None or model is None:
            r.problems.append(
                problem(
                    sheet_of["measurement"],
                    n,
                    "type",
                    f"must be one of {', '.join(_MEASUREMENT_TYPES)} (got {kind!r})",
                )
            )
            continue
        if element is None or field not in element:
            what = "unit" if field == "budget" else "indicator"
            r.problems.append(
                problem(sheet_of["measurement"], n, "of", f"no {what} with id {of!r}")
            )
            continue
        r.places[(of, f"{field}[{len(element[field])}]")] = (sheet_of["measurement"], n)
        element[field].append(_item(model, row, ("of", "type")))
    for n, row in t["links"]:
        kind, frm = row.get("type"), str(row.get("from"))
        link = _item(Link, row, ("from", "type"))
        field = {"supports": "supports", "delivers": "delivers", "part_of": "part_of"}.get(
            str(kind)
        )
        owner = holders.get(frm) if field == "supports" else units.get(frm)
        if field is None or owner is None or field not in owner:
            if field is None:
                said = _("type must be supports, delivers or part_of (got %(value)s)")
            elif field == "supports":
                said = _("no result with id %(id)s that can have a %(type)s link")
            else:
                said = _("no unit with id %(id)s that can have a %(type)s link")
            msg = said % {"value": repr(kind), "id": repr(frm), "type": kind}
            column = header("links", "type" if field is None else "from")
            r.problems.append(problem(sheet_of["links"], n, column, msg))
            continue
        if field == "part_of":
            if owner["part_of"] is not None:
                said = _("a second part_of")
                r.problems.append(problem(sheet_of["links"], n, header("links", "type"), said))
                continue
            owner["part_of"] = link
            r.places[(frm, "part_of")] = (sheet_of["links"], n)
        else:
            r.places[(frm, f"{field}[{len(owner[field])}]")] = (sheet_of["links"], n)
            owner[field].append(link)
    if r.problems:
        raise CascadeValidationError(r.problems)
    try:
        return parse_cascade(data, source_name)
    except CascadeValidationError as exc:
        raise CascadeValidationError([_locate(p, r.places) for p in exc.problems]) from None


_FIELD_COLUMN = {f"{name}.{sub}": c for c, (name, sub) in meta_columns().items() if sub}


def _locate(p: Problem, places: dict[tuple[str, str], tuple[str, int]]) -> Problem:
    """A problem of the dict as one in the sheet the value came from."""
    field = p.field
    m = re.match(
        r"((?:supports|delivers|indicators|targets|realisation|budget)\[\d+\]|part_of)\.?(.*)",
        field,
    )
    if m and (p.element_id, m.group(1)) in places:
        sheet, row = places[(p.element_id, m.group(1))]
        column = (m.group(2) or "").split(".")[0].split("[")[0] or None
    elif (p.element_id, "") in places:
        sheet, row = places[(p.element_id, "")]
        column = _FIELD_COLUMN.get(field) or field.split(".")[0].split("[")[0] or None
        if m and m.group(1).startswith(("supports", "delivers", "part_of")):
            column = m.group(1).split("[")[0]
    else:
        return p
    table = sheet_names().get(norm(sheet))
    if column is not None and table is not None:  # named as the file heads it; field kept
        column = header(table, column)
    return CellProblem(problem(sheet, row, column, "").file, row, p.element_id, p.field, p.message)


Reader = Callable[[bytes, str], list[Cascade]]
