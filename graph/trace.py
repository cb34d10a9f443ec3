"""Traces to the Goal (auditors) and their reverse, the subtree of an element.

``trace_to_goal`` follows every SUPPORTS path from an element to the cascade's Goal and says,
per hop, who owns the result, how it is measured and how the link to the next hop was decided.
A sub-activity's trace also names the activity and programme it is PART_OF and says, per path,
where the SUPPORTS chain leaves that budget structure. An element that reaches no Goal gets its
longest SUPPORTS paths instead (``reaches_goal`` false). ``subtree`` lists everything that
supports an element, with depth.

All queries run in one read transaction per call.
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from pokin.core.errors import ElementNotFound
from pokin.core.vocabulary import UNIT_KINDS
from pokin.graph.db import Db
from pokin.graph.elements import resolve_element
from pokin.graph.models import (
    ElementRef,
    Hop,
    Indicator,
    Link,
    OwnerRef,
    StructureDeparture,
    Subtree,
    SubtreeItem,
    SubtreeLink,
    Trace,
    TracePath,
    TraceStart,
)
from pokin.graph.queries import query

__all__ = ["MAX_DEPTH", "subtree", "trace_many", "trace_to_goal", "traces_tx"]

#: The longest SUPPORTS path the queries follow (a well-formed chain has 5 links).
MAX_DEPTH = 12

_ref = ElementRef.from_row


def _departures(
    hops: list[dict[str, Any]], structure: list[ElementRef], units: dict[str, ElementRef]
) -> list[StructureDeparture]:
    """Where a path leaves its start's budget structure: a result at level L (activity or
    programme) reached from the hop before it, delivered by units of level L none of which is
    the structure's unit of level L."""
    expected = {u.level: u for u in structure if u.kind in UNIT_KINDS}
    out: list[StructureDeparture] = []
    for i in range(1, len(hops)):
        hop, prev = hops[i], hops[i - 1]
        level = hop.get("level")
        if hop["kind"] != "target" or prev["kind"] != "target" or level not in expected:
            continue
        deliverers = [units[d] for d in hop.get("delivered_by") or [] if d in units]
        same_level = [u for u in deliverers if u.level == level]
        if same_level and expected[level].id not in {u.id for u in same_level}:
            out.append(
                StructureDeparture(
                    hop=i - 1,
                    result=prev["id"],
                    supports=hop["id"],
                    level=level,
                    expected=expected[level],
                    delivered_by=sorted(same_level, key=lambda u: u.id),
                )
            )
    return out


def _paths(
    rows: list[dict[str, Any]],
    reaches_goal: bool,
    structures: dict[str, list[ElementRef]],
    units: dict[str, ElementRef],
) -> list[TracePath]:
    paths = []
    for row in rows:
        raw_hops, links = row["hops"], row["links"]
        hops = []
        for i, h in enumerate(raw_hops):
            link = Link(**links[i]) if i < len(links) else None
            hops.append(
                Hop.from_row(
                    h,
                    owners=sorted(map(OwnerRef.from_row, h["owners"]), key=lambda o: o.id),
                    indicators=sorted(
                        map(Indicator.from_properties, h["indicators"]), key=lambda i: i.id
                    ),
                    link=link,
                )
            )
        departures = _departures(raw_hops, structures.get(row["start"], []), units)
        paths.append(
            TracePath(
                start=row["start"],
                reaches_goal=reaches_goal,
                length=len(links),
                hops=hops,
                leaves_structure=bool(departures),
                departures=departures,
            )
        )
    return paths


def _unit_refs(tx: ManagedTransaction, cascade: str, ids: set[str]) -> dict[str, ElementRef]:
    if not ids:
        return {}
    rows = tx.run(query("element_context"), cascade=cascade, ids=sorted(ids)).data()
    return {r["id"]: _ref(r) for r in rows}


