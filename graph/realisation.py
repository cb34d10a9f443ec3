"""Load one quarter's realisation into a stored cascade, without touching its structure.

``load_realisation`` reads the file (``pokin.seed.formats.realisation``), then, in ONE write
transaction, checks every row against the stored cascade (the indicator or unit it names, the
year inside the period) and writes the Measurement nodes of that year and quarter; any problem
raises before the first write, so the graph is left exactly as it was. Only Measurement
nodes and their HAS_MEASUREMENT links are written, and the cascade's load id (caches).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from neo4j import ManagedTransaction

from pokin.core.codes import code_forms
from pokin.core.errors import CascadeNotFound, CascadeValidationError, Invalid, Problem
from pokin.core.suggest import close_matches, did_you_mean
from pokin.graph.db import Db
from pokin.graph.loader import prepare_schema
from pokin.graph.queries import query
from pokin.seed.formats.cells import problem
from pokin.seed.formats.realisation import RealisationRow, read_realisation

UNIT_KINDS = ("programme", "activity", "sub_activity")


@dataclass(frozen=True)
class RealisationReport:
    cascade: str
    year: int
    quarter: int
    indicators: int
    units: int

    def line(self) -> str:
        return (
            f"cascade {self.cascade}: realisation of {self.year} quarter {self.quarter} "
            f"written for {self.indicators} indicator(s) and {self.units} unit(s)"
        )


def _rows(
    tx: ManagedTransaction,
    cascade: str,
    filename: str,
    rows: list[RealisationRow],
    year: int,
) -> list[dict]:
    """The rows to write, each resolved to the element it names; raises with every problem."""
    found = tx.run(query("realisation_targets"), cascade=cascade).single()
    if found is None:
        known = tx.run(query("cascade_ids")).value("id")
        raise CascadeNotFound(cascade, known)
    start, end = found["period_start"], found["period_end"]
    if not start <= year <= end:
        raise Invalid(f"{filename}: year {year} is outside the period {start}-{end} of {cascade}")
    by_id = {e["id"]: e for e in found["elements"] if e["id"] is not None}
    by_code = {e["code"]: e for e in by_id.values() if e.get("code")}
    indicators = sorted(i for i, e in by_id.items() if e["kind"] == "indicator")
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    out = []
    for r in rows:
        element = by_id.get(r.indicator) or next(  # a code in either form (01 or 0001)
            (by_code[c] for c in code_forms(r.indicator) if c in by_code), None
        )
        if element is None:
            hint = did_you_mean(close_matches(r.indicator, indicators))
            problems.append(
                problem(
                    r.sheet,
                    r.row,
                    "indicator",
                    f"no indicator or unit {r.indicator!r} in cascade {cascade}{hint}",
                )
            )
            continue
        if element["id"] in seen:
            problems.append(
                problem(
                    r.sheet,
                    r.row,
                    "indicator",
                    f"{element['id']} is given twice (also row {seen[element['id']]})",
                )
            )
            continue
        seen[element["id"]] = r.row
        if element["kind"] in UNIT_KINDS and r.value is not None:
            problems.append(
                problem(
                    r.sheet,
                    r.row,
                    "value",
                    f"{element['id']} is a unit: it has a budget realisation (rp), no K value; "
                    "give its indicator's id for the value",
                )
            )
            continue
        out.append({"of": element["id"], "value": r.value, "rp": r.rp, "kind": element["kind"]})
    if problems:
        raise CascadeValidationError(problems)
    return out


def _write(
    tx: ManagedTransaction,
    cascade: str,
    filename: str,
    rows: list[RealisationRow],
    year: int,
    quarter: int,
) -> list[dict]:
    resolved = _rows(tx, cascade, filename, rows, year)
    if resolved:
        params = [{"of": r["of"], "value": r["value"], "rp": r["rp"]} for r in resolved]
        tx.run(
            query("load_realisation"), cascade=cascade, year=year, quarter=quarter, rows=params
        ).consume()
        tx.run(query("load_realisation_stamp"), cascade=cascade, load_id=uuid.uuid4().hex).consume()
    return resolved


def load_realisation(
    db: Db, cascade: str, data: bytes, filename: str, *, year: int, quarter: int
) -> RealisationReport:
    """Write the realisation a file reports for ``year`` and ``quarter`` (1-4) into the stored
    ``cascade``, in one write transaction: every row, or (on any problem) nothing."""
    if not 1 <= quarter <= 4:
        raise Invalid(f"{filename}: quarter {quarter} is outside 1-4 (TW I-IV)")
    rows = read_realisation(data, filename)
    prepare_schema(db)
    resolved = db.write(_write, cascade, filename, rows, year, quarter)
    units = sum(1 for r in resolved if r["kind"] in UNIT_KINDS)
    return RealisationReport(cascade, year, quarter, len(resolved) - units, units)
