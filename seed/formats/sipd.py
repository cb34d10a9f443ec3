"""Flat exports of the national planning system (SIPD style): one row per sub-activity
indicator, with its agency (satuan kerja / SKPD), programme, activity (kegiatan) and
sub-activity codes and names, the indicator text and often its target and unit.

One file holds many agencies' budget structures: each agency becomes its own cascade, with its
units (PART_OF: sub-activity -> activity -> programme), codes kept as written, and for each
sub-activity that has indicators one sub-activity result carrying them. Such exports have no
Tujuan or Sasaran: the result is named after its sub-activity and the goal is a placeholder,
both with a note saying so, and nothing links them -- the checks report those gaps; they are
facts of the data, not import errors.

Files come as delivered: ``NULL``, ``-`` and ``#N/A`` are missing values; the year column may
have a blank header (told by its values). Every row is accounted for in an
:class:`~pokin.seed.formats.report.ImportReport`: each indicator row is its own indicator (the
same text with other targets is data, not a repeat), an identical row is merged, a row that
cannot be an indicator is refused with its reason. A unit's parent comes from any row that
names it; conflicting parents are noted. A name missing in one row is taken from another row
of the same code.

Element ids are unique across the database (the loader refuses an id another cascade holds),
so every generated id carries the agency: ``sub-<agency>-<code>``, ``ind-<agency>-<code>-<n>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pokin.core.errors import CascadeValidationError, Problem
from pokin.core.i18n import _
from pokin.seed.formats.cells import (
    EXCEL_ERRORS,
    CellProblem,
    Sheet,
    csv_sheet,
    norm,
    number,
    placeholder,
    problem,
    text,
    workbook_sheets,
)
from pokin.seed.formats.report import ImportReport, Read, RowReport
from pokin.seed.schema import parse_cascade

#: pokin's column -> the headers of SIPD-style exports (normalised)
HEADERS: dict[str, tuple[str, ...]] = {
    "agency_code": ("satuankerjakode", "kodesatuankerja", "kodeskpd", "skpdkode", "kodeopd",
                    "kodeperangkatdaerah", "kodeunit", "kodesubunit", "agencycode",
                    "satuankerjaid", "idsatuankerja", "skpdid", "idskpd"),
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
    # the row's own id in the source: kept as the indicator's source id
    "source_id": ("id", "idindikator", "indikatorid", "sourceid"),
}  # fmt: skip
_LOOKUP = {h: col for col, hs in HEADERS.items() for h in hs}
REQUIRED = ("sub_code", "indicator")
#: the label of a year column found by its values under a blank header
NO_HEADER = "(no header)"
#: what such an export cannot carry: the checks that need it do not apply to its cascades
LACKS = ("goals", "owners", "formulas", "polarity")


def _recognise(header: Any, mapping: dict[str, str]) -> str | None:
    key = norm(header)
    key = mapping.get(key, key)
    return _LOOKUP.get(key) or (key if key in HEADERS else None)


def _header(sheet: Sheet, mapping: dict[str, str]) -> tuple[int, dict[int, str], dict[str, str]]:
    for n, values in sheet.rows():
        found: dict[int, str] = {}
        for i, v in enumerate(values):
            col = _recognise(v, mapping) if v is not None else None
            if col and col not in found.values():  # the first of two such columns counts
                found[i] = col
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


def _year_like(v: Any) -> bool:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return float(v).is_integer() and 1900 <= v <= 2100
    return isinstance(v, str) and re.fullmatch(r"\s*(19|20)\d\d\s*", v) is not None


def _year_column(head_values: tuple, raw: list[tuple[int, tuple]], found: dict[int, str]) -> int:
    """The column under a blank header (``' '``) that holds a 4-digit year in every row, or -1."""
    for i, h in enumerate(head_values):
        if i in found or (h is not None and str(h).strip()):
            continue
        values = [v[i] if i < len(v) else None for _, v in raw if any(x is not None for x in v)]
        if values and all(_year_like(v) for v in values):
            return i
    return -1


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", s.lower()).strip("-.") or "x"


class _Agency:
    def __init__(self, key: str, slug: str, name: str | None, row: int) -> None:
        self.key, self.slug, self.name, self.row = key, slug, name, row
        self.units: dict[tuple[str, str], dict[str, Any]] = {}  # (level, code) -> unit
        self.indicators: dict[str, list[dict[str, Any]]] = {}  # sub id -> indicators
        self.seen: dict[tuple, tuple[int, str | None]] = {}  # row -> (row number, element)
        self.years: set[int] = set()
        self.places: dict[str, tuple[int, str]] = {}
        self.reports: list[RowReport] = []


_LEVELS = (
    ("programme", "programme_code", "programme_name"),
    ("activity", "activity_code", "activity_name"),
    ("sub_activity", "sub_code", "sub_name"),
)
#: a name column -> the code column that identifies its unit
_NAMED_BY = {name: code for _, code, name in _LEVELS}
_AG = ("agency_code", "agency_name")


def _agency(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[c] for c in _AG if row.get(c))


def _identity(row: dict[str, str]) -> tuple:
    """What makes two rows of one agency the same: a unit is known by its code (a row that only
    lacks a name given elsewhere is the same row), the agency by the agency it is read into."""
    return tuple(
        sorted((c, v) for c, v in row.items() if c not in _AG and _NAMED_BY.get(c) not in row)
    )


#: a unit's keys while reading, not fields of the seed
_WORKING = frozenset({"level", "parents", "others"})
_PREFIX = {"programme": "prog", "activity": "keg", "sub_activity": "sub"}
_WORD = {"programme": "program", "activity": "kegiatan", "sub_activity": "sub-kegiatan"}


def read_sipd(
    data: bytes,
    source_name: str,
    columns: dict[str, str] | None,
    sheets: list[Sheet] | None = None,
) -> Read:
    """One cascade per agency, with the import report of every row (``Read.report``);
    ``sheets``: the workbook's sheets, when telling its format apart has read them."""
    if sheets:
        sheet = sheets[0]
    elif data[:2] == b"PK":
        sheet = workbook_sheets(data, source_name)[0]
    else:
        sheet = csv_sheet(data, source_name.rsplit("/", 1)[-1])
    mapping = {norm(k): norm(v) for k, v in (columns or {}).items()}
    head, found, names = _header(sheet, mapping)
    problems: list[Problem] = []
    for col in REQUIRED:
        if col not in found.values():
            said = _("required column missing")
            problems.append(problem(sheet.name, head, HEADERS[col][0], said))
    if problems:
        raise CascadeValidationError(problems)
    head_values: tuple = ()
    raw: list[tuple[int, tuple]] = []
    for n, values in sheet.rows():
        if n == head:
            head_values = values
        elif n > head:
            raw.append((n, values))
    if "year" not in found.values():
        i = _year_column(head_values, raw, found)
        if i >= 0:
            found[i], names["year"] = "year", NO_HEADER
    report = ImportReport(source=source_name.rsplit("/", 1)[-1])
    agencies: dict[str, _Agency] = {}
    rows = list(_rows(sheet.name, raw, found, names, problems))
    # a row without the agency's code is the agency's whose name it gives
    code_of = {r["agency_name"]: r["agency_code"] for _, r, _ in rows if len(_agency(r)) == 2}
    for n, row, missing in rows:
        entry = RowReport(
            sheet=sheet.name, row=n, outcome="refused", source_id=row.get("source_id"),
            missing=[names[c] for c in missing],
        )  # fmt: skip
        report.rows.append(entry)
        key = row.get("agency_code") or code_of.get(row.get("agency_name", ""))
        if key and not row.get("agency_code"):
            entry.reason = _("the agency by its name")
        key = key or row.get("agency_name")
        if not key:
            entry.reason = _("no agency (satuan kerja) in this row")
            continue
        ag = agencies.get(key)
        if ag is None:
            ag = agencies[key] = _Agency(key, _slug(key), row.get("agency_name"), n)
        ag.reports.append(entry)
        ag.name = ag.name or row.get("agency_name")
        if row.get("year"):
            try:
                ag.years.add(int(number(row["year"])))
            except ValueError:
                said = _("the year must be a number")
                problems.append(problem(sheet.name, n, names["year"], said))
        seen = _identity(row)
        known = seen in ag.seen
        if known and _names_agree(ag, row):
            first, element = ag.seen[seen]
            entry.outcome, entry.element = "merged", element
            entry.reason = _("identical to row %(row)s") % {"row": first}
            continue
        parent = _units(ag, row, n, names, entry)
        if not known:
            ag.seen[seen] = (n, None)
        if parent is None or parent["level"] != "sub_activity":
            entry.reason = _("no sub-kegiatan in this row") + (entry.reason and f"; {entry.reason}")
            continue
        entry.element = parent["id"]
        if not row.get("indicator"):
            entry.reason = _("no indicator text (its units are read)") + (
                entry.reason and f"; {entry.reason}"
            )
            if not known:
                ag.seen[seen] = (n, parent["id"])
            continue
        ind = _indicator(ag, parent, row, n, names, problems, sheet.name)
        entry.outcome, entry.element = "kept", ind["id"]
        if not known:
            ag.seen[seen] = (n, ind["id"])
    if problems:
        raise CascadeValidationError(problems)
    if not agencies:
        raise CascadeValidationError([problem(sheet.name, head, None, _("no data rows"))])
    out, all_problems = [], []
    for ag in agencies.values():
        _parents(ag, report.notes)
        try:
            cascade = parse_cascade(_cascade(ag, source_name), source_name)
        except CascadeValidationError as exc:
            for p in exc.problems:
                place = ag.places.get(p.element_id)
                if place:
                    where = problem(sheet.name, *place, "").file
                    p = CellProblem(where, place[0], p.element_id, p.field, p.message)
                all_problems.append(p)
            continue
        out.append(cascade)
        for entry in ag.reports:
            entry.cascade = cascade.cascade.id
    if all_problems:
        raise CascadeValidationError(all_problems)
    return Read.of(out, report)


