"""Running the alignment checks of ``pokin.graph.checks``: one report per call (a cascade or a
region), all checks in one read transaction (so that all of them see the same state of the
graph), and a small cache that reuses a report until its cascade is loaded again (the explorer
marks findings on every page)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from neo4j import ManagedTransaction

from pokin.core.errors import CascadeNotFound, RegionNotFound
from pokin.graph.checks import Check, select_checks
from pokin.graph.db import Db
from pokin.graph.elements import choose_cascade
from pokin.graph.models import (
    CheckResult,
    ElementRef,
    Finding,
    OwnerRef,
    Report,
    ReportSummary,
    Row,
    Severity,
)
from pokin.graph.queries import query

Context = dict[tuple[str, str], Row]


def _check_rows(
    tx: ManagedTransaction, check: Check, cascade: str | None, region: str | None
) -> list[Row]:
    """One check's rows, each with its ``cascade``."""
    if check.scope == "region":
        records = tx.run(query(check.query), cascade=cascade, region=region).data()
    else:
        records = tx.run(query(check.query), cascade=cascade).data()
        records = check.rows(records) if check.rows else records
        records = [{**r, "cascade": cascade} for r in records]
    return records


def _context(tx: ManagedTransaction, rows: dict[str, list[Row]]) -> Context:
    """``element_context`` of every offending element, read per cascade."""
    per_cascade: dict[str, set[str]] = {}
    for rs in rows.values():
        for r in rs:
            per_cascade.setdefault(r["cascade"], set()).add(r["id"])
    context: Context = {}
    for cascade, ids in sorted(per_cascade.items()):
        for r in tx.run(query("element_context"), cascade=cascade, ids=sorted(ids)):
            context[(cascade, r["id"])] = r
    return context


def _report_tx(
    tx: ManagedTransaction, cascade: str | None, checks: list[Check], default: str | None
) -> tuple[str, str | None, dict[str, list[Row]], Context]:
    if cascade is None:  # the default cascade, chosen in the same transaction
        cascade = choose_cascade([r["id"] for r in tx.run(query("cascade_ids"))], None, default)
    version = tx.run(query("cascade_version"), cascade=cascade).single()
    if version is None:
        raise CascadeNotFound(cascade)
    rows = {check.name: _check_rows(tx, check, cascade, None) for check in checks}
    return cascade, version["load_id"], rows, _context(tx, rows)


def _finding(check: Check, row: Row, ctx: Row | None) -> Finding:
    if ctx is None:  # the context is read in the same transaction: it cannot be missing
        raise RuntimeError(f"check {check.name}: no context for element {row['id']!r}")
    return Finding.from_row(
        {**ctx, "id": row["id"]},
        cascade=row["cascade"],
        owners=sorted(map(OwnerRef.from_row, ctx.get("owners") or []), key=lambda o: o.id),
        programmes=sorted(
            map(ElementRef.from_row, ctx.get("programmes") or []), key=lambda p: p.id
        ),
        message=check.message(row["detail"]),
        detail=row["detail"],
    )


def run_checks(db: Db, cascade: str | None, names: Iterable[str] | None = None) -> Report:
    """Run the named checks (all when ``names`` is empty) on ``cascade`` (None: the default
    one, chosen in the same transaction as ``resolve_cascade`` would) in one read transaction.
    Raises
    ``UnknownCheck`` or ``CascadeNotFound``."""
    return _run(db, cascade, names)[1]


def _run(db: Db, cascade: str | None, names: Iterable[str] | None) -> tuple[str | None, Report]:
    checks = select_checks(names)
    cascade, version, rows, context = db.read(_report_tx, cascade, checks, db.default_cascade)
    return version, _report(checks, rows, context, cascade=cascade)


def _report(
    checks: list[Check], rows: dict[str, list[Row]], context: Context, **where: Any
) -> Report:
    results = []
    for check in checks:
        findings = [
            _finding(check, r, context.get((r["cascade"], r["id"]))) for r in rows[check.name]
        ]
        results.append(
            CheckResult(**check.info().model_dump(), count=len(findings), findings=findings)
        )
    return _summed(results, **where)


