"""``/api/elements/{id}/trace``, ``/subtree``, ``/impact`` and ``/contributors``: up to the
Goal, down from an element, and both across cascades; the same under
``/api/cascades/{cascade}/elements/{id}`` (the unscoped routes answer 409 for an id several
cascades hold)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from pokin.api.deps import DbDep
from pokin.api.responses import json_response
from pokin.api.routes.elements import AMBIGUOUS, NOT_FOUND, CascadeId, ElementId
from pokin.graph.impact import Contributors, Impact, contributors, impact
from pokin.graph.models import Subtree, Trace
from pokin.graph.trace import MAX_DEPTH, subtree, trace_to_goal

router = APIRouter(prefix="/api/elements", tags=["trace"])
scoped = APIRouter(prefix="/api/cascades/{cascade}/elements", tags=["trace"])

Depth = Annotated[int | None, Query(ge=1, le=MAX_DEPTH, description="at most this many links down")]


@router.get(
    "/{element_id}/trace",
    response_model=Trace,
    responses=AMBIGUOUS,
    summary="Every SUPPORTS path from an element to a Goal, hop by hop",
)
def trace(element_id: ElementId, db: DbDep) -> Response:
    return json_response(trace_to_goal(db, None, element_id))


@router.get(
    "/{element_id}/subtree",
    response_model=Subtree,
    responses=AMBIGUOUS,
    summary="Everything that supports an element, with depth",
)
def element_subtree(element_id: ElementId, db: DbDep, depth: Depth = None) -> Response:
    return json_response(subtree(db, None, element_id, depth))


@scoped.get(
    "/{element_id}/trace",
    response_model=Trace,
    responses=NOT_FOUND,
    summary="Every SUPPORTS path from an element of a cascade to a Goal, hop by hop",
)
def cascade_trace(cascade: CascadeId, element_id: ElementId, db: DbDep) -> Response:
    return json_response(trace_to_goal(db, cascade, element_id))


@scoped.get(
    "/{element_id}/subtree",
    response_model=Subtree,
    responses=NOT_FOUND,
    summary="Everything that supports an element of a cascade, with depth",
)
def cascade_subtree(
    cascade: CascadeId, element_id: ElementId, db: DbDep, depth: Depth = None
) -> Response:
    return json_response(subtree(db, cascade, element_id, depth))


@router.get(
    "/{element_id}/impact",
    response_model=Impact,
    responses=AMBIGUOUS,
    summary="Everything that depends on an element upwards, across cascades",
)
def element_impact(element_id: ElementId, db: DbDep) -> Response:
    return json_response(impact(db, None, element_id))


@router.get(
    "/{element_id}/contributors",
    response_model=Contributors,
    responses=AMBIGUOUS,
    summary="Everything that supports an element, by agency and owner",
)
def element_contributors(element_id: ElementId, db: DbDep) -> Response:
    return json_response(contributors(db, None, element_id))


@scoped.get(
    "/{element_id}/impact",
    response_model=Impact,
    responses=NOT_FOUND,
    summary="Everything that depends on an element of a cascade upwards, across cascades",
)
def cascade_impact(cascade: CascadeId, element_id: ElementId, db: DbDep) -> Response:
    return json_response(impact(db, cascade, element_id))


@scoped.get(
    "/{element_id}/contributors",
    response_model=Contributors,
    responses=NOT_FOUND,
    summary="Everything that supports an element of a cascade, by agency and owner",
)
def cascade_contributors(cascade: CascadeId, element_id: ElementId, db: DbDep) -> Response:
    return json_response(contributors(db, cascade, element_id))