def _units(
    ag: _Agency, row: dict[str, str], n: int, names: dict[str, str], entry: RowReport
) -> dict[str, Any] | None:
    """The row's programme, kegiatan and sub-kegiatan (made or found); the lowest one named.
    Each unit notes the parents rows give it; a level missing on the row is no parent."""
    parent = None
    for level, code_col, name_col in _LEVELS:
        code, name = row.get(code_col), row.get(name_col)
        if not code and not name:
            if level != "sub_activity" and any(row.get(c) for c in ("sub_code", "sub_name")):
                entry.reason = (
                    _("no programme in this row")
                    if level == "programme"
                    else _("no kegiatan in this row")
                )
            parent = None
            continue
        k = (level, code or name or "")
        unit = ag.units.get(k)
        if unit is None:
            ident = f"{_PREFIX[level]}-{ag.slug}-{_slug(code or name or '')}"
            unit = ag.units[k] = {"id": ident, "code": code, "name": name, "delivers": []}
            unit["level"], unit["parents"], unit["others"] = level, {}, {}
            ag.places[ident] = (n, names.get(code_col) or names.get(name_col) or "")
        elif name and not unit["name"]:
            unit["name"] = name
        elif name and name != unit["name"]:
            unit["others"].setdefault(name, n)
        if parent is not None and level != "programme":
            unit["parents"].setdefault(parent["id"], n)
        parent = unit
    return parent


