"""A top-down layered layout of a cascade picture, computed here rather than by vis-network.

vis-network's own hierarchical layout places a node with two parents (a sub-activity is both
PART_OF its activity and delivers its own result) badly: the units drift away from their
results. The cascade is almost a tree, so a tidy-tree layout is simple and much clearer:

- rows by level: the Goal on top, then strategic, programme, activity and sub-activity results;
  each result's units and indicators on the row just below it; owners on the bottom row;
- every element hangs from one anchor: a result from the first result it supports, a unit from
  the first result it delivers (else its PART_OF parent), an indicator from what it measures;
- a subtree gets as much width as its widest row of children; a parent sits centred over them;
- owners are spread along the bottom row under the results they own.

In a view across cascades, the RPJMD's Tujuan and Sasaran get rows of their own above every
agency's (an agency's Tujuan supports an RPJMD Sasaran), so the links still point upwards. A
region's map (:func:`layout_by_cascade`) draws each cascade as a block of its own instead.

Empty rows are closed up. Positions are in vis-network canvas pixels, by node key
(``cascade:id``, ``graph.views.node_key``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pokin.core.vocabulary import UNIT_KINDS
from pokin.graph.views import ViewEdge, ViewNode

#: Rows (before empty ones are closed up): three per level -- results, their units, and (when
#: stacked) their indicators -- then the owners.
_RESULT_ROWS = {"goal": 0, "strategic": 3, "programme": 6, "activity": 9, "sub_activity": 12}
#: The RPJMD's results, above the agencies' (its units and indicators one row under them).
_RPJMD_ROWS = {"goal": -6, "strategic": -3}
OWNER_ROW = 15

ROW_GAP = 115
GAP = 24
WIDTHS = {"box": 200, "indicator": 150, "owner": 150}
TREE_GAP = 80
#: A side-by-side layout wider than this (width / height) is redone with the indicators stacked
#: under the units, which roughly halves the width of the lowest rows.
STACK_ABOVE_ASPECT = 3.0


def row_of(node: ViewNode, rows: dict[str, int], *, stacked: bool = False) -> int:
    """The row of ``node`` (``rows``: the rows of the results and units already known)."""
    if node.kind == "owner":
        return OWNER_ROW
    if node.kind == "indicator":
        return rows.get(node.of_key or "", _RESULT_ROWS["sub_activity"]) + (2 if stacked else 1)
    if node.kind in UNIT_KINDS:
        return _RESULT_ROWS.get(node.level or node.kind, _RESULT_ROWS["sub_activity"]) + 1
    level = node.level or "goal"
    if node.cascade_kind == "rpjmd" and level in _RPJMD_ROWS:
        return _RPJMD_ROWS[level]
    return _RESULT_ROWS.get(level, 0)


def rows_of(nodes: Iterable[ViewNode], *, stacked: bool = False) -> dict[str, int]:
    """The row of every node, by key."""
    nodes = list(nodes)
    rows = {n.key: row_of(n, {}) for n in nodes if n.kind != "indicator"}
    rows.update({n.key: row_of(n, rows, stacked=stacked) for n in nodes if n.kind == "indicator"})
    return rows


def _width(node: ViewNode) -> int:
    return WIDTHS.get(node.kind, WIDTHS["box"])


@dataclass
class _Tree:
    node: ViewNode
    row: int
    children: list[_Tree] = field(default_factory=list)
    width: float = 0.0


def _sides(compact: list[_Tree]) -> tuple[list[_Tree], list[_Tree]]:
    """Units go left of a parent's spine, indicators right (one side when only one kind)."""
    units = [c for c in compact if c.node.kind != "indicator"]
    others = [c for c in compact if c.node.kind == "indicator"]
    if not units:
        half = (len(others) + 1) // 2
        return others[:half], others[half:]
    return units, others


def _span(items: list[_Tree]) -> float:
    return sum(c.width for c in items) + GAP * max(len(items) - 1, 0)


def _groups(t: _Tree) -> tuple[list[list[_Tree]], list[_Tree]]:
    """A node's children: its attachments (units and indicators without children of their own,
    on the rows just under it), one group per row, each placed compactly under it; and the
    others, placed side by side."""
    attached = [
        c
        for c in t.children
        if not c.children and c.node.kind in (*UNIT_KINDS, "indicator") and c.row - t.row <= 2
    ]
    rest = [c for c in t.children if c not in attached]
    rows = sorted({c.row for c in attached})
    if any(c.row in rows for c in rest):  # they would share a row: one sequence
        return [], attached + rest
    return [[c for c in attached if c.row == r] for r in rows], rest


