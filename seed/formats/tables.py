"""pokin's own lossless tables: a cascade as six tables, one per kind of thing.

The same tables are the sheets of pokin's workbook (``.xlsx``) and the files of a CSV folder
(or ``.zip`` of CSV files). They hold every field of the seed format, so YAML -> tables ->
cascade gives the identical cascade:

* ``cascade``     one row: id, agency, title, period_start, period_end, source, note
* ``owners``      id, title, reports_to, known_position, alias_of, note
* ``results``     the goal (level ``goal``, first) and every target: id, level, name,
                  name_truncated, owners (ids, comma separated), note
* ``units``       programmes, activities, sub-activities: id, kind, code, name, name_truncated, note
* ``indicators``  id, of (the result it measures), name, raw, formula, formula_raw,
                  formula_truncated, polarity, tags (comma separated), name_truncated, unit,
                  target_value, note
* ``links``       from, type (supports | delivers | part_of), to, basis, note

Rows become the seed-shaped dict, which goes through ``pokin.seed.parse_cascade``: the same
validation as a YAML file; its problems are then located at the sheet, row and column they
came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pokin.core.errors import CascadeValidationError, Problem
from pokin.seed.formats.cells import CellProblem, Sheet, norm, number, problem, text
from pokin.seed.schema import Cascade, parse_cascade

# column -> kind of value: s text, b yes/no, i whole number, f number, l list of ids/words
COLUMNS: dict[str, dict[str, str]] = {
    "cascade": {
        "id": "s",
        "agency": "s",
        "title": "s",
        "period_start": "i",
        "period_end": "i",
        "source": "s",
        "note": "s",
    },
    "owners": {
        "id": "s",
        "title": "s",
        "reports_to": "s",
        "known_position": "b",
        "alias_of": "s",
        "note": "s",
    },
    "results": {
        "id": "s",
        "level": "s",
        "name": "s",
        "name_truncated": "b",
        "owners": "l",
        "note": "s",
    },
    "units": {
        "id": "s",
        "kind": "s",
        "code": "s",
        "name": "s",
        "name_truncated": "b",
        "note": "s",
    },
    "indicators": {
        "id": "s",
        "of": "s",
        "name": "s",
        "raw": "s",
        "formula": "s",
        "formula_raw": "s",
        "formula_truncated": "b",
        "polarity": "s",
        "tags": "l",
        "name_truncated": "b",
        "unit": "s",
        "target_value": "f",
        "note": "s",
    },
    "links": {"from": "s", "type": "s", "to": "s", "basis": "s", "note": "s"},
}

#: What each column holds, in English and in Indonesian (the README sheet).
README: list[tuple[str, str, str, str]] = [
    ("cascade", "id", "Id of the cascade (letters, digits, . _ -)", "Id cascading"),
    ("cascade", "agency", "The agency (Perangkat Daerah)", "Nama Perangkat Daerah"),
    ("cascade", "title", "Title of the cascade", "Judul cascading"),
    ("cascade", "period_start / period_end", "First and last year", "Tahun awal dan akhir"),
    ("cascade", "source", "Where the cascade was transcribed from", "Sumber dokumen"),
    ("owners", "id, title", "A Pemilik Kinerja: id and title as written", "Pemilik Kinerja"),
    ("owners", "reports_to", "Id of the owner this one reports to", "Atasan langsung (id)"),
    ("owners", "known_position", "TRUE if the position exists", "Jabatan dikenal (TRUE/FALSE)"),
    ("owners", "alias_of", "For an unknown title: the owner it probably is", "Nama lain dari"),
    (
        "results",
        "level",
        "goal, strategic, programme, activity, sub_activity",
        "Tingkat: Tujuan, "
        "Sasaran Strategis, Sasaran Program, Sasaran Kegiatan, Sasaran Sub Kegiatan",
    ),
    ("results", "name", "The result (Tujuan / Sasaran)", "Rumusan Tujuan / Sasaran"),
    ("results", "owners", "Owner ids, comma separated", "Id Pemilik Kinerja, dipisah koma"),
    ("units", "kind", "programme, activity, sub_activity", "Program, Kegiatan, Sub Kegiatan"),
    ("units", "code", "Budget code (5.03.02, 5.03.02.2.01, ...)", "Kode nomenklatur"),
    ("indicators", "of", "Id of the result it measures", "Id Tujuan/Sasaran yang diukur"),
    ("indicators", "name / raw", "Indicator, mended / as in the source", "Indikator"),
    ("indicators", "formula / formula_raw", "Formula, mended / as in the source", "Formulasi"),
    ("indicators", "polarity", "positive or negative", "Polaritas: positive / negative"),
    ("indicators", "tags", "progress, cumulative, recurring", "Sifat indikator"),
    ("indicators", "unit / target_value", "Unit and target value", "Satuan dan Target"),
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
        "basis",
        "How the link was decided (source_layout, nomenclature, ...)",
        "Dasar penetapan hubungan",
    ),
    ("*", "*_truncated", "TRUE when the source cell was cut off", "TRUE bila teks terpotong"),
    ("*", "note", "Free remarks", "Catatan"),
]

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
    meta = dict(d["cascade"])
    period = meta.pop("period")
    rows["cascade"].append({**meta, "period_start": period["start"], "period_end": period["end"]})
    rows["owners"] = list(d["owners"])
    holders = [dict(d["goal"], level="goal")] + d["targets"]
    for h in holders:
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
    return {
        name: [list(COLUMNS[name])]
        + [[_cell(r.get(c), k, booleans_as_text) for c, k in COLUMNS[name].items()] for r in rs]
        for name, rs in rows.items()
    }


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


def _clean(row: dict[str, Any], required: tuple[str, ...], drop: tuple[str, ...] = ()) -> dict:
    """The row as seed fields: blank optional fields left out (their defaults apply), blank
    required ones null."""
    out = {k: v for k, v in row.items() if v is not None and k not in drop}
    for k in required:
        out.setdefault(k, None)
    return out


def from_tables(sheets: dict[str, Sheet], source_name: str) -> Cascade:
    """Validate the six tables as one cascade (problems name sheet, row and column)."""
    r = _Reader()
    missing = [name for name in SHEETS if name not in sheets]
    if missing:
        raise CascadeValidationError(
            [
                Problem(
                    source_name,
                    None,
                    "(file)",
                    "",
                    f"no sheet or file named {m!r} "
                    f"(pokin's workbook has the sheets {', '.join(SHEETS)})",
                )
                for m in missing
            ]
        )
    t = {name: r.table(sheets[name], name) for name in SHEETS}
    data: dict[str, Any] = {
        "cascade": {},
        "owners": [],
        "goal": None,
        "targets": [],
        "programmes": [],
        "activities": [],
        "sub_activities": [],
    }
    sheet_of = {name: sheets[name].name for name in SHEETS}
    if not t["cascade"]:
        r.problems.append(problem(sheet_of["cascade"], None, None, "the cascade row is missing"))
    for n, row in t["cascade"][:1]:
        meta = _clean(row, ("id", "agency", "title", "source"), ("period_start", "period_end"))
        meta["period"] = {"start": row.get("period_start"), "end": row.get("period_end")}
        data["cascade"] = meta
        r.places[("cascade", "")] = (sheet_of["cascade"], n)
    for i, (n, row) in enumerate(t["owners"]):
        data["owners"].append(_clean(row, ("id", "title", "known_position")))
        r.places[(str(row.get("id") or f"owners[{i}]"), "")] = (sheet_of["owners"], n)
    holders: dict[str, dict[str, Any]] = {}
    for n, row in t["results"]:
        level = row.get("level")
        item = _clean(row, ("id", "name"), ("level",))
        item["owners"] = row.get("owners") or []
        item["indicators"] = []
        if level == "goal":
            if data["goal"] is not None:
                r.problems.append(problem(sheet_of["results"], n, "level", "a second goal"))
                continue
            data["goal"] = item
            place = "goal"
        else:
            item = {"id": item["id"], "level": level, **item}
            item["supports"] = []
            place = f"targets[{len(data['targets'])}]"
            data["targets"].append(item)
        r.places[(str(row.get("id") or place), "")] = (sheet_of["results"], n)
        if row.get("id"):
            holders[row["id"]] = item
    if data["goal"] is None:
        r.problems.append(problem(sheet_of["results"], None, "level", "no row of level 'goal'"))
        data["goal"] = {}
    units: dict[str, dict[str, Any]] = {}
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
        item = _clean(row, ("id", "code", "name"), ("kind",))
        if kind != "programme":
            item["part_of"] = None
        item["delivers"] = []
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
        item = _clean(
            row,
            ("id", "name", "raw", "formula", "formula_raw", "formula_truncated", "polarity"),
            ("of",),
        )
        item["tags"] = row.get("tags") or []
        r.places[(str(holder.get("id")), f"indicators[{len(holder['indicators'])}]")] = (
            sheet_of["indicators"],
            n,
        )
        r.places[(str(row.get("id")), "")] = (sheet_of["indicators"], n)
        holder["indicators"].append(item)
    for n, row in t["links"]:
        kind, frm = row.get("type"), str(row.get("from"))
        link = _clean(row, ("to", "basis"), ("from", "type"))
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


_FIELD_COLUMN = {"period.start": "period_start", "period.end": "period_end"}


def _locate(p: Problem, places: dict[tuple[str, str], tuple[str, int]]) -> Problem:
    """A problem of the dict as one in the sheet the value came from."""
    field = p.field
    m = re.match(r"((?:supports|delivers|indicators)\[\d+\]|part_of)\.?(.*)", field)
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
