"""Draw the pohon tree (``pokin.graph.tree``) as HTML: the template context the explorer's
``/tree`` pages use, and the same tree as one standalone page (its stylesheet inlined, no script)
that ``pokin export`` draws through headless Chromium.

The cards are server-rendered; what starts closed is sent inside ``<template>`` elements, which
the browser parses but neither lays out nor renders until ``tree.js`` opens them, so a cascade of
thousands of results opens as fast as its top levels. Text from the data is escaped by the
templates' autoescaping, and the search index travels as JSON in a
``<script type="application/json">`` block through ``tojson`` (which escapes ``<``, ``>``, ``&``
and ``'``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment

from pokin.core.i18n import gettext as _
from pokin.core.vocabulary import LEVEL_KEYS, LEVELS, level_name
from pokin.graph.tree import Tree
from pokin.visualize.measurement import legend, paint_results
from pokin.visualize.pictures import FORMATS
from pokin.visualize.render import asset_text, environment

#: How deep a tree opens by default: the Goal and the strategic targets, side by side in the
#: first screen (a programme level under three targets is already wider than a screen).
DEFAULT_DEPTH = 1

#: The tree's own stylesheet and script (``visualize/assets``), served under ``/static/``
#: and inlined in a standalone page.
TREE_ASSETS = ("tree.css", "tree.js")


@cache
def tree_asset(name: str) -> str:
    """A tree asset's text, to inline (refused if it could end its element)."""
    if name not in TREE_ASSETS:
        raise ValueError(f"not a tree asset: {name}")
    return asset_text(name)


def depth_labels(tree: Tree) -> list[tuple[int, str]]:
    """(depth, label) for the "open to" choice: the levels of the cards at each depth, named in
    the current language."""
    levels: dict[int, list[str]] = {}
    for card, _parent in tree.walk():
        key = card.level if card.level in LEVELS else "result"
        if key not in levels.setdefault(card.depth, []):
            levels[card.depth].append(key)
    out = []
    for depth in sorted(levels):
        keys = sorted(levels[depth], key=lambda k: LEVEL_KEYS.index(k) if k in LEVEL_KEYS else 9)
        names = ", ".join(level_name(k) if k in LEVELS else _("Result") for k in keys)
        out.append((depth, f"{depth + 1}: {names}"))
    return out


def tree_context(
    tree: Tree,
    depth: int | None = None,
    *,
    link_base: str = "",
    capaian: Any = None,
) -> dict[str, Any]:
    """The context of ``tree.html`` / ``tree_print.html``: the tree, how deep it opens, the
    search index, the choices of depth and the picture formats it exports to; with
    ``capaian`` (a cascade's capaian reading, ``pokin.graph.capaian.CascadeCapaian``) the
    cards are painted by their capaian category, with its legend."""
    open_depth = DEFAULT_DEPTH if depth is None else depth
    painted = {}
    if capaian is not None:
        painted = {i: p for (c, i), p in paint_results(capaian.results).items()}
    return {
        "colour": "capaian" if capaian is not None else "level",
        "paint": painted,
        "capaian_year": capaian.year if capaian is not None else None,
        "capaian_legend": legend() if capaian is not None else [],
        "years": list(range(tree.cascade.period_start, tree.cascade.period_end + 1)),
        "tree": tree,
        "cascade_id": tree.cascade.id,
        "open_depth": max(0, min(open_depth, tree.depth)),
        "index": tree.search_index(),
        "depths": depth_labels(tree),
        "link_base": link_base,
        "subject": tree.names.get(tree.element or "", tree.element),
        "export_formats": list(FORMATS.values()),
    }


def render_standalone(tree: Tree, depth: int | None = None, *, link_base: str = "") -> str:
    """The tree as one HTML file needing nothing else (for printing and export): the
    stylesheet inlined, no script (what is open is decided here), opened to ``depth`` (all of
    it when None)."""
    context = tree_context(tree, tree.depth if depth is None else depth, link_base=link_base)
    template = _templates().get_template("tree_print.html")
    return template.render(**context, css=tree_asset("tree.css"))


@cache
def _templates() -> Environment:
    return environment()
