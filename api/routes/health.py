"""``GET /health``: is the API up, and does its database answer."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import DriverDep, SettingsDep
from graph.driver import DATABASE_UNAVAILABLE, server_info

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    neo4j: Literal["up", "down"]
    version: str | None = None
    detail: str | None = None


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "the database does not answer"}},
)
def health(driver: DriverDep, settings: SettingsDep):
    try:
        info = server_info(driver, settings.neo4j_database, timeout=5.0)
    except DATABASE_UNAVAILABLE as exc:
        body = Health(status="degraded", neo4j="down", detail=f"{type(exc).__name__}: {exc}")
        return JSONResponse(status_code=503, content=body.model_dump())
    return Health(status="ok", neo4j="up", version=info.version)