def traces_tx(tx: ManagedTransaction, cascade: str, element_ids: list[str]) -> list[Trace]:
    """``trace_many``'s work, inside a transaction the caller runs."""
    start_rows = tx.run(query("trace_start"), cascade=cascade, ids=element_ids).data()
    per_element: dict[str, list[dict[str, Any]]] = {}
    for r in start_rows:
        per_element.setdefault(r["element"]["id"], []).append(r)
    for element_id in element_ids:
        if element_id not in per_element:
            raise ElementNotFound(element_id)

    structures = {
        r["start"]["id"]: [_ref(s) for s in r["structure"]] for r in start_rows if r["start"]
    }
    ids = list(structures)
    full = tx.run(query("trace_to_goal"), cascade=cascade, ids=ids).data() if ids else []
    reached = {r["start"] for r in full}
    stuck = [i for i in ids if i not in reached]
    partial = tx.run(query("trace_partial"), cascade=cascade, ids=stuck).data() if stuck else []
    delivering = {d for r in full + partial for h in r["hops"] for d in h["delivered_by"]}
    units = _unit_refs(tx, cascade, delivering)
    paths: dict[str, list[TracePath]] = {}
    for path in _paths(full, True, structures, units) + _paths(partial, False, structures, units):
        paths.setdefault(path.start, []).append(path)

    traces = []
    for element_id in element_ids:
        rows = per_element[element_id]
        starts = [r["start"] for r in rows if r["start"] is not None]
        traces.append(
            Trace(
                cascade=cascade,
                element=_ref(rows[0]["element"]),
                reaches_goal=bool(starts) and all(s["id"] in reached for s in starts),
                starts=[
                    TraceStart(
                        element=_ref(s),
                        reaches_goal=s["id"] in reached,
                        structure=structures[s["id"]],
                    )
                    for s in starts
                ],
                paths=[p for s in starts for p in paths.get(s["id"], [])],
            )
        )
    return traces


def _trace_of_tx(tx: ManagedTransaction, cascade: str | None, element_id: str) -> Trace:
    cascade, element_id = resolve_element(tx, element_id, cascade)  # an id or a code
    return traces_tx(tx, cascade, [element_id])[0]


def trace_many(db: Db, cascade: str, element_ids: list[str]) -> list[Trace]:
    """The traces of several elements, in one read transaction (raises ``ElementNotFound``
    for the first id that is not an element of the cascade)."""
    return db.read(traces_tx, cascade, list(element_ids))


def trace_to_goal(db: Db, cascade: str | None, element_id: str) -> Trace:
    """Every SUPPORTS path from ``element_id`` to the Goal of ``cascade`` (or, when none
    reaches it, the longest SUPPORTS paths). Raises ``ElementNotFound`` for an unknown id.
    ``cascade`` None: the element's own, found in the same read transaction (one round of
    the consistency guard instead of two)."""
    return db.read(_trace_of_tx, cascade, element_id)


def _subtree_tx(
    tx: ManagedTransaction, cascade: str | None, element_id: str, max_depth: int
) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    cascade, element_id = resolve_element(tx, element_id, cascade)  # an id or a code
    root = tx.run(query("trace_start"), cascade=cascade, ids=[element_id]).data()
    if not root:
        raise ElementNotFound(element_id)
    rows = tx.run(query("subtree"), cascade=cascade, id=element_id, max_depth=max_depth).data()
    return cascade, root, rows


def subtree(db: Db, cascade: str | None, element_id: str, max_depth: int | None = None) -> Subtree:
    """Everything that supports ``element_id`` (directly or through others), nearest first,
    at most ``max_depth`` SUPPORTS links away (all, up to ``MAX_DEPTH``, when None).
    ``cascade`` None: the element's own, found in the same read transaction."""
    if max_depth is not None and max_depth < 1:
        raise ValueError("max_depth must be at least 1")
    depth = min(max_depth or MAX_DEPTH, MAX_DEPTH)
    cascade, root, rows = db.read(_subtree_tx, cascade, element_id, depth)
    inside = {element_id} | {r["id"] for r in rows}
    items = [
        SubtreeItem.from_row(
            r,
            depth=r["depth"],
            owners=sorted(map(OwnerRef.from_row, r["owners"]), key=lambda o: o.id),
            supports=sorted(
                (SubtreeLink(**s) for s in r["supports"] if s["to"] in inside),
                key=lambda s: s.to,
            ),
        )
        for r in rows
    ]
    return Subtree(cascade=cascade, root=_ref(root[0]["element"]), max_depth=max_depth, items=items)