def _names_agree(ag: _Agency, row: dict[str, str]) -> bool:
    """Whether the names a row gives are those its codes already have (then it may be merged)."""
    if row.get("agency_name") and ag.name and row["agency_name"] != ag.name:
        return False
    for level, code_col, name_col in _LEVELS:
        unit = ag.units.get((level, row.get(code_col) or ""))
        if unit and row.get(name_col) and unit["name"] and row[name_col] != unit["name"]:
            return False
    return True


def _row_of(what: str, row: int) -> str:
    return _("%(what)s (row %(row)s)") % {"what": what, "row": row}


def _parents(ag: _Agency, notes: list[str]) -> None:
    """Each unit's PART_OF: the parent the rows name (the first, when they name several: noted),
    else the unit whose code is its code's prefix (noted), else none (noted). Other names rows
    give a code are noted too (the first is kept)."""
    by_code = {(u["level"], u["code"]): u for u in ag.units.values() if u["code"]}
    above = {"activity": "programme", "sub_activity": "activity"}
    for unit in ag.units.values():
        level = unit["level"]
        what = f"{ag.key}: {_WORD[level]} {unit['code'] or unit['name']!r}"
        if unit["others"]:
            named = ", ".join(_row_of(repr(o), r) for o, r in unit["others"].items())
            said = _("%(unit)s: rows give other names: %(names)s; named %(name)s")
            notes.append(said % {"unit": what, "names": named, "name": repr(unit["name"])})
        if level == "programme":
            continue
        parents = unit["parents"]
        to = next(iter(parents), None)
        if len(parents) > 1:
            named = ", ".join(_row_of(p, r) for p, r in parents.items())
            said = _("%(unit)s: rows name different parents: %(names)s; PART_OF %(to)s")
            notes.append(said % {"unit": what, "names": named, "to": to})
        if to is None and unit["code"]:
            prefix = unit["code"].rsplit(".", 2 if level == "activity" else 1)[0]
            found = by_code.get((above[level], prefix))
            if found:
                to = found["id"]
                said = _("%(unit)s: no row names its parent; PART_OF %(to)s by its code")
                notes.append(said % {"unit": what, "to": to})
        if to is None:
            notes.append(_("%(unit)s: no row names its parent; no PART_OF") % {"unit": what})
        unit["part_of"] = {"to": to, "basis": "nomenclature"} if to else None


