"""The cascading matrix of a Renstra: one wide table, one row per lowest-level element, one
group of columns per level (Tujuan, Sasaran Strategis, Program, Kegiatan, Sub Kegiatan: the
unit, its Sasaran, the Indikator, Formulasi, Pemilik Kinerja, Satuan, Target, Kode).

Reading, the way people write these tables in a spreadsheet program:

* headers are recognised in Indonesian and English with case, spacing and punctuation ignored
  ("Sub Kegiatan" = "SUBKEGIATAN" = "Sub-activity"), common variants accepted ("Sasaran
  Renstra", "Indikator Kinerja", ...); a column without a level in its header (Indikator,
  Formulasi, Pemilik Kinerja, Satuan, Target, Kode) belongs to the level of the nearest column
  on its left that has one; ``--columns map.yaml`` maps any other header to one of these;
* title rows above the header (``Key: value`` rows give the agency, period and id), a header
  two rows high, a row of column numbers, and a totals row (Jumlah/Total) are understood;
* an empty or merged cell repeats the value above it, as long as everything on its left is the
  same as in the row above (a new Kegiatan does not inherit the Sasaran of the previous one);
  a cell holding only "-" is empty on purpose;
* measurement: a baseline (Kondisi Awal), a target per year (``Target 2026``: a number, a
  range "80–90" or a text), a unit's pagu per year (``Pagu 2026``), and a ``Realisasi`` sheet of
  what was reached per indicator (K, Rp) and unit (Rp), by quarter or year;
* identity is by name within a level (units with a Kode by code): a Sasaran written under two
  parents SUPPORTS both. Links get ``basis: source_layout``; notes, ``raw`` texts and the
  owners' organisation chart are not in a matrix (docs/formats.md).

Writing produces the same layout with a Formulasi and Pemilik Kinerja column per level, cells
merged where a value repeats, the header frozen, widths set, text wrapped, landscape print. Its
fixed texts (headers, the sheet, the title rows' keys) go through the catalogue: Indonesian, as
agencies write them, unless English is asked for; the English headers are among those read.
Targets stay number cells.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pokin.core.errors import CascadeValidationError, Problem
from pokin.core.i18n import N_
from pokin.core.i18n import gettext as _
from pokin.core.vocabulary import LEVEL_NAMES_ID as _NAMES_ID
from pokin.seed.formats.cells import (
    EXCEL_ERRORS,
    EXPLICIT_BLANKS,
    CellProblem,
    Sheet,
    csv_sheet,
    norm,
    number,
    problem,
    text,
    text_cells,
    workbook_sheets,
)
from pokin.seed.schema import Cascade, parse_cascade

LEVELS = ("goal", "strategic", "programme", "activity", "sub_activity")
UNIT_LEVELS = ("programme", "activity", "sub_activity")
#: the header words of each level (normalised), Indonesian first
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "goal": ("tujuan", "goal", "tujuanrenstra", "tujuanpd"),
    "strategic": (
        "sasaranstrategis",
        "sasaranrenstra",
        "sasaranpd",
        "sasaranperangkatdaerah",
        "strategictarget",
        "strategicobjective",
        "strategic",
    ),
    "programme": ("program", "programme"),
    "activity": ("kegiatan", "activity"),
    "sub_activity": ("subkegiatan", "subactivity"),
}
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "indicator": (
        "indikator",
        "indikatorkinerja",
        "indikatorsasaran",
        "indikatorkinerjasasaran",
        "indicator",
        "performanceindicator",
    ),
    "formula": ("formulasi", "formula", "rumus", "formulasiindikator", "caraperhitungan"),
    "owner": ("pemilikkinerja", "penanggungjawab", "pemilik", "owner", "pic"),
    "measure": ("satuan", "unit", "unitofmeasure"),
    "target": ("target", "targetkinerja", "targetvalue"),
    "code": ("kode", "code", "kodenomenklatur"),
    "baseline": (
        "kondisiawal",
        "kondisikinerjaawal",
        "kondisikinerjapadaawalperiode",
        "capaianawal",
        "baseline",
    ),
    "pagu": ("pagu", "paguanggaran", "paguindikatif", "anggaran", "budget", "pendanaan"),
}
#: roles a header gives only with a year ("Target 2026", "Pagu Program 2027"): a target or
#: a pagu of that year; a baseline's year ("Kondisi Awal 2024") is read and not needed
YEARLY = {"target": "target_year", "pagu": "pagu", "baseline": "baseline"}
_YEAR = re.compile(r"(?:tahun|year)?((?:19|20)\d\d)")
#: a range target, "80–90" (en dash, hyphen, "s.d.", "s/d")
_RANGE = re.compile(
    r"^\s*([0-9][0-9.,]*)\s*%?\s*(?:[-–—]|s\.?\s*d\.?|s/d)\s*([0-9][0-9.,]*)\s*%?\s*$"
)
#: header words that announce a cascade column: a header starting with one that is not
#: recognised is an unknown level header (an error), anything else is ignored
ANNOUNCING = ("tujuan", "sasaran", "program", "kegiatan", "subkegiatan", "indikator")
_RESULT_PREFIX = {
    "goal": "tujuan",
    "strategic": "ss",
    "programme": "pt",
    "activity": "at",
    "sub_activity": "st",
}
_UNIT_PREFIX = {"programme": "prog", "activity": "keg", "sub_activity": "sub"}
_SECTION = {"programme": "programmes", "activity": "activities", "sub_activity": "sub_activities"}
#: the level names of the writer's headers, msgids (Indonesian: Tujuan, Sasaran Strategis, ...)
_NAMES = {
    "goal": N_("Goal"),
    "strategic": N_("Strategic target"),
    "programme": N_("Programme"),
    "activity": N_("Activity"),
    "sub_activity": N_("Sub-activity"),
}
#: the headers of a level's columns, by role (``%(level)s``: its name)
_HEADERS = {
    "code": N_("%(level)s code"),
    "result": N_("%(level)s result"),
    "indicator": N_("%(level)s indicator"),
    "formula": N_("%(level)s formula"),
    "measure": N_("%(level)s unit of measure"),
    "target": N_("%(level)s target"),
    "owner": N_("%(level)s owner"),
    "baseline": N_("%(level)s baseline"),
    "target_year": N_("%(level)s target %(year)s"),
    "pagu": N_("%(level)s budget %(year)s"),
}
_TAG_WORDS = {
    "progress": "progress",
    "kumulatif": "cumulative",
    "cumulative": "cumulative",
    "pengulangan": "recurring",
    "recurring": "recurring",
}
_TAG_OUT = {"progress": "progress", "cumulative": "kumulatif", "recurring": "pengulangan"}
_POLARITY_WORDS = {"positif": "positive", "positive": "positive", "negatif": "negative",
                   "negative": "negative"}  # fmt: skip


def _vocabulary() -> dict[str, tuple[str | None, str]]:
    """normalised header -> (level or None, role)."""
    out: dict[str, tuple[str | None, str]] = {}
    for role, words in ROLE_WORDS.items():
        for w in words:
            out[w] = (None, role)
    for level, lwords in LEVEL_WORDS.items():
        for lw in lwords:
            role = "result" if level in ("goal", "strategic") else "unit"
            out[lw] = (level, role)
            out["nama" + lw] = (level, role)
            out["uraian" + lw] = (level, role)
            if level in UNIT_LEVELS:
                for s in ("sasaran", "hasil"):
                    out[s + lw] = (level, "result")
                out[lw + "result"] = (level, "result")
                out[lw + "target"] = (level, "result")
                out[lw + "objective"] = (level, "result")
            for role_, words in ROLE_WORDS.items():
                for w in words:
                    out[w + lw] = (level, role_)
                    out[lw + w] = (level, role_)
                if level in UNIT_LEVELS:
                    for w in words:
                        out[w + "sasaran" + lw] = (level, role_)
    for level, lwords in LEVEL_WORDS.items():  # a level's own name ("Strategic target") is
        for lw in lwords:  # that level's column, never a role of a shorter word ("strategic")
            out[lw] = (level, "result" if level in ("goal", "strategic") else "unit")
    out["sasaran"] = ("strategic", "result")
    return out


VOCABULARY = _vocabulary()


@dataclass
class Column:
    index: int
    header: str
    level: str
    role: str
    #: the year of a yearly target or pagu column
    year: int | None = None

    @property
    def key(self) -> tuple:
        return (self.level, self.role, self.year)


@dataclass
class _Entity:
    key: tuple
    id: str
    row: int
    column: str
    data: dict[str, Any] = field(default_factory=dict)


def _slug(s: str, limit: int = 60) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", norm_keep_spaces(s)).strip("-")[:limit].strip("-")
    return out or "x"


def norm_keep_spaces(s: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def split_indicator(raw: str) -> tuple[str, str | None, list[str]]:
    """'Nilai X (progress positif)' -> ('Nilai X', 'positive', ['progress'])."""
    m = re.match(r"^(.*\S)\s*\(([^()]*)\)$", raw)
    if m:
        words = [w for w in re.split(r"[\s/,]+", m.group(2).lower()) if w]
        if words and all(w in _TAG_WORDS or w in _POLARITY_WORDS for w in words):
            polarity = next((_POLARITY_WORDS[w] for w in words if w in _POLARITY_WORDS), None)
            tags = list(dict.fromkeys(_TAG_WORDS[w] for w in words if w in _TAG_WORDS))
            return m.group(1), polarity, tags
    return raw, None, []


def join_indicator(name: str, polarity: str | None, tags: list[str]) -> str:
    words = [_TAG_OUT[t] for t in tags] + (
        [{"positive": "positif", "negative": "negatif"}[polarity]] if polarity else []
    )
    return f"{name} ({' '.join(words)})" if words else name


# --------------------------------------------------------------------------- reading


class _Matrix:
    def __init__(self, sheet: Sheet, source_name: str, columns_map: dict[str, str] | None):
        self.sheet = sheet
        self.source = source_name
        self.map = {norm(k): norm(v) for k, v in (columns_map or {}).items()}
        self.problems: list[Problem] = []

    def fail(self, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(problem(self.sheet.name, row, column, message))

    # ---------------------------------------------------------------- header
    def recognise(self, header: Any) -> tuple[str | None, str] | None:
        got = self.recognise_year(header)
        return got[:2] if got else None

    def recognise_year(self, header: Any) -> tuple[str | None, str, int | None] | None:
        """(level or None, role, year): a header naming a year ("Target 2026") is that
        year's target or pagu."""
        key = norm(header)
        key = self.map.get(key, key)
        if key in VOCABULARY:
            level, role = VOCABULARY[key]
            return (level, role, None) if role != "pagu" else None
        found = _YEAR.search(key)
        if found:
            rest = key[: found.start()] + key[found.end() :]
            got = VOCABULARY.get(self.map.get(rest, rest))
            if got and got[1] in YEARLY:
                year = int(found.group(1)) if got[1] != "baseline" else None
                return got[0], YEARLY[got[1]], year
        return None

    def header(self, rows: list[tuple[int, tuple]]) -> tuple[int, list[Column], dict[str, str]]:
        """(index of the first data row in ``rows``, the columns, Key: value meta rows)."""
        meta: dict[str, str] = {}
        for i, (n, values) in enumerate(rows[:20]):
            top = [text(v) for v in values]
            found = [self.recognise(v) for v in top if v]
            if sum(1 for f in found if f and f[1] in ("result", "unit")) < 2:
                for v in top:
                    if v and ":" in v:
                        k, _sep, val = v.partition(":")
                        meta[norm(k)] = val.strip()
                    elif v and "title" not in meta:
                        meta["title"] = v
                continue
            below = [text(v) for v in rows[i + 1][1]] if i + 1 < len(rows) else []
            single, fails1 = self.columns(n, top, [])
            double, fails2 = self.columns(n, top, below)
            if len({(c.level, c.role) for c in double}) > len({(c.level, c.role) for c in single}):
                self.problems += fails2
                return i + 2, double, meta
            self.problems += fails1
            return i + 1, single, meta
        raise CascadeValidationError(
            [
                problem(
                    self.sheet.name,
                    None,
                    None,
                    _(
                        "no header row: expected columns such as Tujuan, Sasaran Strategis, "
                        "Program, Kegiatan, Sub Kegiatan (give --columns to map other headers)"
                    ),
                )
            ]
        )

    def columns(self, row: int, top: list, below: list) -> tuple[list[Column], list[Problem]]:
        out: list[Column] = []
        fails: list[Problem] = []
        current: str | None = None
        last_top = None
        width = max(len(top), len(below))
        for i in range(width):
            t = top[i] if i < len(top) else None
            b = below[i] if i < len(below) else None
            if t:
                last_top = t
            elif b:
                t = last_top  # a group heading merged across the columns below it
            candidates = [c for c in ((t, b), (b, t), (b, None), (t, None)) if c[0]]
            got, header = None, None
            year = None
            for first, second in candidates:
                h = f"{first} {second}" if second else first
                full = self.recognise_year(h)
                if full:
                    got, header, year = full[:2], h, full[2]
                    break
            if not got:
                h = " ".join(x for x in (t, b) if x) if below else (t or "")
                if h and any(norm(h).startswith(w) for w in ANNOUNCING):
                    fails.append(
                        problem(
                            self.sheet.name,
                            row,
                            h,
                            _(
                                "unknown level header: not one of "
                                "pokin's columns (map it with --columns)"
                            ),
                        )
                    )
                continue
            level, role = got
            if level is None:
                if current is None:
                    fails.append(
                        problem(
                            self.sheet.name,
                            row,
                            header,
                            _("a column with no level column on its left"),
                        )
                    )
                    continue
                level = current
            else:
                current = level
            out.append(Column(i, str(header), level, role, year))
        return out, fails

    # ---------------------------------------------------------------- rows
    def read(self) -> dict[str, Any]:
        rows = list(self.sheet.rows())
        start, cols, meta = self.header(rows)
        if self.problems:
            raise CascadeValidationError(self.problems)
        seen: dict[tuple, Column] = {}
        for c in cols:
            if c.key in seen:
                self.fail(
                    rows[start - 1][0],
                    c.header,
                    _("a second '%(role)s' column for %(level)s (first: '%(first)s')")
                    % {
                        "role": c.role,
                        "level": _NAMES_ID[c.level],
                        "first": seen[c.key].header,
                    },
                )
            seen[c.key] = c
        keys_seen = {(c.level, c.role) for c in cols}
        for c in cols:  # what an indicator, owner or formula belongs to must be there
            if c.role == "pagu" and c.level not in UNIT_LEVELS:
                self.fail(
                    rows[start - 1][0],
                    c.header,
                    _("a pagu belongs to a Program, Kegiatan or Sub Kegiatan column"),
                )
                continue
            if c.role != "result" and c.role != "unit" and (c.level, "result") not in keys_seen:
                if c.role in ("code", "pagu") and (c.level, "unit") in keys_seen:
                    continue
                wanted = (
                    _NAMES_ID[c.level] if c.level == "goal" else f"Sasaran {_NAMES_ID[c.level]}"
                )
                self.fail(
                    rows[start - 1][0],
                    c.header,
                    _("the required column '%(column)s' that this column belongs to is missing")
                    % {"column": wanted},
                )
        if self.problems:
            raise CascadeValidationError(self.problems)
        order = {"unit": 0, "result": 1, "indicator": 2}
        keys = sorted(
            (c for c in cols if c.role in order),
            key=lambda c: (LEVELS.index(c.level), order[c.role]),
        )
        attrs = [c for c in cols if c.role not in order]
        return self.build(self.data_rows(rows[start:], keys, attrs), keys, attrs, meta)

    def data_rows(
        self, rows: list[tuple[int, tuple]], keys: list[Column], attrs: list[Column]
    ) -> Iterator[tuple[int, dict[str, str | None]]]:
        """Rows as {header: value} with blanks repeated from above (see the module doc)."""
        prev: dict[str, str | None] = {}
        first = True
        for n, values in rows:
            cells: dict[str, Any] = {}
            for c in keys + attrs:
                v = values[c.index] if c.index < len(values) else None
                if isinstance(v, str) and v.strip() in EXCEL_ERRORS:
                    said = _("an Excel error value %(value)s (a broken formula)")
                    self.fail(n, c.header, said % {"value": v.strip()})
                    v = None
                cells[c.header] = v
            shown = [text(v) for v in cells.values() if text(v)]
            if not shown:
                continue
            if all(re.fullmatch(r"\(?\d+\)?", s) for s in shown):
                continue  # the row of column numbers under a header
            if norm(shown[0]) in ("jumlah", "total", "totals", "grandtotal", "jumlahtotal"):
                continue
            out: dict[str, str | None] = {}
            same = True  # everything on the left is the same as in the row above
            owner_of = {}
            for c in keys:
                raw = text(cells[c.header])
                if raw is None and not first and same:
                    out[c.header] = prev.get(c.header)
                    owner_of[c.header] = True
                else:
                    out[c.header] = None if raw in EXPLICIT_BLANKS else raw
                    owner_of[c.header] = False
                    if raw is not None:
                        same = same and out[c.header] == prev.get(c.header)
                    else:
                        same = False
            for c in attrs:
                raw = cells[c.header]
                key = self._key_of(c, keys)
                if raw is None and key is not None and owner_of.get(key.header):
                    out[c.header] = prev.get(c.header)
                elif c.role == "target" and raw is not None and text(raw) not in EXPLICIT_BLANKS:
                    try:
                        out[c.header] = repr(number(raw))
                    except ValueError:
                        said = _("the target must be a number (got %(value)s)")
                        self.fail(n, c.header, said % {"value": repr(text(raw))})
                        out[c.header] = None
                elif c.role in ("baseline", "pagu") and text(raw) not in (None, *EXPLICIT_BLANKS):
                    try:
                        out[c.header] = number(raw)  # type: ignore[assignment]
                    except ValueError:
                        said = _("a number is expected here (got %(value)s)")
                        self.fail(n, c.header, said % {"value": repr(text(raw))})
                        out[c.header] = None
                elif c.role == "target_year" and text(raw) not in (None, *EXPLICIT_BLANKS):
                    out[c.header] = self.year_target(n, c, raw)  # type: ignore[assignment]
                else:
                    t = text(raw)
                    out[c.header] = None if t in EXPLICIT_BLANKS else t
            if first:
                for i, c in enumerate(keys):
                    if (
                        out[c.header] is None
                        and text(cells[c.header]) is None
                        and c.role != "indicator"
                    ):
                        deeper = [
                            k for k in keys[i + 1 :] if k.role != "indicator" and out[k.header]
                        ]
                        if deeper:
                            self.fail(
                                n,
                                c.header,
                                _(
                                    "blank in the first row, with no value above to repeat, "
                                    "but '%(column)s' is filled"
                                )
                                % {"column": deeper[0].header},
                            )
            first = False
            prev = out
            yield n, out

    def year_target(self, n: int, c: Column, raw: Any) -> dict[str, Any] | None:
        """A year's target cell: a number, a range ("80–90") or a qualitative text ("WTP");
        digits that are neither are an error."""
        try:
            return {"value": number(raw)}
        except ValueError:
            pass
        said = text(raw) or ""
        ranged = _RANGE.match(said)
        if ranged:
            try:
                low, high = number(ranged.group(1)), number(ranged.group(2))
            except ValueError:
                low = high = None
            if low is not None and high is not None and low <= high:
                return {"low": low, "high": high}
        if re.search(r"[^\W\d_]", said):  # letters: a qualitative target
            return {"text": said}
        self.fail(
            n,
            c.header,
            _("the target must be a number, a range (80–90) or a text (got %(value)s)")
            % {"value": repr(said)},
        )
        return None

    @staticmethod
    def _key_of(attr: Column, keys: list[Column]) -> Column | None:
        want = {"formula": "indicator", "measure": "indicator", "target": "indicator",
                "baseline": "indicator", "target_year": "indicator", "pagu": "unit",
                "owner": "result", "code": "unit"}[attr.role]  # fmt: skip
        return next((k for k in keys if k.level == attr.level and k.role == want), None)

    # ---------------------------------------------------------------- model
    def build(self, rows: Iterator, keys: list[Column], attrs: list[Column], meta: dict) -> dict:
        col = {(c.level, c.role): c for c in keys + attrs if c.year is None}
        yearly = sorted((c for c in attrs if c.year is not None), key=lambda c: c.year or 0)
        results: dict[tuple, _Entity] = {}
        units: dict[tuple, _Entity] = {}
        owners: dict[str, _Entity] = {}
        indicators: dict[tuple, _Entity] = {}
        ids: set[str] = set()

        def new_id(prefix: str, name: str) -> str:
            base = f"{prefix}-{_slug(name)}" if prefix != "tujuan" else "tujuan"
            if re.fullmatch(re.escape(prefix) + r"-\d[\d.]*", base):
                base = f"{prefix}-n{base[len(prefix) + 1 :]}"
            ident, k = base, 2
            while ident in ids:
                ident, k = f"{base}-{k}", k + 1
            ids.add(ident)
            return ident

        for n, row in rows:
            prev_result: _Entity | None = None
            prev_unit: _Entity | None = None
            for level in LEVELS:

                def cell(role: str, level: str = level, row: dict = row) -> str | None:
                    c = col.get((level, role))
                    return row.get(c.header) if c else None

                unit = None
                if cell("unit"):
                    name, code = cell("unit"), cell("code")
                    k = (level, code or name)
                    unit = units.get(k)
                    if unit is None:
                        ident = (
                            f"{_UNIT_PREFIX[level]}-{code}"
                            if code
                            else new_id(_UNIT_PREFIX[level], name)
                        )
                        ids.add(ident)
                        unit = units[k] = _Entity(
                            k,
                            ident,
                            n,
                            col[(level, "unit")].header,
                            {
                                "id": ident,
                                "code": code,
                                "name": name,
                                "delivers": [],
                                **({} if level == "programme" else {"part_of": None}),
                            },
                        )
                        budget = [
                            {"year": c.year, "pagu": row[c.header]}
                            for c in yearly
                            if c.level == level and c.role == "pagu" and row[c.header] is not None
                        ]
                        if budget:
                            unit.data["budget"] = budget
                    if level != "programme" and prev_unit is not None:
                        parent = {"to": prev_unit.id, "basis": "source_layout"}
                        if unit.data["part_of"] is None:
                            unit.data["part_of"] = parent
                        elif unit.data["part_of"]["to"] != prev_unit.id:
                            self.fail(
                                n,
                                unit.column,
                                _(
                                    "%(name)s is under %(parent)s here but under another "
                                    "unit in row %(row)s"
                                )
                                % {
                                    "name": repr(name),
                                    "parent": repr(prev_unit.data["name"]),
                                    "row": unit.row,
                                },
                            )
                    prev_unit = unit
                result = None
                if cell("result"):
                    name = cell("result")
                    k = (level, name)
                    result = results.get(k)
                    if result is None:
                        ident = new_id(_RESULT_PREFIX[level], name)
                        result = results[k] = _Entity(
                            k,
                            ident,
                            n,
                            col[(level, "result")].header,
                            {"id": ident, "name": name, "owners": [], "indicators": []},
                        )
                        if level != "goal":
                            result.data = {
                                "id": ident,
                                "level": level,
                                **result.data,
                                "supports": [],
                            }
                    if prev_result is not None and level != "goal":
                        link = {"to": prev_result.id, "basis": "source_layout"}
                        if link not in result.data["supports"]:
                            result.data["supports"].append(link)
                    if unit is not None:
                        link = {"to": result.id, "basis": "source_layout"}
                        if link not in unit.data["delivers"]:
                            unit.data["delivers"].append(link)
                    for title in re.split(r"\s*[;\n]\s*", cell("owner") or ""):
                        if not title or title in EXPLICIT_BLANKS:
                            continue
                        owner = owners.get(title)
                        if owner is None:
                            ident = new_id("", title).lstrip("-")
                            owner = owners[title] = _Entity(
                                (title,),
                                ident,
                                n,
                                "",
                                {"id": ident, "title": title, "known_position": True},
                            )
                        if owner.id not in result.data["owners"]:
                            result.data["owners"].append(owner.id)
                    prev_result = result
                elif cell("owner") and col.get((level, "owner")):
                    self.fail(
                        n,
                        col[(level, "owner")].header,
                        _("a Pemilik Kinerja but no Sasaran of %(level)s")
                        % {"level": _NAMES_ID[level]},
                    )
                if cell("indicator"):
                    if result is None:
                        self.fail(
                            n,
                            col[(level, "indicator")].header,
                            _("an indicator but no Sasaran of %(level)s to measure")
                            % {"level": _NAMES_ID[level]},
                        )
                        continue
                    raw = cell("indicator")
                    k = (result.key, raw)
                    if k not in indicators:
                        name, polarity, tags = split_indicator(raw)
                        formula = cell("formula")
                        truncated = bool(formula and formula.endswith("…"))
                        if truncated:
                            formula = formula.rstrip("…").rstrip() or None
                        data: dict[str, Any] = {
                            "id": f"ind-{result.id}"
                            if not result.data["indicators"]
                            else f"ind-{result.id}-{len(result.data['indicators']) + 1}",
                            "name": name,
                            "raw": raw,
                            "formula": formula,
                            "formula_raw": formula,
                            "formula_truncated": truncated,
                            "polarity": polarity,
                            "tags": tags,
                        }
                        if cell("measure"):
                            data["unit"] = cell("measure")
                        if cell("target"):
                            data["target_value"] = float(cell("target"))
                        if cell("baseline") is not None:
                            data["baseline"] = cell("baseline")
                        targets = [
                            {"year": c.year, **row[c.header]}
                            for c in yearly
                            if c.level == level
                            and c.role == "target_year"
                            and row[c.header] is not None
                        ]
                        if targets:
                            data["targets"] = targets
                        ids.add(data["id"])
                        indicators[k] = _Entity(
                            k, data["id"], n, col[(level, "indicator")].header, data
                        )
                        result.data["indicators"].append(data)
        if self.problems:
            raise CascadeValidationError(self.problems)
        self.results, self.units, self.indicators = results, units, indicators
        goals = [r for r in results.values() if r.key[0] == "goal"]
        self.places = {
            e.id: (e.row, e.column)
            for group in (results, units, indicators)
            for e in group.values()
        }
        found = re.search(
            r"((?:19|20)\d\d)\s*[-–/s.d]+\s*((?:19|20)\d\d)",
            " ".join(str(v) for v in meta.values()),
        )
        years = (int(found.group(1)), int(found.group(2))) if found else None
        title = meta.get("title") or self.source
        agency = next(
            (
                meta[k]
                for k in ("perangkatdaerah", "opd", "agency", "skpd", "perangkatdaerahagency")
                if meta.get(k)
            ),
            title,
        )
        period = meta.get("periodeperiod") or meta.get("periode") or meta.get("period")
        if period:
            years = _period_years(str(period)) or years
        if years is None:
            raise CascadeValidationError(
                [
                    problem(
                        self.sheet.name,
                        None,
                        None,
                        _(
                            "the period (e.g. 'Periode: 2025-2029') is not in the rows above "
                            "the header"
                        ),
                    )
                ]
            )
        start, end = years
        cid = meta.get("id") or f"{_slug(agency, 40)}-{start}-{end}"
        tujuan: dict[str, Any] = (
            {"goals": [g.data for g in goals]}
            if len(goals) > 1
            else {
                "goal": goals[0].data
                if goals
                else {
                    "id": "tujuan",
                    "name": "(Tujuan not given in the matrix)",
                    "owners": [],
                    "indicators": [],
                    "note": "the matrix has no Tujuan column or value",
                }
            }
        )
        return {
            "cascade": {
                "id": cid,
                "agency": agency,
                "title": title,
                "period": {"start": start, "end": end},
                "source": meta.get("sumbersource")
                or meta.get("sumber")
                or meta.get("source")
                or self.source.rsplit("/", 1)[-1],
            },
            "owners": [o.data for o in owners.values()],
            **tujuan,
            "targets": [r.data for r in results.values() if r.key[0] != "goal"],
            **{
                _SECTION[lv]: [u.data for u in units.values() if u.key[0] == lv]
                for lv in UNIT_LEVELS
            },
        }