def _measure(t: _Tree) -> None:
    # iterative post-order: deep cascades must not hit the recursion limit
    stack, order = [t], []
    while stack:
        cur = stack.pop()
        order.append(cur)
        stack.extend(cur.children)
    for cur in reversed(order):
        compact, rest = _groups(cur)
        for group in compact:
            for c in group:
                c.width = _width(c.node)
        if rest and compact:  # units left of the spine down to the children, indicators right
            widest = 0.0
            for group in compact:
                left, right = _sides(group)
                widest = max(widest, 2 * max(_span(left), _span(right)) + GAP)
        else:
            widest = max((_span(g) for g in compact), default=0.0)
        cur.width = max(_width(cur.node), widest, _span(rest))


def _place(t: _Tree, left: float, positions: dict[str, tuple[float, float]]) -> None:
    stack = [(t, left)]
    while stack:
        cur, x0 = stack.pop()
        centre = x0 + cur.width / 2
        positions[cur.node.key] = (centre, float(cur.row))
        compact, rest = _groups(cur)
        if rest and compact:
            for group in compact:
                left_side, right_side = _sides(group)
                x = centre - GAP / 2 - _span(left_side)
                for c in left_side:
                    stack.append((c, x))
                    x += c.width + GAP
                x = centre + GAP / 2
                for c in right_side:
                    stack.append((c, x))
                    x += c.width + GAP
            compact = []
        for group in [*compact, rest]:
            x = centre - _span(group) / 2
            for c in group:
                stack.append((c, x))
                x += c.width + GAP


def layout(
    nodes: list[ViewNode],
    edges: list[ViewEdge],
    *,
    hide: Iterable[str] = (),
    row_gap: float = ROW_GAP,
) -> dict[str, tuple[float, float]]:
    """Canvas positions ``{key: (x, y)}`` of the nodes whose kind is not in ``hide``: side by
    side, or with the indicators stacked under the units when that is much too wide.
    ``row_gap``: the pixels between rows (taller labels need more)."""
    positions = _layout(nodes, edges, hide=hide, stacked=False, row_gap=row_gap)
    if _aspect(positions, row_gap) > STACK_ABOVE_ASPECT and "indicator" not in set(hide):
        stacked = _layout(nodes, edges, hide=hide, stacked=True, row_gap=row_gap)
        if _aspect(stacked, row_gap) < _aspect(positions, row_gap):
            return stacked
    return positions


def _aspect(positions: dict[str, tuple[float, float]], row_gap: float) -> float:
    if not positions:
        return 0.0
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    return (max(xs) - min(xs) + WIDTHS["box"]) / (max(ys) - min(ys) + row_gap)


def _layout(
    nodes: list[ViewNode],
    edges: list[ViewEdge],
    *,
    hide: Iterable[str],
    stacked: bool,
    row_gap: float,
) -> dict[str, tuple[float, float]]:
    hidden = set(hide)
    shown = [n for n in nodes if n.kind not in hidden]
    by_id = {n.key: n for n in shown}
    rows = rows_of(shown, stacked=stacked)
    out_links: dict[str, list[ViewEdge]] = defaultdict(list)
    for e in edges:
        if e.source in by_id and e.target in by_id:
            out_links[e.source].append(e)

    delivered_by: dict[str, str] = {}
    for e in edges:
        if (
            e.type == "SUPPORTS"
            and e.source in by_id
            and e.target in by_id
            and by_id[e.source].kind in UNIT_KINDS
            and by_id[e.target].kind in ("goal", "target")
        ):
            delivered_by.setdefault(e.target, e.source)

    def anchor(n: ViewNode) -> str | None:
        candidates: list[str] = []
        if n.kind in ("goal", "target"):
            candidates = [
                e.target
                for e in out_links[n.key]
                if e.type == "SUPPORTS" and by_id[e.target].kind in ("goal", "target")
            ]
        elif n.kind in UNIT_KINDS:
            candidates = [e.target for e in out_links[n.key] if e.type == "SUPPORTS"]
            candidates += [e.target for e in out_links[n.key] if e.type == "PART_OF"]
        elif n.kind == "indicator":
            if n.of_key in by_id:
                candidates = [n.of_key]
            else:
                candidates = [
                    e.source for e in edges if e.type == "MEASURED_BY" and e.target == n.key
                ]
        for c in candidates:
            if c in by_id and rows[c] < rows[n.key]:
                return c
        return None

    def sort_key(n: ViewNode) -> tuple:
        code = n.code or (by_id[delivered_by[n.key]].code if n.key in delivered_by else None)
        kind_order = {"programme": 0, "activity": 0, "sub_activity": 0, "indicator": 1}
        return (kind_order.get(n.kind, 2), code or "~", n.id, n.cascade)

    trees = {n.key: _Tree(n, rows[n.key]) for n in shown if n.kind != "owner"}
    roots: list[_Tree] = []
    for n in sorted(shown, key=sort_key):
        if n.kind == "owner":
            continue
        parent = anchor(n)
        if parent is not None and parent in trees:
            trees[parent].children.append(trees[n.key])
        else:
            roots.append(trees[n.key])

    positions: dict[str, tuple[float, float]] = {}

    roots.sort(key=lambda t: (t.row, 0 if t.node.kind == "goal" else 1, sort_key(t.node)))
    x = 0.0
    for root in roots:
        _measure(root)
        _place(root, x, positions)
        x += root.width + TREE_GAP

    owners = [n for n in shown if n.kind == "owner"]
    if owners:
        owned: dict[str, list[float]] = defaultdict(list)
        for e in edges:
            if e.type == "OWNED_BY" and e.target in by_id and e.source in positions:
                owned[e.target].append(positions[e.source][0])
        placed = sorted(
            owners,
            key=lambda o: (
                sum(owned[o.key]) / len(owned[o.key]) if owned[o.key] else float("inf"),
                o.id,
                o.cascade,
            ),
        )
        wanted = [sum(owned[o.key]) / len(owned[o.key]) if owned[o.key] else None for o in placed]
        step = WIDTHS["owner"] + GAP
        xs: list[float] = []
        for want in wanted:
            nxt = want if want is not None else (xs[-1] + step if xs else x)
            if xs and nxt < xs[-1] + step:
                nxt = xs[-1] + step
            xs.append(nxt)
        known = [(w, p) for w, p in zip(wanted, xs, strict=True) if w is not None]
        if known:  # shift the row so that owners sit, on average, under what they own
            shift = sum(w - p for w, p in known) / len(known)
            xs = [p + shift for p in xs]
        for o, ox in zip(placed, xs, strict=True):
            positions[o.key] = (ox, float(OWNER_ROW))

    used = sorted({int(r) for _, r in positions.values()})
    compact_rows = {r: i for i, r in enumerate(used)}
    return {i: (round(px, 1), compact_rows[int(r)] * row_gap) for i, (px, r) in positions.items()}


