"""The Renja evaluation table (Permendagri 86/2017, form E.81) as agencies deliver it: one
sheet, title rows, two merged header rows, a row of column numbers whose formulas are text
(``13 = 9 + 10 + 11 + 12``), a K / Rp / % sub-header row, urusan rows, one name column for
programme, kegiatan and sub kegiatan, a totals row and a signed footer.

Nothing is found by position: the column groups come from the number row's own formulas (13
sums the quarters, 14 adds "up to last year" to 13, 15 divides 14 by the Renstra target), the
K / Rp / % sub-columns from the sub-header row, the name columns from the header text. A
row's level is told by its nomenclature code, else the word "Program", else its type style
(bold programme, italic kegiatan), else the row order; every row whose level was inferred
says how. Every non-blank row is accounted for in the :class:`ImportReport` (kept, merged as a
further indicator of the row above, refused, or skipped: titles, headers, urusan, totals,
footer), and where the table's own columns 13, 14 and 15 disagree with what pokin computes
from their inputs, one finding per row and column gives both numbers.

Measurement goes into the model of ``pokin.seed.schema``: per indicator the Renstra end target
(``target_value``), this year's target (``targets``) and the quarters reported (``realisation``:
an empty quarter stays absent, never zero); per unit the year's pagu and the Rp spent per
quarter (``budget``).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from pokin.core.capaian import Method, compute
from pokin.core.codes import code_forms
from pokin.core.errors import CascadeValidationError
from pokin.core.i18n import gettext as _
from pokin.seed.formats.cells import (
    EXCEL_ERRORS,
    Sheet,
    norm,
    number,
    placeholder,
    problem,
    text,
    workbook_sheets,
)
from pokin.seed.formats.report import Finding, ImportReport, Read, RowReport
from pokin.seed.schema import parse_cascade

#: the rows a table's head is looked for in
HEAD_ROWS = 40
#: what such a table cannot carry: formulas (Formulasi) and polarity
LACKS = ("formulas", "polarity")

#: name columns by (normalised) header words, the most specific first
_NAME_COLUMNS: tuple[tuple[str, str], ...] = (
    ("sasaranrpjmd", "rpjmd_sasaran"),
    ("visi", "visi"),
    ("misi", "misi"),
    ("tujuan", "tujuan"),
    ("indikator", "indicator"),
    ("satuan", "unit"),
    ("penanggungjawab", "responsible"),
    ("kegiatan", "name"),
    ("program", "name"),
    ("uraian", "name"),
    ("sasaran", "sasaran"),
)
_FORMULA_RE = re.compile(r"^\s*(\d+)\s*=\s*(.+)$")
_CODE_RE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_NUMBERED_RE = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+")
_TOTALS = frozenset({"jumlah", "total", "jumlahtotal", "totalkeseluruhan", "jumlahkeseluruhan"})
_FOOTER_WORDS = ("ratarata", "predikat", "faktorpendorong", "faktorpenghambat", "tindaklanjut")
_LEVEL_BY_CODE = {3: "programme", 5: "activity", 6: "sub_activity"}
_PREFIX = {"programme": ("prog", "pt"), "activity": ("keg", "at"), "sub_activity": ("sub", "st")}


def _cell_text(v: Any) -> str | None:
    return None if placeholder(v) else text(v)


def _number_row(values: tuple) -> dict[int, tuple[int, list[int], str]] | None:
    """A row of column numbers with formulas as text: group -> (group, its inputs, operator)."""
    found: dict[int, tuple[int, list[int], str]] = {}
    for v in values:
        m = _FORMULA_RE.match(str(v)) if isinstance(v, str) else None
        if m:
            rhs = m.group(2)
            op = "/" if "/" in rhs else "+"
            found[int(m.group(1))] = (
                int(m.group(1)),
                [int(x) for x in re.findall(r"\d+", rhs)],
                op,
            )
    return found if len(found) >= 2 else None


def _sub_kind_of(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip().casefold().replace(" ", "")
    if s in ("k", "kinerja"):
        return "K"
    if s in ("rp", "anggaran"):
        return "Rp"
    if s == "%":
        return "%"
    if s in ("k(%)", "k%"):
        return "K"
    if s in ("rp(%)", "rp%"):
        return "Rp"
    return None


def looks_like_renja(sheets: list[Sheet]) -> bool:
    """A row of column numbers with the E.81 formulas (``13 = 9 + 10 + 11 + 12``) near the top,
    or plain (1, 2, 3 ...) under a header naming the quarters or over a K / Rp row."""
    if not sheets:
        return False
    quarters = False  # a header above naming the quarters (Triwulan), for a plain number row
    plain = False  # the row above was a plain number row: a K / Rp row below tells it too
    for n, values in sheets[0].rows():
        if _number_row(values) or (quarters and _plain_numbers(values)):
            return True
        if plain and sum(_sub_kind_of(v) is not None for v in values) >= 4:
            return True
        plain = _plain_numbers(values) is not None
        quarters = quarters or any("triwulan" in norm(v) for v in values if isinstance(v, str))
        if n > HEAD_ROWS:
            break
    return False


def _plain_numbers(values: tuple) -> list[int] | None:
    """A row of column numbers without formulas: 1, 2, 3 ... (at least 13, for the groups up
    to 13), each once; cells merged over sub-columns are blank after the first."""
    found = [g for v in values if v is not None and (g := _group_number(v)) is not None]
    if len(found) < 13 or any(v is not None and _group_number(v) is None for v in values):
        return None
    return found if found == list(range(1, len(found) + 1)) else None


#: the meaning of a column group told by its header, the most specific first (normalised
#: words that must all be there); for a number row without formulas
_GROUP_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("achievement", ("capaian", "renstra", "tahunberjalan")),
    ("achievement", ("tingkatcapaian",)),
    ("quarter", ("triwulan",)),
    ("last_year", ("realisasi", "tahunlalu")),
    ("year", ("realisasi", "dievaluasi")),
    ("renstra_real", ("realisasi", "renstra", "tahunberjalan")),
    ("renstra", ("target", "akhirperiode")),
    ("renstra", ("target", "renstra")),
    ("target", ("target", "tahunberjalan")),
    ("target", ("target", "renja")),
)
#: the groups of form E.81 by their number (Permendagri 86/2017), when headers do not tell
_E81_GROUPS = {"renstra": 6, "last_year": 7, "target": 8, "year": 13, "renstra_real": 14,
               "achievement": 15}  # fmt: skip


def _groups_from_headers(numbers: list[Any], labels: dict[int, str]) -> dict[str, int]:
    """Each group's meaning from the header over its first column; the standard numbering of
    form E.81 where the headers do not tell them all."""
    groups: dict[str, int] = {}
    quarters: list[int] = []
    for i, v in enumerate(numbers):
        g = _group_number(v)
        if g is None or g in groups.values() or g in quarters:
            continue
        key = norm(labels.get(i, ""))
        meaning = next((m for m, words in _GROUP_WORDS if all(w in key for w in words)), None)
        if meaning == "quarter":
            quarters.append(g)
        elif meaning is not None and meaning not in groups:
            groups[meaning] = g
    if len(quarters) == 4 and len(groups) == len(_E81_GROUPS):
        return groups | {f"q{q}": g for q, g in enumerate(quarters, start=1)}
    return _E81_GROUPS | {f"q{q}": 8 + q for q in range(1, 5)}


@dataclass
class _Layout:
    header: list[int]
    numbers: int
    subheader: int | None
    names: dict[str, int]  # name column -> column index (0-based)
    #: (meaning, K or Rp or %) -> column index; meanings: renstra, last_year, target, q1..q4,
    #: year, renstra_real, achievement
    values: dict[tuple[str, str], int]
    groups: dict[str, int]  # meaning -> the table's column number
    period_end: int | None = None


def _spread(values: tuple, row: int, merged: list[tuple[int, int, int, int]]) -> list[Any]:
    """A row's values with each merged range's value in every column it covers."""
    out = list(values)
    for r1, c1, r2, c2 in merged:
        if r1 <= row <= r2:
            v = out[c1 - 1] if c1 - 1 < len(out) and r1 == row else None
            if r1 != row:
                continue
            for c in range(c1, min(c2, len(out)) + 1):
                out[c - 1] = v
    return out


def _layout(sheet: Sheet, head: list[tuple[int, tuple]]) -> _Layout:
    merged = sheet.merged or []
    numbers = next((n for n, v in head if _number_row(v)), None)
    if numbers is None:  # a number row without formulas: 1, 2, 3 ... under the header
        numbers = next((n for n, v in head if _plain_numbers(v)), None)
    if numbers is None:
        raise CascadeValidationError(
            [problem(sheet.name, None, None, _("no row of column numbers with their formulas "
                                              "(13 = 9 + 10 + 11 + 12) in the first rows"))]
        )  # fmt: skip
    by_row = dict(head)
    formulas = _number_row(by_row[numbers]) or {}
    nums = _spread(by_row[numbers], numbers, merged)
    # header rows: the non-blank rows just above the number row that name the indicator column
    first = next(
        (n for n, v in head if n < numbers and any("indikator" in norm(x) for x in v if x)), None
    )
    if first is None:
        raise CascadeValidationError(
            [problem(sheet.name, None, None, _("no header row naming the indicator column"))]
        )
    header = [n for n in range(first, numbers) if any(x is not None for x in by_row.get(n, ()))]
    subheader = next(
        (
            n
            for n in (numbers + 1, numbers - 1, numbers + 2)
            if sum(_sub_kind_of(x) is not None for x in by_row.get(n, ())) >= 4
        ),
        None,
    )
    labels: dict[int, str] = {}
    for n in header:
        for i, v in enumerate(_spread(by_row[n], n, merged)):
            if v is not None:
                labels[i] = labels.get(i, "") + " " + str(v)
    names: dict[str, int] = {}
    for i, label in sorted(labels.items()):
        key = norm(label)
        if key == "no" and "no" not in names:
            names["no"] = i
            continue
        for word, col in _NAME_COLUMNS:
            if word in key and col not in names:
                if col in ("sasaran", "tujuan", "visi", "misi") and len(key) > len(word) + 12:
                    continue  # a long header mentioning the word is a value group's
                names[col] = i
                break
    if "name" not in names or "indicator" not in names:
        raise CascadeValidationError(
            [problem(sheet.name, first, None, _("no column for the programme, kegiatan and sub "
                                              "kegiatan names, or none for the indicator"))]
        )  # fmt: skip
    # the meaning of each column group, from the number row's formulas (else the headers)
    quarters: list[int] = []
    groups: dict[str, int] = {} if formulas else _groups_from_headers(nums, labels)
    for g, inputs, op in formulas.values():
        if op == "+" and len(inputs) >= 4:
            groups["year"], quarters = g, inputs
    for g, inputs, op in formulas.values():
        if op == "+" and len(inputs) == 2 and groups.get("year") in inputs:
            groups["renstra_real"] = g
            groups["last_year"] = next(x for x in inputs if x != groups["year"])
        if op == "/" and len(inputs) >= 2:
            groups["achievement"], groups["renstra"] = g, inputs[1]
    for q, g in enumerate(quarters, start=1):
        groups[f"q{q}"] = g
    if quarters:
        groups["target"] = quarters[0] - 1
    missing = [m for m in ("year", "renstra_real", "achievement", "target") if m not in groups]
    if missing:
        raise CascadeValidationError(
            [problem(sheet.name, numbers, None, _("the row of column numbers lacks the "
                                                 "formulas 13 = 9 + 10 + 11 + 12, 14 = 7 + 13 "
                                                 "and 15 = 14 / 6 x 100"))]
        )  # fmt: skip
    meaning = {g: m for m, g in groups.items()}
    subs = list(by_row.get(subheader, ())) if subheader else []
    values: dict[tuple[str, str], int] = {}
    for i, v in enumerate(nums):
        g = _group_number(v)
        if g is None or g not in meaning:
            continue
        kind = _sub_kind_of(subs[i]) if i < len(subs) else None
        kind = kind or ("K" if (meaning[g], "K") not in values else "Rp")
        values.setdefault((meaning[g], kind), i)
    period_end = None
    renstra_col = values.get(("renstra", "K"))
    if renstra_col is not None:
        years = re.findall(r"(?:19|20)\d\d", labels.get(renstra_col, ""))
        period_end = int(years[-1]) if years else None
    return _Layout(header, numbers, subheader, names, values, groups, period_end)


def _group_number(v: Any) -> int | None:
    if isinstance(v, int | float) and not isinstance(v, bool) and float(v).is_integer():
        return int(v)
    m = _FORMULA_RE.match(v) if isinstance(v, str) else None
    if m:
        return int(m.group(1))
    if isinstance(v, str) and v.strip().isdigit():
        return int(v.strip())
    return None


def split_numbered(value: str) -> list[str]:
    """``1. Nilai LHE AKIP ... 2. Indeks Kepuasan ...`` -> its parts; a cell not numbered 1, 2,
    ... from its start is one part."""
    marks = list(_NUMBERED_RE.finditer(value))
    if len(marks) < 2 or marks[0].start() != 0 or value[: marks[0].end()].strip()[:1] != "1":
        return [value]
    if [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return [value]
    ends = [m.start() for m in marks[1:]] + [len(value)]
    return [value[m.end() : e].strip() for m, e in zip(marks, ends, strict=True)]


@dataclass
class _Element:
    level: str
    row: int
    number: str
    name: str
    code: str | None
    unit: dict[str, Any]
    target: dict[str, Any]
    inds: list[dict[str, Any]] = field(default_factory=list)
    #: the row's cells from the name column on (a repeated row is told by them)
    cells: tuple = ()


def _slug(s: str) -> str:
    """A short id part: the words of ``s`` that fit in 40 characters."""
    out = ""
    for word in re.sub(r"[^a-z0-9]+", " ", s.lower()).split():
        if out and len(out) + 1 + len(word) > 40:
            break
        out = f"{out}-{word}" if out else word[:40]
    return out or "x"


def _fonts(data: bytes, name_col: int) -> dict[int, tuple[bool, bool]]:
    """Row -> (bold, italic) of the name column's cell (the only style a level may hang on)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, keep_links=False)
    ws = book.worksheets[0]
    out = {}
    for n, (cell,) in enumerate(ws.iter_rows(min_col=name_col + 1, max_col=name_col + 1), start=1):
        font = getattr(cell, "font", None)
        if font is not None and getattr(cell, "value", None) is not None:
            out[n] = (bool(font.b), bool(font.i))
    book.close()
    return out


