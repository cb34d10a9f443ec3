"""The explorer: server-rendered HTML pages for analysts (Jinja2 templates, no front-end build).

- ``/``: the cascade's summary (counts per level), the alignment checks with their findings,
  the owners' workload (table and bar chart) and a search box;
- ``/search?q=``: elements whose name holds the words;
- ``/elements/{id}``: one element with its details, links up and down, findings and its trace
  to the Goal (as a list and as an embedded graph);
- ``/checks/{name}``: the findings of one check;
- ``/static/{name}``: the stylesheets and scripts of the pages and graphs (vis-network from the
  copy pyvis ships), so that nothing is loaded from another site.

Unknown ids answer a 404 page, a database outage a 503 page. Every page is sent with a
Content-Security-Policy that allows scripts only from this server.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.routing import APIRoute
from jinja2 import Environment
from neo4j.exceptions import AuthError, DriverError, TransientError

from api.deps import DriverDep, SettingsDep
from graph.checks import CHECKS, CascadeNotFound, UnknownCheck, resolve_cascade, run_checks_cached
from graph.elements import (
    LEVEL_NAMES_ID,
    ElementNotFound,
    get_element,
    list_cascades,
    list_elements,
)
from graph.models import LEVEL_KEYS
from graph.trace import trace_to_goal
from graph.views import level_counts, trace_view
from graph.workload import owner_workload
from visualize.network import LEVELS, SEVERITY_COLOURS, level_label
from visualize.render import ASSETS, environment, graph_context

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
STATIC_DIR = Path(__file__).resolve().parents[1] / "static"

#: Every file served under /static/: the explorer's own, and the graphs' (visualize.ASSETS).
STATIC_FILES: dict[str, Path] = {
    **{p.name: p for p in sorted(STATIC_DIR.glob("*")) if p.is_file()},
    **ASSETS,
}
_MEDIA_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}

#: Sent with every HTML page: scripts only from this server, nothing from anywhere else.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

#: The database cannot be reached or used right now.
UNAVAILABLE = (DriverError, TransientError, AuthError, OSError)
#: What the user asked for does not exist.
NOT_FOUND = (ElementNotFound, CascadeNotFound, UnknownCheck)

MAX_TRACE_PATHS = 25


@cache
def templates() -> Environment:
    env = environment(TEMPLATES_DIR)
    env.globals.update(
        level_label=level_label,
        level_names_id=LEVEL_NAMES_ID,
        level_keys=LEVEL_KEYS,
        levels=LEVELS,
        severity_colours=SEVERITY_COLOURS,
        quote=lambda s: quote(str(s), safe=""),
    )
    return env


def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = templates().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def error_page(status_code: int, title: str, message: str) -> HTMLResponse:
    response = page("error.html", status_code, status=status_code, title=title, message=message)
    if status_code == 503:
        response.headers["Retry-After"] = "5"
    return response


class HtmlRoute(APIRoute):
    """A route whose failures are HTML pages: 404 for an unknown id, cascade or check, 503 when
    the database cannot be reached."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def html_errors(request: Request) -> Response:
            try:
                return await handler(request)
            except NOT_FOUND as exc:
                return error_page(404, "Not found", str(exc))
            except HTTPException as exc:
                if exc.status_code == 404:
                    return error_page(404, "Not found", str(exc.detail))
                raise
            except UNAVAILABLE as exc:
                return error_page(
                    503,
                    "The database is not reachable",
                    "The graph database does not answer right now; try again in a moment. "
                    f"({type(exc).__name__})",
                )

        return html_errors


router = APIRouter(include_in_schema=False, route_class=HtmlRoute)

ElementId = Annotated[str, PathParam(min_length=1, max_length=200)]
CascadeParam = Annotated[str | None, Query(max_length=200)]


def choose_cascade(driver, database: str, cascade: str | None) -> str:
    """The cascade asked for, or the first loaded one; CascadeNotFound otherwise."""
    return resolve_cascade(driver, database, cascade or None)


@router.get("/static/{name}")
def static(name: str) -> FileResponse:
    path = STATIC_FILES.get(name)
    if path is None or not path.is_file():
        raise HTTPException(404, f"no static file {name!r}")
    return FileResponse(
        path,
        media_type=_MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/", response_class=HTMLResponse)
def home(driver: DriverDep, settings: SettingsDep, cascade: CascadeParam = None):
    db = settings.neo4j_database
    cascades = list_cascades(driver, db)
    if not cascades:
        return page("home.html", cascades=[], current=None)
    current_id = choose_cascade(driver, db, cascade)
    current = next(c for c in cascades if c.id == current_id)
    report = run_checks_cached(driver, db, current_id)
    workload = owner_workload(driver, db, current_id)
    return page(
        "home.html",
        cascades=cascades,
        current=current,
        counts=level_counts(driver, db, current_id),
        top=[
            x
            for level in ("goal", "strategic")
            for x in list_elements(driver, db, cascade=current_id, level=level, limit=20).items
        ],
        report=report,
        workload=workload,
        max_results=max((w.counts.total_results for w in workload.owners), default=0),
    )


@router.get("/search", response_class=HTMLResponse)
def search(
    driver: DriverDep,
    settings: SettingsDep,
    q: Annotated[str, Query(max_length=200)] = "",
    cascade: CascadeParam = None,
):
    results = None
    if q.strip():
        results = list_elements(
            driver, settings.neo4j_database, q=q, cascade=cascade or None, limit=100
        )
    return page("search.html", q=q, cascade=cascade, results=results)


@router.get("/elements/{element_id}", response_class=HTMLResponse)
def element(element_id: ElementId, driver: DriverDep, settings: SettingsDep):
    db = settings.neo4j_database
    detail = get_element(driver, db, element_id)
    trace = trace_to_goal(driver, db, detail.cascade, element_id)
    report = run_checks_cached(driver, db, detail.cascade)
    findings = [
        (check, finding)
        for check in report.checks
        for finding in check.findings
        if finding.id == element_id
    ]
    view = trace_view(driver, db, element_id)
    return page(
        "element.html",
        e=detail,
        trace=trace,
        paths=trace.paths[:MAX_TRACE_PATHS],
        more_paths=max(len(trace.paths) - MAX_TRACE_PATHS, 0),
        graph=graph_context(view),
        # for a unit: the owners and indicators of the results it delivers
        itself=next((n for n in view.nodes if n.id == element_id), None),
        findings=findings,
    )


@router.get("/checks/{name}", response_class=HTMLResponse)
def check(name: str, driver: DriverDep, settings: SettingsDep, cascade: CascadeParam = None):
    if name not in CHECKS:
        raise UnknownCheck([name])
    db = settings.neo4j_database
    cascade_id = choose_cascade(driver, db, cascade)
    result = run_checks_cached(driver, db, cascade_id, [name]).checks[0]
    return page("check.html", cascade=cascade_id, check=result)
