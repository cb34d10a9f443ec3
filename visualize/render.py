"""Render graph views as HTML pages of our own (Jinja2), never pyvis's template.

pyvis's template loads vis-network, bootstrap and tom-select from CDNs even in its inline mode;
ours loads only vis-network from the copy pyvis ships (``pyvis/lib/vis-9.1.2``) and our own
script and stylesheet (``visualize/assets``): served by the API under ``/static/``, or inlined
in a standalone file, which then works with no network at all (and forbids any by its
Content-Security-Policy).

Text from the data is escaped: the templates autoescape HTML, the graph data goes into a
``<script type="application/json">`` block through Jinja's ``tojson`` (which escapes ``<``,
``>``, ``&`` and ``'``), and vis-network shows labels and string tooltips as text.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyvis
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from pokin.core import i18n
from pokin.core.i18n import gettext as _
from pokin.core.vocabulary import (
    BASIS_WORDS,
    LEVEL_KEYS,
    LEVEL_NAMES_ID,
    LEVELS,
    level_name,
    split_judgements,
)
from pokin.graph.views import VIEWS, GraphView, node_key, views_on
from pokin.visualize.measurement import Paint, paint_results
from pokin.visualize.measurement import legend as capaian_legend
from pokin.visualize.network import (
    ACROSS_STYLES,
    BY_CASCADE,
    CLUSTER_FONT,
    EDGE_STYLES,
    FINDING_SIGN,
    LEGIBLE_PX,
    SEVERITY_COLOURS,
    SEVERITY_WORDS,
    STATUS_WORDS,
    agency_of,
    build_network,
    clusters,
    legend,
    level_label,
    overview_positions,
    positions_without,
    wants_overview,
)

#: (cascade, id) -> how a result is painted by capaian; None: by level
Paints = dict[tuple[str, str], Paint] | None

ASSETS_DIR = Path(str(files("pokin.visualize") / "assets"))
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"

#: The files a graph or tree page needs, by the name the API serves them under (``/static/NAME``).
ASSETS: dict[str, Path] = {
    "vis-network.min.js": VIS_DIR / "vis-network.min.js",
    "vis-network.min.css": VIS_DIR / "vis-network.css",
    "pokin-graph.js": ASSETS_DIR / "pokin-graph.js",
    "pokin-graph.css": ASSETS_DIR / "pokin-graph.css",
    "tree.css": ASSETS_DIR / "tree.css",
    "tree.js": ASSETS_DIR / "tree.js",
}


#: Bidirectional controls (embeddings, overrides, isolates, marks): in a name they can make
#: "gnp.exe" read "exe.png", so the tree shows them as visible codes instead of obeying them.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible_controls(text: object) -> str:
    """``text`` with every bidirectional control shown as a code such as ``[U+202E]``."""
    return _BIDI_CONTROLS.sub(
        lambda m: f"[U+{ord(m.group()):04X}]", "" if text is None else str(text)
    )


def environment(*packages: str) -> Environment:
    """A Jinja2 environment over the ``templates`` folders of ``packages`` (package data),
    then ``pokin.visualize``'s own, autoescaping, with the globals every page and picture
    uses (the level vocabulary, ``quote`` for URL parts, the ``visible`` filter), and the
    current locale's texts (``_``, ``{% trans %}``) and formats (``number``, ``percent``,
    ``money``, ``date``; ``lang()``)."""
    env = Environment(
        loader=ChoiceLoader([PackageLoader(p) for p in (*packages, "pokin.visualize")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(number=i18n.number, percent=i18n.percent, money=i18n.money, date=i18n.date)
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    env.filters["visible"] = visible_controls
    #: a text from data or a registry (a check's title, a basis word) translated as it is: `_()`
    #: in a template also %-formats its text, which a translation holding "80 %" would break
    env.filters["tr"] = i18n.gettext
    env.globals.update(
        level_label=level_label,
        level_name=level_name,
        level_names_id=LEVEL_NAMES_ID,
        basis_words=BASIS_WORDS,
        split_judgements=split_judgements,
        level_keys=LEVEL_KEYS,
        levels=LEVELS,
        severity_colours=SEVERITY_COLOURS,
        # a finding's severity and a link's status as pages say them (msgids: ``_()`` them)
        severity_words=SEVERITY_WORDS,
        status_words=STATUS_WORDS,
        quote=lambda s: quote(str(s), safe=""),
        lang=i18n.current,
        # the graph views a page of each kind links to (``pokin.graph.views.VIEWS``)
        views_on=views_on,
    )
    return env


@cache
def _env() -> Environment:
    return environment()


@cache
def asset_text(name: str) -> str:
    """An asset's text, to inline in a standalone page (refused if it could end its element)."""
    text = ASSETS[name].read_text(encoding="utf-8")
    lowered = text.lower()
    if "</script" in lowered or "</style" in lowered or "<!--" in lowered:
        raise ValueError(f"{name} cannot be inlined: it holds an HTML end tag or comment")
    return text


