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
from typing import Any

from pydantic import BaseModel

from pokin.core.errors import CascadeValidationError, Problem
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

#: What each column holds, in English and in Indonesian (the README sheet): (table, column,
#: meaning, arti); table ``*`` explains a column of that name in any table without its own line.
README: list[tuple[str, str, str, str]] = [
    ("cascade", "id", "Id of the cascade (letters, digits, . _ -)", "Id cascading"),
    (
        "cascade",
        "kind",
        "agency (an agency's cascade, the default) or rpjmd (the region's RPJMD)",
        "Jenis: agency (cascading Perangkat Daerah) atau rpjmd (RPJMD Pemerintah Daerah)",
    ),
    ("cascade", "region", "Id of the region (kabupaten, kota, provinsi)", "Id Pemerintah Daerah"),
    ("cascade", "region_name", "Name of the region", "Nama Pemerintah Daerah"),
    ("cascade", "agency", "The agency (Perangkat Daerah)", "Nama Perangkat Daerah"),
    ("cascade", "title", "Title of the cascade", "Judul cascading"),
    ("cascade", "period_start", "First year of the period", "Tahun awal periode"),
    ("cascade", "period_end", "Last year of the period", "Tahun akhir periode"),
    ("cascade", "source", "Where the cascade was transcribed from", "Sumber dokumen"),
    ("cascade", "synthetic", "TRUE for generated (fictional) data", "TRUE bila data buatan"),
    (
        "cascade",
        "lacks",
        "What the source cannot carry (goals, owners, formulas, polarity): checks needing it "
        "do not apply",
        "Yang tidak dimuat sumber (goals, owners, formulas, polarity): pemeriksaan yang "
        "memerlukannya tidak berlaku",
    ),
    ("owners", "title", "A Pemilik Kinerja: the title as written", "Jabatan Pemilik Kinerja"),
    ("owners", "reports_to", "Id of the owner this one reports to", "Atasan langsung (id)"),
    ("owners", "known_position", "TRUE if the position exists", "Jabatan dikenal (TRUE/FALSE)"),
    ("owners", "alias_of", "For an unknown title: the owner it probably is", "Nama lain dari"),
    (
        "results",
        "level",
        "goal (one row per Tujuan), strategic, programme, activity, sub_activity",
        "Tingkat: Tujuan (satu baris per Tujuan), "
        "Sasaran Strategis, Sasaran Program, Sasaran Kegiatan, Sasaran Sub Kegiatan",
    ),
    ("results", "name", "The result (Tujuan / Sasaran)", "Rumusan Tujuan / Sasaran"),
    ("results", "owners", "Owner ids, comma separated", "Id Pemilik Kinerja, dipisah koma"),
    ("units", "kind", "programme, activity, sub_activity", "Program, Kegiatan, Sub Kegiatan"),
    ("units", "code", "Budget code (5.03.02, 5.03.02.2.01, ...)", "Kode nomenklatur"),
    ("indicators", "of", "Id of the result it measures", "Id Tujuan/Sasaran yang diukur"),
    ("indicators", "name", "Indicator, mended, without its tags", "Indikator"),
    ("indicators", "raw", "Indicator as in the source", "Indikator sesuai sumber"),
    ("indicators", "formula", "Formula, mended", "Formulasi"),
    ("indicators", "formula_raw", "Formula as in the source", "Formulasi sesuai sumber"),
    ("indicators", "polarity", "positive or negative", "Polaritas: positive / negative"),
    ("indicators", "tags", "progress, cumulative, recurring", "Sifat indikator"),
    ("indicators", "unit", "Unit of measurement (Satuan)", "Satuan"),
    ("indicators", "target_value", "Target value", "Nilai target"),
    ("indicators", "baseline", "Value at the start of the period", "Kondisi awal (baseline)"),
    (
        "indicators",
        "aggregation",
        "How quarters add up to the year: cumulative, last, average, maximum",
        "Cara realisasi triwulan dijumlahkan: cumulative, last, average, maximum",
    ),
    (
        "indicators",
        "negative_formula",
        "Capaian of a negative indicator: 2t_minus_r ((2T-R)/T, default) or t_over_r (T/R)",
        "Rumus capaian indikator negatif: 2t_minus_r ((2T-R)/T, bawaan) atau t_over_r (T/R)",
    ),
    ("indicators", "cap", "Capaian shown at most (e.g. 100)", "Batas atas capaian (mis. 100)"),
    ("links", "from", "Id of the result or unit the link starts at", "Id asal hubungan"),
    (
        "links",
        "type",
        "supports: result -> result one level up; delivers: unit -> its result; "
        "part_of: unit -> its parent unit",
        "supports: Sasaran mendukung Sasaran di atasnya; "
        "delivers: Program/Kegiatan/Sub Kegiatan -> Sasarannya; part_of: induknya",
    ),
    (
        "links",
        "to",
        "Id it links to; cascade-id:element-id for a result of another cascade "
        "(the RPJMD, crosscutting)",
        "Id tujuan hubungan; cascade-id:element-id untuk Tujuan/Sasaran cascading lain "
        "(RPJMD, crosscutting)",
    ),
    (
        "links",
        "basis",
        "How the link was decided (source_layout, nomenclature, ...)",
        "Dasar penetapan hubungan",
    ),
    (
        "links",
        "status",
        "For a link to another cascade: proposed or agreed",
        "Untuk hubungan ke cascading lain: proposed (diusulkan) atau agreed (disepakati)",
    ),
    (
        "measurement",
        "of",
        "Id of the indicator (target, realisation) or unit (budget)",
        "Id indikator (target, realisasi) atau Program/Kegiatan/Sub Kegiatan (anggaran)",
    ),
    (
        "measurement",
        "type",
        "target (a year's), realisation (a quarter's or a year's), budget (a unit's)",
        "target (per tahun), realisation (per triwulan atau tahun), budget (anggaran)",
    ),
    ("measurement", "year", "Year of the period", "Tahun"),
    ("measurement", "quarter", "Quarter 1-4 (TW I-IV); blank: the year", "Triwulan 1-4"),
    ("measurement", "value", "Target or realisation (K)", "Target atau realisasi (K)"),
    ("measurement", "low", "Lower end of a range target", "Batas bawah target rentang"),
    ("measurement", "high", "Upper end of a range target", "Batas atas target rentang"),
    ("measurement", "text", "A qualitative target", "Target kualitatif"),
    ("measurement", "pagu", "Budget of the year (Rp)", "Pagu anggaran (Rp)"),
    ("measurement", "rp", "Budget realisation (Rp)", "Realisasi anggaran (Rp)"),
    ("measurement", "realisation", "A unit's budget realisation (Rp)", "Realisasi anggaran (Rp)"),
    ("*", "id", "Id of the row (letters, digits, . _ -), unique in the cascade", "Id baris"),
    ("*", "name", "The name as written", "Nama sesuai sumber"),
    ("*", "name_truncated", "TRUE when the name cell was cut off", "TRUE bila nama terpotong"),
    (
        "*",
        "formula_truncated",
        "TRUE when the formula cell was cut off",
        "TRUE bila formulasi terpotong",
    ),
    ("*", "note", "Free remarks", "Catatan"),
]