#: Gaps between the blocks of a region's map, and room above a block for its agency's name.
BLOCK_GAP = 90
BLOCK_HEAD = 50
#: The shape the blocks are arranged into (width / height), about that of a screen.
BLOCK_ASPECT = 1.8


def layout_by_cascade(
    nodes: list[ViewNode], edges: list[ViewEdge], *, hide: Iterable[str] = ()
) -> dict[str, tuple[float, float]]:
    """Canvas positions ``{key: (x, y)}`` for a region's map: each cascade's nodes laid out on
    their own (the layered layout, links inside the cascade only), as one block; the blocks
    side by side in rows, RPJMD first, then by cascade id, wrapped so that the whole is about
    the shape of a screen. The links between cascades then run between blocks, and each block
    can be framed and named by its agency (``pokin-graph.js`` draws the frames)."""
    by_cascade: dict[str, list[ViewNode]] = defaultdict(list)
    for n in nodes:
        by_cascade[n.cascade].append(n)
    order = sorted(by_cascade, key=lambda c: (by_cascade[c][0].cascade_kind != "rpjmd", c))
    blocks: list[tuple[dict[str, tuple[float, float]], float, float]] = []
    for cascade in order:
        keys = {n.key for n in by_cascade[cascade]}
        inside = [e for e in edges if e.source in keys and e.target in keys]
        pos = layout(by_cascade[cascade], inside, hide=hide)
        if not pos:
            continue
        xs = [x for x, _ in pos.values()]
        ys = [y for _, y in pos.values()]
        left, top = min(xs) - WIDTHS["box"] / 2, min(ys)
        width = max(xs) - min(xs) + WIDTHS["box"]
        height = max(ys) - min(ys) + ROW_GAP
        blocks.append(
            ({k: (x - left, y - top) for k, (x, y) in pos.items()}, width, height + BLOCK_HEAD)
        )
    if not blocks:
        return {}

    def arrange(columns: int) -> tuple[list[tuple[float, float]], float, float]:
        corners, x, y, row_height, widest = [], 0.0, 0.0, 0.0, 0.0
        for i, (_, width, height) in enumerate(blocks):
            if i and i % columns == 0:
                x, y, row_height = 0.0, y + row_height + BLOCK_GAP, 0.0
            corners.append((x, y))
            x += width + BLOCK_GAP
            widest = max(widest, x - BLOCK_GAP)
            row_height = max(row_height, height)
        return corners, widest, y + row_height

    best = min(
        range(1, len(blocks) + 1),
        key=lambda c: abs(arrange(c)[1] / max(arrange(c)[2], 1.0) - BLOCK_ASPECT),
    )
    corners, _, _ = arrange(best)
    out: dict[str, tuple[float, float]] = {}
    for (pos, _, _), (cx, cy) in zip(blocks, corners, strict=True):
        for k, (x, y) in pos.items():
            out[k] = (round(cx + x, 1), round(cy + BLOCK_HEAD + y, 1))
    return out
