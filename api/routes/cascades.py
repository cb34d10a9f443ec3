"""``/api/cascades``: the cascades loaded."""

from __future__ import annotations

from fastapi import APIRouter

from pokin.api.deps import DbDep
from pokin.core.i18n import N_
from pokin.graph.elements import CascadeSummary, list_cascades

router = APIRouter(prefix="/api/cascades", tags=["cascades"])


@router.get("", response_model=list[CascadeSummary], summary=N_("The cascades loaded"))
def cascades(db: DbDep) -> list[CascadeSummary]:
    return list_cascades(db)
