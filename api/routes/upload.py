"""``POST /api/cascades``: validate and load a cascade file, as ``pokin load`` does.

Only with the API key of ``POKIN_API_KEY`` (header ``X-API-Key``): 401 without a key, 403
with a wrong one; the route answers 404 when no key is configured (writes disabled).
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from api.deps import DriverDep, SettingsDep
from graph.loader import LoadError, load_cascade
from seed import CascadeValidationError, parse_cascade

router = APIRouter(prefix="/api/cascades", tags=["cascades"])

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def require_api_key(
    settings: SettingsDep, key: Annotated[str | None, Security(_api_key_header)]
) -> None:
    if settings.pokin_api_key is None:
        raise HTTPException(404, "loading over the API is disabled: no POKIN_API_KEY is set")
    if not key:
        raise HTTPException(
            401, "an API key is required (header X-API-Key)", {"WWW-Authenticate": "X-API-Key"}
        )
    if not secrets.compare_digest(key.encode(), settings.pokin_api_key.get_secret_value().encode()):
        raise HTTPException(403, "the API key is not valid")


class LoadResult(BaseModel):
    cascade: str
    replaced: int
    nodes: dict[str, int]
    relationships: dict[str, int]


class Problem(BaseModel):
    file: str | None = None
    line: int | None = None
    element_id: str | None = None
    field: str | None = None
    message: str


class ValidationReport(BaseModel):
    detail: str
    problems: list[Problem]


@router.post(
    "",
    response_model=LoadResult,
    status_code=201,
    dependencies=[Depends(require_api_key)],
    summary="Validate and load a cascade file (seed format, YAML)",
    responses={
        401: {"description": "no API key"},
        403: {"description": "wrong API key"},
        404: {"description": "loading over the API is disabled"},
        409: {"description": "the cascade conflicts with what is stored"},
        413: {"description": "the file is too large"},
        422: {"model": ValidationReport, "description": "the file is not a valid cascade"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/yaml": {"schema": {"type": "string"}}},
        }
    },
)
async def upload(
    request: Request,
    driver: DriverDep,
    settings: SettingsDep,
    replace: Annotated[bool, Query(description="remove the cascade's previous load first")] = False,
):
    body = await request.body()
    if len(body) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, f"the file is larger than {MAX_UPLOAD_BYTES} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(422, f"the file is not UTF-8 text: {exc}") from exc
    try:
        cascade = parse_cascade(text, "upload")
    except CascadeValidationError as exc:
        report = ValidationReport(
            detail=f"the file is not a valid cascade ({len(exc.problems)} problem(s))",
            problems=[Problem(**_problem(p)) for p in exc.problems],
        )
        return JSONResponse(status_code=422, content=report.model_dump())
    try:
        report = await run_in_threadpool(
            load_cascade,
            driver,
            settings.neo4j_database,
            cascade,
            replace=replace,
            source_text=text,
        )
    except LoadError as exc:
        raise HTTPException(409, str(exc)) from exc
    return LoadResult(
        cascade=report.cascade_id,
        replaced=report.replaced,
        nodes=report.nodes,
        relationships=report.relationships,
    )


def _problem(problem) -> dict:
    return {
        "file": getattr(problem, "file", None),
        "line": getattr(problem, "line", None),
        "element_id": getattr(problem, "element_id", None),
        "field": getattr(problem, "field", None),
        "message": getattr(problem, "message", str(problem)),
    }
