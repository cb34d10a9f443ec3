"""A region at a glance (Bappeda, inspectorate): its cascades with their counts, the RPJMD
Sasaran with the agencies that support each, the crosscutting links between agencies, and the
region's check report as a matrix agency x check; and the list of regions loaded. Read only.
(The owners' workload across a region is ``pokin.graph.workload.region_workload``.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from pokin.core import rollup
from pokin.core.capaian import category
from pokin.core.errors import RegionNotFound
from pokin.graph.capaian import AtRisk, at_risk_of, region_capaian_tx
from pokin.graph.db import Db, graph_version
from pokin.graph.elements import CascadeSummary, cascades_tx
from pokin.graph.models import CheckResult, Report
from pokin.graph.queries import query
from pokin.graph.report import BoundedCache, run_region_checks


class Supporter(BaseModel):
    cascade: str
    id: str
    name: str | None = None
    status: str | None = None


class RpjmdTarget(BaseModel):
    cascade: str
    id: str
    name: str | None = None
    goals: list[str] = []
    supporters: list[Supporter] = []

    @property
    def agencies(self) -> list[str]:
        return sorted({s.cascade for s in self.supporters})


class CrosscuttingLink(BaseModel):
    from_cascade: str
    from_id: str
    from_name: str | None = None
    to_cascade: str
    to_id: str
    to_name: str | None = None
    status: str | None = None
    basis: str | None = None
    note: str | None = None


class RegionSummary(BaseModel):
    """A region as the list of regions shows it: nothing but its cascades stands for it."""

    region: str
    name: str | None = Field(None, description="the region's name, as its RPJMD gives it")
    cascades: int = Field(description="cascades naming the region (RPJMD included)")
    agencies: int = Field(description="agency cascades among them")
    rpjmd: list[str] = Field(description="the ids of its RPJMD cascade(s); empty when none")


def list_regions(db: Db) -> list[RegionSummary]:
    """Every region a loaded cascade names, by id."""
    return db.read(regions_tx)


def regions_tx(tx: ManagedTransaction) -> list[RegionSummary]:
    """``list_regions``'s work, inside a transaction the caller runs."""
    rows = tx.run(query("regions_list")).data()
    return [RegionSummary(**{**r, "rpjmd": sorted(r["rpjmd"])}) for r in rows]


class Directory(NamedTuple):
    """What every agency's page offers to switch to: the regions and the cascades naming
    none. Both read every Cascade node, so they are kept per graph version (``directory_tx``)."""

    regions: list[RegionSummary]
    regionless: list[str]


#: Directories by (driver, database, graph version): a write gives the graph a new version.
_DIRECTORIES = BoundedCache(4)


def directory_tx(tx: ManagedTransaction, db: Db) -> tuple[tuple, Directory, bool]:
    """``(key, directory, fresh)`` inside a transaction the caller runs: the one kept for the
    graph's version, or read now (``fresh``: file it with ``remember_directory`` once the read
    has returned, i.e. is known to be of that version). An agency's page then reads no Cascade
    node but its own region's, however many regions are loaded."""
    key = (id(db.driver), db.database, graph_version(tx))
    hit = _DIRECTORIES.get(key)
    if hit is not None:
        return key, hit, False
    regionless = tx.run(query("cascades_without_region")).value("id")
    return key, Directory(regions_tx(tx), regionless), True


def remember_directory(key: tuple, directory: Directory, fresh: bool) -> Directory:
    if fresh:
        _DIRECTORIES.put(key, directory)
    return directory


class RpjmdLink(BaseModel):
    """An element of an agency supporting an RPJMD Sasaran (or Tujuan)."""

    from_id: str
    from_name: str | None = None
    to_cascade: str
    to_id: str
    to_name: str | None = None
    status: str | None = None
    basis: str | None = None


class AgencyLink(BaseModel):
    """A crosscutting link seen from one agency: ``out`` its result supports the other's."""

    direction: Literal["out", "in"]
    own_id: str
    own_name: str | None = None
    other_cascade: str
    other_agency: str | None = None
    other_id: str
    other_name: str | None = None
    status: str | None = None
    basis: str | None = None


