"""``GET /health``: is the API up, and does its database answer."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from pokin.api.deps import DbDep
from pokin.core.errors import Unavailable, retry_after_header
from pokin.core.i18n import N_
from pokin.graph.db import Db, graph_version
from pokin.graph.driver import server_info

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    neo4j: Literal["up", "down"]
    version: str | None = None
    detail: str | None = None
    caches: Literal["warm", "warming", "off"] = Field(
        "off",
        description="warm: every loaded cascade's and region's pages were prepared in the "
        "background since their last load; warming: not yet; off: POKIN_WARM_INTERVAL=0",
    )


def _caches(request: Request, db: Db | None) -> Literal["warm", "warming", "off"]:
    """The warmer's state; ``db`` None: the database is down (nothing is known to be warm)."""
    warmer = getattr(request.app.state, "warmer", None)
    if warmer is None:
        return "off"
    if db is None:
        return "warming"
    try:
        return "warm" if warmer.is_warm(db.read(graph_version)) else "warming"
    except Unavailable:
        return "warming"


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": N_("the database does not answer")}},
)
def health(db: DbDep, request: Request):
    try:
        info = server_info(db.driver, db.database, timeout=5.0)
    except Unavailable as exc:
        body = Health(
            status="degraded", neo4j="down", detail=exc.message, caches=_caches(request, None)
        )
        return JSONResponse(
            status_code=exc.http_status, content=body.model_dump(), headers=retry_after_header()
        )
    return Health(status="ok", neo4j="up", version=info.version, caches=_caches(request, db))
