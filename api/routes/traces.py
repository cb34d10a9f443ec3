"""``/api/elements/{id}/trace`` and ``/subtree``: up to the Goal, and down from an element."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from pokin.api.deps import DbDep
from pokin.api.responses import json_response
from pokin.api.routes.elements import NOT_FOUND, ElementId
from pokin.graph.models import Subtree, Trace
from pokin.graph.trace import MAX_DEPTH, subtree, trace_to_goal

router = APIRouter(prefix="/api/elements", tags=["trace"])


@router.get(
    "/{element_id}/trace",
    response_model=Trace,
    responses=NOT_FOUND,
    summary="Every SUPPORTS path from an element to the Goal, hop by hop",
)
def trace(element_id: ElementId, db: DbDep) -> Response:
    return json_response(trace_to_goal(db, None, element_id))


@router.get(
    "/{element_id}/subtree",
    response_model=Subtree,
    responses=NOT_FOUND,
    summary="Everything that supports an element, with depth",
)
def element_subtree(
    element_id: ElementId,
    db: DbDep,
    depth: Annotated[
        int | None, Query(ge=1, le=MAX_DEPTH, description="at most this many links down")
    ] = None,
) -> Response:
    return json_response(subtree(db, None, element_id, depth))