def _period_years(text: str) -> tuple[int, int] | None:
    """The first and last year of a ``Periode`` value: ``2025-2029``, ``2025 s.d. 2029``, one
    year (``2023``), or ``0-0``, what pokin writes for a cascade read without a period."""
    both = re.search(r"(\d{1,4})\D+(\d{1,4})", text)
    if both:
        return int(both.group(1)), int(both.group(2))
    one = re.search(r"\b(\d{4})\b", text)
    return (int(one.group(1)),) * 2 if one else None


def _pick_sheet(sheets: list[Sheet]) -> Sheet:
    for s in sheets:
        if norm(s.name) in ("matriks", "matrix", "cascading", "matrikscascading"):
            return s
    return sheets[0]


#: the realisation sheet's columns (normalised headers), Indonesian first
REALISATION_SHEETS = ("realisasi", "realisation", "realisasikinerja")
REALISATION_WORDS: dict[str, tuple[str, ...]] = {
    "level": ("tingkat", "level", "jenjang"),
    "code": ("kode", "code"),
    "name": ("uraian", "nama", "name", "sasaran", "result"),
    "indicator": ("indikator", "indicator", "indikatorkinerja"),
    "year": ("tahun", "year"),
    "quarter": ("triwulan", "quarter", "tw"),
    "value": ("realisasik", "realisationk", "realisasikinerja", "realisasi", "realisation"),
    "rp": ("realisasirp", "realisationrp", "realisasianggaran", "rp"),
}
_REALISATION_HEADERS = {
    "level": N_("Level"),
    "code": N_("Code"),
    "name": N_("Name"),
    "indicator": N_("Indicator"),
    "year": N_("Year"),
    "quarter": N_("Quarter"),
    "value": N_("Realisation (K)"),
    "rp": N_("Realisation (Rp)"),
}


