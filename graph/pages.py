"""What the explorer's busiest pages show, each read in ONE read transaction.

A page assembled from several query functions would run one read per function, each with its
own round of ``Db.read``'s version guard (and the home page, the most visited, about seven).
Here each page is one transaction function composed of the ``*_tx`` parts of those functions
(the same queries, not copies), so a page costs one guard and shows one state of the graph. The
check report comes from the report cache when the cascade's load is cached
(``pokin.graph.report.cached_report_tx``), and a report made here is filed in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from neo4j import ManagedTransaction

from pokin.core.errors import CascadeNotChosen, CascadeNotFound
from pokin.core.rollup import DEFAULT_AT_RISK_THRESHOLD
from pokin.graph.capaian import AtRiskReport, cascade_at_risk_tx
from pokin.graph.db import Db
from pokin.graph.elements import (
    CascadeSummary,
    ElementDetail,
    ElementSummary,
    cascades_tx,
    chosen_cascade_tx,
    element_tx,
    elements_tx,
)
from pokin.graph.models import CheckResult, Finding, Report, Trace, Workload
from pokin.graph.queries import query
from pokin.graph.region import (
    AgencyRegion,
    Directory,
    RegionSummary,
    agency_region_tx,
    directory_tx,
    findings_per_cascade,
    regions_tx,
    remember_directory,
)
from pokin.graph.report import Cached, cached_region_reports_tx, cached_report_tx, remember
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
    region: AgencyRegion
    #: the results at risk in the latest year with a realisation (year None: none yet)
    at_risk: AtRiskReport | None = None


@dataclass(frozen=True)
class CascadeGroup:
    """Cascades of one region (``region`` None: those that name none), the RPJMD first."""

    region: RegionSummary | None
    cascades: list[CascadeSummary]

    @property
    def rpjmd(self) -> list[CascadeSummary]:
        return [c for c in self.cascades if c.kind == "rpjmd"]

    @property
    def agencies(self) -> list[CascadeSummary]:
        return [c for c in self.cascades if c.kind != "rpjmd"]


def group_by_region(
    cascades: list[CascadeSummary], regions: list[RegionSummary]
) -> list[CascadeGroup]:
    """The cascades by region (regions by id), those without a region last; within a group
    by agency name, as the cascade list orders them."""
    groups = [
        CascadeGroup(r, [c for c in cascades if c.region == r.region])
        for r in sorted(regions, key=lambda r: r.region)
    ]
    alone = [c for c in cascades if c.region is None]
    return groups + ([CascadeGroup(None, alone)] if alone else [])


@dataclass(frozen=True)
class RegionGlance:
    """A region on the home page: its cascades and its findings (per cascade and in all, by
    severity) when the region's report is cached (``findings`` None: not checked since the
    last load; the region's page checks it)."""

    group: CascadeGroup
    findings: dict[str, int] | None = None
    by_cascade: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class HomePage:
    """The home page: the cascades loaded and, when one is chosen, what it shows of it
    (``current`` None: none is loaded, or several and the request names none; then
    ``regions`` glances at each region and ``groups`` has every cascade by region). With one
    chosen, ``cascades`` and ``groups`` hold its own region's cascades and those without a
    region, no other region's."""

    cascades: list[CascadeSummary]
    current: CascadeHome | None = None
    groups: list[CascadeGroup] = field(default_factory=list)
    regions: list[RegionGlance] = field(default_factory=list)
    #: on a cascade's page: the regions other than its own (its own is in ``groups``)
    other_regions: list[RegionSummary] = field(default_factory=list)


def _glance(group: CascadeGroup, report: Report | None) -> RegionGlance:
    if report is None:
        return RegionGlance(group)
    by_cascade = findings_per_cascade(report, lambda check: check.severity)
    return RegionGlance(group, dict(report.summary.findings), by_cascade)


