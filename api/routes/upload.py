"""``POST /api/cascades``: validate and load a cascade file, as ``pokin load`` does.

Only with the API key of ``POKIN_API_KEY`` (header ``X-API-Key``): 401 without a key, 403
with a wrong one; the route answers 404 when no key is configured (writes disabled).

The body is read as a stream and refused (413) as soon as its declared or running size passes
the limit, so it is never held whole beyond it; parsing, validation and the load run in a
worker thread, so the server keeps answering other requests meanwhile.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Security
from fastapi.security import APIKeyHeader
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from pokin.api.deps import DbDep, SettingsDep
from pokin.graph.errors import Invalid, TooLarge
from pokin.graph.loader import load_cascade
from pokin.seed import parse_cascade

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


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with ``TooLarge`` from its ``Content-Length`` or as soon as
    the bytes received pass ``limit``."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"the file is larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"the file is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_and_load(db, body: bytes, replace: bool) -> LoadResult:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Invalid(
            f"upload: the file is not UTF-8 text (byte {exc.start}: {exc.reason})"
        ) from None
    cascade = parse_cascade(text, "upload")
    report = load_cascade(db, cascade, replace=replace, source_text=text)
    return LoadResult(
        cascade=report.cascade_id,
        replaced=report.replaced,
        nodes=report.nodes,
        relationships=report.relationships,
    )


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
    db: DbDep,
    replace: Annotated[bool, Query(description="remove the cascade's previous load first")] = False,
) -> LoadResult:
    body = await read_body(request, MAX_UPLOAD_BYTES)
    return await run_in_threadpool(_parse_and_load, db, body, replace)