def _level_of(value: Any) -> str | None:
    key = norm(value)
    return next((lv for lv, words in LEVEL_WORDS.items() if key in words), None)


def read_realisation_sheet(m: _Matrix, sheet: Sheet) -> None:
    """The matrix's realisation sheet: one row per indicator's realisation (a quarter, or the
    year when the quarter is blank) or a unit's budget realisation, onto the elements the
    matrix built (by level and name, a unit by its code); every bad cell is named."""
    words = {w: role for role, ws in REALISATION_WORDS.items() for w in ws}
    rows = list(sheet.rows())
    cols: dict[str, tuple[int, str]] = {}
    start = None
    for i, (_n, values) in enumerate(rows[:10]):
        found = {
            words[norm(v)]: (j, text(v) or "") for j, v in enumerate(values) if norm(v) in words
        }
        if {"level", "name", "year"} <= found.keys():
            cols, start = found, i + 1
            break
    fails: list[Problem] = []

    def fail(n: int | None, role: str | None, message: str) -> None:
        fails.append(problem(sheet.name, n, cols[role][1] if role else None, message))

    if start is None:
        fail(None, None, _("no header row with Level, Name and Year"))
        raise CascadeValidationError(fails)
    for n, values in rows[start:]:
        cell = {r: values[j] if j < len(values) else None for r, (j, _h) in cols.items()}
        if not any(text(v) for v in cell.values()):
            continue

        def num(role: str, n: int = n, cell: dict = cell) -> float | None:
            raw = cell.get(role)
            if text(raw) in (None, *EXPLICIT_BLANKS):
                return None
            try:
                return number(raw)
            except ValueError:
                said = _("a number is expected here (got %(value)s)")
                fail(n, role, said % {"value": repr(text(raw))})
                return None

        level = _level_of(cell["level"])
        if level is None:
            fail(n, "level", _("not a level: %(value)s") % {"value": repr(text(cell["level"]))})
            continue
        year, quarter = num("year"), num("quarter") if "quarter" in cols else None
        value, rp = num("value") if "value" in cols else None, num("rp") if "rp" in cols else None
        if year is None or not year.is_integer():
            if text(cell["year"]) is None or year is not None:
                fail(n, "year", _("a year is expected here"))
            continue
        if quarter is not None and quarter not in (1, 2, 3, 4):
            fail(n, "quarter", _("the quarter must be 1 to 4 (got %(value)s)") % {"value": quarter})
            continue
        if value is None and rp is None:
            continue  # a row with nothing measured (a number cell's error was said)
        entry: dict[str, Any] = {"year": int(year)}
        if quarter is not None:
            entry["quarter"] = int(quarter)
        name, indicator = text(cell["name"]), text(cell.get("indicator"))
        if indicator:
            result = m.results.get((level, name))
            ind = m.indicators.get((result.key, indicator)) if result else None
            if ind is None:
                said = _("no indicator %(indicator)s of %(name)s in the matrix")
                fail(n, "indicator", said % {"indicator": repr(indicator), "name": repr(name)})
                continue
            entry |= {k: v for k, v in (("value", value), ("rp", rp)) if v is not None}
            ind.data.setdefault("realisation", []).append(entry)
            continue
        code = text(cell.get("code"))
        unit = m.units.get((level, code or name)) if level in UNIT_LEVELS else None
        if unit is None:
            fail(n, "name", _("no unit %(name)s in the matrix") % {"name": repr(code or name)})
            continue
        if rp is None:
            fail(n, "rp", _("a unit's realisation is in Rp"))
            continue
        budget = unit.data.setdefault("budget", [])
        year_pagu = next(
            (b for b in budget if "quarter" not in entry and b.keys() == {"year", "pagu"}
             and b["year"] == entry["year"]),
            None,
        )  # fmt: skip
        if year_pagu is not None:
            year_pagu["realisation"] = rp  # the year's realisation beside its pagu
        else:
            budget.append(entry | {"realisation": rp})
    if fails:
        raise CascadeValidationError(fails)