class _Reader:
    def __init__(self, data: bytes, source_name: str) -> None:
        self.source = source_name.rsplit("/", 1)[-1]
        self.sheet = workbook_sheets(data, source_name, merged=True)[0]
        self.rows = list(self.sheet.rows())
        self.layout = _layout(self.sheet, self.rows[: HEAD_ROWS + 10])
        self.fonts = _fonts(data, self.layout.names["name"])
        self.report = ImportReport(source=self.source)
        self.year: int | None = None
        self.agency: str | None = None
        self.problems: list = []
        self.told: set[tuple[int, tuple[str, str]]] = set()

    # ------------------------------------------------------------------ cells
    def cell(self, values: tuple, col: str) -> str | None:
        i = self.layout.names.get(col)
        return _cell_text(values[i]) if i is not None and i < len(values) else None

    def raw(self, values: tuple, key: tuple[str, str]) -> Any:
        i = self.layout.values.get(key)
        v = values[i] if i is not None and i < len(values) else None
        if isinstance(v, str) and (placeholder(v) or not v.strip()):
            return None
        return v

    def num(self, values: tuple, key: tuple[str, str], n: int, part: int = 0, parts: int = 1):
        """The cell as a number (``0,75`` and ``0.75`` alike; a numbered cell's ``part``);
        None when blank. A value that is no number is a problem naming the cell."""
        v = self.raw(values, key)
        if v is None:
            return None
        if isinstance(v, str):
            pieces = split_numbered(v)
            if len(pieces) > 1:
                v = pieces[part] if len(pieces) == parts else None
                if v is None:
                    return None
            elif part > 0:
                return None
            if v.strip() in EXCEL_ERRORS:
                if (n, key) not in self.told:
                    self.told.add((n, key))
                    self.problems.append(
                        problem(self.sheet.name, n, self.column_name(key),
                                _("an Excel error value (a broken formula)"))
                    )  # fmt: skip
                return None
        elif part > 0:
            return None
        try:
            return number(v)
        except ValueError:
            if (n, key) in self.told:  # the same cell read again (13, 14 and 15 read it too)
                return None
            self.told.add((n, key))
            self.problems.append(
                problem(self.sheet.name, n, self.column_name(key),
                        _("not a number: %(value)s") % {"value": repr(v)})
            )  # fmt: skip
            return None

    def column_name(self, key: tuple[str, str]) -> str:
        g = self.layout.groups.get(key[0])
        return f"{g} {key[1]}" if g is not None else key[0]

    def skip(self, n: int, reason: str) -> None:
        self.report.rows.append(
            RowReport(sheet=self.sheet.name, row=n, outcome="skipped", reason=reason)
        )

    # ------------------------------------------------------------------ reading
    def read(self) -> Read:
        lay = self.layout
        head_end = max(lay.numbers, lay.subheader or 0)
        for n, values in self.rows:
            if n > head_end:
                break
            if not any(v is not None for v in values):
                continue
            if n in lay.header:
                self.skip(n, _("header row"))
            elif n == lay.numbers:
                self.skip(n, _("row of column numbers"))
            elif n == lay.subheader:
                self.skip(n, _("K / Rp sub-header row"))
            else:
                line = " ".join(str(v) for v in values if v is not None)
                years = re.findall(r"\b(?:19|20)\d\d\b", line)
                if years and self.year is None:
                    self.year = int(years[-1])
                self.skip(n, _("title row"))
        if self.year is None:
            raise CascadeValidationError(
                [problem(self.sheet.name, None, None, _("no year in the title rows"))]
            )
        self.body([(n, v) for n, v in self.rows if n > head_end])
        return self.result()

    def body(self, rows: list[tuple[int, tuple]]) -> None:
        self.goals: dict[str, dict[str, Any]] = {}
        self.strategic: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, dict[str, Any]] = {}
        self.elements: list[_Element] = []
        upper = {"visi": None, "misi": None, "rpjmd_sasaran": None}
        tujuan = sasaran = None
        footer = False
        last: _Element | None = None
        counters = [0, 0, 0]
        for n, values in rows:
            if not any(v is not None and not (isinstance(v, str) and not v.strip())
                       for v in values):  # fmt: skip
                continue
            line = " ".join(str(v) for v in values if v is not None)
            name = self.cell(values, "name")
            first = _cell_text(next((v for v in values if v is not None), None)) or ""
            if footer:
                self.skip(n, _("footer (signature block)"))
                continue
            if norm(name) in _TOTALS or norm(first) in _TOTALS:
                self.skip(n, _("totals row"))
                footer = True
                continue
            if any(norm(first).startswith(w) for w in _FOOTER_WORDS):
                self.skip(n, _("footer (signature block)"))
                footer = True
                continue
            m = re.match(r"\s*perangkat\s+daerah\s*:\s*(.+)", line, re.I)
            if m:
                self.agency = " ".join(m.group(1).split())
                self.skip(n, _("agency row (Perangkat Daerah)"))
                continue
            for col in upper:
                upper[col] = self.cell(values, col) or upper[col]
            tujuan = self.cell(values, "tujuan") or tujuan
            new_sasaran = self.cell(values, "sasaran")
            if new_sasaran:
                sasaran = new_sasaran
            if name and self._urusan(name):
                self.skip(n, _("urusan or bidang urusan row (a budget total)"))
                continue
            indicator = self.cell(values, "indicator")
            entry = RowReport(sheet=self.sheet.name, row=n, outcome="refused")
            entry.missing = self._missing(values)
            self.report.rows.append(entry)
            again = self._repeated(values, name)
            if again is not None:  # an export's repeated row: the element it repeats
                entry.outcome, entry.element = "merged", again.target["id"]
                entry.reason = _("the same row again (row %(row)s)") % {"row": again.row}
                continue
            if not name:
                if indicator and last is not None:
                    self._indicators(last, values, n, indicator)
                    entry.outcome, entry.element = "merged", last.target["id"]
                    entry.reason = _("a further indicator of the row above")
                else:
                    entry.reason = _("no programme, kegiatan or sub kegiatan name in this row")
                continue
            level, how = self._level(name, n, last)
            entry.level, entry.level_inferred = level, how
            code, plain = self._code(name)
            odd = None
            if code is not None and not code_forms(code):  # not a nomenclature code's shape
                odd = _("code as written, not a nomenclature code: %(code)s") % {"code": code}
                code = None
            parent = self._parent(level)
            if level != "programme" and parent is None:
                entry.reason = _("a kegiatan or sub kegiatan before its programme or kegiatan")
                continue
            depth = ("programme", "activity", "sub_activity").index(level)
            counters[depth] += 1
            for d in range(depth + 1, 3):
                counters[d] = 0
            number_ = "-".join(str(c) for c in counters[: depth + 1])
            el = self._element(level, n, number_, plain, code, parent, values)
            el.cells = self._row_key(values)
            if odd:
                el.unit["note"] = odd
            if level == "programme":
                el.target["supports"] = self._upper(tujuan, sasaran, upper)
            if indicator:
                self._indicators(el, values, n, indicator)
            owner = self.cell(values, "responsible")
            if owner:
                oid = f"{self.slug}-{_slug(owner)}"
                self.owners.setdefault(oid, {"id": oid, "title": owner, "known_position": False})
                el.target["owners"] = [oid]
            self.elements.append(el)
            last = el
            entry.outcome, entry.element = "kept", el.target["id"]
            entry.reason = "; ".join(x for x in (how, odd) if x)

    def _row_key(self, values: tuple) -> tuple:
        """The row from its name column on (No, Visi ... Sasaran are filled once, above)."""
        start = self.layout.names["name"]
        return tuple(text(v) for v in values[start:])

    def _repeated(self, values: tuple, name: str | None) -> _Element | None:
        if not name:
            return None
        key = self._row_key(values)
        return next((el for el in self.elements if el.cells == key), None)

    def _missing(self, values: tuple) -> list[str]:
        """The columns whose cell is a placeholder (``NULL``, ``-``, ``#N/A``): read as
        missing, said in the report."""
        out = []
        for col, i in self.layout.names.items():
            if i < len(values) and placeholder(values[i]):
                out.append(col)
        for key, i in self.layout.values.items():
            if i < len(values) and placeholder(values[i]):
                out.append(self.column_name(key))
        return out

    @property
    def slug(self) -> str:
        return _slug(self.agency or self.source.rsplit(".", 1)[0])

    def _urusan(self, name: str) -> bool:
        m = _CODE_RE.match(name)
        rest = m.group(2) if m else name
        key = norm(rest)
        if key.startswith("urusan") or key.startswith("bidangurusan"):
            return True
        return bool(m) and m.group(1).count(".") < 2 and not key.startswith("program")

    def _code(self, name: str) -> tuple[str | None, str]:
        m = _CODE_RE.match(name)
        if m and m.group(1).count(".") + 1 in _LEVEL_BY_CODE:
            return m.group(1), m.group(2)
        return None, name

    def _level(self, name: str, n: int, last: _Element | None) -> tuple[str, str | None]:
        """The row's level and how it was told (None: by its nomenclature code)."""
        code, plain = self._code(name)
        if code is not None:
            return _LEVEL_BY_CODE[code.count(".") + 1], None
        if norm(plain).startswith("program"):
            return "programme", _("the name starts with 'Program'")
        bold, italic = self.fonts.get(n, (False, False))
        if italic:
            return "activity", _("italic type: a kegiatan")
        if bold:
            return "programme", _("bold type: a programme")
        if last is not None and last.level == "programme":
            return "activity", _("row order: the first row under a programme is a kegiatan")
        return "sub_activity", _("row order and plain type: a sub kegiatan")

    def _parent(self, level: str) -> _Element | None:
        want = {"activity": "programme", "sub_activity": "activity"}.get(level)
        for el in reversed(self.elements):
            if el.level == want:
                return el
            if level == "activity" and el.level == "programme":
                return el
        return None

    def _upper(self, tujuan: str | None, sasaran: str | None, upper: dict) -> list[dict]:
        """The programme's Sasaran (and its Tujuan): the cascade's upper levels."""
        goal = None
        if tujuan:
            goal = self.goals.get(tujuan)
            if goal is None:
                gid = f"tujuan-{self.slug}-{len(self.goals) + 1}"
                goal = self.goals[tujuan] = {
                    "id": gid, "name": tujuan, "owners": [], "indicators": [], "supports": [],
                }  # fmt: skip
                if upper.get("rpjmd_sasaran"):
                    goal["note"] = _("RPJMD Sasaran in the table: %(name)s") % {
                        "name": upper["rpjmd_sasaran"]
                    }
        if not sasaran:
            return []
        ss = self.strategic.get(sasaran)
        if ss is None:
            ss = self.strategic[sasaran] = {
                "id": f"ss-{self.slug}-{len(self.strategic) + 1}",
                "level": "strategic",
                "name": sasaran,
                "owners": [],
                "indicators": [],
                "supports": [{"to": goal["id"], "basis": "source_layout"}] if goal else [],
            }
        return [{"to": ss["id"], "basis": "source_layout"}]

    def _element(
        self, level: str, n: int, number_: str, name: str, code: str | None,
        parent: _Element | None, values: tuple,
    ) -> _Element:  # fmt: skip
        up, tp = _PREFIX[level]
        uid, tid = f"{up}-{self.slug}-{number_}", f"{tp}-{self.slug}-{number_}"
        unit: dict[str, Any] = {"id": uid, "code": code, "name": name,
                                "delivers": [{"to": tid, "basis": "source_layout"}]}  # fmt: skip
        if level != "programme":
            unit["part_of"] = {"to": parent.unit["id"], "basis": "source_layout"}
        target: dict[str, Any] = {"id": tid, "level": level, "name": name, "owners": [],
                                  "indicators": [], "supports": []}  # fmt: skip
        if parent is not None:
            target["supports"] = [{"to": parent.target["id"], "basis": "source_layout"}]
        budget = []
        pagu = self.num(values, ("target", "Rp"), n)
        if pagu is not None:
            budget.append({"year": self.year, "pagu": pagu})
        for q in range(1, 5):
            rp = self.num(values, (f"q{q}", "Rp"), n)
            if rp is not None:
                budget.append({"year": self.year, "quarter": q, "realisation": rp})
        unit["budget"] = budget
        el = _Element(level, n, number_, name, code, unit, target)
        self._check(values, n, "Rp", 0, 1)
        return el

    def _indicators(self, el: _Element, values: tuple, n: int, cell: str) -> None:
        names = split_numbered(cell)
        units = split_numbered(self.cell(values, "unit") or "")
        for k, name in enumerate(names):
            parts = len(names)
            ind: dict[str, Any] = {
                "id": f"ind-{self.slug}-{el.number}-{len(el.inds) + 1}",
                "name": name, "raw": name if parts == 1 else cell, "formula": None,
                "formula_raw": None, "formula_truncated": False, "polarity": None, "tags": [],
            }  # fmt: skip
            unit = units[k] if len(units) == parts else (units[0] if len(units) == 1 else None)
            if unit:
                ind["unit"] = unit
            end = self.num(values, ("renstra", "K"), n, k, parts)
            if end is not None:
                ind["target_value"] = end
            target = self.num(values, ("target", "K"), n, k, parts)
            if target is not None:
                ind["targets"] = [{"year": self.year, "value": target}]
            real = []
            for q in range(1, 5):
                v = self.num(values, (f"q{q}", "K"), n, k, parts)
                if v is not None:
                    real.append({"year": self.year, "quarter": q, "value": v})
            ind["realisation"] = real
            el.inds.append(ind)
            el.target["indicators"].append(ind)
            self._check(values, n, "K", k, parts)

    # ------------------------------------------------------------------ 13, 14, 15
    def _check(self, values: tuple, n: int, kind: str, part: int, parts: int) -> None:
        """The table's columns 13, 14 and 15 against what pokin computes from their inputs."""

        def get(meaning: str) -> float | None:
            return self.num(values, (meaning, kind), n, part, parts)

        quarters = [get(f"q{q}") for q in range(1, 5)]
        year, real, ach = get("year"), get("renstra_real"), get("achievement")
        if all(q is None for q in quarters) and year is None:
            return
        g = self.layout.groups
        computed_year = sum(q for q in quarters if q is not None)
        self._compare(n, f"{g['year']} {kind}", year, computed_year, 1e-6)
        if real is not None:
            last = get("last_year") or 0.0
            self._compare(n, f"{g['renstra_real']} {kind}", real, last + (year or 0.0), 1e-6)
            end = get("renstra")
            # column 15 as the table defines it (14 / 6 x 100), by pokin's one capaian engine
            cap = compute(end, real, Method(polarity="positive"))
            if ach is not None and cap.value is not None:
                column = f"{g['achievement']} {kind}"
                self._compare(n, column, ach, cap.value, 0.005, cap.formula)

    def _compare(
        self, n: int, column: str, table: float | None, ours: float, tol: float,
        formula: str | None = None,
    ) -> None:  # fmt: skip
        if table is None:
            return
        if abs(table - ours) <= max(tol, abs(ours) * 1e-9) + 0.005:
            return
        self.report.findings.append(
            Finding(
                sheet=self.sheet.name, row=n, column=column, table=table, computed=ours,
                message=_("column %(column)s: the table says %(table)s, pokin computes "
                          "%(computed)s from its inputs")
                % {"column": column, "table": f"{table:g}", "computed": f"{round(ours, 4):g}"}
                + (f" ({formula})" if formula else ""),
            )
        )  # fmt: skip

    # ------------------------------------------------------------------ the cascade
    def result(self) -> Read:
        if self.problems:
            raise CascadeValidationError(self.problems)
        agency = self.agency or self.source
        year = self.year
        end = self.layout.period_end or year
        end = max(end, year)
        start = min(end - 4, year)
        goals = list(self.goals.values())
        lacks = list(LACKS) + ([] if self.owners else ["owners"])
        if not goals:
            lacks.append("goals")
            note = _("placeholder: the Renja evaluation table names no Tujuan")
            goals = [{"id": f"tujuan-{self.slug}", "name": _("(no Tujuan in the table)"),
                      "owners": [], "indicators": [], "note": note}]  # fmt: skip
        units: dict[str, list] = {"programme": [], "activity": [], "sub_activity": []}
        for el in self.elements:
            units[el.level].append(el.unit)
        data = {
            "cascade": {
                "id": f"renja-{self.slug}-{year}",
                "agency": agency,
                "title": f"Evaluasi Renja {agency} {year}",
                "period": {"start": start, "end": end},
                "source": self.source,
                "lacks": lacks,
            },
            "owners": list(self.owners.values()),
            "goals": goals,
            "targets": list(self.strategic.values()) + [el.target for el in self.elements],
            "programmes": units["programme"],
            "activities": units["activity"],
            "sub_activities": units["sub_activity"],
        }
        cascade = parse_cascade(data, self.source)
        for r in self.report.rows:
            if r.outcome in ("kept", "merged"):
                r.cascade = cascade.cascade.id
        return Read.of([cascade], self.report)


