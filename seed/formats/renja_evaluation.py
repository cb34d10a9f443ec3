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
_RANGE_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[–-]\s*(\d+(?:[.,]\d+)?)\s*$")
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

    def target_text(self, values: tuple, n: int, parts: int) -> dict[str, Any] | None:
        """This year's target as a range (``80–90``) or a qualitative text without digits
        (``WTP``), as pokin writes them; None for a number (or anything else)."""
        v = self.raw(values, ("target", "K"))
        if parts != 1 or not isinstance(v, str):
            return None
        m = _RANGE_RE.match(v)
        if m:
            low, high = (number(x) for x in m.groups())
            return {"low": low, "high": high} if low <= high else None
        return {"text": v.strip()} if not re.search(r"\d", v) else None

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
            given = self.target_text(values, n, parts)
            target = None if given else self.num(values, ("target", "K"), n, k, parts)
            if given:
                ind["targets"] = [{"year": self.year, **given}]
            elif target is not None:
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


# --------------------------------------------------------------------------- writing: one layout
#
# The layout pokin writes (its documents) and the fictional generator writes (with its quirks):
# the official form's texts stay Indonesian in every locale, as the regulation prints them (and
# as the reader above finds its columns by them).

#: (number of the column group, its sub-columns), from the first value column on; 13's "%" is
#: the year's capaian (13 K against 8 K), by pokin's capaian engine
GROUPS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (6, ("K", "Rp")),
    (7, ("K", "Rp")),
    (8, ("K", "Rp")),
    (9, ("K", "%", "Rp")),
    (10, ("K", "%", "Rp")),
    (11, ("K", "%", "Rp")),
    (12, ("K", "%", "Rp")),
    (13, ("K", "%", "Rp")),
    (14, ("K", "Rp")),
    (15, ("K (%)", "Rp (%)")),
)
NAME_COLUMNS = (
    "No",
    "Visi",
    "Misi",
    "Sasaran RPJMD",
    "Tujuan",
    "Sasaran",
    "Program / Kegiatan / Sub Kegiatan",
    "Indikator Kinerja Program (Outcome) / Kegiatan (Output)",
    "Satuan",
)
NUMBER_TEXT = {13: "13 = 9 + 10 + 11 + 12", 14: "14 = 7 + 13", 15: "15 = 14 / 6 x 100"}
UNIT_COLUMN = "Unit Perangkat Daerah Penanggung Jawab"
TITLE = "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN"


def group_headers(period_end: int) -> dict[int, str]:
    """The merged headers of the value groups (6, 7, 8, 13, 14, 15; 9-12 share one)."""
    return {
        6: f"Target Kinerja dan Anggaran Renstra Perangkat Daerah pada Tahun {period_end} "
        "(Akhir Periode Renstra)",
        7: "Realisasi Capaian Kinerja dan Anggaran Renstra Perangkat Daerah s.d. Renja Tahun Lalu",
        8: "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan",
        13: "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi",
        14: "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s.d. Tahun Berjalan",
        15: "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra s.d. Tahun Berjalan (%)",
    }


def column_letter(c: int) -> str:
    """Column ``c`` (1-based) as a spreadsheet's letters."""
    out = ""
    while c:
        c, rest = divmod(c - 1, 26)
        out = chr(65 + rest) + out
    return out


def ref(r: int, c: int) -> str:
    return f"{column_letter(c)}{r}"


@dataclass
class _Cell:
    value: Any
    style: str | None = None
    formula: str | None = None


