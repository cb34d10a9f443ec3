"""``/graph``: the interactive network graphs (``graph.views`` chooses the elements,
``visualize`` draws them).

- ``/graph?cascade=``: the whole cascade;
- ``/graph/elements/{id}``: the subtree under an element;
- ``/graph/elements/{id}/trace``: an element's trace to the Goal;
- ``/graph/owners/{id}``: an owner's portfolio;
- ``/graph/checks/{name}?cascade=``: the findings of one check in their context.

Each page is the one ``pokin graph`` writes, with its scripts served from ``/static/``.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from api.deps import DriverDep, SettingsDep
from api.routes.pages import SECURITY_HEADERS, HtmlRoute, choose_cascade
from graph.checks import CHECKS, UnknownCheck
from graph.views import GraphView, cascade_view, check_view, owner_view, subtree_view, trace_view
from visualize.render import render_page

router = APIRouter(prefix="/graph", include_in_schema=False, route_class=HtmlRoute)

ElementId = Annotated[str, Path(min_length=1, max_length=200)]
CascadeParam = Annotated[str | None, Query(max_length=200)]


def _links(view: GraphView) -> list[tuple[str, str]]:
    """The header's links to the other views of the same subject."""
    links: list[tuple[str, str]] = []
    cascade = quote(view.cascade, safe="")
    if view.subject is not None:
        i = quote(view.subject.id, safe="")
        links.append(("Element page", f"/elements/{i}"))
        if view.subject.kind == "owner":
            if view.view != "owner":
                links.append(("Portfolio", f"/graph/owners/{i}"))
        if view.view != "subtree":
            links.append(("Subtree", f"/graph/elements/{i}"))
        if view.view != "trace":
            links.append(("Trace to the Goal", f"/graph/elements/{i}/trace"))
    if view.view == "check":
        links.append(
            ("Findings as a list", f"/checks/{quote(view.check or '', safe='')}?cascade={cascade}")
        )
    if view.view != "cascade":
        links.append(("Whole cascade", f"/graph?cascade={cascade}"))
    return links


def _page(view: GraphView) -> HTMLResponse:
    return HTMLResponse(render_page(view, links=_links(view)), headers=SECURITY_HEADERS)


@router.get("", response_class=HTMLResponse)
def whole_cascade(driver: DriverDep, settings: SettingsDep, cascade: CascadeParam = None):
    db = settings.neo4j_database
    return _page(cascade_view(driver, db, choose_cascade(driver, db, cascade)))


@router.get("/elements/{element_id}", response_class=HTMLResponse)
def subtree(element_id: ElementId, driver: DriverDep, settings: SettingsDep):
    return _page(subtree_view(driver, settings.neo4j_database, element_id))


@router.get("/elements/{element_id}/trace", response_class=HTMLResponse)
def trace(element_id: ElementId, driver: DriverDep, settings: SettingsDep):
    return _page(trace_view(driver, settings.neo4j_database, element_id))


@router.get("/owners/{owner_id}", response_class=HTMLResponse)
def owner(owner_id: ElementId, driver: DriverDep, settings: SettingsDep):
    return _page(owner_view(driver, settings.neo4j_database, owner_id))


@router.get("/checks/{name}", response_class=HTMLResponse)
def check(name: str, driver: DriverDep, settings: SettingsDep, cascade: CascadeParam = None):
    if name not in CHECKS:
        raise UnknownCheck([name])
    db = settings.neo4j_database
    return _page(check_view(driver, db, name, choose_cascade(driver, db, cascade)))
