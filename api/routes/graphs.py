"""``/graph``: the interactive network graphs, one page per view of the registry
``pokin.graph.views.VIEWS`` (which chooses the elements; ``visualize`` draws them):

- ``/graph?cascade=``: the whole cascade;
- ``/graph/elements/{id}``: the subtree under an element;
- ``/graph/elements/{id}/trace``: an element's trace to the Goal;
- ``/graph/owners/{id}``: an owner's portfolio;
- ``/graph/checks/{name}?cascade=``: the findings of one check in their context;
- ``/graph/elements/{id}/impact`` · ``/contributors``: what depends on an element upwards ·
  what supports it downwards, across cascades;
- ``/graph/regions/{id}/crosscutting``: a region's crosscutting map.

Each page is the one ``pokin graph`` writes, with its scripts served from ``/static/``. The
routes are made from the registry, so a new view needs no code here.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse

from pokin.api.deps import CascadeParam, DbDep
from pokin.api.html import HtmlRoute, html_response
from pokin.graph.views import VIEWS, GraphView, View, build_view
from pokin.visualize.render import render_page

router = APIRouter(include_in_schema=False, route_class=HtmlRoute)

TargetId = Annotated[str, Path(min_length=1, max_length=200)]


#: The views of an element the header links to (label, view name, path after the element).
ELEMENT_LINKS = (
    ("Subtree", "subtree", ""),
    ("Trace to the Goal", "trace", "/trace"),
    ("Impact", "impact", "/impact"),
    ("Contributors", "contributors", "/contributors"),
)


def _links(view: GraphView) -> list[tuple[str, str]]:
    """The header's links to the other views of the same subject."""
    links: list[tuple[str, str]] = []
    cascade = quote(view.cascade or "", safe="")
    if view.subject is not None:
        i = quote(view.subject.id, safe="")
        c = f"?cascade={cascade}"  # ids are unique only within a cascade
        links.append(("Element page", f"/elements/{i}{c}"))
        if view.subject.kind == "owner":
            if view.view != "owner":
                links.append(("Portfolio", f"/graph/owners/{i}{c}"))
        for label, name, path in ELEMENT_LINKS:
            if view.view != name:
                links.append((label, f"/graph/elements/{i}{path}{c}"))
    if view.view == "check":
        links.append(
            ("Findings as a list", f"/checks/{quote(view.check or '', safe='')}?cascade={cascade}")
        )
    if view.region is not None:
        links.append(("Region page", f"/regions/{quote(view.region, safe='')}"))
    if view.view != "cascade" and view.cascade is not None:
        links.append(("Whole cascade", f"/graph?cascade={cascade}"))
    return links


def _page(view: GraphView) -> HTMLResponse:
    return html_response(render_page(view, links=_links(view)))


def _route(view: View) -> None:
    if view.target == "cascade":

        def whole(db: DbDep, cascade: CascadeParam = None) -> HTMLResponse:
            return _page(build_view(db, view.name, None, cascade or None))

        endpoint = whole
    elif view.target == "region":  # a region spans cascades: no ?cascade=

        def region(id: TargetId, db: DbDep) -> HTMLResponse:
            return _page(build_view(db, view.name, id))

        endpoint = region
    else:

        def around(id: TargetId, db: DbDep, cascade: CascadeParam = None) -> HTMLResponse:
            return _page(build_view(db, view.name, id, cascade or None))

        endpoint = around
    router.add_api_route(
        view.path, endpoint, methods=["GET"], response_class=HTMLResponse, name=f"graph_{view.name}"
    )


for _view in VIEWS.values():
    _route(_view)
