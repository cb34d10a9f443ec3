"""Running the alignment checks of ``pokin.graph.checks``: one report per call (a cascade or a
region), all checks in one read transaction (so that all of them see the same state of the
graph), and a small cache that reuses a report until its cascade is loaded again (the explorer
marks findings on every page).

A report holds no language: titles and explanations are msgids, and each finding's message is
said from its ``detail`` when shown or serialised, so a report cached while serving Indonesian
gives an English request English messages."""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, NamedTuple

from cachetools import LRUCache
from neo4j import ManagedTransaction

from pokin.core.errors import CascadeNotFound, RegionNotFound
from pokin.graph.checks import Check, select_checks
from pokin.graph.db import Db
from pokin.graph.elements import chosen_cascade_tx
from pokin.graph.models import (
    CheckResult,
    ElementRef,
    Finding,
    NotApplicable,
    OwnerRef,
    Report,
    ReportSummary,
    Row,
    Severity,
)
from pokin.graph.queries import query

Context = dict[tuple[str, str], Row]


def _later(pool: ThreadPoolExecutor | None, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` now, or in ``pool`` (in this context: the locale, the settings) as a
    future, so that the Python work runs while the transaction's next queries do."""
    if pool is None:
        return fn(*args)
    return pool.submit(contextvars.copy_context().run, fn, *args)


def _done(value: Any) -> Any:
    return value.result() if isinstance(value, Future) else value


def _finish(check: Check, records: Any, cascade: str | None) -> list[Row]:
    """A cascade check's rows from its query's records (or its shared reading)."""
    records = _done(records)  # a reading prepared earlier in the same one-worker pool
    records = check.rows(records) if check.rows else records
    return [{**r, "cascade": cascade} for r in records]


def _check_rows(
    tx: ManagedTransaction,
    check: Check,
    cascade: str | None,
    region: str | None,
    shared: dict[tuple[str, str | None], Any] | None = None,
    pool: ThreadPoolExecutor | None = None,
) -> Any:
    """One check's rows, each with its ``cascade`` (with ``pool``: a future of them, its
    Python step running there). A check with a ``reading`` takes it from ``shared`` (the
    report's: one per reading and cascade), reading it there first if needed."""
    if check.scope == "region":
        return tx.run(query(check.query), cascade=cascade, region=region).data()
    if check.reading is None:
        records = tx.run(query(check.query), cascade=cascade).data()
    else:
        shared = {} if shared is None else shared
        key = (check.reading.query, cascade)
        if key not in shared:
            read = tx.run(query(check.reading.query), cascade=cascade).data()
            shared[key] = _later(pool, check.reading.prepare, read)
        records = shared[key]
    return _later(pool, _finish, check, records, cascade)


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


class Rows(NamedTuple):
    """What a report's transaction read: each check's rows, the notes of the checks that do not
    apply to a cascade, and the context of the elements the rows name."""

    rows: dict[str, list[Row]]
    skipped: dict[str, list[NotApplicable]]
    context: Context


def _not_applicable(check: Check, cascade: str, lacks: Iterable[str]) -> NotApplicable | None:
    missing = check.lacking(lacks)
    if not missing:
        return None
    return NotApplicable(cascade=cascade, lacks=missing)  # type: ignore[arg-type]


def _rows(
    tx: ManagedTransaction,
    checks: list[Check],
    lacks: dict[str, list[str]],
    agencies: list[str],
    region: str | None = None,
) -> Rows:
    """Every check's rows: a cascade check on each of ``agencies`` whose source carries what it
    needs, a region check once (its rows of a cascade lacking what it needs left out); and one
    note per check and cascade it does not apply to (``lacks``: each cascade's)."""
    found: dict[str, list[Any]] = {}
    skipped: dict[str, list[NotApplicable]] = {}
    shared: dict[tuple[str, str | None], Any] = {}  # the checks' shared readings, per cascade
    # the checks with a Python step first: one worker thread computes them while the database
    # runs the other checks' queries (the near-duplicate step is most of an agency's report)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pokin-checks") as pool:
        for check in sorted(checks, key=lambda c: c.rows is None):
            notes = {c: _not_applicable(check, c, lacks.get(c, ())) for c in lacks}
            skipped[check.name] = [n for n in notes.values() if n is not None]
            if check.scope == "region":
                cascade = agencies[0] if region is None else None
                read = _check_rows(tx, check, cascade, region)
                found[check.name] = [[r for r in read if notes.get(r["cascade"]) is None]]
            else:
                found[check.name] = [
                    _check_rows(tx, check, a, None, shared, pool)
                    for a in agencies
                    if notes.get(a) is None
                ]
        rows = {c.name: [r for part in found[c.name] for r in _done(part)] for c in checks}
    return Rows(rows, skipped, _context(tx, rows))


def _cascade_rows(
    tx: ManagedTransaction, cascade: str, checks: list[Check], lacks: list[str]
) -> Rows:
    """Every check's rows on ``cascade`` and the context of the elements they name."""
    return _rows(tx, checks, {cascade: lacks}, [cascade])


def _report_tx(
    tx: ManagedTransaction, cascade: str | None, checks: list[Check], default: str | None
) -> tuple[str, Rows]:
    if cascade is None:  # the default cascade, chosen in the same transaction
        cascade = chosen_cascade_tx(tx, None, default)
    version = tx.run(query("cascade_version"), cascade=cascade).single()
    if version is None:
        raise CascadeNotFound(cascade)
    return cascade, _cascade_rows(tx, cascade, checks, version["lacks"])


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
        detail=row["detail"],
    ).said_by(check.message)


def run_checks(db: Db, cascade: str | None, names: Iterable[str] | None = None) -> Report:
    """Run the named checks (all when ``names`` is empty) on ``cascade`` (None: the default
    one, chosen in the same transaction as ``resolve_cascade`` would) in one read transaction.
    Raises ``UnknownCheck`` or ``CascadeNotFound``."""
    checks = select_checks(names)
    cascade, read = db.read(_report_tx, cascade, checks, db.default_cascade)
    return _report(checks, read, cascade=cascade)


def _report(checks: list[Check], read: Rows, **where: Any) -> Report:
    results = []
    for check in checks:
        findings = [
            _finding(check, r, read.context.get((r["cascade"], r["id"])))
            for r in read.rows[check.name]
        ]
        results.append(
            CheckResult(
                **dict(check.info()),  # the msgids: the report is language-free
                count=len(findings),
                findings=findings,
                not_applicable=read.skipped.get(check.name, []),
            )
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
            not_applicable=sum(len(r.not_applicable) for r in results),
        ),
        checks=results,
    )


def _region_tx(
    tx: ManagedTransaction, region: str, checks: list[Check]
) -> tuple[list[dict[str, Any]], Rows]:
    cascades = tx.run(query("region_cascades"), region=region).data()
    if not cascades:
        raise RegionNotFound(region)
    agencies = [c["id"] for c in cascades if c["kind"] == "agency"]
    lacks = {c["id"]: c["lacks"] for c in cascades}
    return cascades, _rows(tx, checks, lacks, agencies, region)


def _region_versions(tx: ManagedTransaction, regions: list[str]) -> dict[str, tuple[str, ...]]:
    """Each region's state: its cascades' load_ids (``region_versions``)."""
    rows = tx.run(query("region_versions"), regions=regions)
    return {r["region"]: tuple(r["load_ids"]) for r in rows}


def _region_read_tx(tx: ManagedTransaction, key: tuple, region: str, checks: list[Check]) -> Cached:
    key = (*key, _region_versions(tx, [region])[region])
    hit = _REPORTS.get(key)
    if hit is not None:
        return Cached(key, hit, False)
    cascades, read = _region_tx(tx, region, checks)
    report = _report(checks, read, region=region, cascades=[c["id"] for c in cascades])
    return Cached(key, report, True)


def cached_region_reports_tx(
    tx: ManagedTransaction, db: Db, regions: Iterable[str]
) -> dict[str, Report]:
    """The regions' reports (every check) that the cache holds for the graph as it is now,
    inside a transaction the caller runs; none is made here: a region of 40 agencies takes
    seconds to check, too much for the home page (the region's page makes and files it)."""
    checks = select_checks(None, "region")
    versions = _region_versions(tx, list(regions))
    found = {}
    for region in versions:
        hit = _REPORTS.get((*_region_key(db, region, checks), versions[region]))
        if hit is not None:
            found[region] = hit
    return found


def run_region_checks(db: Db, region: str, names: Iterable[str] | None = None) -> Report:
    """The region's report in one read transaction: the region checks across the region's
    cascades and every cascade check on each agency of the region (or only the named checks),
    so that all of it sees one state of the graph. Reused until a cascade of the region is
    loaded again or touched by a load (``run_checks_cached``'s rule, over the region's
    cascades' ``load_id``: loads in other regions leave it cached). Raises
    ``UnknownCheck`` or ``RegionNotFound``."""
    checks = select_checks(names, "region")
    return remember(db.read(_region_read_tx, _region_key(db, region, checks), region, checks))


def _region_key(db: Db, region: str, checks: list[Check]) -> tuple:
    """A region report's cache key, but for the versions of the graph it was read at."""
    return (id(db.driver), db.database, "region", region, tuple(c.name for c in checks))


# --- reuse between loads (explorer pages mark findings on every graph) ---------------------------


class BoundedCache:
    """At most ``size`` entries, the least recently used dropped first (cachetools' LRU),
    behind a lock: the server's threads share it."""

    def __init__(self, size: int) -> None:
        self._items: LRUCache[Hashable, Any] = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def keys(self) -> list[Hashable]:
        with self._lock:
            return list(self._items.keys())

    @property
    def size(self) -> int:
        return int(self._items.maxsize)

    def __len__(self) -> int:
        return len(self._items)


#: Reports by (driver, database, cascade or region, checks, the load_id(s) they were read at).
_REPORTS = BoundedCache(256)  # a region of 40 agencies and more, all warm at once


class Cached(NamedTuple):
    """A report read inside a transaction: its cache key, and whether it was made there (then
    ``remember`` files it, once the read has returned, i.e. is known to be of one state)."""

    key: tuple
    report: Report
    fresh: bool


def remember(read: Cached) -> Report:
    """File a freshly made report under its key; the report."""
    if read.fresh:
        _REPORTS.put(read.key, read.report)
    return read.report


def cached_report_tx(
    tx: ManagedTransaction, db: Db, cascade: str, names: Iterable[str] | None = None
) -> Cached:
    """``run_checks_cached``'s work inside a transaction the caller runs (a page's one read):
    the cascade's ``load_id``, then the cached report of that load or a new one, made in the
    same transaction. Pass the result to ``remember`` after the read."""
    checks = select_checks(names)
    version = tx.run(query("cascade_version"), cascade=cascade).single()
    if version is None:
        raise CascadeNotFound(cascade)
    selected = tuple(sorted(set(names))) if names else None
    key = (id(db.driver), db.database, cascade, version["load_id"], selected)
    hit = _REPORTS.get(key)
    if hit is not None:
        return Cached(key, hit, False)
    read = _cascade_rows(tx, cascade, checks, version["lacks"])
    return Cached(key, _report(checks, read, cascade=cascade), True)


def run_checks_cached(db: Db, cascade: str, names: Iterable[str] | None = None) -> Report:
    """``run_checks``, reused until the cascade is loaded again: every load stamps the Cascade
    node with a new ``load_id``, and only the loader writes cascades. One read transaction:
    the report is filed under the ``load_id`` read in the transaction that made it, and
    ``Db.read`` guarantees that no load committed in between."""
    return remember(db.read(cached_report_tx, db, cascade, names))
