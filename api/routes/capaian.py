"""Capaian as JSON: each result's own capaian and its roll-up along SUPPORTS, and the results at
risk with what they endanger, for a cascade and for a region (``pokin.graph.capaian``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from pokin.api.deps import AtRiskLimitDep, DbDep
from pokin.api.responses import json_response
from pokin.core.i18n import N_
from pokin.graph.capaian import (
    AtRiskReport,
    CascadeCapaian,
    How,
    cascade_at_risk,
    cascade_capaian,
    region_at_risk,
    region_capaian,
)

router = APIRouter(tags=["capaian"])

CascadeId = Annotated[str, Path(min_length=1, max_length=200, description="cascade id")]
RegionId = Annotated[str, Path(min_length=1, max_length=200, description="region id")]
Year = Annotated[
    int | None,
    Query(ge=1900, le=2200, description="the year (default: the latest with a realisation)"),
]
HowParam = Annotated[
    How,
    Query(description="roll-up: mean of the supporters, link weights, or their pagu"),
]
NOT_FOUND = {404: {"description": "no such cascade or region is loaded"}}


@router.get(
    "/api/cascades/{cascade}/capaian",
    response_model=CascadeCapaian,
    responses=NOT_FOUND,
    summary=N_("Each result's capaian of a year, per indicator with its formula, rolled up"),
)
def capaian_of_cascade(
    cascade: CascadeId,
    db: DbDep,
    limit: AtRiskLimitDep,
    year: Year = None,
    how: HowParam = "mean",
) -> Response:
    return json_response(cascade_capaian(db, cascade, year, how, limit))


@router.get(
    "/api/cascades/{cascade}/at-risk",
    response_model=AtRiskReport,
    responses=NOT_FOUND,
    summary=N_("The results at risk and the higher results, Tujuan and RPJMD Sasaran at stake"),
)
def at_risk_of_cascade(
    cascade: CascadeId,
    db: DbDep,
    limit: AtRiskLimitDep,
    year: Year = None,
    how: HowParam = "mean",
) -> Response:
    return json_response(cascade_at_risk(db, cascade, year, how, limit))


@router.get(
    "/api/regions/{region}/capaian",
    response_model=CascadeCapaian,
    responses=NOT_FOUND,
    summary=N_("Every result of a region with its capaian, rolled up across agencies"),
)
def capaian_of_region(
    region: RegionId,
    db: DbDep,
    limit: AtRiskLimitDep,
    year: Year = None,
    how: HowParam = "mean",
) -> Response:
    return json_response(region_capaian(db, region, year, how, limit))


@router.get(
    "/api/regions/{region}/at-risk",
    response_model=AtRiskReport,
    responses=NOT_FOUND,
    summary=N_("A region's results at risk and what each endangers, up to the RPJMD"),
)
def at_risk_of_region(
    region: RegionId,
    db: DbDep,
    limit: AtRiskLimitDep,
    year: Year = None,
    how: HowParam = "mean",
) -> Response:
    return json_response(region_at_risk(db, region, year, how, limit))