class LayoutBook:
    """One sheet's cells (1-based rows and columns), merges and styles, buffered, then written
    by XlsxWriter: a formula keeps its cached value (what a spreadsheet program saves, and
    what readers without a calculation engine see), and a text is always written as a string,
    so a name starting with ``=`` never becomes a formula."""

    STYLES: dict[str, dict[str, Any]] = {
        "title": {"bold": True},
        "head": {"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center",
                 "border": 1},
        "numbers": {"align": "center", "border": 1, "italic": True, "font_size": 8},
        "bold": {"bold": True, "text_wrap": True, "valign": "top", "border": 1},
        "italic": {"italic": True, "text_wrap": True, "valign": "top", "border": 1},
        "plain": {"text_wrap": True, "valign": "top", "border": 1},
        "value": {"valign": "top", "border": 1, "num_format": "#,##0.##"},
        "bold_value": {"bold": True, "valign": "top", "border": 1, "num_format": "#,##0.##"},
        "footer": {},
        "footer_bold": {"bold": True},
    }  # fmt: skip

    def __init__(self, sheet: str = "Evaluasi Renja") -> None:
        self.sheet = sheet
        self.cells: dict[tuple[int, int], _Cell] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.widths: dict[int, float] = {}
        self.repeat: tuple[int, int] | None = None

    def put(self, r: int, c: int, value: Any, style: str | None = None) -> None:
        """A value: a number, a text (never a formula) or None (a blank cell, styled)."""
        self.cells[(r, c)] = _Cell(value, style)

    def formula(self, r: int, c: int, formula: str, cached: Any, style: str | None = None) -> None:
        """A formula (without its ``=``) and the value it computes, as pokin computed it."""
        self.cells[(r, c)] = _Cell(cached, style, formula)

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        self.merges.append((r1, c1, r2, c2))

    def value(self, r: int, c: int) -> Any:
        cell = self.cells.get((r, c))
        return None if cell is None else cell.value

    def to_bytes(self) -> bytes:
        import xlsxwriter

        buf = io.BytesIO()
        book = xlsxwriter.Workbook(
            buf,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
             "strings_to_numbers": False},
        )  # fmt: skip
        formats = {name: book.add_format(props) for name, props in self.STYLES.items()}
        ws = book.add_worksheet(self.sheet)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        if self.repeat:
            ws.repeat_rows(self.repeat[0] - 1, self.repeat[1] - 1)
        for c, w in self.widths.items():
            ws.set_column(c - 1, c - 1, w)

        def write(r: int, c: int, cell: _Cell) -> None:
            fmt = formats.get(cell.style) if cell.style else None
            v = cell.value
            if cell.formula is not None:
                ws.write_formula(r - 1, c - 1, "=" + cell.formula, fmt, "" if v is None else v)
            elif v is None:
                ws.write_blank(r - 1, c - 1, None, fmt)
            elif isinstance(v, bool):
                ws.write_boolean(r - 1, c - 1, v, fmt)
            elif isinstance(v, int | float):
                ws.write_number(r - 1, c - 1, v, fmt)
            else:
                ws.write_string(r - 1, c - 1, str(v), fmt)

        covered: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in self.merges:
            first = self.cells.get((r1, c1), _Cell(None))
            fmt = formats.get(first.style) if first.style else None
            v = first.value
            ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "", fmt)
            if v is not None:
                write(r1, c1, first)
            covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for (r, c), cell in sorted(self.cells.items()):
            if (r, c) not in covered:
                write(r, c, cell)
        book.close()
        return buf.getvalue()


@dataclass
class Columns:
    """Where the layout's columns are: the first column of each value group, the responsible
    unit's column, the sheet's width and the first row after the sub-headers."""

    starts: dict[int, int]
    unit: int
    width: int
    first_row: int

    def at(self, group: int, sub: str) -> int:
        subs = dict(GROUPS)[group]
        wanted = next(i for i, s in enumerate(subs) if s.split(" ")[0] == sub)
        return self.starts[group] + wanted


