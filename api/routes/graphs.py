"""``/graph``: the interactive network graphs, one page per view of the registry
``pokin.graph.views.VIEWS`` (which chooses the elements; ``visualize`` draws them), each at
its ``path``: ``/graph?cascade=`` the whole cascade, ``/graph/elements/{id}/trace`` an
element's trace to the Goal, and so on.

Each page is the one ``pokin graph`` writes, with its scripts served from ``/static/`` and
links in its header to the other views of its subject (``visualize.render.header_links``).
The routes are made from the registry, so a new view needs no code here.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse

from pokin.api.deps import CascadeParam, DbDep
from pokin.api.html import HtmlRoute, html_response
from pokin.api.locale import switch_url
from pokin.core.i18n import LOCALES
from pokin.graph.views import VIEWS, GraphView, View, build_view
from pokin.visualize.render import header_links, render_page

router = APIRouter(include_in_schema=False, route_class=HtmlRoute)

TargetId = Annotated[str, Path(min_length=1, max_length=200)]


def _page(view: GraphView) -> HTMLResponse:
    languages = [(locale, switch_url(locale)) for locale in LOCALES]
    return html_response(render_page(view, links=header_links(view), languages=languages))


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