def graph_data(view: GraphView, *, link_base: str = "", paint: Paints = None) -> dict[str, Any]:
    """What the page script needs: the pyvis network's nodes, edges and options, and facts
    about the view."""
    net = build_network(view, link_base=link_base, paint=paint)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {
        "view": view.view,
        "cascade": view.cascade,
        "region": view.region,
        "title": view.title,
        "subject": node_key(view.cascade, view.subject.id)
        if view.subject and view.cascade
        else None,
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options) if isinstance(options, str) else options,
        # where the nodes go when the indicators are switched off (the others keep their place)
        "positions": {
            "indicator": positions_without(view, ("indicator",)),
            **({"overview": overview_positions(view)} if wants_overview(view) else {}),
        },
        # a view drawn as one block per cascade: the page frames each block and names it
        "groups": groups(view) if view.view in BY_CASCADE else [],
        # a big view across cascades opens with other agencies collapsed (expand on click)
        "clusters": clusters(view, {n["id"]: (n["x"], n["y"]) for n in nodes}),
        "clusterFont": CLUSTER_FONT,
        # the first view never shows a label smaller than this on screen (CSS px)
        "legible": LEGIBLE_PX,
    }


def groups(view: GraphView) -> list[dict[str, Any]]:
    """The cascades of ``view`` with the keys of their nodes and the agency to name them by."""
    out: dict[str, dict[str, Any]] = {}
    for node in view.nodes:
        group = out.setdefault(
            node.cascade, {"cascade": node.cascade, "label": agency_of(node), "nodes": []}
        )
        group["nodes"].append(node.key)
    return [out[c] for c in sorted(out)]


def graph_context(view: GraphView, *, link_base: str = "", capaian: Any = None) -> dict[str, Any]:
    """The template context of a graph (the ``network`` macro of ``_network.html``); with
    ``capaian`` (a capaian reading, ``pokin.graph.capaian.CascadeCapaian``) its results are
    painted by capaian category, with that legend."""
    paint = paint_results(capaian.results) if capaian is not None else None
    counts = view.counts()
    # findings per severity, counted as the report counts them (an element may have several),
    # so the badge says the same number as the summary; ``marked``: the elements carrying them
    findings: dict[str, int] = {}
    for node in view.nodes:
        for mark in node.marks:
            findings[mark.severity] = findings.get(mark.severity, 0) + 1
    return {
        "view": view,
        "data": graph_data(view, link_base=link_base, paint=paint),
        "legend": legend(),
        "colour": "capaian" if capaian is not None else "level",
        "capaian_year": capaian.year if capaian is not None else None,
        "capaian_legend": capaian_legend() if capaian is not None else [],
        "edge_styles": EDGE_STYLES,
        # the styles of the links between cascades the view holds (for the legend)
        "across": {
            status: ACROSS_STYLES[status]
            for status in ACROSS_STYLES
            if any(e.across and (e.status or "proposed") == status for e in view.edges)
        },
        "severity_colours": SEVERITY_COLOURS,
        "counts": counts,
        "findings": findings,
        "marked": sum(1 for node in view.nodes if node.marks),
        "found": sum(findings.values()),
        "finding_sign": FINDING_SIGN,
        "view_name": _(VIEWS[view.view].label),
        "subject_label": level_label(view.subject.kind, view.subject.level)
        if view.subject
        else None,
    }