def write_head(book: LayoutBook, titles: list[str], period_end: int, top: int = 1) -> Columns:
    """The title rows, the two merged header rows, the row of column numbers (its formulas as
    text) and the K / Rp / % sub-headers, from row ``top``; the header rows repeat on every
    printed page."""
    width = len(NAME_COLUMNS) + sum(len(s) for _, s in GROUPS) + 1
    for i, t in enumerate(titles):
        book.put(top + i, 1, t, "title")
        book.merge(top + i, 1, top + i, width)
    h1 = top + len(titles) + 1
    h2, nums, sub = h1 + 1, h1 + 2, h1 + 3
    for c, name in enumerate(NAME_COLUMNS, start=1):
        book.put(h1, c, name, "head")
        book.merge(h1, c, h2, c)
        book.put(sub, c, None, "head")
    for c, n in {1: 1, 6: 2, 7: 3, 8: 4, 9: 5}.items():
        book.put(nums, c, n, "numbers")
    for c in (2, 3, 4, 5):
        book.put(nums, c, None, "numbers")
    headers = group_headers(period_end)
    c = len(NAME_COLUMNS) + 1
    starts: dict[int, int] = {}
    for n, subs in GROUPS:
        starts[n] = c
        end = c + len(subs) - 1
        if n in headers:
            book.put(h1, c, headers[n], "head")
            book.merge(h1, c, h2, end)
        else:
            book.put(h2, c, ("I", "II", "III", "IV")[n - 9], "head")
            if end > c:
                book.merge(h2, c, h2, end)
        book.put(nums, c, NUMBER_TEXT.get(n, n), "numbers")
        if end > c:
            book.merge(nums, c, nums, end)
        for i, s in enumerate(subs):
            book.put(sub, c + i, s, "head")
        c = end + 1
    book.put(h1, starts[9], "Realisasi Kinerja dan Anggaran Renja Perangkat Daerah pada Triwulan",
             "head")  # fmt: skip
    book.merge(h1, starts[9], h1, starts[13] - 1)
    book.put(h1, c, UNIT_COLUMN, "head")
    book.merge(h1, c, h2, c)
    book.put(nums, c, 16, "numbers")
    book.put(sub, c, None, "head")
    book.repeat = (h1, sub)
    book.widths = {1: 5, 2: 14, 3: 14, 4: 16, 5: 20, 6: 20, 7: 34, 8: 34, 9: 10}
    for col in range(len(NAME_COLUMNS) + 1, c):
        book.widths[col] = 9
    for n in (6, 7, 8, 13, 14):
        book.widths[starts[n] + len(dict(GROUPS)[n]) - 1] = 15  # the Rp columns
    for n in range(9, 13):
        book.widths[starts[n] + 2] = 14
    book.widths[c] = 22
    return Columns(starts, c, width, sub + 1)


def write_footer(book: LayoutBook, r: int, signatures: Any, sign_column: int) -> int:
    """The user's footer lines, then the place and date, the signatory's position, a space to
    sign, the name, rank and NIP: each only as given (a blank stays blank), never invented.
    Returns the last row written."""
    for line in signatures.footer:
        r += 1
        book.put(r, 1, line, "footer")
    who = signatures.signatory
    place_date = ", ".join(x for x in (signatures.place, signatures.date) if x)
    block = [(place_date, "footer"), (who.position, "footer_bold"), (None, None),
             (None, None), (None, None), (who.name, "footer_bold"), (who.rank, "footer"),
             (f"NIP. {who.nip}" if who.nip else "", "footer")]  # fmt: skip
    r += 1
    for text_, style in block:
        r += 1
        if text_:
            book.put(r, sign_column, text_, style)
    return r


def _quarter_formula(how: str, cells: list[str]) -> str:
    """Column 13 K from the quarters, as the indicator aggregates them (pokin's number)."""
    joined = ",".join(cells)
    if how == "cumulative":
        return f"SUM({joined})"
    if how == "average":
        return f"AVERAGE({joined})"
    if how == "maximum":
        return f"MAX({joined})"
    out = cells[0]
    for c in cells[1:]:
        out = f'IF({c}<>"",{c},{out})'
    return out


def _capaian_formula(method: Method, target: Any, r: str, t: str) -> str | None:
    """The year's capaian as a formula of the realisation cell ``r`` and the target cell ``t``
    (a range's ends written in), as ``pokin.core.capaian`` computes it; None for a text."""
    polarity = method.polarity or "positive"

    def single(tt: str, pol: str, negative: str | None) -> str:
        if pol == "negative":
            return f"{tt}/{r}*100" if negative == "t_over_r" else f"(2*{tt}-{r})/{tt}*100"
        if pol == "stabilise":
            return f"IF({r}>{tt},(2*{tt}-{r})/{tt}*100,{r}/{tt}*100)"
        return f"{r}/{tt}*100"

    if target.value is not None:
        expr = single(t, polarity, method.negative_formula)
    elif target.low is not None:
        lo, hi = f"{target.low:.15g}", f"{target.high:.15g}"
        neg = method.negative_formula if polarity == "negative" else None
        below = f"{r}/{lo}*100" if polarity != "negative" else "100"
        above = "100" if polarity == "positive" else single(hi, "negative", neg)
        expr = f"IF(AND({r}>={lo},{r}<={hi}),100,IF({r}>{hi},{above},{below}))"
    else:
        return None
    return f"MIN({method.cap:.15g},{expr})" if method.cap is not None else expr


