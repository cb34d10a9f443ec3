"""``/graph``: the interactive network graphs, one page per view of the registry
``pokin.graph.views.VIEWS`` (which chooses the elements; ``visualize`` draws them), each at
its ``path``: ``/graph?cascade=`` the whole cascade, ``/graph/elements/{id}/trace`` an
element's trace to the Goal, and so on.

Each page is the one ``pokin graph`` writes, with its scripts served from ``/static/`` and
links in its header to the other views of its subject (``visualize.render.header_links``).
The routes are made from the registry, so a new view needs no code here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from pokin.api.deps import CascadeParam, DbDep, YearParam
from pokin.api.html import HtmlRoute, html_response
from pokin.api.locale import switch_url
from pokin.core.i18n import LOCALES
from pokin.graph.capaian import cascade_capaian, region_capaian
from pokin.graph.db import Db
from pokin.graph.views import VIEWS, GraphView, View, build_view
from pokin.visualize.render import header_links, render_page

router = APIRouter(include_in_schema=False, route_class=HtmlRoute)

TargetId = Annotated[str, Path(min_length=1, max_length=200)]
Colour = Annotated[
    Literal["level", "capaian"],
    Query(description="paint the results by level, or by capaian category of ?year="),
]


def _page(
    view: GraphView, db: Db | None = None, colour: str = "level", year: int | None = None
) -> HTMLResponse:
    """The page of ``view``; ``colour=capaian`` reads the capaian of its region or cascade."""
    languages = [(locale, switch_url(locale)) for locale in LOCALES]
    capaian = None
    if colour == "capaian" and db is not None:
        if view.region is not None:
            capaian = region_capaian(db, view.region, year)
        elif view.cascade is not None:
            capaian = cascade_capaian(db, view.cascade, year)
    return html_response(
        render_page(
            view,
            links=header_links(view),
            languages=languages,
            capaian=capaian,
            documents=_documents(view),
        )
    )


def _documents(view: GraphView) -> list[dict]:
    """An owner's page offers the documents registered for owners (``documents_on``)."""
    if view.view != "owner" or view.subject is None or view.cascade is None:
        return []
    from urllib.parse import quote

    from pokin.visualize.documents import documents_on

    return [
        {
            "document": d,
            "action": f"/api/cascades/{quote(view.cascade, safe='')}/documents/{d.name}",
            "hidden": {"owner": view.subject.id},
        }
        for d in documents_on("owner")
    ]


def _route(view: View) -> None:
    if view.target == "cascade":

        def whole(
            db: DbDep,
            cascade: CascadeParam = None,
            colour: Colour = "level",
            year: YearParam = None,
        ) -> HTMLResponse:
            return _page(build_view(db, view.name, None, cascade or None), db, colour, year)

        endpoint = whole
    elif view.target == "region":  # a region spans cascades: no ?cascade=

        def region(
            id: TargetId, db: DbDep, colour: Colour = "level", year: YearParam = None
        ) -> HTMLResponse:
            return _page(build_view(db, view.name, id), db, colour, year)

        endpoint = region
    else:

        def around(
            id: TargetId,
            db: DbDep,
            cascade: CascadeParam = None,
            colour: Colour = "level",
            year: YearParam = None,
        ) -> HTMLResponse:
            return _page(build_view(db, view.name, id, cascade or None), db, colour, year)

        endpoint = around
    router.add_api_route(
        view.path, endpoint, methods=["GET"], response_class=HTMLResponse, name=f"graph_{view.name}"
    )


for _view in VIEWS.values():
    _route(_view)