def read_matrix(data: bytes, source_name: str, columns: dict[str, str] | None) -> list[Cascade]:
    extra: Sheet | None = None
    if data[:2] == b"PK":
        sheets = workbook_sheets(data, source_name)
        sheet = _pick_sheet(sheets)
        extra = next((s for s in sheets if norm(s.name) in REALISATION_SHEETS), None)
    else:
        sheet = csv_sheet(data, source_name.rsplit("/", 1)[-1])
    m = _Matrix(sheet, source_name, columns)
    doc = m.read()
    if extra is not None:
        read_realisation_sheet(m, extra)
    try:
        return [parse_cascade(doc, source_name)]
    except CascadeValidationError as exc:
        located = []
        for p in exc.problems:
            place = m.places.get(p.element_id)
            if place:
                located.append(
                    CellProblem(
                        problem(sheet.name, *place, "").file,
                        place[0],
                        p.element_id,
                        p.field,
                        p.message,
                    )
                )
            else:
                located.append(p)
        raise CascadeValidationError(located) from None


# --------------------------------------------------------------------------- writing


def _rows(cascade: Cascade) -> list[dict[str, Any]]:
    """One dict per row: (level, role) -> text, in tree order from the Tujuan down."""
    delivered_by: dict[str, Any] = {}
    for group in (cascade.programmes, cascade.activities, cascade.sub_activities):
        for u in group:
            for d in u.delivers:
                delivered_by.setdefault(d.to, u)
    units = {
        u.id: u for g in (cascade.programmes, cascade.activities, cascade.sub_activities) for u in g
    }
    children: dict[str, list[Any]] = {}
    for t in cascade.targets:
        for s in t.supports:
            children.setdefault(s.to, []).append(t)
    titles = {o.id: o.title for o in cascade.owners}
    rows: list[dict[str, Any]] = []
    placed: set[str] = set()

    def unit_cells(u: Any, level: str, cells: dict) -> None:
        cells[(level, "unit")] = u.name
        cells[(level, "code")] = u.code
        for b in u.budget:
            if b.quarter is None and b.pagu is not None:
                cells[(level, "pagu", b.year)] = b.pagu
        parent = units.get(u.part_of.to) if getattr(u, "part_of", None) else None
        if parent is not None:
            plevel = LEVELS[LEVELS.index(level) - 1]
            if (plevel, "unit") not in cells:
                unit_cells(parent, plevel, cells)

    def walk(r: Any, level: str, prefix: dict) -> None:
        placed.add(r.id)
        cells = {k: v for k, v in prefix.items() if LEVELS.index(k[0]) < LEVELS.index(level)}
        u = delivered_by.get(r.id)
        if u is not None:
            unit_cells(u, level, cells)
            placed.add(u.id)
        cells[(level, "result")] = r.name
        cells[(level, "owner")] = "; ".join(titles.get(o, o) for o in r.owners)
        inds = r.indicators or [None]
        kids = [k for k in children.get(r.id, []) if LEVELS.index(k.level) > LEVELS.index(level)]
        for i, ind in enumerate(inds):
            row = dict(cells)
            if ind is not None:
                row[(level, "indicator")] = join_indicator(ind.name, ind.polarity, ind.tags)
                f = ind.formula
                row[(level, "formula")] = (f + " …") if f and ind.formula_truncated else f
                row[(level, "measure")] = ind.unit
                row[(level, "target")] = ind.target_value
                row[(level, "baseline")] = ind.baseline
                for t in ind.targets:
                    row[(level, "target_year", t.year)] = _target_cell(t)
            if i == 0 and kids:
                for k in kids:
                    walk(k, k.level, row)
            else:
                rows.append(row)

    for goal in cascade.all_goals:
        walk(goal, "goal", {})
    for t in cascade.targets:  # results that reach no Tujuan, then units with no result
        if t.id not in placed:
            walk(t, t.level, {})
    for level, group in zip(
        UNIT_LEVELS, (cascade.programmes, cascade.activities, cascade.sub_activities), strict=True
    ):
        for u in group:
            if u.id not in placed:
                cells: dict = {}
                unit_cells(u, level, cells)
                rows.append(cells)
    return rows