def _predikat_formula(cell: str, thresholds: tuple[float, ...]) -> str:
    names = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah")
    out = '"Sangat Rendah"'
    for bound, name in reversed(list(zip(thresholds, names, strict=True))):
        out = f'IF({cell}>={bound:g},"{name}",{out})'
    return out


PREDIKAT = {"very_high": "Sangat Tinggi", "high": "Tinggi", "medium": "Sedang",
            "low": "Rendah", "very_low": "Sangat Rendah"}  # fmt: skip


@dataclass
class WrittenRow:
    """One row of a written table, for the PDF and the tests: the element (or None on a
    further indicator's row), the cells by (group, sub-column)."""

    row: int
    level: str | None
    name: str | None
    indicator: str | None
    unit: str | None
    tujuan: str | None
    sasaran: str | None
    responsible: str | None
    cells: dict[tuple[int, str], Any]


@dataclass
class WrittenTable:
    """A written Renja evaluation table: the workbook and what it shows (the PDF draws the
    same rows)."""

    data: bytes
    titles: list[str]
    agency: str
    period_end: int
    rows: list[WrittenRow]
    totals: dict[tuple[int, str], Any]
    average: float | None
    predikat: str | None
    #: (sheet row, column) -> pokin's capaian of the indicator on that row
    capaian: dict[tuple[int, int], float] = field(default_factory=dict)


def _units_in_order(cascade: Any) -> list[tuple[str, Any]]:
    """Programmes, each followed by its kegiatan, each by its sub kegiatan (the table's order);
    units whose parent is missing come last, in the file's order."""
    out: list[tuple[str, Any]] = []
    placed: set[str] = set()
    children: dict[str, list[tuple[str, Any]]] = {}
    for level, attr in (("activity", "activities"), ("sub_activity", "sub_activities")):
        for u in getattr(cascade, attr):
            if u.part_of is not None:
                children.setdefault(u.part_of.to, []).append((level, u))

    def walk(level: str, u: Any) -> None:
        if u.id in placed:
            return
        placed.add(u.id)
        out.append((level, u))
        for child in children.get(u.id, []):
            walk(*child)

    for p in cascade.programmes:
        walk("programme", p)
    for level, attr in _UNITS:
        for u in getattr(cascade, attr):
            walk(level, u)
    return out


def _budget_of(unit: Any, year: int) -> tuple[float | None, dict[int, float], float | None]:
    """A unit's pagu of ``year``, its spending per quarter, and what it spent before ``year``."""
    pagu, quarters, before = None, {}, None
    for b in unit.budget:
        if b.year == year:
            if b.pagu is not None:
                pagu = b.pagu
            if b.realisation is not None and b.quarter is not None:
                quarters[b.quarter] = b.realisation
        elif b.year < year and b.realisation is not None:
            before = (before or 0.0) + b.realisation
    return pagu, quarters, before


