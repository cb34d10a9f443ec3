"""Turn a graph view (``graph.views.GraphView``) into a pyvis network: nodes, edges and vis options.

The picture is a top-down hierarchy by level: the Goal on top, then strategic targets,
programme, activity and sub-activity results, each level's units (programme, activity,
sub-activity) one row under their results, indicators one row under the result they measure,
and owners at the bottom. One colour per level: results are filled boxes, units outlined
boxes of the same colour; indicators are diamonds and owners hexagons. Elements with findings of
the alignment checks get a thick border (red for errors, orange for warnings, blue for info).

Views may span cascades (impact, contributors, a region's crosscutting map): a vis node's id is
its key ``cascade:id`` in every view, clicking it opens its element page in its own cascade,
and a node of another cascade than the view's names its agency in its label and tooltip. Links
between cascades are drawn thicker, in blue when agreed and dashed orange while proposed.

Labels and tooltips are plain text (vis-network 9 shows a string tooltip as text, never as
HTML), so names from the data cannot inject markup.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pyvis.edge import Edge
from pyvis.network import Network

from pokin.core.i18n import N_, ngettext, number
from pokin.core.i18n import gettext as _
from pokin.core.vocabulary import (
    BASIS_WORDS,
    INDICATOR,
    LEVELS,
    OWNER,
    SEVERITY_COLOURS,
    level_label,
    level_name,
    split_judgements,
)
from pokin.graph.views import GraphView, ViewEdge, ViewNode
from pokin.visualize.layout import ROW_GAP, UNIT_KINDS, layout, layout_by_cascade
from pokin.visualize.measurement import Paint

__all__ = ["LEVELS", "SEVERITY_COLOURS", "build_network", "legend", "level_label"]

#: how a result without a capaian of the year is painted
NO_PAINT = Paint(None, None)

#: Edge type -> (how the legend and tooltips say it: a msgid, colour, dashed).
EDGE_STYLES: dict[str, tuple[str, str, bool]] = {
    "SUPPORTS": (N_("supports (mendukung)"), "#4a5568", False),
    "PART_OF": (N_("part of (bagian dari)"), "#8a6d3b", True),
    "MEASURED_BY": (N_("measured by"), "#9aa5b1", True),
    "OWNED_BY": (N_("owned by"), "#d4a5b9", True),
    "REPORTS_TO": (N_("reports to"), "#b0416e", False),
}

#: A SUPPORTS link between two cascades, by status: (how it is said: a msgid, colour, dashed).
ACROSS_STYLES: dict[str, tuple[str, str, bool]] = {
    "agreed": (N_("link between cascades, agreed (disepakati)"), "#2b6cb0", False),
    "proposed": (N_("link between cascades, proposed (diusulkan)"), "#e8590c", True),
}
#: A link's status and a finding's severity as tooltips and legends say them (msgids).
STATUS_WORDS = {"agreed": N_("agreed"), "proposed": N_("proposed")}
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}

#: Views drawn as one block per cascade (``layout.layout_by_cascade``) rather than by level;
#: each block is framed and named by its agency, so its nodes' labels need not name it.
BY_CASCADE = frozenset({"crosscutting"})
#: A node of another cascade names its agency on its label's first line (``agency_tags``: the
#: words that tell the view's agencies apart), cut to this length, and its name is cut
#: shorter, so that the label stays about six lines high at most...
AGENCY_MAX = 30
FOREIGN_NAME_MAX = 48
#: ...and the rows of a view holding such nodes are further apart (``layout.ROW_GAP`` fits
#: the five lines of a label of its own cascade).
FOREIGN_ROW_GAP = 160

#: Views larger than this are drawn with straight edges and hide edges while dragging/zooming.
LARGE = 1000
#: The smallest size a label may have on screen at the first view, in CSS pixels (its font
#: size times the canvas scale): a graph whose fit zoom is smaller opens zoomed in to this,
#: centred on its subject (``pokin-graph.js``).
LEGIBLE_PX = 10
#: A view across cascades of more elements than this opens with each other agency's elements
#: collapsed into one node (expanded on click): at legible zoom, hundreds of elements would
#: show only a corner of the picture.
CLUSTER_ABOVE = 150
#: The label sizes (canvas pixels) of results and units, of the other shapes, of a group.
BOX_FONT, SHAPE_FONT, CLUSTER_FONT = 16, 13, 18
#: How a finding is marked besides its border: a sign before the label and a glow.
FINDING_SIGN = "⚠"
LABEL_MAX = 70


class CascadeNetwork(Network):
    """A pyvis ``Network`` whose ``add_edge`` checks node ids in a dict, not a list (pyvis's own
    check is linear per edge, which takes seconds on a cascade of thousands of elements)."""

    def add_edge(self, source, to, **options):  # noqa: D401 - pyvis signature
        if source not in self.node_map or to not in self.node_map:
            raise KeyError(f"edge {source!r} -> {to!r}: node not in the network")
        self.edges.append(Edge(source, to, self.directed, **options).options)


def _cut(text: str, limit: int = LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _formula(formula: str | None, truncated: bool) -> str:
    if not formula:
        return _("(no formula)")
    return formula + (" " + _("[…cut off in the source]") if truncated else "")


def agency_of(node: ViewNode) -> str:
    """How a node of another cascade names where it comes from: its agency, else its cascade."""
    return node.agency or node.cascade


def agency_tags(view: GraphView) -> dict[str, str]:
    """A short name per cascade of ``view`` for its nodes' labels: its agency's name without
    the words every agency of the view shares. The agencies of one region are named alike
    ("Dinas Pendidikan Kabupaten Pemalang", "BKPSDM Kabupaten Pemalang"), and a label repeating
    the shared words on every box is mostly noise: "Dinas Pendidikan" and "BKPSDM" tell them
    apart. A name left empty, or equal to another's, stays whole (the tooltip always gives the
    whole name and the cascade id)."""
    names = {n.cascade: agency_of(n) for n in view.nodes}
    if len(names) < 2:
        return names
    words = {c: name.split() for c, name in names.items()}
    shared = set.intersection(*({w.casefold() for w in ws} for ws in words.values()))
    tags = {c: " ".join(w for w in ws if w.casefold() not in shared) for c, ws in words.items()}
    taken = list(tags.values())
    return {c: tag if tag and taken.count(tag) == 1 else names[c] for c, tag in tags.items()}


def tooltip(node: ViewNode, *, foreign: bool = False) -> str:
    """The node's tooltip, as plain text lines in the current language (the cascade's own text
    as it is); ``foreign``: it belongs to another cascade than the view's, so it says whose."""
    lines = [level_label(node.kind, node.level)]
    if node.code:
        lines[0] += f" · {node.code}"
    if foreign:
        kind = "RPJMD" if node.cascade_kind == "rpjmd" else _("Agency (Perangkat Daerah)")
        lines.append(
            _("%(kind)s: %(agency)s · cascade %(cascade)s")
            % {"kind": kind, "agency": agency_of(node), "cascade": node.cascade}
        )
    lines.append(node.name)
    none = _("none")
    if node.kind == "owner":
        if node.known_position:
            position = _("in the organisation chart")
        else:
            position = _("not a known position")
        if node.alias_of:
            position += " " + _("(most likely %(title)s)") % {"title": node.alias_of}
        lines.append(_("Position: %(position)s") % {"position": position})
        lines.append(
            _("Reports to: %(titles)s") % {"titles": ", ".join(node.reports_to) or _("nobody")}
        )
    elif node.indicator is not None:
        ind = node.indicator
        lines.append(
            _("Formula: %(formula)s") % {"formula": _formula(ind.formula, ind.formula_truncated)}
        )
        polarity = {"positive": _("higher is better"), "negative": _("lower is better")}
        extras = [polarity.get(ind.polarity or "", _("polarity not given")), *ind.tags]
        lines.append(_("Polarity, tags: %(values)s") % {"values": ", ".join(extras)})
        if ind.target_label:
            lines.append(_("Target: %(target)s") % {"target": ind.target_label})
        if node.of:
            lines.append(_("Measures: %(id)s") % {"id": node.of})
    unit = node.kind in UNIT_KINDS
    if node.kind != "owner":
        owners = ", ".join(o.title for o in node.owners) or none
        if unit:
            lines.append(_("Owner(s) (via its result): %(owners)s") % {"owners": owners})
        else:
            lines.append(_("Owner(s): %(owners)s") % {"owners": owners})
    if node.kind not in ("owner", "indicator"):
        heading = _("Indicator(s) (of its results):") if unit else _("Indicator(s):")
        if node.indicators:
            lines.append(heading)
            for ind in node.indicators:
                lines.append(f"• {ind.name}")
                formula = _formula(ind.formula, ind.formula_truncated)
                lines.append("   " + _("Formula: %(formula)s") % {"formula": formula})
                if ind.target_label:
                    lines.append("   " + _("Target: %(target)s") % {"target": ind.target_label})
        else:
            lines.append(f"{heading} {none}")
    for mark in node.marks:
        severity = _(SEVERITY_WORDS.get(mark.severity, mark.severity))
        lines.append(f"⚠ {severity} · {mark.check}: {mark.message}")
    lines.append(_("id: %(id)s — click to open its page") % {"id": node.id})
    return "\n".join(lines)