def _target_cell(t: Any) -> float | str:
    """A year's target as a cell: a number cell, a range as "80–90", a text as itself."""
    if t.kind == "number":
        return t.value
    if t.kind == "range":
        return f"{_plain(t.low)}–{_plain(t.high)}"
    return t.text


def _plain(v: float) -> str:
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def _realisation_rows(cascade: Cascade) -> list[list[Any]]:
    """The realisation sheet's rows: each indicator's realisation, then each unit's budget
    realisation, named as the matrix names them (level, name, the indicator's cell)."""
    out: list[list[Any]] = []
    for r in [*cascade.all_goals, *cascade.targets]:
        level = getattr(r, "level", "goal")
        for ind in r.indicators:
            cell = join_indicator(ind.name, ind.polarity, ind.tags)
            for x in ind.realisation:
                out.append([_(_NAMES[level]), None, r.name, cell, x.year, x.quarter, x.value, x.rp])
    for level, group in zip(
        UNIT_LEVELS, (cascade.programmes, cascade.activities, cascade.sub_activities), strict=True
    ):
        for u in group:
            for b in u.budget:
                if b.realisation is not None:
                    row = [_(_NAMES[level]), u.code, u.name, None, b.year, b.quarter, None]
                    out.append([*row, b.realisation])
    return out


