"""``/api/owners``: owner workload, agency-wide and per owner."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path

from api.deps import DriverDep, SettingsDep
from api.routes.checks import NO_CASCADE, CascadeParam
from graph.checks import CascadeNotFound, resolve_cascade
from graph.elements import ElementNotFound, cascade_of
from graph.models import OwnerWorkload, Workload
from graph.workload import owner_workload

router = APIRouter(prefix="/api/owners", tags=["owners"])


@router.get(
    "",
    response_model=Workload,
    responses=NO_CASCADE,
    summary="Every owner's workload and the spread",
)
def workload(driver: DriverDep, settings: SettingsDep, cascade: CascadeParam = None) -> Workload:
    db = settings.neo4j_database
    try:
        return owner_workload(driver, db, resolve_cascade(driver, db, cascade))
    except CascadeNotFound as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get(
    "/{owner_id}",
    response_model=OwnerWorkload,
    responses={404: {"description": "no owner with this id"}},
    summary="One owner's workload and what it owns",
)
def one_owner(
    owner_id: Annotated[str, Path(min_length=1, max_length=200)],
    driver: DriverDep,
    settings: SettingsDep,
) -> OwnerWorkload:
    db = settings.neo4j_database
    try:
        everything = owner_workload(driver, db, cascade_of(driver, db, owner_id))
    except (ElementNotFound, CascadeNotFound) as exc:
        raise HTTPException(404, str(exc)) from exc
    for item in everything.owners:
        if item.owner.id == owner_id:
            return item
    raise HTTPException(404, f"no owner with id {owner_id!r}")
