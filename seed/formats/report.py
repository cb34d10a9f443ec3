"""What became of every source row of an import: kept as an element, merged into one because
identical, or refused (and why). Readers of row-per-element exports (SIPD) return it beside
their cascades (``Read.report``), so that no row vanishes without a word."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from pokin.core.errors import Invalid

Outcome = Literal["kept", "merged", "refused"]
OUTCOMES: tuple[Outcome, ...] = ("kept", "merged", "refused")


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


class ImportReport(BaseModel):
    """Every row read from one file, and notes on the whole (conflicting parents, ...)."""

    model_config = ConfigDict(extra="forbid")

    source: str
    rows: list[RowReport] = []
    notes: list[str] = []

    def counts(self) -> dict[str, int]:
        c = Counter(r.outcome for r in self.rows)
        return {"read": len(self.rows)} | {o: c[o] for o in OUTCOMES}

    def summary(self) -> str:
        """One line for the command line."""
        c = self.counts()
        line = (
            f"import {self.source}: {c['read']} rows read, {c['kept']} kept, "
            f"{c['merged']} merged, {c['refused']} refused"
        )
        return line + (f"; {len(self.notes)} notes" if self.notes else "")

    def write_json(self, path: str | Path) -> None:
        try:
            Path(path).write_text(self.model_dump_json(indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise Invalid(f"cannot write {path}: {exc.strerror or exc}") from None


class Read(list):
    """The cascades a reader returns (or ``read_path``'s pairs of cascade and source bytes),
    with the import report when the format gives one."""

    report: ImportReport | None = None

    @classmethod
    def of(cls, cascades: list, report: ImportReport | None) -> Read:
        out = cls(cascades)
        out.report = report
        return out