def _summed(results: list[CheckResult], **where: Any) -> Report:
    per_severity: dict[Severity, int] = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        per_severity[r.severity] += r.count
    return Report(
        **where,
        ok=per_severity["error"] == 0,
        summary=ReportSummary(
            checks=len(results),
            failed=sum(1 for r in results if r.count),
            findings=per_severity,
        ),
        checks=results,
    )


def _region_tx(
    tx: ManagedTransaction, region: str, checks: list[Check]
) -> tuple[list[dict[str, Any]], dict[str, list[Row]], Context]:
    cascades = tx.run(query("region_cascades"), region=region).data()
    if not cascades:
        raise RegionNotFound(region)
    agencies = [c["id"] for c in cascades if c["kind"] == "agency"]
    rows: dict[str, list[Row]] = {}
    for check in checks:
        if check.scope == "region":
            rows[check.name] = _check_rows(tx, check, None, region)
        else:  # every agency's own checks, in the same transaction
            rows[check.name] = [r for a in agencies for r in _check_rows(tx, check, a, None)]
    return cascades, rows, _context(tx, rows)


def run_region_checks(db: Db, region: str, names: Iterable[str] | None = None) -> Report:
    """The region's report in one read transaction: the region checks across the region's
    cascades and every cascade check on each agency of the region (or only the named checks),
    so that all of it sees one state of the graph. Reused until a cascade of the database is
    loaded again (``run_checks_cached``'s rule, over every cascade's ``load_id``). Raises
    ``UnknownCheck`` or ``RegionNotFound``."""
    checks = select_checks(names, "region")
    selected = tuple(c.name for c in checks)
    versions = tuple(sorted((r["id"], r["load_id"]) for r in db.rows("graph_versions")))
    key = (id(db.driver), db.database, "region", region, versions, selected)
    with _REPORT_CACHE_LOCK:
        if key in _REPORT_CACHE:
            _REPORT_CACHE.move_to_end(key)
            return _REPORT_CACHE[key]
    # Db.read repeats its work until the graph's versions did not move while it ran, so the
    # versions read above are those of the report unless a load came between: then the
    # report is filed under a key no later request will ask for, which costs only a rerun.
    cascades, rows, context = db.read(_region_tx, region, checks)
    report = _report(checks, rows, context, region=region, cascades=[c["id"] for c in cascades])
    with _REPORT_CACHE_LOCK:
        _REPORT_CACHE[key] = report
        while len(_REPORT_CACHE) > _REPORT_CACHE_SIZE:
            _REPORT_CACHE.popitem(last=False)
    return report


# --- reuse between loads (explorer pages mark findings on every graph) ---------------------------

_REPORT_CACHE: OrderedDict[tuple, Report] = OrderedDict()
_REPORT_CACHE_SIZE = 16
_REPORT_CACHE_LOCK = threading.Lock()


def run_checks_cached(db: Db, cascade: str, names: Iterable[str] | None = None) -> Report:
    """``run_checks``, reused until the cascade is loaded again: every load stamps the Cascade
    node with a new ``load_id``, and only the loader writes cascades. The report is stored
    under the ``load_id`` its own transaction read, so a load between the two reads cannot
    file a report under the wrong version."""
    rows = db.rows("cascade_version", cascade=cascade)
    if not rows:
        raise CascadeNotFound(cascade)
    selected = tuple(sorted(set(names))) if names else None

    def key(version: str | None) -> tuple:
        return (id(db.driver), db.database, cascade, version, selected)

    with _REPORT_CACHE_LOCK:
        if key(rows[0]["load_id"]) in _REPORT_CACHE:
            _REPORT_CACHE.move_to_end(key(rows[0]["load_id"]))
            return _REPORT_CACHE[key(rows[0]["load_id"])]
    version, report = _run(db, cascade, names)
    with _REPORT_CACHE_LOCK:
        _REPORT_CACHE[key(version)] = report
        while len(_REPORT_CACHE) > _REPORT_CACHE_SIZE:
            _REPORT_CACHE.popitem(last=False)
    return report
