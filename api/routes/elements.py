"""``/api/elements`` and ``/api/cascades/{cascade}/elements``: list, search and read elements.

An element is identified by (cascade, id). ``/api/cascades/{cascade}/elements/{id}`` always
names one; ``/api/elements/{id}`` keeps working while the id is held by one cascade only and
answers 409 Conflict, listing the cascades, when several hold it (docs/model.md, "Ids").
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from pokin.api.deps import DbDep
from pokin.api.responses import json_response
from pokin.core.vocabulary import Kind, Level
from pokin.graph.elements import ElementDetail, ElementPage, get_element, list_elements

router = APIRouter(prefix="/api/elements", tags=["elements"])
scoped = APIRouter(prefix="/api/cascades/{cascade}/elements", tags=["elements"])

ElementId = Annotated[str, Path(min_length=1, max_length=200, description="an element id")]
CascadeId = Annotated[str, Path(min_length=1, max_length=200, description="a cascade id")]
NOT_FOUND = {404: {"description": "no element with this id"}}
AMBIGUOUS = {
    **NOT_FOUND,
    409: {"description": "several cascades hold this id: name the cascade (listed)"},
}


@router.get("", response_model=ElementPage, summary="List or search elements")
def elements(
    db: DbDep,
    level: Annotated[Level | None, Query(description="goal, strategic, ... sub_activity")] = None,
    kind: Annotated[Kind | None, Query(description="goal, target, programme, ...")] = None,
    owner: Annotated[str | None, Query(max_length=200, description="owner id")] = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description="words of the name (case- and accent-insensitive)"),
    ] = None,
    cascade: Annotated[str | None, Query(max_length=200, description="cascade id")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ElementPage:
    return list_elements(
        db,
        cascade=cascade,
        level=level,
        kind=kind,
        owner=owner,
        q=q,
        offset=offset,
        limit=limit,
    )


@router.get(
    "/{element_id}",
    response_model=ElementDetail,
    responses=AMBIGUOUS,
    summary="One element, by an id held by one cascade only",
)
def element(element_id: ElementId, db: DbDep) -> Response:
    return json_response(get_element(db, element_id))


@scoped.get(
    "/{element_id}",
    response_model=ElementDetail,
    responses=NOT_FOUND,
    summary="One element of a cascade",
)
def cascade_element(cascade: CascadeId, element_id: ElementId, db: DbDep) -> Response:
    return json_response(get_element(db, element_id, cascade))