def header_links(view: GraphView) -> list[tuple[str, str]]:
    """The (label, url) links of an explorer graph page's header, in the current language:
    the pages of its subject, check or region, and every other view (``VIEWS``) of them and of
    its cascade."""

    def q(s: str) -> str:
        return quote(s, safe="")

    c = f"?cascade={q(view.cascade or '')}"  # ids are unique only within a cascade
    links: list[tuple[str, str]] = []
    targets: list[tuple[str, str | None]] = []
    if view.subject is not None:
        links.append((_("Element page"), f"/elements/{q(view.subject.id)}{c}"))
        targets += [(view.subject.kind, view.subject.id), ("element", view.subject.id)]
    if view.check is not None:
        links.append((_("Findings as a list"), f"/checks/{q(view.check)}{c}"))
        targets.append(("check", view.check))
    if view.region is not None:
        links.append((_("Region page"), f"/regions/{q(view.region)}"))
        targets.append(("region", view.region))
    if view.cascade is not None:
        targets.append(("cascade", None))
    for target, ident in targets:
        links += [
            (_(v.label), v.url(ident, view.cascade))
            for v in views_on(target)  # type: ignore[arg-type]
            if v.name != view.view
        ]
    return links


def site_menu(cascade: str | None) -> list[tuple[str, str]]:
    """The explorer's main menu (the header of ``api/templates/base.html``), for a graph page
    of ``cascade``: the same links, so a graph page is no dead end."""
    c = f"?cascade={quote(cascade, safe='')}" if cascade else ""
    return [  # the labels are msgids: the page translates them
        (i18n.N_("Summary"), f"/{c}"),
        (i18n.N_("Tree"), f"/tree{c}"),
        (i18n.N_("Whole cascade graph"), f"/graph{c}"),
        (i18n.N_("Upload"), "/upload"),
        ("API", "/docs"),
    ]


def render_page(
    view: GraphView,
    *,
    standalone: bool = False,
    static_url: str = "/static",
    link_base: str = "",
    home_url: str | None = "/",
    links: list[tuple[str, str]] | None = None,
    languages: list[tuple[str, str]] | None = None,
    capaian: Any = None,
    documents: list[dict[str, Any]] | None = None,
) -> str:
    """The graph page of ``view``. ``standalone``: inline every script and stylesheet (the file
    then needs nothing else); otherwise load them from ``static_url``. Clicking a node opens
    ``{link_base}/elements/{id}?cascade={its cascade}``. ``links``: (label, url) pairs for the
    header (other views). A served page (not ``standalone``) carries the site menu and search;
    a file has no server to search, so it carries neither. ``languages``: (locale, url) of
    this page in each language, for the language switch (the server knows the page's URL,
    ``visualize`` does not). ``documents``: the documents this page offers (an owner's), each
    ``document`` (a ``pokin.visualize.documents.Document``), ``action`` (its URL) and
    ``hidden`` (fields sent as they are), drawn as a GET form each."""
    inline = {name: asset_text(name) for name in ASSETS} if standalone else {}
    return (
        _env()
        .get_template("graph.html")
        .render(
            # a graph page offers the capaian colouring; a graph inside another page does not
            graph={**graph_context(view, link_base=link_base, capaian=capaian), "colourable": True},
            inline=inline,
            standalone=standalone,
            static_url=static_url,
            home_url=home_url,
            links=links or [],
            menu=[] if standalone else site_menu(view.cascade),
            languages=languages or [],
            documents=documents or [],
        )
    )
