"""Exception handlers: a database outage is a 503 with a clear message, never a 500."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError


def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(
        status_code=503,
        content={
            "detail": "The graph database is not reachable right now; try again shortly. "
            f"({type(exc).__name__})"
        },
        headers={"Retry-After": "5"},
    )


def install(app: FastAPI) -> None:
    for exc_type in (ServiceUnavailable, SessionExpired, TransientError):
        app.add_exception_handler(exc_type, _unavailable)
