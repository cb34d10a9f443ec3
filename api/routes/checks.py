"""``/api/checks``: the alignment report, whole or one check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from pokin.api.deps import CascadeParam, DbDep
from pokin.api.responses import json_response
from pokin.core.errors import Invalid
from pokin.core.i18n import N_, _
from pokin.graph.models import CheckResult, Report
from pokin.graph.report import run_checks, run_region_checks

router = APIRouter(prefix="/api/checks", tags=["checks"])

NO_CASCADE = {404: {"description": N_("no such cascade is loaded")}}

RegionParam = Annotated[
    str | None,
    Query(
        max_length=200,
        description="a region: every agency's checks and the region checks (instead of cascade)",
    ),
]


def _report(db, cascade: str | None, region: str | None, names: list[str] | None) -> Report:
    if region:
        if cascade:
            raise Invalid(_("give cascade or region, not both"))
        return run_region_checks(db, region, names)
    # the cascade (named or the default one) is resolved inside the report's own read
    return run_checks(db, cascade or None, names)


@router.get(
    "",
    response_model=Report,
    responses={
        404: {"description": N_("no such cascade or region is loaded")},
        422: {"description": N_("both a cascade and a region were given")},
    },
    summary=N_("Run every alignment check of a cascade, or of a region"),
)
def report(db: DbDep, cascade: CascadeParam = None, region: RegionParam = None) -> Response:
    return json_response(_report(db, cascade, region, None))


@router.get(
    "/{name}",
    response_model=CheckResult,
    responses={
        404: {"description": N_("no such check, cascade or region")},
        422: {"description": N_("both a cascade and a region were given")},
    },
    summary=N_("Run one alignment check"),
)
def one_check(
    name: Annotated[str, Path(max_length=100)],
    db: DbDep,
    cascade: CascadeParam = None,
    region: RegionParam = None,
) -> Response:
    return json_response(_report(db, cascade, region, [name]).checks[0])