def _indicator(
    ag: _Agency,
    sub: dict[str, Any],
    row: dict[str, str],
    n: int,
    names: dict[str, str],
    problems: list,
    sheet: str,
) -> dict[str, Any]:
    """The row's indicator: one per row, the same text with other targets included."""
    inds = ag.indicators.setdefault(sub["id"], [])
    ind: dict[str, Any] = {
        "id": f"ind-{sub['id'].removeprefix('sub-')}-{len(inds) + 1}",
        "name": row["indicator"],
        "raw": row["indicator"],
        "formula": None,
        "formula_raw": None,
        "formula_truncated": False,
        "polarity": None,
        "tags": [],
    }
    if row.get("source_id"):
        ind["note"] = f"SIPD row id {row['source_id']}"
    if row.get("unit"):
        ind["unit"] = row["unit"]
    if row.get("target") is not None:
        try:
            ind["target_value"] = number(row["target"])
        except ValueError:
            problems.append(
                problem(sheet, n, names["target"],
                        _("the target must be a number (got %(value)s)")
                        % {"value": repr(row["target"])})
            )  # fmt: skip
    ag.places[ind["id"]] = (n, names["indicator"])
    inds.append(ind)
    return ind


def _rows(
    sheet: str,
    raw: list[tuple[int, tuple]],
    found: dict[int, str],
    names: dict[str, str],
    problems: list,
) -> Iterator[tuple[int, dict[str, str], list[str]]]:
    """Each non-blank row: its values by pokin's column, and the columns holding a placeholder
    (``NULL``, ``-``, ``#N/A``: missing, never data)."""
    for n, values in raw:
        row: dict[str, str] = {}
        missing: list[str] = []
        for i, col in found.items():
            v = values[i] if i < len(values) else None
            if placeholder(v):
                missing.append(col)
                continue
            if isinstance(v, str) and v.strip() in EXCEL_ERRORS:
                said = _("an Excel error value %(value)s (a broken formula)")
                message = said % {"value": v.strip()}
                problems.append(problem(sheet, n, names[col], message))
                continue
            t = text(v) if col != "target" or isinstance(v, str) else v
            if t is not None:
                row[col] = t
        if row or missing:
            yield n, row, missing


def _cascade(ag: _Agency, source_name: str) -> dict[str, Any]:
    years = sorted(ag.years) or [0]
    name = ag.name or ag.key
    targets, units = [], {"programme": [], "activity": [], "sub_activity": []}
    for (level, _key), unit in ag.units.items():
        if not unit["name"]:
            unit["name"] = f"(no name in the file) {unit['code']}"
            unit["note"] = "the SIPD export gives this code without a name"
        units[level].append({k: v for k, v in unit.items() if k not in _WORKING})
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
            "lacks": list(LACKS),
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
