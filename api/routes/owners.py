"""``/api/owners``: owner workload, agency-wide and per owner."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from pokin.api.deps import CascadeDep, CascadeParam, DbDep
from pokin.api.responses import json_response
from pokin.api.routes.checks import NO_CASCADE
from pokin.core.i18n import N_
from pokin.graph.models import OwnerWorkload, Workload
from pokin.graph.workload import one_owner_workload, owner_workload

router = APIRouter(prefix="/api/owners", tags=["owners"])


@router.get(
    "",
    response_model=Workload,
    responses=NO_CASCADE,
    summary=N_("Every owner's workload and the spread"),
)
def workload(db: DbDep, cascade: CascadeDep) -> Workload:
    return owner_workload(db, cascade)


@router.get(
    "/{owner_id}",
    response_model=OwnerWorkload,
    responses={
        404: {"description": N_("no owner with this id")},
        409: {"description": N_("several cascades hold this id: name the cascade")},
    },
    summary=N_("One owner's workload and what it owns"),
)
def one_owner(
    owner_id: Annotated[str, Path(min_length=1, max_length=200)],
    db: DbDep,
    cascade: CascadeParam = None,
) -> Response:
    """``?cascade=`` names the owner's agency; without it the id must be held by one cascade
    only (the same title in two agencies is two owners)."""
    return json_response(one_owner_workload(db, owner_id, cascade or None))
