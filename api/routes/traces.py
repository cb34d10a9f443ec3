"""``/api/elements/{id}/trace`` and ``/subtree``: up to the Goal, and down from an element."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import DriverDep, SettingsDep
from api.routes.elements import NOT_FOUND, ElementId
from graph.elements import ElementNotFound, cascade_of
from graph.models import Subtree, Trace
from graph.trace import MAX_DEPTH, subtree, trace_to_goal

router = APIRouter(prefix="/api/elements", tags=["trace"])


@router.get(
    "/{element_id}/trace",
    response_model=Trace,
    responses=NOT_FOUND,
    summary="Every SUPPORTS path from an element to the Goal, hop by hop",
)
def trace(element_id: ElementId, driver: DriverDep, settings: SettingsDep) -> Trace:
    db = settings.neo4j_database
    try:
        return trace_to_goal(driver, db, cascade_of(driver, db, element_id), element_id)
    except ElementNotFound as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get(
    "/{element_id}/subtree",
    response_model=Subtree,
    responses=NOT_FOUND,
    summary="Everything that supports an element, with depth",
)
def element_subtree(
    element_id: ElementId,
    driver: DriverDep,
    settings: SettingsDep,
    depth: Annotated[
        int | None, Query(ge=1, le=MAX_DEPTH, description="at most this many links down")
    ] = None,
) -> Subtree:
    db = settings.neo4j_database
    try:
        return subtree(driver, db, cascade_of(driver, db, element_id), element_id, depth)
    except ElementNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