def _home_tx(
    tx: ManagedTransaction, db: Db, cascade: str | None, threshold: float
) -> tuple[
    list[CascadeSummary],
    list[CascadeGroup],
    dict[str, Report],
    tuple[CascadeHome, Cached] | None,
    tuple[tuple, Directory, bool] | None,
]:
    try:
        current_id = chosen_cascade_tx(tx, cascade, db.default_cascade)
    except CascadeNotChosen:  # several cascades and no default: regions first, then agencies
        regions = regions_tx(tx)
        cascades = cascades_tx(tx, counts=False)
        groups = group_by_region(cascades, regions)
        regioned = [g.region.region for g in groups if g.region]
        return cascades, groups, cached_region_reports_tx(tx, db, regioned), None, None
    except CascadeNotFound as exc:
        if exc.cascade_id is None:  # none loaded
            return [], [], {}, None, None
        raise
    directory = directory_tx(tx, db)
    regions = directory[1].regions
    [current] = cascades_tx(tx, [current_id])
    # its own region's cascades and those of none beside it, the other regions as links: what
    # the page reads does not grow with the regions loaded beside it
    peers = list(directory[1].regionless)
    if current.region is not None:
        peers += [r["id"] for r in tx.run(query("region_cascades"), region=current.region)]
    cascades = cascades_tx(tx, peers, counts=False)
    mine = [r for r in regions if r.region == current.region]
    report = cached_report_tx(tx, db, current_id)
    home = CascadeHome(
        cascade=current,
        counts=level_counts_tx(tx, current_id),
        top=[
            x
            for level in TOP_LEVELS
            for x in elements_tx(tx, cascade=current_id, level=level, limit=TOP_LIMIT).items
        ],
        report=report.report,
        workload=workload_tx(tx, current_id),
        region=agency_region_tx(tx, current, regions),
        at_risk=cascade_at_risk_tx(tx, current_id, threshold=threshold),
    )
    groups = group_by_region(cascades, mine)
    return cascades, groups, {}, (home, report), directory


def home_page(
    db: Db, cascade: str | None = None, threshold: float = DEFAULT_AT_RISK_THRESHOLD
) -> HomePage:
    """The home page of ``cascade`` (None: the default one, as ``resolve_cascade`` chooses) in
    one read. Raises ``CascadeNotFound`` for a named cascade that is not loaded. An agency's
    page lists its own region's cascades and links the other regions (``other_regions``)."""
    cascades, groups, reports, current, directory = db.read(_home_tx, db, cascade, threshold)
    if current is None:
        glances = [_glance(g, reports.get(g.region.region)) for g in groups if g.region]
        return HomePage(cascades, groups=groups, regions=glances)
    home, report = current
    remember(report)
    regions = remember_directory(*directory).regions
    others = [r for r in regions if r.region != home.cascade.region]
    return HomePage(cascades, home, groups=groups, other_regions=others)


def cascade_groups(db: Db) -> list[CascadeGroup]:
    """Every cascade by region (a page that needs a cascade and was named none offers them)."""
    return db.read(lambda tx: group_by_region(cascades_tx(tx, counts=False), regions_tx(tx)))


@dataclass(frozen=True)
class ElementSheet:
    """The page of one element: its details, its trace to the Goal (and the trace's picture)
    and the findings of the checks on it."""

    element: ElementDetail
    trace: Trace
    view: GraphView
    findings: list[tuple[CheckResult, Finding]]
    agency: str | None = None
    region: str | None = None


def _element_tx(
    tx: ManagedTransaction, db: Db, element_id: str, cascade: str | None
) -> tuple[ElementDetail, Trace, Cached, tuple, dict]:
    detail = element_tx(tx, element_id, cascade)  # element_id may be a code: detail.id is the id
    [trace] = traces_tx(tx, detail.cascade, [detail.id])
    report = cached_report_tx(tx, db, detail.cascade)
    whose = tx.run(query("cascade_agency"), cascade=detail.cascade).single()
    view = trace_view.tx(tx, detail.id, detail.cascade)
    return detail, trace, report, view, dict(whose) if whose else {}


def element_page(db: Db, element_id: str, cascade: str | None = None) -> ElementSheet:
    """The element page in one read. Without ``cascade`` the id must be held by one cascade
    only (``AmbiguousElement`` otherwise); ``ElementNotFound`` for an unknown id."""
    detail, trace, cached, (subject, found), whose = db.read(_element_tx, db, element_id, cascade)
    report = remember(cached)
    return ElementSheet(
        agency=whose.get("agency"),
        region=whose.get("region"),
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


@dataclass(frozen=True)
class CheckSheet:
    """The page of one check on one cascade: the cascade (its agency names the page) and the
    check's result."""

    cascade: CascadeSummary
    check: CheckResult


def _check_tx(
    tx: ManagedTransaction, db: Db, name: str, cascade: str | None
) -> tuple[CascadeSummary, Cached]:
    chosen = chosen_cascade_tx(tx, cascade, db.default_cascade)
    [summary] = cascades_tx(tx, [chosen], counts=False)
    return summary, cached_report_tx(tx, db, chosen, [name])


def check_page(db: Db, name: str, cascade: str | None = None) -> CheckSheet:
    """One check's page in one read (the cascade as ``resolve_cascade`` chooses it: raises
    ``CascadeNotFound`` or ``CascadeNotChosen``)."""
    summary, cached = db.read(_check_tx, db, name, cascade)
    return CheckSheet(summary, remember(cached).checks[0])