def write_matrix(cascade: Cascade) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    rows = _rows(cascade)
    has = {k for r in rows for k, v in r.items() if v not in (None, "")}
    columns: list[tuple[tuple, str, int]] = []  # ((level, role[, year]), header, width)
    for level in LEVELS:
        name = _(_NAMES[level])

        def head(role: str, year: int | None = None, name: str = name) -> str:
            return _(_HEADERS[role]) % {"level": name, "year": year}

        def years(role: str, level: str = level) -> list[int]:
            return sorted({k[2] for k in has if k[:2] == (level, role)})

        if level in UNIT_LEVELS:
            if (level, "code") in has:
                width = {"programme": 10, "activity": 14, "sub_activity": 19}[level]
                columns.append(((level, "code"), head("code"), width))
            columns.append(((level, "unit"), name, 28))
            columns += [((level, "pagu", y), head("pagu", y), 14) for y in years("pagu")]
            columns.append(((level, "result"), head("result"), 30))
        else:
            columns.append(((level, "result"), name, 30))
        columns.append(((level, "indicator"), head("indicator"), 30))
        columns.append(((level, "formula"), head("formula"), 24))
        if (level, "measure") in has:
            columns.append(((level, "measure"), head("measure"), 10))
        if (level, "baseline") in has:
            columns.append(((level, "baseline"), head("baseline"), 9))
        columns += [((level, "target_year", y), head("target_year", y), 9)
                    for y in years("target_year")]  # fmt: skip
        if (level, "target") in has:
            columns.append(((level, "target"), head("target"), 9))
        columns.append(((level, "owner"), head("owner"), 20))
    book = Workbook()
    ws = book.active
    ws.title = _("Matrix")
    m = cascade.cascade
    ws.append([m.title])
    ws.append([_("Agency: %(agency)s") % {"agency": m.agency}])
    ws.append([_("Period: %(start)s-%(end)s") % {"start": m.period.start, "end": m.period.end}])
    ws.append([f"Id: {m.id}"])
    ws.append([_("Source: %(source)s") % {"source": m.source}])
    ws["A1"].font = Font(bold=True, size=14)
    head = 6
    ws.append([c[1] for c in columns])
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DCE6F1")
    for i, c in enumerate(columns, start=1):
        cell = ws.cell(row=head, column=i)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = c[2]
    key_roles = {"unit": 0, "result": 1, "indicator": 2}
    values = [[r.get(c[0]) for c in columns] for r in rows]
    # a cell merges into the one above when it and everything on its left are the same
    runs_start = [[True] * len(columns) for _ in values]
    for i in range(1, len(values)):
        same_left = True
        for j, c in enumerate(columns):
            same = values[i][j] == values[i - 1][j]
            if c[0][1] in key_roles or c[0][1] == "code":
                same_left = same_left and same
                runs_start[i][j] = not same_left
            else:  # attributes follow the run of their key
                runs_start[i][j] = not (same_left and same)
    for i, row in enumerate(values):
        r = head + 1 + i
        for j, v in enumerate(row):
            if runs_start[i][j]:
                cell = ws.cell(row=r, column=j + 1, value="-" if v in (None, "") else v)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.cell(row=r, column=j + 1).border = border
    for j in range(len(columns)):
        i = 0
        while i < len(values):
            k = i + 1
            while k < len(values) and not runs_start[k][j]:
                k += 1
            if k - i > 1:
                ws.merge_cells(
                    start_row=head + 1 + i, start_column=j + 1, end_row=head + k, end_column=j + 1
                )
            i = k
    ws.row_dimensions[head].height = 45
    _set_row_heights(ws, head, values, runs_start, [c[2] for c in columns])
    ws.freeze_panes = ws.cell(row=head + 1, column=1)
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    # scaled to the page width (a fixed scale, not fit-to-page: LibreOffice would squeeze the
    # whole height onto one page too); rows run over as many pages as they need
    width_pt = sum(c[2] for c in columns) * 7.2 + 20
    ws.page_setup.scale = max(10, min(100, int(100 * 1100 / width_pt)))
    text_cells(ws)  # text from the data, never a formula
    measured = _realisation_rows(cascade)
    if measured:
        sheet = book.create_sheet(_("Realisation"))
        sheet.append([_(h) for h in _REALISATION_HEADERS.values()])
        for i, width in enumerate((18, 19, 40, 40, 7, 9, 14, 16), start=1):
            sheet.cell(row=1, column=i).font = Font(bold=True)
            sheet.column_dimensions[get_column_letter(i)].width = width
        for r in measured:
            sheet.append(r)
        sheet.freeze_panes = "A2"
        text_cells(sheet)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _lines(value: Any, width: int) -> int:
    """Lines a wrapped cell of ``width`` characters needs (an estimate: spreadsheet programs
    do not grow rows holding merged cells by themselves)."""
    if value in (None, ""):
        return 1
    chars = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // chars)) for part in str(value).split("\n"))


def _set_row_heights(
    ws: Any, head: int, values: list[list[Any]], runs_start: list[list[bool]], widths: list[int]
) -> None:
    """Give each row the height its wrapped cells need; a merged cell's lines are spread over
    the rows it covers (the last one takes what is still missing)."""
    line = 12.5
    heights = [1] * len(values)
    for j, width in enumerate(widths):
        i = 0
        while i < len(values):
            k = i + 1
            while k < len(values) and not runs_start[k][j]:
                k += 1
            need = _lines(values[i][j], width)
            have = sum(heights[i:k])
            if need > have:
                heights[k - 1] += need - have
            i = k
    for i, h in enumerate(heights):
        ws.row_dimensions[head + 1 + i].height = h * line + 3