class AgencyRegion(BaseModel):
    """What an agency's page says of its place in the region: the region, the RPJMD Sasaran
    it supports and its crosscutting links (a cascade without a region has links all the
    same, to what it names)."""

    region: str | None = None
    name: str | None = Field(None, description="the region's name, as its RPJMD gives it")
    rpjmd: list[RpjmdLink] = []
    crosscutting: list[AgencyLink] = []

    @property
    def outgoing(self) -> list[AgencyLink]:
        return [x for x in self.crosscutting if x.direction == "out"]

    @property
    def incoming(self) -> list[AgencyLink]:
        return [x for x in self.crosscutting if x.direction == "in"]


def agency_region_tx(
    tx: ManagedTransaction, cascade: CascadeSummary, regions: list[RegionSummary]
) -> AgencyRegion:
    """The agency's ``AgencyRegion``, inside a transaction the caller runs (its home page's)."""
    region = next((r for r in regions if r.region == cascade.region), None)
    rpjmd = [RpjmdLink(**r) for r in tx.run(query("agency_rpjmd_support"), cascade=cascade.id)]
    rpjmd.sort(key=lambda x: (x.to_cascade, _natural(x.to_id), x.from_id))
    return AgencyRegion(
        region=cascade.region,
        name=region.name if region else None,
        rpjmd=rpjmd,
        crosscutting=[
            AgencyLink(**r) for r in tx.run(query("agency_crosscutting"), cascade=cascade.id)
        ],
    )


class RegionOverview(BaseModel):
    region: str
    name: str | None = Field(None, description="the region's name, as its RPJMD gives it")
    cascades: list[CascadeSummary]
    rpjmd: list[RpjmdTarget]
    crosscutting: list[CrosscuttingLink]
    report: Report
    matrix: dict[str, dict[str, int]] = Field(
        description="cascade -> check -> number of findings (only non-zero counts)"
    )
    not_applicable: dict[str, list[str]] = Field(
        {}, description="cascade -> the checks that do not apply to its source"
    )

    @property
    def years(self) -> list[int]:
        """Every year of its agencies' periods (a cascade read without one, 0-0, adds none):
        the years its page offers to measure."""
        return sorted(
            {
                y
                for c in self.cascades
                if c.period_start
                for y in range(c.period_start, c.period_end + 1)
            }
        )


def _natural(text: str) -> list[tuple[int, int | str]]:
    """A sort key that puts ``ss-rpjmd-2`` before ``ss-rpjmd-10`` (ids number their Sasaran)."""
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", text) if p]


def findings_per_cascade(
    report: Report, key: Callable[[CheckResult], str]
) -> dict[str, dict[str, int]]:
    """cascade -> ``key(check)`` (its name, its severity) -> findings: only non-zero counts."""
    counts: dict[str, dict[str, int]] = {}
    for check in report.checks:
        for f in check.findings:
            row = counts.setdefault(f.cascade or "", {})
            row[key(check)] = row.get(key(check), 0) + 1
    return counts


def region_overview(db: Db, region: str) -> RegionOverview:
    """Everything the region page shows. Raises ``RegionNotFound``."""
    report = run_region_checks(db, region)
    cascades = db.read(cascades_tx, report.cascades)  # its own, by id: not every region's
    if not cascades:
        raise RegionNotFound(region)
    matrix = findings_per_cascade(report, lambda check: check.name)
    not_applicable: dict[str, list[str]] = {}
    for check in report.checks:
        for n in check.not_applicable:
            not_applicable.setdefault(n.cascade, []).append(check.name)
    rpjmd = [RpjmdTarget(**r) for r in db.rows("region_rpjmd_support", region=region)]
    for target in rpjmd:
        target.supporters.sort(key=lambda s: (s.cascade, s.id))
    rpjmd.sort(key=lambda t: (t.cascade, _natural(t.id)))
    return RegionOverview(
        region=region,
        # the region's name is its RPJMD's agency (its government)
        name=next((c.agency for c in cascades if c.kind == "rpjmd"), None),
        cascades=sorted(cascades, key=lambda c: (c.kind != "rpjmd", c.id)),
        rpjmd=rpjmd,
        crosscutting=[CrosscuttingLink(**r) for r in db.rows("region_crosscutting", region=region)],
        report=report,
        matrix=matrix,
        not_applicable=not_applicable,
    )


@dataclass(frozen=True)
class RegionDashboard:
    """What the region page arranges of a ``RegionOverview``: the findings per cascade by
    severity (for filtering and sorting agencies), and the matrix without its empty parts
    (checks with findings somewhere as columns, cascades with findings as rows)."""

    severities: dict[str, dict[str, int]]
    columns: list[CheckResult]
    passing: list[CheckResult]
    rows: list[CascadeSummary]
    clean: list[CascadeSummary]


