"""How pokin's errors (``pokin.core.errors``) are shown over HTTP: one handler, two faces.

A JSON route answers ``{"detail": message}`` (the message in the request's language: errors
are made in it; the keys stay English) (and ``problems`` for a file that is not a valid
cascade) with the error's ``http_status``; an explorer page (a route of ``HtmlRoute``) answers
the same status as an HTML page. A page that needs a cascade and was named none
(``CascadeNotChosen``) is a chooser instead (200: the agencies by region, each a link to the same
page with ``?cascade=``), and an element id held by several cascades a 409 page of links to
each. A 503 always carries ``Retry-After``. Errors of the Neo4j driver
that escaped ``pokin.graph`` are translated with ``from_driver`` first. Anything else is a bug:
its traceback goes to the server's log under a request id, and the answer is a 500 in the
route's own face (JSON or a page) naming that id, never a traceback or a class name; the
process goes on serving.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from pokin.api.html import HtmlRoute, error_page, page
from pokin.core.errors import (
    DRIVER_ERRORS,
    AmbiguousElement,
    CascadeNotChosen,
    PokinError,
    Unavailable,
    from_driver,
    retry_after_header,
)
from pokin.core.i18n import _, ngettext
from pokin.graph.pages import CascadeGroup, cascade_groups


def _is_page(request: Request) -> bool:
    return isinstance(request.scope.get("route"), HtmlRoute)


def json_error(exc: PokinError) -> JSONResponse:
    content: dict[str, Any] = {"detail": getattr(exc, "summary", exc.message)}
    problems = getattr(exc, "problems", None)
    if problems:
        content["problems"] = [p.as_dict() for p in problems[:100]]
    cascades = getattr(exc, "cascades", None)
    if cascades:  # an ambiguous element id: the cascades that hold it
        content["cascades"] = list(cascades)
    return JSONResponse(
        status_code=exc.http_status,
        content=content,
        headers=exc.http_headers,
    )


def html_error(exc: PokinError) -> Response:
    return error_page(exc.http_status, _(exc.title), exc.message, exc.http_headers)


def _same_page(request: Request) -> str:
    """The request's path and query without ``cascade``, ready for ``cascade=ID``."""
    kept = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "cascade"])
    return f"{request.url.path}?{kept}&" if kept else f"{request.url.path}?"


def _chooser(request: Request, exc: CascadeNotChosen | AmbiguousElement) -> Response:
    """The cascades to choose from, by region, each linking to the same page; a plain error
    page when they cannot be read (the database is what failed)."""
    try:
        groups = cascade_groups(request.app.state.db)
    except (PokinError, *DRIVER_ERRORS):
        return html_error(exc)
    if isinstance(exc, AmbiguousElement):
        held = set(exc.cascades)
        groups = [CascadeGroup(g.region, [c for c in g.cascades if c.id in held]) for g in groups]
        groups = [g for g in groups if g.cascades]
        status, heading = exc.http_status, _(exc.title)
        lead = _(
            "%(id)s is an element of %(count)d cascades; choose the agency whose element you mean."
        ) % {"id": exc.element_id, "count": len(exc.cascades)}
    else:
        status, heading = 200, _("Which cascade?")
        lead = ngettext(
            "%(count)d cascade is loaded; choose the agency this page shows.",
            "%(count)d cascades are loaded; choose the agency this page shows.",
            len(exc.choices),
        ) % {"count": len(exc.choices)}
    response = page(
        "chooser.html",
        status,
        status=status,
        heading=heading,
        lead=lead,
        groups=groups,
        base=_same_page(request),
        path=request.url.path,
    )
    response.headers.update(exc.http_headers)
    return response


def handle(request: Request, exc: PokinError) -> Response:
    if not _is_page(request):
        return json_error(exc)
    if isinstance(exc, CascadeNotChosen | AmbiguousElement):
        return _chooser(request, exc)
    return html_error(exc)


def _pokin_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PokinError)
    return handle(request, exc)


def _driver_error(request: Request, exc: Exception) -> Response:
    translated = from_driver(exc)
    if translated is None:
        raise exc
    return handle(request, translated)


def _os_error(request: Request, exc: Exception) -> Response:
    return handle(
        request, Unavailable(f"the graph database cannot be used right now ({type(exc).__name__})")
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = {**(exc.headers or {}), **(retry_after_header() if exc.status_code == 503 else {})}
    titles = {404: _("Not found"), 405: _("Method not allowed")}
    detail = exc.detail
    if exc.status_code in titles and detail in ("Not Found", "Method Not Allowed"):
        detail = titles[exc.status_code]  # Starlette's own phrase, in the request's language
    if _is_page(request):
        title = titles.get(exc.status_code, _("Error"))
        return error_page(exc.status_code, title, str(detail), headers)
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _is_page(request):
        where = "; ".join(
            f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()
        )
        return error_page(422, _("Invalid request"), where[:500])
    from fastapi.exception_handlers import request_validation_exception_handler

    return await request_validation_exception_handler(request, exc)


_log = logging.getLogger("pokin.api")


async def _unexpected(request: Request, exc: Exception) -> Response:
    """A bug in one request: logged with its traceback under a request id; the user gets the id
    (to quote to whoever runs the server) and nothing of the internals."""
    request_id = uuid.uuid4().hex[:12]
    _log.error(
        "request %s (%s %s) failed", request_id, request.method, request.url.path, exc_info=exc
    )
    message = _(
        "an unexpected error stopped this request; it is logged as request %(request_id)s"
    ) % {"request_id": request_id}
    headers = {"X-Request-ID": request_id}
    if _is_page(request):
        return error_page(500, _("Unexpected error"), message, headers)
    return JSONResponse(
        {"detail": message, "request_id": request_id}, status_code=500, headers=headers
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(PokinError, _pokin_error)
    for exc_type in DRIVER_ERRORS:
        app.add_exception_handler(exc_type, _driver_error)
    app.add_exception_handler(ConnectionError, _os_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
