"""``/api/regions``: the regions loaded, a region's overview and its owners' workload as JSON
(the same answers as the page ``/regions/{region}``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from pokin.api.deps import DbDep
from pokin.api.responses import json_response
from pokin.core.i18n import N_
from pokin.graph.models import RegionWorkload
from pokin.graph.region import RegionOverview, RegionSummary, list_regions, region_overview
from pokin.graph.workload import region_workload

router = APIRouter(prefix="/api/regions", tags=["regions"])

RegionId = Annotated[str, Path(min_length=1, max_length=200, description="region id")]
NO_REGION = {404: {"description": N_("no cascade of this region is loaded")}}


@router.get("", response_model=list[RegionSummary], summary=N_("The regions loaded"))
def regions(db: DbDep) -> list[RegionSummary]:
    return list_regions(db)


@router.get(
    "/{region}",
    response_model=RegionOverview,
    responses=NO_REGION,
    summary=N_("A region: its cascades, RPJMD support, crosscutting links and check report"),
)
def overview(region: RegionId, db: DbDep) -> Response:
    return json_response(region_overview(db, region))


@router.get(
    "/{region}/workload",
    response_model=RegionWorkload,
    responses=NO_REGION,
    summary=N_("Every owner's workload across the region, its spread and the positions"),
)
def workload(region: RegionId, db: DbDep) -> Response:
    return json_response(region_workload(db, region))