def read_renja(data: bytes, source_name: str) -> Read:
    """The cascade of one Renja evaluation table, with the import report of every row."""
    if data[:2] != b"PK":
        raise CascadeValidationError.of_file(
            source_name, _("a Renja evaluation table is read from an .xlsx workbook")
        )
    return _Reader(data, source_name).read()


# --------------------------------------------------------------------------- into a loaded cascade

_UNITS = (
    ("programme", "programmes"),
    ("activity", "activities"),
    ("sub_activity", "sub_activities"),
)


def _name_key(name: str) -> str:
    """A name as compared across files: its code dropped, case, spacing and punctuation too."""
    m = _CODE_RE.match(name)
    return norm(m.group(2) if m and m.group(1).count(".") >= 2 else name)


def match_into(table: Any, report: ImportReport, stored: Any) -> Any:
    """``stored`` (a loaded cascade) with the table's targets, realisation and budget on the
    elements they match: a unit by its nomenclature code, else by its normalised name at the
    same level; an indicator of the matched result by its normalised name, else the only one.
    The structure stays the stored one; every element row says how it matched (``matched``:
    ``code``, ``name`` or ``none``); a row that matched nothing is refused, its measurement
    not written."""
    own = {u.id: (level, u) for level, attr in _UNITS for u in getattr(table, attr)}
    targets = {t.id: t for t in table.targets}
    by_code: dict[tuple[str, str], Any] = {}
    by_name: dict[tuple[str, str], list[Any]] = {}
    for level, attr in _UNITS:
        for u in getattr(stored, attr):
            if u.code:
                by_code[(level, u.code)] = u
            by_name.setdefault((level, _name_key(u.name)), []).append(u)
    stored_targets = {t.id: t for t in stored.targets}
    unit_updates: dict[str, list] = {}
    indicator_updates: dict[str, dict[str, Any]] = {}
    for row in report.rows:
        if row.outcome != "kept" or row.element not in targets:
            continue
        result = targets[row.element]
        unit_id = next(uid for uid, (_, u) in own.items() if u.delivers[0].to == result.id)
        level, unit = own[unit_id]
        hit = by_code.get((level, unit.code)) if unit.code else None
        how = "code" if hit is not None else None
        if hit is None:
            named = by_name.get((level, _name_key(unit.name)), [])
            hit, how = (named[0], "name") if len(named) == 1 else (None, None)
        if hit is None:
            row.matched, row.outcome, row.element, row.cascade = "none", "refused", None, None
            row.reason = _("no element of %(cascade)s with this code or name: not written") % {
                "cascade": stored.cascade.id
            }
            continue
        row.matched, row.element, row.cascade = how, hit.id, stored.cascade.id
        unit_updates[hit.id] = list(unit.budget)
        results = [stored_targets[d.to] for d in hit.delivers if d.to in stored_targets]
        stored_inds = [i for t in results for i in t.indicators]
        for ind in result.indicators:
            same = [i for i in stored_inds if norm(i.name) == norm(ind.name)]
            if not same and len(stored_inds) == 1 and len(result.indicators) == 1:
                same = stored_inds
            if not same:
                report.notes.append(
                    _("row %(row)s: no indicator %(name)s on %(element)s: not written")
                    % {"row": row.row, "name": ind.name, "element": hit.id}
                )
                continue
            indicator_updates[same[0].id] = {"targets": ind.targets, "realisation": ind.realisation}
    years = {t.year for i in indicator_updates.values() for t in i["targets"]}

    def merged(old: list, new: list) -> list:
        """The stored list without the table's year, then the table's entries."""
        return [x for x in old if x.year not in years] + list(new) if new else list(old)

    def unit_copy(u: Any) -> Any:
        if u.id not in unit_updates:
            return u
        return u.model_copy(update={"budget": merged(u.budget, unit_updates[u.id])})

    def target_copy(t: Any) -> Any:
        inds = [
            i.model_copy(
                update={
                    "targets": merged(i.targets, indicator_updates[i.id]["targets"]),
                    "realisation": merged(i.realisation, indicator_updates[i.id]["realisation"]),
                }
            )
            if i.id in indicator_updates
            else i
            for i in t.indicators
        ]
        return t.model_copy(update={"indicators": inds})

    update = {attr: [unit_copy(u) for u in getattr(stored, attr)] for _, attr in _UNITS}
    update["targets"] = [target_copy(t) for t in stored.targets]
    out = stored.model_copy(update=update)
    # validated as a whole again (years inside the period, no year given twice)
    return parse_cascade(out.model_dump(mode="json", exclude_defaults=True), report.source)
