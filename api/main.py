"""The FastAPI application: one shared driver created in the lifespan, thin route modules.

FastAPI builds its OpenAPI document once; ``localised_openapi`` builds one per locale instead,
so that ``/docs`` (and ``/openapi.json``) speak the request's language: the description, the
tags' descriptions and every route's summary are msgids. Keys and paths stay English."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from starlette.concurrency import run_in_threadpool

from pokin.api import errors
from pokin.api.html import compile_templates
from pokin.api.locale import LocaleMiddleware
from pokin.api.routes import (
    capaian,
    cascades,
    checks,
    elements,
    export,
    glossary,
    graphs,
    health,
    owners,
    pages,
    regions,
    static,
    tree,
    upload,
)
from pokin.core.i18n import N_, _, current
from pokin.core.settings import Settings, get_settings
from pokin.graph.db import Db
from pokin.graph.driver import create_driver
from pokin.graph.warmup import Warmer

SUMMARY = N_("Performance cascades (pohon kinerja) as a Neo4j knowledge graph.")
DESCRIPTION = N_(
    "The JSON API of pokin: an agency's performance cascade (Tujuan, Sasaran Strategis, "
    "Program, Kegiatan, Sub Kegiatan, with their indicators and owners), its alignment checks, "
    "traces to the Goal and the owners' workload, across the cascades of a region. Texts "
    "(messages, explanations) follow the request's language (?lang=id or en, the pokin_lang "
    "cookie, Accept-Language); keys and machine values stay English."
)
UNAVAILABLE = N_("the graph database is not reachable right now")
#: The tags of the JSON routes and what each holds (msgids).
TAGS = [
    ("cascades", N_("The cascades loaded, and loading one (with the API key).")),
    ("elements", N_("The elements of a cascade: list, search, one element.")),
    ("trace", N_("Traces to the Goal, what supports an element and what depends on it.")),
    ("checks", N_("The alignment checks and their findings.")),
    ("owners", N_("The owners (Pemilik Kinerja) and their workload.")),
    ("regions", N_("Regions: their cascades, RPJMD support, crosscutting links, workload.")),
    ("health", N_("Whether the API and its database answer.")),
]


def _summary(text: str) -> str:
    """A route's summary in the current locale; a tail of machine values in parentheses (the
    formats of a registry: ``... (csv, xlsx)``) is kept as it is."""
    said = _(text)
    head, paren, tail = text.rpartition(" (")
    if said == text and paren and tail.endswith(")"):
        return _(head) + paren + tail
    return said


def localised_openapi(app: FastAPI):
    """``app.openapi`` with one document per locale, each built once."""
    documents: dict[str, dict] = {}

    def openapi() -> dict:
        locale = current()
        if locale not in documents:
            doc = get_openapi(
                title=app.title,
                version=app.version,
                summary=_(SUMMARY),
                description=_(DESCRIPTION),
                routes=app.routes,
                tags=[{"name": name, "description": _(text)} for name, text in TAGS],
            )
            for operations in doc.get("paths", {}).values():
                for operation in operations.values():
                    if "summary" in operation:
                        operation["summary"] = _summary(operation["summary"])
                    for response in operation.get("responses", {}).values():
                        if "description" in response:
                            response["description"] = _(response["description"])
            documents[locale] = doc
        return documents[locale]

    return openapi


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The driver connects lazily: the API starts even while Neo4j is still starting.
        driver = create_driver(settings)
        app.state.db = Db.from_settings(driver, settings)
        app.state.warmer = None
        if settings.pokin_warm_interval > 0:  # first visits find their reports made
            await run_in_threadpool(compile_templates)  # ... and their pages compiled
            app.state.warmer = Warmer(app.state.db, settings.pokin_warm_interval)
            app.state.warmer.start()
        try:
            yield
        finally:
            if app.state.warmer is not None:
                app.state.warmer.stop()
            driver.close()

    app = FastAPI(
        title="pokin",
        summary=SUMMARY,
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by routes/static.py from local files, under the CSP
        redoc_url=None,
        responses={503: {"description": UNAVAILABLE}},
    )
    app.state.settings = settings
    if settings.pokin_cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.pokin_cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
        )
    app.add_middleware(LocaleMiddleware)  # each request in its language (Indonesian by default)
    errors.install(app)
    for routes in (health, static, pages, glossary, graphs, tree, cascades, upload, export):
        app.include_router(routes.router)
    app.include_router(elements.router)
    app.include_router(elements.scoped)
    for routes in (checks, owners, regions, capaian):
        app.include_router(routes.router)
    app.openapi = localised_openapi(app)  # type: ignore[method-assign]
    return app


app = create_app()