def write_renja(
    cascade: Any,
    year: int,
    signatures: Any = None,
    *,
    thresholds: tuple[float, ...] | None = None,
) -> WrittenTable:
    """The Renja evaluation table of ``cascade`` (a validated ``Cascade`` with measurement)
    for ``year``, in the official layout, as xlsx bytes: every computed cell (quarters' %, 13,
    14, 15, the year's capaian, the totals, the average and its predikat) a formula whose
    cached value is pokin's number; the footer and the signature block only as the user gave
    them (``signatures``, a ``pokin.seed.signatures.Signatures``)."""
    from pokin.core.capaian import DEFAULT_THRESHOLDS, capaian_of_year, category
    from pokin.seed.signatures import Signatures

    signatures = signatures or Signatures()
    thresholds = tuple(thresholds or DEFAULT_THRESHOLDS)
    meta = cascade.cascade
    period_end = meta.period.end
    region = (meta.region_name or "").upper()
    titles = [TITLE] + ([f"PEMERINTAH {region}"] if region else [])
    titles.append(f"PERIODE PELAKSANAAN TAHUN {year}")
    book = LayoutBook()
    cols = write_head(book, [*signatures.letterhead, *titles], period_end)
    at = cols.at
    r = cols.first_row
    book.put(r, 1, f"Perangkat Daerah : {meta.agency}", "bold")
    book.merge(r, 1, r, len(NAME_COLUMNS))
    targets = {t.id: t for t in cascade.targets}
    goals = {g.id: g for g in cascade.all_goals}
    owners = {o.id: o.title for o in cascade.owners}
    rows: list[WrittenRow] = []
    programme_rows: list[int] = []
    capaian_cells: dict[tuple[int, int], float] = {}
    seen_tujuan: set[str] = set()
    seen_sasaran: set[str] = set()
    number_ = 0
    for level, unit in _units_in_order(cascade):
        results = [targets[d.to] for d in unit.delivers if d.to in targets]
        indicators = [i for t in results for i in t.indicators] or [None]
        tujuan = sasaran = None
        if level == "programme":
            for t in results:
                for link in t.supports:
                    up = targets.get(link.to)
                    if up is not None and up.level == "strategic":
                        sasaran = sasaran or up.name
                        goal_ids = [x.to for x in up.supports if x.to in goals]
                        tujuan = tujuan or (goals[goal_ids[0]].name if goal_ids else None)
                    elif link.to in goals:
                        tujuan = tujuan or goals[link.to].name
        responsible = "; ".join(owners[o] for t in results for o in t.owners if o in owners)
        pagu, spent, before = _budget_of(unit, year)
        number_ += 1
        name = f"{unit.code} {unit.name}" if unit.code else unit.name
        style = {"programme": "bold", "activity": "italic"}.get(level, "plain")
        for k, ind in enumerate(indicators):
            r += 1
            first = k == 0
            cells: dict[tuple[int, str], Any] = {}
            for c in range(1, cols.unit + 1):
                book.put(r, c, None, "value" if c > len(NAME_COLUMNS) else "plain")
            if first:
                book.put(r, 1, number_, "plain")
                book.put(r, 7, name, style)
                if tujuan and tujuan not in seen_tujuan:
                    seen_tujuan.add(tujuan)
                    book.put(r, 5, tujuan, "plain")
                if sasaran and sasaran not in seen_sasaran:
                    seen_sasaran.add(sasaran)
                    book.put(r, 6, sasaran, "plain")
                if responsible:
                    book.put(r, cols.unit, responsible, "plain")
                if level == "programme":
                    programme_rows.append(r)
            vstyle = "bold_value" if level == "programme" and first else "value"

            def put(g: int, sub: str, v: Any, _r: int = r, _s: str = vstyle, _c=cells) -> None:
                if v is not None:
                    book.put(_r, at(g, sub), v, _s)
                    _c[(g, sub)] = v

            def formula(g: int, sub: str, f: str, v: Any, _r=r, _s=vstyle, _c=cells) -> None:
                book.formula(_r, at(g, sub), f, v, _s)
                _c[(g, sub)] = v

            if ind is not None:
                book.put(r, 8, ind.name, "plain")
                if ind.unit:
                    book.put(r, 9, ind.unit, "plain")
                by_year = ind.targets_by_year(period_end)
                end = by_year.get(period_end)
                this = by_year.get(year)
                put(6, "K", _target_cell(end))
                put(8, "K", _target_cell(this))
                method = Method.of(ind)
                last = capaian_of_year(ind, year - 1, period_end=period_end)
                put(7, "K", last.realisation)
                quarters = {x.quarter: x.value for x in ind.realisation
                            if x.year == year and x.quarter and x.value is not None}  # fmt: skip
                years = [x.value for x in ind.realisation if x.year == year and x.quarter is None]
                year_value = next((v for v in years if v is not None), None)
                t_cell = ref(r, at(8, "K"))
                for q, v in quarters.items():
                    put(8 + q, "K", v)
                    if this is not None and this.value:
                        formula(8 + q, "%", f"{ref(r, at(8 + q, 'K'))}/{t_cell}*100",
                                v / this.value * 100)  # fmt: skip
                # 13 = 9 + 10 + 11 + 12 as the form defines it; the capaian takes the year's
                # realisation as the indicator aggregates its quarters (pokin's number)
                real_cell = ref(r, at(13, "K"))
                if year_value is not None:
                    put(13, "K", year_value)
                elif quarters:
                    qcells = [ref(r, at(9 + q, "K")) for q in range(4)]
                    formula(13, "K", f"SUM({','.join(qcells)})", sum(quarters.values()))
                    how = method.how_to_aggregate
                    if how != "cumulative":
                        real_cell = f"({_quarter_formula(how, qcells)})"
                cap = capaian_of_year(ind, year, period_end=period_end, thresholds=thresholds)
                f = _capaian_formula(method, this_target(this), real_cell, t_cell) if (
                    this is not None) else None  # fmt: skip
                if cap.value is not None and f is not None:
                    formula(13, "%", f, cap.value)
                    capaian_cells[(r, at(13, "%"))] = cap.value
                if (13, "K") in cells:
                    total = (cells.get((7, "K")) or 0.0) + cells[(13, "K")]
                    formula(14, "K", f"N({ref(r, at(7, 'K'))})+{ref(r, at(13, 'K'))}", total)
                    if isinstance(cells.get((6, "K")), int | float) and cells[(6, "K")]:
                        formula(15, "K", f"{ref(r, at(14, 'K'))}/{ref(r, at(6, 'K'))}*100",
                                total / cells[(6, "K")] * 100)  # fmt: skip
            if first:
                put(8, "Rp", pagu)
                put(7, "Rp", before)
                for q, v in spent.items():
                    put(8 + q, "Rp", v)
                if spent:
                    qcells = [ref(r, at(9 + q, "Rp")) for q in range(4)]
                    formula(13, "Rp", f"SUM({','.join(qcells)})", sum(spent.values()))
                    total_rp = (before or 0.0) + sum(spent.values())
                    formula(14, "Rp", f"N({ref(r, at(7, 'Rp'))})+{ref(r, at(13, 'Rp'))}",
                            total_rp)  # fmt: skip
            rows.append(WrittenRow(
                row=r, level=level if first else None, name=name if first else None,
                indicator=ind.name if ind is not None else None,
                unit=ind.unit if ind is not None else None,
                tujuan=tujuan if first else None, sasaran=sasaran if first else None,
                responsible=responsible if first else None, cells=cells,
            ))  # fmt: skip
    # totals: the programmes' budget (a kegiatan's is part of its programme's)
    r += 1
    book.put(r, 7, "JUMLAH", "bold")
    totals: dict[tuple[int, str], Any] = {}
    for g in (7, 8, 9, 10, 11, 12, 13, 14):
        c = at(g, "Rp")
        given = [x for x in programme_rows if isinstance(book.value(x, c), int | float)]
        if given:
            total = sum(book.value(x, c) for x in given)
            book.formula(r, c, "SUM(" + ",".join(ref(x, c) for x in given) + ")", total,
                         "bold_value")  # fmt: skip
            totals[(g, "Rp")] = total
    # the average capaian and its predikat
    first_row, last_row = cols.first_row + 1, r - 1
    values = list(capaian_cells.values())
    average = sum(values) / len(values) if values else None
    predikat = PREDIKAT[category(average, thresholds)] if average is not None else None
    r += 2
    book.put(r, 1, "Rata-rata capaian kinerja (%)", "footer_bold")
    cap_col = column_letter(at(13, "%"))
    if average is not None:
        book.formula(r, 9, f"AVERAGE({cap_col}{first_row}:{cap_col}{last_row})", average,
                     "bold_value")  # fmt: skip
    avg_row = r
    r += 1
    book.put(r, 1, "Predikat kinerja", "footer_bold")
    if predikat is not None:
        book.formula(r, 9, _predikat_formula(ref(avg_row, 9), thresholds), predikat, "footer_bold")
    r = write_footer(book, r, signatures, at(13, "K"))
    return WrittenTable(
        data=book.to_bytes(), titles=[*signatures.letterhead, *titles], agency=meta.agency,
        period_end=period_end, rows=rows, totals=totals, average=average, predikat=predikat,
        capaian=capaian_cells,
    )  # fmt: skip


def this_target(target: Any) -> Any:
    from pokin.core.capaian import Target as EngineTarget

    return EngineTarget.of(target)


def _target_cell(target: Any) -> Any:
    """A year's target as its cell shows it: a number, a range (``80–90``) or the text."""
    if target is None:
        return None
    if target.value is not None:
        return target.value
    if target.text is not None:
        return target.text
    return f"{target.low:g}–{target.high:g}"
