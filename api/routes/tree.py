"""The pohon tree pages: ``/tree?cascade=`` draws a whole cascade, ``/tree/elements/{id}`` the
subtree under one element, as the boxes-from-the-Tujuan-down diagram users know (one card per
result; ``pokin.graph.tree`` builds it, ``templates/tree.html`` draws it and ``static/tree.js``
opens and closes it).

``?depth=N`` sets how deep the page opens (the URL hash, the page's permalink, overrides it
once the page runs). ``/tree/export.{pdf,png,svg}`` answers the same tree as a file, drawn by
headless Chromium as ``pokin export`` draws it (an error page says what to install where
Chromium or Playwright is missing)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from pokin.api.deps import CascadeParam, DbDep, YearParam
from pokin.api.html import HtmlRoute, page
from pokin.graph.capaian import cascade_capaian
from pokin.graph.tree import cascade_tree
from pokin.visualize.tree import tree_context
from pokin.visualize.tree_export import MEDIA_TYPES, Format, export_bytes

router = APIRouter(include_in_schema=False, route_class=HtmlRoute)

ElementId = Annotated[str, PathParam(min_length=1, max_length=200)]
Depth = Annotated[int | None, Query(ge=0, le=64, description="open the tree this deep")]
Colour = Annotated[
    Literal["level", "capaian"],
    Query(description="paint the cards by level, or by capaian category of ?year="),
]


def _page(db, tree, depth, colour, year):
    capaian = cascade_capaian(db, tree.cascade.id, year) if colour == "capaian" else None
    return page("tree.html", **tree_context(tree, depth, capaian=capaian))


@router.get("/tree", response_class=HTMLResponse)
def tree(
    db: DbDep,
    cascade: CascadeParam = None,
    depth: Depth = None,
    colour: Colour = "level",
    year: YearParam = None,
):
    return _page(db, cascade_tree(db, cascade or None), depth, colour, year)


@router.get("/tree/elements/{element_id}", response_class=HTMLResponse)
def element_tree(
    element_id: ElementId,
    db: DbDep,
    cascade: CascadeParam = None,
    depth: Depth = None,
    colour: Colour = "level",
    year: YearParam = None,
):
    tree = cascade_tree(db, cascade or None, element=element_id)
    return _page(db, tree, depth, colour, year)


@router.get("/tree/export.{fmt}")
def export(
    fmt: Format,
    db: DbDep,
    cascade: CascadeParam = None,
    element: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    depth: Depth = None,
) -> Response:
    tree = cascade_tree(db, cascade or None, element)
    data = export_bytes(tree, fmt, depth=depth)
    name = f"pokin-tree-{tree.element or tree.cascade.id}.{fmt}"
    safe = "".join(ch if ch.isalnum() or ch in "-._" else "_" for ch in name)
    return Response(
        data,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{safe}"'},
    )