def dashboard(overview: RegionOverview) -> RegionDashboard:
    severities: dict[str, dict[str, int]] = {}
    for check in overview.report.checks:
        for f in check.findings:
            row = severities.setdefault(f.cascade or "", {})
            row[check.severity] = row.get(check.severity, 0) + 1
    found = [c for c in overview.report.checks if c.count]
    return RegionDashboard(
        severities=severities,
        columns=found,
        passing=[c for c in overview.report.checks if not c.count],
        rows=[c for c in overview.cascades if overview.matrix.get(c.id)],
        clean=[c for c in overview.cascades if not overview.matrix.get(c.id)],
    )


# --- measurement across the region: ranking, freshness, at risk ---------------------------------


class OwnerFreshness(BaseModel):
    """An owner of measured results and the latest quarter its indicators were realised."""

    cascade: str
    id: str
    title: str | None = None
    indicators: int = 0
    latest: tuple[int, int] | None = Field(None, description="(year, quarter); None: never")


class AgencyStanding(BaseModel):
    """An agency's place in the region: the mean of its results' own capaian of the year, and
    how recent its realisation is."""

    cascade: str
    agency: str | None = None
    capaian: float | None = Field(None, description="mean own capaian of its results, %")
    category: str | None = None
    results: int = Field(0, description="results with a capaian of the year")
    latest: tuple[int, int] | None = Field(None, description="latest (year, quarter) realised")
    owners: int = Field(0, description="owners of measured results")
    late: list[OwnerFreshness] = Field(
        [], description="owners whose results have no realisation of the region's last quarter"
    )


class RegionMeasurement(BaseModel):
    """The region's agencies ranked by capaian and by freshness, and its results at risk."""

    region: str
    year: int | None = None
    last_quarter: tuple[int, int] | None = Field(
        None, description="the latest (year, quarter) any agency of the region realised"
    )
    by_capaian: list[AgencyStanding] = []
    by_freshness: list[AgencyStanding] = []
    at_risk: list[AtRisk] = Field([], description="lowest level first")
    threshold: float = 0.0


def _quarter(code: int | None) -> tuple[int, int] | None:
    return None if code is None else (code // 10, code % 10)


def region_measurement(
    db: Db, region: str, year: int | None = None, threshold: float | None = None
) -> RegionMeasurement:
    """One read: every agency's mean capaian of ``year`` (default: the latest realised), the
    latest quarter each agency and owner reported, and the region's results at risk."""
    return db.read(_measurement_tx, region, year, threshold)


def _measurement_tx(
    tx: ManagedTransaction, region: str, year: int | None, threshold: float | None
) -> RegionMeasurement:
    limit = rollup.DEFAULT_AT_RISK_THRESHOLD if threshold is None else threshold
    answer, computed, rows = region_capaian_tx(tx, region, year, "mean", limit)
    fresh = tx.run(query("region_freshness"), region=region).data()
    owners = {
        f["cascade"]: [
            OwnerFreshness(cascade=f["cascade"], **{**o, "latest": _quarter(o["latest"])})
            for o in f["owners"]
        ]
        for f in fresh
    }
    reported = [o.latest for os in owners.values() for o in os if o.latest]
    last = max(reported, default=None)
    standings = []
    for f in fresh:
        own = [r.own for r in answer.results if r.cascade == f["cascade"] and r.own is not None]
        mean = sum(own) / len(own) if own else None
        mine = owners[f["cascade"]]
        standings.append(
            AgencyStanding(
                cascade=f["cascade"],
                agency=f["agency"],
                capaian=mean,
                category=None if mean is None else category(mean),
                results=len(own),
                latest=max((o.latest for o in mine if o.latest), default=None),
                owners=len(mine),
                late=[o for o in mine if last is not None and (o.latest or (0, 0)) < last],
            )
        )
    by_capaian = sorted(standings, key=lambda s: (s.capaian is None, -(s.capaian or 0), s.cascade))
    by_freshness = sorted(
        standings,
        key=lambda s: (
            s.latest is None,
            tuple(-x for x in s.latest or (0, 0)),
            len(s.late),
            s.cascade,
        ),
    )
    return RegionMeasurement(
        region=region,
        year=answer.year,
        last_quarter=last,
        by_capaian=by_capaian,
        by_freshness=by_freshness,
        at_risk=at_risk_of(computed, rows, answer.year, limit),
        threshold=limit,
    )