def _node_options(
    node: ViewNode,
    position: tuple[float, float],
    url: str,
    *,
    tag: str | None = None,
    whose: bool = False,
    paint: Any = None,
) -> dict[str, Any]:
    """vis options of ``node``. ``tag``: the agency its label names (a node of another cascade
    than the view's); ``whose``: its tooltip names its agency; ``paint``: its capaian
    colouring (``visualize.measurement.Paint``), instead of its level's colour."""
    if node.kind == "indicator":
        colour, shape = INDICATOR[2], "diamond"
    elif node.kind == "owner":
        colour, shape = OWNER[2], "hexagon"
    else:
        colour, shape = LEVELS.get(node.level or "goal", LEVELS["goal"])[2], "box"
    if paint is not None:
        colour = paint.colour
    border = colour
    width = 1
    sign = ""
    if node.worst:
        border, width = SEVERITY_COLOURS[node.worst], 5
        sign = f"{FINDING_SIGN} "
    elif node.focus:
        border, width = "#111111", 3
    opts: dict[str, Any] = {
        "x": position[0],
        "y": position[1],
        "title": tooltip(node, foreign=whose),
        "elementId": node.id,
        "cascade": node.cascade,
        "kind": node.kind,
        "levelName": node.level,
        "url": url,
        "finding": node.worst,
        "findings": len(node.marks),
        "focus": node.focus,
        "borderWidth": width,
        "borderWidthSelected": width + 2,
    }
    # a node of another cascade says whose it is, on its first line
    prefix = sign + (f"[{_cut(tag, AGENCY_MAX)}]\n" if tag else "")
    if shape == "box":
        unit = node.kind in UNIT_KINDS
        name = _cut(node.name, FOREIGN_NAME_MAX if tag else LABEL_MAX)
        label = prefix + (f"{node.code}\n{name}" if node.code else name)
        opts.update(
            label=label,
            color={
                "background": "#ffffff" if unit else colour,
                "border": border if node.worst or node.focus else colour,
                "highlight": {"background": "#fff7d6" if unit else colour, "border": "#111111"},
                "hover": {"background": "#fff7d6" if unit else colour, "border": "#111111"},
            },
            font={"color": "#1a202c" if unit else "#ffffff", "size": BOX_FONT},
            shapeProperties={"borderDashes": False, "borderRadius": 2 if unit else 8},
            widthConstraint={"maximum": 190},
            margin=10,
        )
        if unit and not (node.worst or node.focus):
            opts["borderWidth"] = 2
    else:
        opts.update(
            label=prefix + _cut(node.name, 48),
            size=14 if node.kind == "indicator" else 18,
            color={
                "background": colour,
                "border": border,
                "highlight": {"background": colour, "border": "#111111"},
                "hover": {"background": colour, "border": "#111111"},
            },
            font={
                "color": "#1a202c",
                "size": SHAPE_FONT,
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            widthConstraint={"maximum": 150},
        )
    if node.worst:  # a glow in its severity's colour: a finding stands out at any zoom
        opts["shadow"] = {"enabled": True, "color": border, "size": 18, "x": 0, "y": 0}
    opts["shape"] = shape
    return opts


def _short(key: str, edge: ViewEdge) -> str:
    """A key as an edge's tooltip names it: the bare id within a cascade, ``cascade:id``
    across."""
    return key if edge.across else key.split(":", 1)[1]


def _edge_options(edge: ViewEdge) -> dict[str, Any]:
    said, colour, dashed = EDGE_STYLES[edge.type]
    width = 2 if edge.type == "SUPPORTS" else 1
    lines = [_(said)]
    if edge.across and edge.type == "SUPPORTS":
        status = edge.status or "proposed"  # the loader's default, see docs/model.md
        said, colour, dashed = ACROSS_STYLES[status]
        lines[0] = _(said)
        width = 3
        lines.append(_("status: %(status)s") % {"status": _(STATUS_WORDS.get(status, status))})
    if edge.basis:
        words = BASIS_WORDS.get(edge.basis)
        lines.append(f"{_(words)} ({edge.basis})" if words else edge.basis)
    if edge.note:
        cited, text = split_judgements(edge.note)
        if cited:
            lines.append(
                _("reading note (%(judgements)s): %(note)s")
                % {"judgements": ", ".join(cited), "note": text}
            )
        else:
            lines.append(_("note: %(note)s") % {"note": text})
    lines.append(f"{_short(edge.source, edge)} → {_short(edge.target, edge)}")
    return {
        "title": "\n".join(lines),
        "color": {"color": colour, "highlight": "#111111", "hover": "#111111"},
        "dashes": dashed,
        "width": width,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "relType": edge.type,
        "status": edge.status if edge.across else None,
    }


def options(node_count: int) -> dict[str, Any]:
    """The vis-network options. The nodes come with their positions (``visualize.layout``: a
    top-down layered layout by level), so vis's own layout and physics are off: nodes stay
    where they are drawn, and move only when dragged."""
    large = node_count > LARGE
    return {
        "autoResize": True,
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
            "zoomSpeed": 0.6,
        },
        "edges": {
            "smooth": False
            if large
            else {
                "enabled": True,
                "type": "cubicBezier",
                "forceDirection": "vertical",
                "roundness": 0.45,
            },
            "selectionWidth": 2,
        },
        "nodes": {"font": {"face": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"}},
    }


def labelled_foreign(view: GraphView, node: ViewNode) -> bool:
    """Whether ``node``'s label names its agency: it belongs to another cascade than the view's,
    in a view not framed by cascade."""
    return view.foreign(node) and view.view not in BY_CASCADE


def positions(view: GraphView, hide: tuple[str, ...] = ()) -> dict[str, tuple[float, float]]:
    """Where the nodes of ``view`` go, by key: one block per cascade for a region's map, the
    layered layout otherwise (rows further apart when labels name their agency)."""
    if view.view in BY_CASCADE:
        return layout_by_cascade(view.nodes, view.edges, hide=hide)
    taller = any(labelled_foreign(view, n) for n in view.nodes)
    gap = FOREIGN_ROW_GAP if taller else ROW_GAP
    return layout(view.nodes, view.edges, hide=hide, row_gap=gap)


def build_network(
    view: GraphView, *, link_base: str = "", paint: dict[tuple[str, str], Any] | None = None
) -> CascadeNetwork:
    """The pyvis network of ``view``, every node at its place in the layout, named by its key
    (``cascade:id``). Clicking a node opens ``{link_base}/elements/{id}?cascade={its cascade}``
    (ids are unique only within a cascade, and a view may span several). ``paint``: (cascade,
    id) -> ``Paint``: the results coloured by capaian category (grey: no capaian)."""
    net = CascadeNetwork(directed=True, height="100%", width="100%")
    placed = positions(view)
    tags = agency_tags(view)
    for node in view.nodes:
        element, cascade = quote(node.id, safe=""), quote(node.cascade, safe="")
        url = f"{link_base}/elements/{element}?cascade={cascade}"
        opts = _node_options(
            node,
            placed[node.key],
            url,
            tag=tags[node.cascade] if labelled_foreign(view, node) else None,
            whose=view.foreign(node),
            paint=_paint_of(node, paint),
        )
        net.add_node(node.key, **opts)
    for edge in view.edges:
        net.add_edge(edge.source, edge.target, **_edge_options(edge))
    net.options = options(len(view.nodes))
    return net


def _paint_of(node: ViewNode, paint: dict[tuple[str, str], Any] | None) -> Any:
    """A result's capaian colouring when the view is painted (results only: a unit, indicator
    or owner keeps its own colour)."""
    if paint is None or node.kind not in ("goal", "target"):
        return None
    return paint.get((node.cascade, node.id), NO_PAINT)


#: Where the groups of a collapsed view go: rows of this many, this far apart (canvas pixels).
CLUSTER_COLUMNS, CLUSTER_STEP_X, CLUSTER_STEP_Y = 6, 280, 150


def clusters(view: GraphView, placed: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """The groups a big view across cascades opens collapsed into: one per cascade other than
    the view's own (whose elements, the subject's neighbourhood, stay drawn), named by its
    agency, placed in rows under the drawn part. Empty when the view is small enough to read,
    is framed by cascade already (``BY_CASCADE``), or spans one cascade."""
    if len(view.nodes) <= CLUSTER_ABOVE or view.view in BY_CASCADE:
        return []
    members: dict[str, list[ViewNode]] = {}
    for node in view.nodes:
        if view.foreign(node):
            members.setdefault(node.cascade, []).append(node)
    if not members:
        return []
    tags = agency_tags(view)
    # right under the view's own results and units (its owners stay on their bottom row)
    own = [placed[n.key] for n in view.nodes if not view.foreign(n) and n.kind != "owner"]
    own = own or [placed[n.key] for n in view.nodes if not view.foreign(n)]
    top = max(y for _, y in own) + FOREIGN_ROW_GAP if own else 0.0
    middle = sum(x for x, _ in own) / len(own) if own else 0.0

    def mean_x(cascade: str) -> float:
        return sum(placed[n.key][0] for n in members[cascade]) / len(members[cascade])

    order = sorted(members, key=lambda c: (mean_x(c), c))  # keep the layout's left-to-right
    out: list[dict[str, Any]] = []
    for i, cascade in enumerate(order):
        row, col = divmod(i, CLUSTER_COLUMNS)
        in_row = min(CLUSTER_COLUMNS, len(order) - row * CLUSTER_COLUMNS)
        nodes = members[cascade]
        marked = sum(1 for n in nodes if n.worst)
        # opened, the group is drawn as a block of its own (its elements side by side in the
        # layered layout would sit among the other groups): positions from its top centre
        keys = {n.key for n in nodes}
        inner = [e for e in view.edges if e.source in keys and e.target in keys]
        block = layout(nodes, inner, row_gap=FOREIGN_ROW_GAP)
        left = min(x for x, _ in block.values())
        right = max(x for x, _ in block.values())
        high = min(y for _, y in block.values())
        counted = ngettext("%(count)s element", "%(count)s elements", len(nodes)) % {
            "count": number(len(nodes))
        }
        if marked:
            counted += ", " + ngettext(
                "%(count)s with findings", "%(count)s with findings", marked
            ) % {"count": number(marked)}
        whose = _("%(agency)s · cascade %(cascade)s") % {
            "agency": agency_of(nodes[0]),
            "cascade": cascade,
        }
        out.append(
            {
                # never a node key: ids and cascade ids hold no ':'
                "id": f"cluster::{cascade}",
                "cascade": cascade,
                "label": f"{_cut(tags[cascade], AGENCY_MAX)}\n{counted}\n" + _("(click to open)"),
                "title": f"{whose}\n{counted}\n" + _("click to open this agency's elements"),
                "nodes": [n.key for n in nodes],
                "block": {k: [x - (left + right) / 2, y - high] for k, (x, y) in block.items()},
                "x": middle + (col - (in_row - 1) / 2) * CLUSTER_STEP_X,
                "y": top + row * CLUSTER_STEP_Y,
            }
        )
    return out


def positions_without(view: GraphView, kinds: tuple[str, ...]) -> dict[str, list[float]]:
    """The layout of ``view`` with the elements of ``kinds`` left out (for the page's
    switches)."""
    return {i: [x, y] for i, (x, y) in positions(view, kinds).items()}


#: The levels the whole-cascade graph first shows (its overview), and the unit kinds with them.
OVERVIEW_LEVELS = ("goal", "strategic", "programme")
#: A whole-cascade graph of more elements than this opens on its overview.
OVERVIEW_ABOVE = 120


def in_overview(node: ViewNode) -> bool:
    """Whether the overview shows ``node``: the results of the top three levels and the
    programmes (no indicators, owners, activities or sub-activities)."""
    if node.kind in ("goal", "target"):
        return node.level in OVERVIEW_LEVELS
    return node.kind == "programme"


def wants_overview(view: GraphView) -> bool:
    """A whole cascade too big to read at fit zoom opens on its top levels: at "fit" the 55
    sub-activities of the seed would shrink every label below legibility."""
    return view.view == "cascade" and len(view.nodes) > OVERVIEW_ABOVE


def overview_positions(view: GraphView) -> dict[str, list[float]]:
    """The layered layout of the overview's elements alone (compact: the programmes side by
    side, not spread over the width of everything below them)."""
    nodes = [n for n in view.nodes if in_overview(n)]
    ids = {n.key for n in nodes}
    edges = [e for e in view.edges if e.source in ids and e.target in ids]
    return {i: [x, y] for i, (x, y) in layout(nodes, edges).items()}


def legend() -> list[dict[str, str]]:
    """The legend's entries in the current language: one per level, then the indicator and
    owner shapes ("Tujuan" in Indonesian, "Goal (Tujuan)" in English)."""
    out = [
        {"key": level, "label": level_name(level), "colour": c, "shape": "box"}
        for level, (_e, _i, c) in LEVELS.items()
    ]
    out.append(
        {
            "key": "indicator",
            "label": level_label("indicator", None),
            "colour": INDICATOR[2],
            "shape": "diamond",
        }
    )
    out.append(
        {
            "key": "owner",
            "label": level_label("owner", None),
            "colour": OWNER[2],
            "shape": "hexagon",
        }
    )
    return out
