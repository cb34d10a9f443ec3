"""What the explorer's busiest pages show, each read in ONE read transaction.

A page assembled from several query functions would run one read per function, each with its
own round of ``Db.read``'s version guard (and the home page, the most visited, about seven).
Here each page is one transaction function composed of the ``*_tx`` parts of those functions
(the same queries, not copies), so a page costs one guard and shows one state of the graph. The
check report comes from the report cache when the cascade's load is cached
(``pokin.graph.report.cached_report_tx``), and a report made here is filed in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import ManagedTransaction

from pokin.core.errors import CascadeNotChosen
from pokin.graph.db import Db
from pokin.graph.elements import (
    CascadeSummary,
    ElementDetail,
    ElementSummary,
    cascades_tx,
    choose_cascade,
    element_tx,
    elements_tx,
)
from pokin.graph.models import CheckResult, Finding, Report, Trace, Workload
from pokin.graph.report import Cached, cached_report_tx, remember
from pokin.graph.trace import traces_tx
from pokin.graph.views import CascadeCounts, GraphView, level_counts_tx, trace_view
from pokin.graph.workload import workload_tx

#: The levels whose elements the home page lists as the top of the cascade, and how many each.
TOP_LEVELS = ("goal", "strategic")
TOP_LIMIT = 20


@dataclass(frozen=True)
class CascadeHome:
    """The home page of one cascade."""

    cascade: CascadeSummary
    counts: CascadeCounts
    top: list[ElementSummary]
    report: Report
    workload: Workload


@dataclass(frozen=True)
class HomePage:
    """The home page: the cascades loaded and, when one is chosen, what it shows of it
    (``current`` None: none is loaded, or several and the request names none)."""

    cascades: list[CascadeSummary]
    current: CascadeHome | None = None


def _home_tx(
    tx: ManagedTransaction, db: Db, cascade: str | None
) -> tuple[list[CascadeSummary], tuple[CascadeHome, Cached] | None]:
    cascades = cascades_tx(tx)
    if not cascades:
        return cascades, None
    try:
        current_id = choose_cascade([c.id for c in cascades], cascade, db.default_cascade)
    except CascadeNotChosen:  # several cascades and no default: the page asks which
        return cascades, None
    report = cached_report_tx(tx, db, current_id)
    home = CascadeHome(
        cascade=next(c for c in cascades if c.id == current_id),
        counts=level_counts_tx(tx, current_id),
        top=[
            x
            for level in TOP_LEVELS
            for x in elements_tx(tx, cascade=current_id, level=level, limit=TOP_LIMIT).items
        ],
        report=report.report,
        workload=workload_tx(tx, current_id),
    )
    return cascades, (home, report)


def home_page(db: Db, cascade: str | None = None) -> HomePage:
    """The home page of ``cascade`` (None: the default one, as ``resolve_cascade`` chooses) in
    one read. Raises ``CascadeNotFound`` for a named cascade that is not loaded."""
    cascades, current = db.read(_home_tx, db, cascade)
    if current is None:
        return HomePage(cascades)
    home, report = current
    remember(report)
    return HomePage(cascades, home)


@dataclass(frozen=True)
class ElementSheet:
    """The page of one element: its details, its trace to the Goal (and the trace's picture)
    and the findings of the checks on it."""

    element: ElementDetail
    trace: Trace
    view: GraphView
    findings: list[tuple[CheckResult, Finding]]


def _element_tx(
    tx: ManagedTransaction, db: Db, element_id: str, cascade: str | None
) -> tuple[ElementDetail, Trace, Cached, tuple]:
    detail = element_tx(tx, element_id, cascade)  # element_id may be a code: detail.id is the id
    [trace] = traces_tx(tx, detail.cascade, [detail.id])
    report = cached_report_tx(tx, db, detail.cascade)
    return detail, trace, report, trace_view.tx(tx, detail.id, detail.cascade)


def element_page(db: Db, element_id: str, cascade: str | None = None) -> ElementSheet:
    """The element page in one read. Without ``cascade`` the id must be held by one cascade
    only (``AmbiguousElement`` otherwise); ``ElementNotFound`` for an unknown id."""
    detail, trace, cached, (subject, found) = db.read(_element_tx, db, element_id, cascade)
    report = remember(cached)
    return ElementSheet(
        element=detail,
        trace=trace,
        view=trace_view.picture(subject, found, report),
        findings=[
            (check, finding)
            for check in report.checks
            for finding in check.findings
            if finding.id == detail.id
        ],
    )
