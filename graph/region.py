"""A region at a glance (Bappeda, inspectorate): its cascades with their counts, the RPJMD
Sasaran with the agencies that support each, the crosscutting links between agencies, and the
region's check report as a matrix agency x check; and the list of regions loaded. Read only.
(The owners' workload across a region is ``pokin.graph.workload.region_workload``.)"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from pokin.core.errors import RegionNotFound
from pokin.graph.db import Db
from pokin.graph.elements import CascadeSummary, list_cascades
from pokin.graph.models import Report
from pokin.graph.report import run_region_checks


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
    return [RegionSummary(**{**r, "rpjmd": sorted(r["rpjmd"])}) for r in db.rows("regions_list")]


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


def _natural(text: str) -> list[tuple[int, int | str]]:
    """A sort key that puts ``ss-rpjmd-2`` before ``ss-rpjmd-10`` (ids number their Sasaran)."""
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", text) if p]


def region_overview(db: Db, region: str) -> RegionOverview:
    """Everything the region page shows. Raises ``RegionNotFound``."""
    report = run_region_checks(db, region)
    cascades = [c for c in list_cascades(db) if c.id in set(report.cascades)]
    if not cascades:
        raise RegionNotFound(region)
    matrix: dict[str, dict[str, int]] = {}
    for check in report.checks:
        for f in check.findings:
            row = matrix.setdefault(f.cascade or "", {})
            row[check.name] = row.get(check.name, 0) + 1
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
