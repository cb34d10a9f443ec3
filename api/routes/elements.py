"""``/api/elements``: list, search and read the cascade's elements."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from api.deps import DriverDep, SettingsDep
from graph.elements import (
    ElementDetail,
    ElementNotFound,
    ElementPage,
    Kind,
    Level,
    get_element,
    list_elements,
)

router = APIRouter(prefix="/api/elements", tags=["elements"])

ElementId = Annotated[str, Path(min_length=1, max_length=200, description="an element id")]
NOT_FOUND = {404: {"description": "no element with this id"}}


@router.get("", response_model=ElementPage, summary="List or search elements")
def elements(
    driver: DriverDep,
    settings: SettingsDep,
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
        driver,
        settings.neo4j_database,
        cascade=cascade,
        level=level,
        kind=kind,
        owner=owner,
        q=q,
        offset=offset,
        limit=limit,
    )


def not_found(exc: ElementNotFound) -> HTTPException:
    return HTTPException(status_code=404, detail=str(exc))


@router.get(
    "/{element_id}", response_model=ElementDetail, responses=NOT_FOUND, summary="One element"
)
def element(element_id: ElementId, driver: DriverDep, settings: SettingsDep) -> ElementDetail:
    try:
        return get_element(driver, settings.neo4j_database, element_id)
    except ElementNotFound as exc:
        raise not_found(exc) from exc
