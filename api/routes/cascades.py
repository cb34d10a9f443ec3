"""``/api/cascades``: the cascades loaded."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import DriverDep, SettingsDep
from graph.elements import CascadeSummary, list_cascades

router = APIRouter(prefix="/api/cascades", tags=["cascades"])


@router.get("", response_model=list[CascadeSummary], summary="The cascades loaded")
def cascades(driver: DriverDep, settings: SettingsDep) -> list[CascadeSummary]:
    return list_cascades(driver, settings.neo4j_database)
