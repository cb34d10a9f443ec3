"""The pohon tree pages: ``/tree?cascade=`` draws a whole cascade, ``/tree/elements/{id}`` the
subtree under one element, as the boxes-from-the-Tujuan-down diagram users know (one card per
result; ``pokin.graph.tree`` builds it, ``templates/tree.html`` draws it and ``static/tree.js``
opens and closes it).

``?depth=N`` sets how deep the page opens (the URL hash, the page's permalink, overrides it
once the page runs)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from pokin.api.deps import CascadeParam, DbDep
from pokin.api.html import HtmlRoute, page
from pokin.graph.tree import cascade_tree
from pokin.visualize.tree import tree_context

router = APIRouter(include_in_schema=False, route_class=HtmlRoute)

ElementId = Annotated[str, PathParam(min_length=1, max_length=200)]
Depth = Annotated[int | None, Query(ge=0, le=64, description="open the tree this deep")]


@router.get("/tree", response_class=HTMLResponse)
def tree(db: DbDep, cascade: CascadeParam = None, depth: Depth = None):
    return page("tree.html", **tree_context(cascade_tree(db, cascade or None), depth))


@router.get("/tree/elements/{element_id}", response_class=HTMLResponse)
def element_tree(element_id: ElementId, db: DbDep, depth: Depth = None):
    return page("tree.html", **tree_context(cascade_tree(db, element=element_id), depth))
