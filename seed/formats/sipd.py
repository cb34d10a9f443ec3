"""Flat exports of the national planning system (SIPD style): one row per sub-activity
indicator, with its agency (satuan kerja / SKPD), programme, activity (kegiatan) and
sub-activity codes and names, the indicator text and often its target and unit.

One file holds many agencies' budget structures: each agency becomes its own cascade, with its
units (PART_OF: sub-activity -> activity -> programme), codes kept, and for each sub-activity
that has indicators one sub-activity result carrying them. Such exports have no Tujuan or
Sasaran: the result is named after its sub-activity and the goal is a placeholder, both with a
note saying so, and nothing links them -- the checks report those gaps; they are facts of the
data, not import errors. Rows that repeat are read once; a name missing in one row is taken from
another row of the same code.

Element ids are unique across the database (the loader refuses an id another cascade holds),
so every generated id carries the agency: ``sub-<agency>-<code>``, ``ind-<agency>-<code>-<n>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pokin.core.errors import CascadeValidationError, Problem
from pokin.seed.formats.cells import (
    EXCEL_ERRORS,
    CellProblem,
    Sheet,
    csv_sheet,
    norm,
    number,
    problem,
    text,
    workbook_sheets,
)
from pokin.seed.schema import Cascade, parse_cascade

#: pokin's column -> the headers of SIPD-style exports (normalised)
HEADERS: dict[str, tuple[str, ...]] = {
    "agency_code": ("satuankerjakode", "kodesatuankerja", "kodeskpd", "skpdkode", "kodeopd",
                    "kodeperangkatdaerah", "kodeunit", "kodesubunit", "agencycode"),
    "agency_name": ("satuankerjanama", "namasatuankerja", "namaskpd", "skpdnama", "skpd",
                    "namaopd", "perangkatdaerah", "satuankerja", "namaperangkatdaerah", "agency"),
    "programme_code": ("programkode", "kodeprogram", "programmecode"),
    "programme_name": ("programnama", "namaprogram", "program", "programme"),
    "activity_code": ("kegiatankode", "kodekegiatan", "activitycode"),
    "activity_name": ("kegiatannama", "namakegiatan", "kegiatan", "activity"),
    "sub_code": ("subkegiatankode", "kodesubkegiatan", "subactivitycode"),
    "sub_name": ("subkegiatannama", "namasubkegiatan", "subkegiatan", "subactivity"),
    "indicator": ("indikator", "indikatorsubkegiatan", "subkegiatanindikator", "tolokukur",
                  "indikatorkinerja", "tolokukurkinerja", "indicator"),
    "target": ("target", "targetkinerja", "subkegiatantarget", "targetsubkegiatan",
               "targetindikator"),
    "unit": ("satuan", "satuantarget", "subkegiatansatuan", "unit"),
    "year": ("tahun", "tahunanggaran", "year"),
}  # fmt: skip
_LOOKUP = {h: col for col, hs in HEADERS.items() for h in hs}
REQUIRED = ("sub_code", "indicator")


def _recognise(header: Any, mapping: dict[str, str]) -> str | None:
    key = norm(header)
    key = mapping.get(key, key)
    return _LOOKUP.get(key) or (key if key in HEADERS else None)


def _header(sheet: Sheet, mapping: dict[str, str]) -> tuple[int, dict[int, str], dict[str, str]]:
    for n, values in sheet.rows():
        found = {i: _recognise(v, mapping) for i, v in enumerate(values) if v is not None}
        found = {i: c for i, c in found.items() if c}
        if ("agency_code" in found.values() or "agency_name" in found.values()) and (
            "sub_code" in found.values() or "sub_name" in found.values()
        ):
            names = {c: str(values[i]) for i, c in found.items()}
            return n, found, names
        if n > 10:
            break
    raise CascadeValidationError(
        [
            problem(
                sheet.name, None, None, "no SIPD header row: expected columns such as "
                "satuan_kerja_nama, program_kode, kegiatan_nama, sub_kegiatan_kode, indikator "
                "(give --columns to map other headers)",
            )
        ]
    )  # fmt: skip


def looks_like_sipd(sheets: list[Sheet]) -> bool:
    try:
        return bool(sheets) and bool(_header(sheets[0], {}))
    except CascadeValidationError:
        return False


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", s.lower()).strip("-.") or "x"


class _Agency:
    def __init__(self, key: str, slug: str, name: str | None, row: int) -> None:
        self.key, self.slug, self.name, self.row = key, slug, name, row
        self.units: dict[tuple[str, str], dict[str, Any]] = {}  # (level, code) -> unit
        self.indicators: dict[str, list[dict[str, Any]]] = {}  # sub code -> indicators
        self.seen: set[tuple] = set()
        self.years: set[int] = set()
        self.places: dict[str, tuple[int, str]] = {}


def read_sipd(data: bytes, source_name: str, columns: dict[str, str] | None) -> list[Cascade]:
    if data[:2] == b"PK":
        sheet = workbook_sheets(data, source_name)[0]
    else:
        sheet = csv_sheet(data, source_name.rsplit("/", 1)[-1])
    mapping = {norm(k): norm(v) for k, v in (columns or {}).items()}
    head, found, names = _header(sheet, mapping)
    problems: list[Problem] = []
    for col in REQUIRED:
        if col not in found.values():
            problems.append(problem(sheet.name, head, HEADERS[col][0], "required column missing"))
    if problems:
        raise CascadeValidationError(problems)
    agencies: dict[str, _Agency] = {}
    for n, row in _rows(sheet, head, found, names, problems):
        key = row.get("agency_code") or row.get("agency_name")
        if not key:
            problems.append(problem(sheet.name, n, names.get("agency_name", "agency"),
                                    "no agency (satuan kerja) in this row"))  # fmt: skip
            continue
        ag = agencies.get(key)
        if ag is None:
            ag = agencies[key] = _Agency(key, _slug(key), row.get("agency_name"), n)
        ag.name = ag.name or row.get("agency_name")
        if row.get("year"):
            try:
                ag.years.add(int(number(row["year"])))
            except ValueError:
                problems.append(problem(sheet.name, n, names["year"], "the year must be a number"))
        seen = tuple(sorted(row.items()))
        if seen in ag.seen:
            continue  # a repeated row
        ag.seen.add(seen)
        parent = None
        for level, code_col, name_col in (
            ("programme", "programme_code", "programme_name"),
            ("activity", "activity_code", "activity_name"),
            ("sub_activity", "sub_code", "sub_name"),
        ):
            code, name = row.get(code_col), row.get(name_col)
            if not code and not name:
                parent = None
                continue
            k = (level, code or name or "")
            unit = ag.units.get(k)
            if unit is None:
                prefix = {"programme": "prog", "activity": "keg", "sub_activity": "sub"}[level]
                ident = f"{prefix}-{ag.slug}-{_slug(code or name or '')}"
                unit = ag.units[k] = {"id": ident, "code": code, "name": name, "delivers": []}
                if level != "programme":
                    unit["part_of"] = (
                        {"to": parent["id"], "basis": "nomenclature"} if parent else None
                    )
                ag.places[ident] = (n, names.get(code_col) or names.get(name_col) or "")
            elif name and not unit["name"]:
                unit["name"] = name
            parent = unit
        sub_key = row.get("sub_code") or row.get("sub_name")
        if parent is None or not sub_key or not row.get("indicator"):
            continue
        inds = ag.indicators.setdefault(parent["id"], [])
        if any(i["raw"] == row["indicator"] for i in inds):
            continue  # the same indicator again (its target differs: the first one is kept)
        ind: dict[str, Any] = {
            "id": f"ind-{parent['id'].removeprefix('sub-')}-{len(inds) + 1}",
            "name": row["indicator"],
            "raw": row["indicator"],
            "formula": None,
            "formula_raw": None,
            "formula_truncated": False,
            "polarity": None,
            "tags": [],
        }
        if row.get("unit"):
            ind["unit"] = row["unit"]
        if row.get("target") is not None:
            try:
                ind["target_value"] = number(row["target"])
            except ValueError:
                problems.append(
                    problem(sheet.name, n, names["target"],
                            f"the target must be a number (got {row['target']!r})")
                )  # fmt: skip
        ag.places[ind["id"]] = (n, names["indicator"])
        inds.append(ind)
    if problems:
        raise CascadeValidationError(problems)
    if not agencies:
        raise CascadeValidationError([problem(sheet.name, head, None, "no data rows")])
    out, all_problems = [], []
    for ag in agencies.values():
        try:
            out.append(parse_cascade(_cascade(ag, source_name), source_name))
        except CascadeValidationError as exc:
            for p in exc.problems:
                place = ag.places.get(p.element_id)
                if place:
                    where = problem(sheet.name, *place, "").file
                    p = CellProblem(where, place[0], p.element_id, p.field, p.message)
                all_problems.append(p)
    if all_problems:
        raise CascadeValidationError(all_problems)
    return out


def _rows(
    sheet: Sheet, head: int, found: dict[int, str], names: dict[str, str], problems: list
) -> Iterator[tuple[int, dict[str, str]]]:
    for n, values in sheet.rows():
        if n <= head:
            continue
        row: dict[str, str] = {}
        for i, col in found.items():
            v = values[i] if i < len(values) else None
            if isinstance(v, str) and v.strip() in EXCEL_ERRORS:
                message = f"an Excel error value {v.strip()} (a broken formula)"
                problems.append(problem(sheet.name, n, names[col], message))
                continue
            t = text(v) if col != "target" or isinstance(v, str) else v
            if t is not None:
                row[col] = t
        if row:
            yield n, row


def _cascade(ag: _Agency, source_name: str) -> dict[str, Any]:
    years = sorted(ag.years) or [0]
    name = ag.name or ag.key
    targets, units = [], {"programme": [], "activity": [], "sub_activity": []}
    for (level, _), unit in ag.units.items():
        if not unit["name"]:
            unit["name"] = f"(no name in the file) {unit['code']}"
            unit["note"] = "the SIPD export gives this code without a name"
        units[level].append(unit)
        inds = ag.indicators.get(unit["id"]) if level == "sub_activity" else None
        if inds:
            tid = "st-" + unit["id"].removeprefix("sub-")
            targets.append(
                {
                    "id": tid,
                    "level": "sub_activity",
                    "name": unit["name"],
                    "owners": [],
                    "indicators": inds,
                    "supports": [],
                    "note": "SIPD export: no Sasaran in the file; named after the sub-activity",
                }
            )
            unit["delivers"].append({"to": tid, "basis": "nomenclature"})
    period = f"{years[0]}" if years[0] == years[-1] else f"{years[0]}-{years[-1]}"
    return {
        "cascade": {
            "id": f"sipd-{ag.slug}" + (f"-{period}" if years[0] else ""),
            "agency": name,
            "title": f"SIPD export: {name}" + (f" {period}" if years[0] else ""),
            "period": {"start": years[0], "end": years[-1]},
            "source": source_name.rsplit("/", 1)[-1],
        },
        "owners": [],
        "goal": {
            "id": f"tujuan-{ag.slug}",
            "name": "(Tujuan not in the SIPD export)",
            "owners": [],
            "indicators": [],
            "note": "placeholder: a SIPD export holds the budget structure, not the Tujuan",
        },
        "targets": targets,
        "programmes": units["programme"],
        "activities": units["activity"],
        "sub_activities": units["sub_activity"],
    }