def explanation(table: str, column: str) -> tuple[str, str] | None:
    """(meaning, arti) of a column, from its own README line or the ``*`` one."""
    lines = {(t, c): (en, id_) for t, c, en, id_ in README}
    return lines.get((table, column)) or lines.get(("*", column))


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
                raise ValueError("expected TRUE or FALSE")
            if kind == "i":
                n = number(raw)
                if not n.is_integer():
                    raise ValueError("expected a whole number")
                return int(n)
            if kind == "f":
                return number(raw)
            if kind == "l":
                return [w.strip() for w in str(raw).split(",") if w.strip()]
        except ValueError as exc:
            self.problems.append(problem(sheet, row, column, f"{exc} (got {text(raw)!r})"))
            return None
        raise AssertionError(kind)

    def table(self, sheet: Sheet, name: str) -> list[tuple[int, dict[str, Any]]]:
        """The rows of one table as (row number, {column: value}); blank rows skipped."""
        columns = COLUMNS[name]
        out: list[tuple[int, dict[str, Any]]] = []
        header: dict[int, str] | None = None
        for n, values in sheet.rows():
            if header is None:
                if all(v is None for v in values):
                    continue
                header = {}
                for i, h in enumerate(values):
                    if h is None:
                        continue
                    key = next((c for c in columns if norm(c) == norm(h)), None)
                    if key is None:
                        self.problems.append(
                            problem(
                                sheet.name,
                                n,
                                str(h),
                                f"unknown column (the columns of {name} are: {', '.join(columns)})",
                            )
                        )
                    else:
                        header[i] = key
                missing = [c for c in ("id",) if c in columns and c not in header.values()]
                if name == "links":
                    missing = [c for c in ("from", "type", "to") if c not in header.values()]
                for c in missing:
                    self.problems.append(problem(sheet.name, n, c, "required column missing"))
                continue
            if all(v is None or v == "" for v in values):
                continue
            row = {}
            for i, key in header.items():
                raw = values[i] if i < len(values) else None
                row[key] = self.value(raw, columns[key], sheet.name, n, key)
            out.append((n, row))
        return out


