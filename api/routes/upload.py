"""``POST /api/cascades``: validate and load a cascade file, as ``pokin load`` does.

The ``Content-Type`` says the format, as the registry's ``MEDIA_TYPES`` has it (none: the
seed format; docs/formats.md has the table): a content type that one format claims names it,
one claimed by several (the xlsx type, ``text/csv``) is told apart by content;
``?format=`` overrides it. A SIPD export loads one cascade per agency: all of them are
validated, then written in one transaction. A cascade already stored is refused (409) unless
``?replace=true`` or ``?merge=true`` says what to do with it, as on the command line.

The answer (201, ``LoadResult``) names the cascades loaded and, for a format that gives one (a
SIPD export), carries the import report as ``import_report``: every source row with its sheet,
row and outcome (kept, merged into X because identical, refused and why) and the notes; null
for the other formats. The explorer's ``/upload`` page shows it.

Only with the API key of ``POKIN_API_KEY`` (header ``X-API-Key``): 401 without a key, 403
with a wrong one; the route answers 404 when no key is configured (writes disabled).

The body is read as a stream and refused (413) as soon as its declared or running size passes
the limit, so it is never held whole beyond it. Parsing and validation run in a child process
(``pokin.seed.formats.isolated``: memory and time limits, killed as soon as the client
disconnects), so a hostile file costs that child and never the server; the load runs in a
worker thread, so the server keeps answering other requests meanwhile.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.security import APIKeyHeader
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from pokin.api.deps import DbDep, SettingsDep
from pokin.core.errors import ApiKeyInvalid, ApiKeyRequired, Invalid, LoadingDisabled, TooLarge
from pokin.core.i18n import N_, _
from pokin.core.i18n import number as show_number
from pokin.graph.loader import load_cascades
from pokin.seed.formats import FORMATS, MEDIA_TYPES, ImportReport
from pokin.seed.formats.isolated import read_isolated

router = APIRouter(prefix="/api/cascades", tags=["cascades"])

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def _too_large(limit: int) -> str:
    return _("the file is larger than %(n)s bytes") % {"n": show_number(limit)}


def require_api_key(
    settings: SettingsDep, key: Annotated[str | None, Security(_api_key_header)]
) -> None:
    if settings.pokin_api_key is None:
        raise LoadingDisabled()
    if not key:
        raise ApiKeyRequired()
    if not secrets.compare_digest(key.encode(), settings.pokin_api_key.get_secret_value().encode()):
        raise ApiKeyInvalid()


class LoadResult(BaseModel):
    cascade: str
    replaced: int
    nodes: dict[str, int]
    relationships: dict[str, int]
    #: every cascade the file held (a SIPD export: one per agency); the fields above are the
    #: first one's
    cascades: list[str] = []
    #: what became of every source row (kept, merged, refused and why), for the formats that
    #: give one (a SIPD export); null for the others (their rows are the elements)
    import_report: ImportReport | None = None


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
        raise TooLarge(_too_large(limit))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(_too_large(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def format_of_upload(content_type: str | None, explicit: str | None) -> str | None:
    """The format of an upload: ``?format=``, else by content type (None: by content)."""
    if explicit:
        if explicit not in FORMATS:
            raise Invalid(
                _("unknown format %(format)s; the formats are: %(formats)s")
                % {"format": repr(explicit), "formats": ", ".join(FORMATS)}
            )
        return explicit
    media = (content_type or "application/yaml").split(";")[0].strip().lower()
    if media not in MEDIA_TYPES:
        raise Invalid(
            _("cannot load content type %(type)s; send one of: %(types)s")
            % {"type": repr(media), "types": ", ".join(MEDIA_TYPES)}
        )
    return MEDIA_TYPES[media]


def _body_schema(media: str) -> dict[str, str]:
    """How the OpenAPI document describes a body of ``media``."""
    if media == "application/json":
        return {"type": "object"}
    text = media.startswith("text/") or any(
        f.charset and media in f.upload_types for f in FORMATS.values()
    )
    return {"type": "string"} if text else {"type": "string", "format": "binary"}


def _parse_and_load(
    db,
    body: bytes,
    replace: bool,
    fmt: str | None = "yaml",
    merge: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
    into: str | None = None,
) -> LoadResult:
    if fmt == "yaml":
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Invalid(
                _("upload: the file is not UTF-8 text (byte %(byte)s: %(reason)s)")
                % {"byte": exc.start, "reason": exc.reason}
            ) from None
    # read in a child process with its own limits, stopped when the client goes
    cascades, import_report = read_isolated(body, "upload", fmt, cancelled=cancelled)
    if into is not None:  # a Renja evaluation table onto a stored cascade: its measurement only
        from pokin.graph.renja import onto_stored

        cascades, replace = [onto_stored(db, cascades, import_report, into)], True
    source = body
    summary = load_cascades(db, [(c, source) for c in cascades], replace=replace, merge=merge)
    report = summary.reports[0]
    return LoadResult(
        cascade=report.cascade_id,
        replaced=report.replaced,
        nodes=report.nodes,
        relationships=report.relationships,
        cascades=[r.cascade_id for r in summary.reports],
        import_report=import_report,
    )


@router.post(
    "",
    response_model=LoadResult,
    status_code=201,
    dependencies=[Depends(require_api_key)],
    summary=N_("Validate and load a cascade file") + f" ({', '.join(FORMATS)})",
    responses={
        401: {"description": N_("no API key")},
        403: {"description": N_("wrong API key")},
        404: {"description": N_("loading over the API is disabled")},
        409: {
            "description": N_(
                "the cascade conflicts with what is stored, or is stored already "
                "(without ?replace=true or ?merge=true)"
            )
        },
        413: {"description": N_("the file is too large")},
        422: {"model": ValidationReport, "description": N_("the file is not a valid cascade")},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            # each format's own content type (the first it claims; the others are aliases)
            "content": {
                media: {"schema": _body_schema(media)}
                for media in dict.fromkeys(f.upload_types[0] for f in FORMATS.values())
            },
        }
    },
)
async def upload(
    request: Request,
    db: DbDep,
    replace: Annotated[
        bool, Query(description="make a cascade already stored exactly the file's")
    ] = False,
    merge: Annotated[
        bool,
        Query(
            description="upsert into a cascade already stored, keeping what the file no longer "
            "has (without replace or merge such a load is refused: 409)"
        ),
    ] = False,
    fmt: Annotated[
        str | None,
        Query(
            alias="format",
            max_length=20,
            description=f"{' | '.join(FORMATS)} (default: by content type)",
        ),
    ] = None,
    into: Annotated[
        str | None,
        Query(
            max_length=200,
            description="a Renja evaluation table's targets and realisation onto this stored "
            "cascade's elements (matched by code, else by name; its structure unchanged)",
        ),
    ] = None,
) -> LoadResult:
    if replace and merge:
        raise Invalid(_("give replace or merge, not both"))
    if into is not None and merge:
        raise Invalid(_("give into or merge, not both"))
    chosen = format_of_upload(request.headers.get("content-type"), fmt)
    body = await read_body(request, MAX_UPLOAD_BYTES)
    gone = threading.Event()

    async def watch() -> None:  # the reading stops as soon as the client is gone
        while not gone.is_set():
            if await request.is_disconnected():
                gone.set()
            await asyncio.sleep(0.1)

    watcher = asyncio.create_task(watch())
    try:
        loaded = await run_in_threadpool(
            _parse_and_load, db, body, replace, chosen, merge, gone.is_set, into
        )
    finally:
        gone.set()
        watcher.cancel()
    warmer = getattr(request.app.state, "warmer", None)
    if warmer is not None:  # the new load's pages, prepared before their first visit
        warmer.poke()
    return loaded


class RealisationResult(BaseModel):
    cascade: str
    year: int
    quarter: int
    indicators: int
    units: int


@router.post(
    "/{cascade}/realisation",
    response_model=RealisationResult,
    status_code=201,
    dependencies=[Depends(require_api_key)],
    summary="Load one quarter's realisation (CSV or xlsx: indicator, value, rp) into a cascade",
    responses={
        401: {"description": "no API key"},
        403: {"description": "wrong API key"},
        404: {"description": "no such cascade, or loading over the API is disabled"},
        413: {"description": "the file is too large"},
        422: {"model": ValidationReport, "description": "a row, the year or the quarter is wrong"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                    "schema": {"type": "string", "format": "binary"}
                },
            },
        }
    },
)
async def upload_realisation(
    request: Request,
    db: DbDep,
    cascade: str,
    year: Annotated[int, Query(ge=1900, le=2200, description="the year it reports")],
    quarter: Annotated[int, Query(description="the quarter it reports: 1-4")],
) -> RealisationResult:
    from pokin.graph.realisation import load_realisation

    body = await read_body(request, MAX_UPLOAD_BYTES)
    report = await run_in_threadpool(
        lambda: load_realisation(db, cascade, body, "upload", year=year, quarter=quarter)
    )
    warmer = getattr(request.app.state, "warmer", None)
    if warmer is not None:
        warmer.poke()
    return RealisationResult(**vars(report))
