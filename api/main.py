"""The FastAPI application: one shared driver created in the lifespan, thin route modules."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from pokin.api import errors
from pokin.api.html import compile_templates
from pokin.api.locale import LocaleMiddleware
from pokin.api.routes import (
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
from pokin.core.settings import Settings, get_settings
from pokin.graph.db import Db
from pokin.graph.driver import create_driver
from pokin.graph.warmup import Warmer


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
        summary="Performance cascades (pohon kinerja) as a Neo4j knowledge graph.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by routes/static.py from local files, under the CSP
        redoc_url=None,
        responses={503: {"description": "the graph database is not reachable right now"}},
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
    for routes in (checks, owners, regions):
        app.include_router(routes.router)
    return app


app = create_app()