def _item(model: type[BaseModel], row: dict[str, Any], drop: tuple[str, ...] = ()) -> dict:
    """A row as the fields of ``model``: a blank optional cell left out (its default applies),
    a blank required one null (a list: empty); a field of another table (a nested model) empty,
    for its rows to fill. A cell no field of ``model`` has stays, for validation to name it."""
    out = {k: v for k, v in row.items() if v is not None and k not in drop}
    for name, f in model.model_fields.items():
        kind = _kind(f.annotation)
        listed = typing.get_origin(f.annotation) is list
        if kind is None:
            out[name] = [] if listed else None
        elif name not in out and f.is_required():
            out[name] = [] if listed else None
    return out


def from_tables(sheets: dict[str, Sheet], source_name: str) -> Cascade:
    """Validate the six tables as one cascade (problems name sheet, row and column)."""
    r = _Reader()
    missing = [name for name in SHEETS if name not in sheets and name not in OPTIONAL_TABLES]
    if missing:
        raise CascadeValidationError(
            [
                Problem.of_file(
                    source_name,
                    f"no sheet or file named {m!r} "
                    f"(pokin's workbook has the sheets {', '.join(SHEETS)})",
                )
                for m in missing
            ]
        )
    t = {name: r.table(sheets[name], name) for name in SHEETS if name in sheets}
    data: dict[str, Any] = {"cascade": {}, "owners": [], "targets": []}
    data.update((section, []) for section in _UNIT_SECTIONS.values())
    sheet_of = {name: sheets[name].name for name in SHEETS if name in sheets}
    if not t["cascade"]:
        r.problems.append(problem(sheet_of["cascade"], None, None, "the cascade row is missing"))
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
        r.problems.append(problem(sheet_of["results"], None, "level", "no row of level 'goal'"))
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
                    "kind",
                    f"must be one of {', '.join(_UNIT_SECTIONS)} (got {kind!r})",
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
                problem(sheet_of["indicators"], n, "of", f"no result with id {row.get('of')!r}")
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
            what = "result" if field == "supports" else "unit"
            msg = (
                f"type must be supports, delivers or part_of (got {kind!r})"
                if field is None
                else f"no {what} with id {frm!r} that can have a {kind} link"
            )
            r.problems.append(
                problem(sheet_of["links"], n, "type" if field is None else "from", msg)
            )
            continue
        if field == "part_of":
            if owner["part_of"] is not None:
                r.problems.append(problem(sheet_of["links"], n, "type", "a second part_of"))
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
    return CellProblem(problem(sheet, row, column, "").file, row, p.element_id, p.field, p.message)


Reader = Callable[[bytes, str], list[Cascade]]
