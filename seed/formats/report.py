"""What became of every source row of an import: kept as an element, merged into one because
identical, or refused (and why). Readers of row-per-element exports (SIPD) return it beside
their cascades (``Read.report``), so that no row vanishes without a word. ``ImportReport.write``
writes it as JSON or, to a ``.xlsx`` file, as a workbook (``report_xlsx``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from pokin.core.errors import Invalid
from pokin.core.i18n import _, ngettext, number

#: ``skipped``: a row that holds no element by design (a title, a header, a total, the footer)
Outcome = Literal["kept", "merged", "refused", "skipped"]
OUTCOMES: tuple[Outcome, ...] = ("kept", "merged", "refused", "skipped")


class RowReport(BaseModel):
    """One source row: ``element`` is the id it became (kept) or was merged into."""

    model_config = ConfigDict(extra="forbid")

    sheet: str
    row: int
    outcome: Outcome
    cascade: str | None = None
    element: str | None = None
    reason: str = ""
    #: the row's own id in the source, when it has one
    source_id: str | None = None
    #: columns whose cell was a placeholder (``NULL``, ``-``, ``#N/A``): read as missing
    missing: list[str] = []
    #: the level the row became, and how it was told when not by a nomenclature code
    level: str | None = None
    level_inferred: str | None = None
    #: how the row matched an element of a loaded cascade (``code``, ``name``), or ``none``
    matched: str | None = None


class Finding(BaseModel):
    """A disagreement found while reading: the table's own value beside pokin's."""

    model_config = ConfigDict(extra="forbid")

    sheet: str
    row: int
    column: str
    table: float
    computed: float
    message: str


class ImportReport(BaseModel):
    """Every row read from one file, and notes on the whole (conflicting parents, ...)."""

    model_config = ConfigDict(extra="forbid")

    source: str
    rows: list[RowReport] = []
    notes: list[str] = []
    findings: list[Finding] = []

    def counts(self) -> dict[str, int]:
        c = Counter(r.outcome for r in self.rows)
        # "skipped" only where a format skips rows by design (the other readers' counts keep
        # their shape)
        return {"read": len(self.rows)} | {o: c[o] for o in OUTCOMES if o != "skipped" or c[o]}

    def summary(self) -> str:
        """One line for the command line, in its language."""
        c = self.counts()
        line = _(
            "import %(source)s: %(read)s rows read, %(kept)s kept, %(merged)s merged, "
            "%(refused)s refused"
        ) % ({"source": self.source} | {k: number(n) for k, n in c.items()})
        if c.get("skipped"):
            line += _(", %(n)s skipped") % {"n": number(c["skipped"])}
        if self.findings:
            found = ngettext("%(n)s finding", "%(n)s findings", len(self.findings))
            line += "; " + found % {"n": number(len(self.findings))}
        if not self.notes:
            return line
        notes = ngettext("%(n)s note", "%(n)s notes", len(self.notes))
        return f"{line}; {notes % {'n': number(len(self.notes))}}"

    def write(self, path: str | Path) -> None:
        """The whole report, as a workbook when ``path`` ends in ``.xlsx``, else as JSON."""
        _write(path, [self], several=False)


#: The files an import report is written to, by suffix.
REPORT_SUFFIXES = (".json", ".xlsx")


def check_report_path(path: str | Path) -> None:
    """Refuse a report file of another suffix (before anything is read or loaded)."""
    if Path(path).suffix.lower() not in REPORT_SUFFIXES:
        raise Invalid(
            _("--report %(path)s: give a file ending in %(suffixes)s (JSON or a workbook)")
            % {"path": path, "suffixes": _(" or ").join(REPORT_SUFFIXES)}
        )


def write_reports(reports: list[ImportReport], path: str | Path) -> None:
    """The reports of several files (a folder): JSON ``{"reports": [...]}``, or one workbook
    whose sheets have a column "source"."""
    _write(path, reports, several=True)


def _write(path: str | Path, reports: list[ImportReport], several: bool) -> None:
    check_report_path(path)
    if Path(path).suffix.lower() == ".xlsx":
        from pokin.seed.formats.report_xlsx import report_workbook

        data = report_workbook(reports, several)
    elif several:
        data = ImportReports(reports=reports).model_dump_json(indent=2).encode() + b"\n"
    else:
        data = reports[0].model_dump_json(indent=2).encode() + b"\n"
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise Invalid(
            _("cannot write %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror or exc}
        ) from None


class ImportReports(BaseModel):
    """The JSON of a folder's reports: one per file that gives one."""

    model_config = ConfigDict(extra="forbid")

    reports: list[ImportReport]


class Read(list):
    """The cascades a reader returns (or ``read_path``'s pairs of cascade and source bytes),
    with the import report when the format gives one (``reports``: a folder's, one per file
    that gives one)."""

    reports: list[ImportReport] = []

    @property
    def report(self) -> ImportReport | None:
        """The report of one file (a folder's first)."""
        return self.reports[0] if self.reports else None

    @classmethod
    def of(cls, cascades: list, report: ImportReport | list[ImportReport] | None) -> Read:
        out = cls(cascades)
        out.reports = report if isinstance(report, list) else [] if report is None else [report]
        return out
