"""Write a validated cascade into Neo4j: one transaction of batched ``UNWIND`` statements.

Validation (``seed``) happens before anything touches the database. The write is one
transaction, for one cascade (``load_cascade``) or several (``load_cascades``: a region, a
SIPD export): a failure anywhere leaves the database exactly as it was. ``load_cascades``
refuses a cascade already stored (``CascadeExists``) unless ``replace`` or ``merge`` is given;
a merge is idempotent (``MERGE`` on ids) and keeps and reports the elements the file no longer
has (``LoadReport.stale``). ``replace=True`` makes the stored cascade of the same id exactly the
file's, in the same transaction: links are written anew, and elements and links dropped from
the file disappear.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction
from neo4j.exceptions import ConstraintError

from pokin.core.errors import (
    CascadeExists,
    CascadeValidationError,
    LoadBusy,
    LoadError,
    Problem,
)
from pokin.core.i18n import _, ngettext
from pokin.core.i18n import number as show_number
from pokin.core.vocabulary import TARGET_LEVELS
from pokin.graph.db import Db
from pokin.graph.measurement import measurement_rows
from pokin.graph.queries import query
from pokin.graph.schema import ensure_schema
from pokin.graph.similarity import (
    ELSEWHERE_FROM,
    RowsElsewhere,
    names_in,
    near_duplicate_rows,
)
from pokin.seed.schema import gc_paused, split_ref

#: Fields of the seed models that become links, not node properties.
LINK_FIELDS = frozenset({"owners", "indicators", "supports", "delivers", "part_of", "reports_to"})
#: Fields of the seed models held by ``Measurement`` nodes, not node properties (docs/model.md,
#: "Measurement").
MEASUREMENT_FIELDS = frozenset({"targets", "realisation", "budget"})

#: What the graph stores besides the seed fields (docs/model.md, "What the loader adds"), per
#: ``kind`` of element and for the ``Cascade`` node: the one list of the mapping. Every other
#: stored property is the seed field of the same name; the export relies on it.
GRAPH_PROPERTIES: dict[str, frozenset[str]] = {
    "owner": frozenset({"cascade", "kind", "name"}),  # name = title
    "goal": frozenset({"cascade", "kind", "level"}),
    "target": frozenset({"cascade", "kind"}),  # its level is a seed field
    "programme": frozenset({"cascade", "kind", "level"}),
    "activity": frozenset({"cascade", "kind", "level"}),
    "sub_activity": frozenset({"cascade", "kind", "level"}),
    "indicator": frozenset({"cascade", "kind", "of"}),  # of = the result it measures
    # a link to another cascade: its two ends; its other properties are the link's fields
    "reference": frozenset({"cascade", "from", "to_cascade", "to_id"}),
    # the period is stored flat (period_start, period_end); the rest are the load's stamps
    "cascade": frozenset({"source_sha256", "loaded_at", "load_id"}),
}

# Node label -> query file key, in write order.
_NODE_QUERIES = {
    "Owner": "load_owner_nodes",
    "Goal": "load_goal_nodes",
    "Target": "load_target_nodes",
    "Programme": "load_programme_nodes",
    "Activity": "load_activity_nodes",
    "SubActivity": "load_sub_activity_nodes",
    "Indicator": "load_indicator_nodes",
}
_LINK_QUERIES = {
    "SUPPORTS": "load_supports_links",
    "PART_OF": "load_part_of_links",
    "MEASURED_BY": "load_measured_by_links",
    "OWNED_BY": "load_owned_by_links",
    "REPORTS_TO": "load_reports_to_links",
}


@dataclass
class LoadPlan:
    """Everything one load writes, as rows for the ``UNWIND`` statements."""

    cascade: dict[str, Any]
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    links: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: SUPPORTS links to other cascades (``cascade-id:element-id``): kept as ``Reference``
    #: nodes and linked whenever both ends are loaded, in whichever order the files come.
    references: list[dict[str, Any]] = field(default_factory=list)
    #: one row per (element, year, quarter) of targets, realisation and budget (docs/model.md,
    #: "Measurement"): ``{of, year, quarter, props}``, quarter 0 for the year as a whole
    measurements: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [row["id"] for rows in self.nodes.values() for row in rows]


@dataclass
class LoadReport:
    cascade_id: str
    replaced: int
    nodes: dict[str, int]
    relationships: dict[str, int]
    stale: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What ``pokin load`` says of this cascade, in the command line's language (the
        labels and relationship types are the graph's names, not translated)."""
        out = [_("cascade %(id)s") % {"id": self.cascade_id}]
        if self.replaced:
            out.append(
                "  "
                + ngettext(
                    "replaced: %(n)s element of the previous load removed",
                    "replaced: %(n)s elements of the previous load removed",
                    self.replaced,
                )
                % {"n": show_number(self.replaced)}
            )
        if self.stale:
            shown = ", ".join(self.stale[:5]) + (" ..." if len(self.stale) > 5 else "")
            out.append(
                "  "
                + ngettext(
                    "warning: %(n)s element of the previous load is not in this file and was "
                    "kept (%(ids)s); load with --replace to remove it",
                    "warning: %(n)s elements of the previous load are not in this file and were "
                    "kept (%(ids)s); load with --replace to remove them",
                    len(self.stale),
                )
                % {"n": show_number(len(self.stale)), "ids": shown}
            )
        out += [f"  {label}: {show_number(n)}" for label, n in sorted(self.nodes.items())]
        out += [f"  {rel}: {show_number(n)}" for rel, n in sorted(self.relationships.items())]
        return out


def _scalar_props(element: dict[str, Any], cascade: str, **extra: Any) -> dict[str, Any]:
    """The element's fields as Neo4j properties (the link fields become relationships; a null is
    not stored). A node property holds a scalar or a list of scalars only: a mapping or a
    nested list is refused, naming the element and the field, never dropped (a field of that
    shape needs its own nodes or its own scalar fields)."""
    props, problems = {}, []
    for name, value in element.items():
        if value is None or name in LINK_FIELDS:
            continue
        if isinstance(value, dict) or (
            isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
        ):
            said = (
                _(
                    "a mapping cannot be stored as a node property (only a value or a list of "
                    "values can): the loader has no place for this field"
                )
                if isinstance(value, dict)
                else _(
                    "a list of lists or mappings cannot be stored as a node property (only a "
                    "value or a list of values can): the loader has no place for this field"
                )
            )
            problems.append(
                Problem(
                    _("cascade %(id)s") % {"id": cascade},
                    None,
                    str(element.get("id", "?")),
                    name,
                    said,
                )
            )
            continue
        props[name] = value
    if problems:
        raise CascadeValidationError(problems)
    props.update(extra)
    return props


def _structure(element: dict[str, Any]) -> dict[str, Any]:
    """An indicator or unit without its measurement fields (its ``Measurement`` nodes)."""
    return {k: v for k, v in element.items() if k not in MEASUREMENT_FIELDS}


def _link(frm: str, ref: dict[str, Any], to: str | None = None) -> dict[str, Any]:
    """A link row from a seed link object ``{to, basis, note, status}`` (``to`` given: the
    element id of a reference written ``cascade-id:element-id`` to the own cascade)."""
    props = {k: v for k, v in ref.items() if k != "to" and v is not None}
    return {"from": frm, "to": to if to is not None else ref["to"], "props": props}


def _reference(frm: str, ref: dict[str, Any], other: str, element: str) -> dict[str, Any]:
    """A ``Reference`` row: a SUPPORTS link from ``frm`` to an element of cascade ``other``."""
    return {
        "from": frm,
        "to_cascade": other,
        "to_id": element,
        "basis": ref["basis"],
        "note": ref.get("note"),
        "status": ref.get("status") or "proposed",
        "weight": ref.get("weight"),
    }


def plan_load(cascade: Any, source_text: str | bytes | None = None) -> LoadPlan:
    """Turn a validated ``seed.Cascade`` into rows for the load statements. ``source_text``
    is what the cascade was read from (text, or the bytes of a spreadsheet): its hash is kept.
    The cascade is dumped once (pydantic's serializer, in Rust) and the rows are cut from plain
    dicts: no per-element model calls."""
    with gc_paused():
        return _plan(cascade, source_text)


def planned_counts(cascade: Any) -> dict[str, int]:
    """What loading ``cascade`` writes: node counts per label, ``Target.<level>`` per target
    level, link counts per type (the tests compare them with what is stored)."""
    plan = plan_load(cascade)
    out = {label: len(rows) for label, rows in plan.nodes.items()}
    for level in TARGET_LEVELS:
        out[f"Target.{level}"] = len(cascade.targets_at(level))
    out.update({rel: len(rows) for rel, rows in plan.links.items()})
    return out


def _plan(cascade: Any, source_text: str | bytes | None) -> LoadPlan:
    data = cascade.model_dump(mode="json")
    meta = data["cascade"]
    plan = LoadPlan(
        cascade={
            "id": meta["id"],
            "kind": meta.get("kind"),
            "region": meta.get("region"),
            "region_name": meta.get("region_name"),
            "synthetic": meta.get("synthetic") or None,
            "agency": meta["agency"],
            "title": meta["title"],
            "period_start": meta["period"]["start"],
            "period_end": meta["period"]["end"],
            "source": meta["source"],
            "note": meta.get("note"),
            "lacks": meta.get("lacks") or None,
            "source_sha256": hashlib.sha256(
                source_text if isinstance(source_text, bytes) else source_text.encode()
            ).hexdigest()
            if source_text is not None
            else None,
        }
    )
    nodes = plan.nodes
    links: dict[str, list[dict[str, Any]]] = {rel: [] for rel in _LINK_QUERIES}
    plan.links = links
    for label in _NODE_QUERIES:
        nodes[label] = []

    for owner in data["owners"]:
        nodes["Owner"].append(_scalar_props(owner, meta["id"], kind="owner", name=owner["title"]))
        if owner.get("reports_to"):
            links["REPORTS_TO"].append(
                {"from": owner["id"], "to": owner["reports_to"], "props": {}}
            )

    def results(label: str, element: dict[str, Any], level: str) -> None:
        nodes[label].append(_scalar_props(element, meta["id"], kind=label.lower(), level=level))
        for owner_id in element["owners"]:
            links["OWNED_BY"].append({"from": element["id"], "to": owner_id, "props": {}})
        for indicator in element["indicators"]:
            nodes["Indicator"].append(
                _scalar_props(_structure(indicator), meta["id"], kind="indicator", of=element["id"])
            )
            links["MEASURED_BY"].append({"from": element["id"], "to": indicator["id"], "props": {}})
            plan.measurements += measurement_rows(indicator["id"], indicator)

    def supports(frm: str, refs: list[dict[str, Any]]) -> None:
        for ref in refs:
            other, element = split_ref(ref["to"], meta["id"])
            if other is None:
                links["SUPPORTS"].append(_link(frm, ref, element))
            else:
                plan.references.append(_reference(frm, ref, other, element))

    goals = ([data["goal"]] if data.get("goal") is not None else []) + list(data.get("goals") or [])
    for goal in goals:
        results("Goal", goal, "goal")
        supports(goal["id"], goal.get("supports") or [])
    for target in data["targets"]:
        results("Target", target, target["level"])
        supports(target["id"], target["supports"])

    units = (
        ("Programme", "programme", data["programmes"]),
        ("Activity", "activity", data["activities"]),
        ("SubActivity", "sub_activity", data["sub_activities"]),
    )
    for label, level, elements in units:
        kind = "sub_activity" if label == "SubActivity" else label.lower()
        for unit in elements:
            nodes[label].append(_scalar_props(_structure(unit), meta["id"], kind=kind, level=level))
            plan.measurements += measurement_rows(unit["id"], unit)
            for ref in unit["delivers"]:
                links["SUPPORTS"].append(_link(unit["id"], ref))
            part_of = unit.get("part_of")
            if part_of is not None:
                links["PART_OF"].append(_link(unit["id"], part_of))
    return plan


def _unique_pairs(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (from, to), the last one winning: what MERGE then SET would leave, for a
    CREATE that would otherwise write a repeated link twice."""
    return list({(r["from"], r["to"]): r for r in rows}.values())


#: The labels whose names the near-duplicate check compares (units: programme to sub-activity).
_NAMED = ("Goal", "Target", "Programme", "Activity", "SubActivity")
_UNITS = frozenset({"Programme", "Activity", "SubActivity"})


def _similar_links(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """SIMILAR_NAME rows from the check's rows (``graph.similarity.near_duplicate_rows``)."""
    return [
        {"from": r["id"], "to": r["detail"]["similar_to"], "similarity": r["detail"]["similarity"]}
        for r in rows
    ]


def _name_records(plan: LoadPlan) -> list[dict[str, Any]]:
    """A planned cascade's names as ``load_element_names`` would read them once the plan is
    stored as the cascade's whole: one record per kind and level."""
    names = {row["id"]: row.get("name") for label in _NAMED for row in plan.nodes.get(label, [])}
    units = {row["id"] for label in _UNITS for row in plan.nodes.get(label, [])}
    delivered: dict[str, list[str | None]] = defaultdict(list)
    for link in plan.links.get("SUPPORTS", []):
        if link["from"] in units:
            delivered[link["to"]].append(names.get(link["from"]))
    groups: dict[tuple[str, str | None], list[list[Any]]] = defaultdict(list)
    for label in _NAMED:
        for row in plan.nodes.get(label, []):
            units_of = delivered.get(row["id"], []) if label == "Target" else []
            groups[(row["kind"], row.get("level"))].append(
                [row["id"], row.get("name"), row.get("code"), units_of]
            )
    return [{"kind": k, "level": lv, "names": v} for (k, lv), v in groups.items()]


class SimilarNames:
    """The near-duplicate pairs of a planned cascade, by the check's own rules, from its rows
    (no database). Made before the write transaction (``of``, for every cascade of a load at
    once): when the names are many, their pairs are worked out meanwhile in another process
    (``graph.similarity.RowsElsewhere``: on a 2-core machine the database writes on one core
    and the pairs take the other; issue 25), else here when asked. ``result()`` gives the same
    rows either way, as often as it is asked (a retried transaction)."""

    def __init__(self, plan: LoadPlan) -> None:
        self.records = _name_records(plan)
        self._elsewhere: tuple[RowsElsewhere, int] | None = None  # the worker, this one's place
        self._done: list[dict[str, Any]] | None = None

    @classmethod
    def of(cls, plans: list[LoadPlan]) -> tuple[list[SimilarNames], RowsElsewhere | None]:
        """One per plan, and the one worker they share when their names are many (to
        ``close`` if the load fails before it asks for them)."""
        made = [cls(plan) for plan in plans]
        if sum(names_in(similar.records) for similar in made) < ELSEWHERE_FROM:
            return made, None
        worker = RowsElsewhere([similar.records for similar in made])
        for n, similar in enumerate(made):
            similar._elsewhere = (worker, n)
        return made, worker

    def result(self) -> list[dict[str, Any]]:
        if self._done is None:
            if self._elsewhere is not None:
                worker, n = self._elsewhere
                rows = worker.result()[n]
            else:
                rows = near_duplicate_rows(self.records)
            self._done = _similar_links(rows)
        return self._done


def near_duplicate_links(plan: LoadPlan) -> list[dict[str, Any]]:
    """The near-duplicate pairs of a planned cascade, computed from its rows (no database):
    what ``load_element_names`` would read once the plan is stored as the cascade's whole."""
    return SimilarNames(plan).result()


def _write_similar(
    tx: ManagedTransaction, cascade_id: str, links: SimilarNames | None, replace: bool
) -> None:
    """The cascade's SIMILAR_NAME links, anew: from the plan (``links``, computed while the
    nodes were written) when the stored cascade is now exactly the file's, else (a merge into a
    stored cascade: its elements and links may be more than the file's) from the graph."""
    if not replace:  # --replace removed every link of the cascade already
        tx.run(query("load_delete_similar_names"), cascade=cascade_id).consume()
    if links is not None:
        rows = links.result()
    else:
        records = tx.run(query("load_element_names"), cascade=cascade_id).data()
        rows = _similar_links(near_duplicate_rows(records))
    if rows:
        written = tx.run(query("load_similar_name_links"), cascade=cascade_id, rows=rows).single()[
            "loaded"
        ]
        if written != len(rows):
            raise LoadError(f"SIMILAR_NAME: wrote {written} of {len(rows)} links")


def _write(
    tx: ManagedTransaction,
    plan: LoadPlan,
    replace: bool,
    stored: bool,
    similar: SimilarNames | None = None,
) -> tuple[int, list[str]]:
    cascade_id = plan.cascade["id"]
    # A cascade not stored yet has nothing to match, delete or keep: its nodes and links are
    # CREATEd (the uniqueness constraints still refuse a clash) and the deletions are skipped.
    # --replace of a stored cascade is an upsert plus the removal of what the file no longer
    # has: deleting the whole cascade first and creating it again in the same transaction
    # makes every index lookup after it wade through the deletions (minutes for a large
    # cascade). Its links are deleted first, so they are CREATEd too.
    replaced, stale = 0, []
    if stored and replace:
        tx.run(query("load_delete_cascade_links"), cascade=cascade_id).consume()
        kinds = [{"id": r["id"], "kind": r["kind"]} for rows in plan.nodes.values() for r in rows]
        replaced += tx.run(
            query("load_delete_changed_kind"), cascade=cascade_id, rows=kinds
        ).single()["deleted"]
    elif stored:
        stale = tx.run(query("load_stale_ids"), cascade=cascade_id, ids=plan.ids).value("id")
    props = {k: v for k, v in plan.cascade.items() if v is not None}
    props["loaded_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    props["load_id"] = uuid.uuid4().hex  # unique per load: results cached per load key on it
    tx.run(query("load_cascade"), props=props).consume()
    links_anew = replace or not stored
    links: list[tuple[Any, str, int]] = []
    if stored:  # a new cascade's nodes and links were sent with the load's others (_create_new)
        links = _send_nodes_and_links(tx, plan, links_anew)
    if stored and replace:
        replaced += tx.run(query("load_delete_stale"), cascade=cascade_id, ids=plan.ids).single()[
            "deleted"
        ]
        tx.run(query("load_delete_measurements"), cascade=cascade_id).consume()
    measured = None
    if plan.measurements:
        name = "load_create_measurements" if links_anew else "load_measurement_nodes"
        measured = tx.run(query(name), cascade=cascade_id, rows=plan.measurements)
    _check_links(links)
    if measured is not None:
        written = measured.single()["loaded"]
        if written != len(plan.measurements):
            raise LoadError(f"Measurement: wrote {written} of {len(plan.measurements)} nodes")
    # links to other cascades: written anew as references on every load, then every reference
    # from or to this cascade whose two ends are now loaded becomes a SUPPORTS link
    linked = set()
    if stored:
        linked.update(tx.run(query("load_linked_cascades"), cascade=cascade_id).value("id"))
        tx.run(query("load_delete_references"), cascade=cascade_id).consume()
    if plan.references:
        tx.run(query("load_reference_nodes"), cascade=cascade_id, rows=plan.references).consume()
    tx.run(query("load_resolve_references"), cascade=cascade_id).consume()
    linked.update(tx.run(query("load_linked_cascades"), cascade=cascade_id).value("id"))
    if linked:  # their crosscutting links changed with this load: their cached results too
        tx.run(query("load_touch_cascades"), ids=sorted(linked), load_id=props["load_id"]).consume()
    _write_similar(tx, cascade_id, similar, replace)
    return replaced, stale


def _send_nodes_and_links(
    tx: ManagedTransaction, plan: LoadPlan, links_anew: bool
) -> list[tuple[Any, str, int]]:
    """A stored cascade's nodes (MERGE by label) and links (CREATE where they were deleted,
    else MERGE), sent one statement after the other; the link statements' pending answers."""
    cascade_id = plan.cascade["id"]
    for label, name in _NODE_QUERIES.items():
        rows = plan.nodes.get(label)
        if rows:
            tx.run(query(name), cascade=cascade_id, rows=rows)
    if links_anew:
        return _create_links(tx, [plan])
    links: list[tuple[Any, str, int]] = []
    for rel, name in _LINK_QUERIES.items():
        rows = plan.links.get(rel) or []
        if rows:
            links.append((tx.run(query(name), cascade=cascade_id, rows=rows), rel, len(rows)))
    return links


def _create_new(tx: ManagedTransaction, plans: list[LoadPlan]) -> list[tuple[Any, str, int]]:
    """The nodes and links of every cascade of the load that is not stored yet: one CREATE
    statement per label and one per link type for all of them (a region or an export of
    dozens of agencies paid a statement per cascade, label and type: 2 to 5 ms each, most of
    the write; issue 25). Each is sent without waiting for the one before: the link
    statements' pending answers are returned to be checked once everything is sent."""
    for label in _NODE_QUERIES:
        groups = [
            {"cascade": p.cascade["id"], "rows": p.nodes[label]}
            for p in plans
            if p.nodes.get(label)
        ]
        if groups:
            tx.run(query("load_create_nodes"), labels=[label, "Element"], groups=groups)
    return _create_links(tx, plans)


def _create_links(tx: ManagedTransaction, plans: list[LoadPlan]) -> list[tuple[Any, str, int]]:
    """The links of cascades whose links are all written anew (new, or replaced and their links
    just deleted), each pair once: one CREATE statement per type for all of them; the pending
    answers."""
    links: list[tuple[Any, str, int]] = []
    for rel in _LINK_QUERIES:
        groups = [
            {"cascade": p.cascade["id"], "rows": _unique_pairs(p.links[rel])}
            for p in plans
            if p.links.get(rel)
        ]
        if groups:
            result = tx.run(query("load_create_links"), type=rel, groups=groups)
            links.append((result, rel, sum(len(g["rows"]) for g in groups)))
    return links


def _check_links(links: list[tuple[Any, str, int]]) -> None:
    """Every link statement wrote a link for each of its rows (else an end was missing)."""
    for result, rel, n in links:
        written = result.single()["loaded"]
        if written != n:
            raise LoadError(
                _("%(type)s: wrote %(written)s of %(n)s links (missing ends)")
                % {"type": rel, "written": written, "n": n}
            )


Counts = tuple[dict[str, int], dict[str, int]]


def counts(db: Db, cascade_id: str) -> Counts:
    """What a stored cascade holds, per node label and per relationship type."""
    return db.read(counts_tx, [cascade_id])[cascade_id]


def counts_tx(tx: ManagedTransaction, cascade_ids: list[str]) -> dict[str, Counts]:
    """``counts`` of several cascades, in one statement."""
    out: dict[str, Counts] = {c: ({}, {}) for c in cascade_ids}
    for r in tx.run(query("cascade_counts"), cascades=cascade_ids):
        out[r["cascade"]][0 if r["kind"] == "node" else 1][r["name"]] = r["count"]
    return out


@dataclass
class LoadSummary:
    """What a load of several cascades wrote: one report per cascade, in load order."""

    reports: list[LoadReport]
    seconds: float

    @property
    def nodes(self) -> int:
        return sum(sum(r.nodes.values()) for r in self.reports)

    @property
    def links(self) -> int:
        return sum(sum(r.relationships.values()) for r in self.reports)

    def line(self) -> str:
        """The last line of ``pokin load``, in the command line's language."""
        cascades = ngettext("loaded %(n)s cascade", "loaded %(n)s cascades", len(self.reports)) % {
            "n": show_number(len(self.reports))
        }
        return _("%(cascades)s: %(nodes)s nodes, %(links)s links in %(seconds)s s") % {
            "cascades": cascades,
            "nodes": show_number(self.nodes),
            "links": show_number(self.links),
            "seconds": show_number(self.seconds, 1),
        }


def _write_all(
    tx: ManagedTransaction,
    plans: list[LoadPlan],
    similar: list[SimilarNames | None],
    replace: bool,
    merge: bool,
) -> list[LoadReport]:
    stored = tx.run(query("load_stored_cascades"), ids=[p.cascade["id"] for p in plans]).value("id")
    if stored and not replace and not merge:
        raise CascadeExists(stored)
    created = _create_new(tx, [p for p in plans if p.cascade["id"] not in stored])
    # the plan's near-duplicate pairs hold unless a merge meets a stored cascade (the graph may
    # then hold more than the file: they are read from it)
    written = []
    for plan, links in zip(plans, similar, strict=True):
        is_stored = plan.cascade["id"] in stored
        merged_into = is_stored and not replace
        written.append(_write(tx, plan, replace, is_stored, None if merged_into else links))
    _check_links(created)
    # what each cascade now holds, read in the same transaction (no second one after it)
    held = counts_tx(tx, [plan.cascade["id"] for plan in plans])
    return [
        LoadReport(plan.cascade["id"], replaced, *held[plan.cascade["id"]], stale)
        for plan, (replaced, stale) in zip(plans, written, strict=True)
    ]


_LOADS = threading.Lock()


def _conflict(message: str) -> str:
    """What a uniqueness conflict is about, in pokin's words: the server's message names its
    internal node id and labels, which mean nothing to a user (the element and cascade do)."""
    found = dict(re.findall(r"`(cascade|id)` = '((?:[^'\\]|\\.)*)'", message))
    if "id" in found:
        if "cascade" in found:
            return _(
                "element %(id)s of cascade %(cascade)s is stored already as another kind of element"
            ) % {"id": found["id"], "cascade": found["cascade"]}
        return _("element %(id)s is stored already as another kind of element") % {
            "id": found["id"]
        }
    return _("the cascade conflicts with what is stored")


def load_cascades(
    db: Db,
    cascades: list[tuple[Any, str | bytes | None]],
    *,
    replace: bool = False,
    merge: bool = False,
) -> LoadSummary:
    """Write validated cascades (each with the text or bytes it was read from) in ONE write
    transaction: all of them or, on any failure, none. A cascade already stored is refused
    (``CascadeExists``) unless ``replace`` (make it exactly the file's) or ``merge`` (upsert,
    keeping and reporting stale elements) says what to do with it."""
    start = time.perf_counter()
    ids = [c.cascade.id for c, _ in cascades]
    twice = sorted({i for i in ids if ids.count(i) > 1}) if len(set(ids)) < len(ids) else []
    if twice:
        raise LoadError(
            _(
                "several files hold cascade %(ids)s; each cascade is loaded from one file; "
                "nothing was changed"
            )
            % {"ids": ", ".join(twice)}
        )
    if prepare_schema(db):  # a fresh database: its first load would plan and compile the rest
        warm_up(db)
    # hundreds of thousands of rows and no cycles: the collector would walk them again and
    # again while the plans are made and the driver sends them (see gc_paused)
    with gc_paused():
        plans = [plan_load(c, source) for c, source in cascades]
        # the near-duplicate pairs are worked out while the database writes the nodes and
        # links (in another process when they are many); the transaction takes them at its end
        similar, worker = SimilarNames.of(plans)
        try:
            reports = _write_locked(db, plans, similar, replace, merge)
        finally:
            if worker is not None:
                worker.close()
    return LoadSummary(reports, time.perf_counter() - start)


def _write_locked(
    db: Db, plans: list[LoadPlan], similar: list[SimilarNames], replace: bool, merge: bool
) -> list[LoadReport]:
    # one load at a time per process: concurrent uploads queue here instead of deadlocking
    # on each other's locks in the database (other processes: Db.write retries)
    if not _LOADS.acquire(timeout=db.write_lock_wait):
        raise LoadBusy(db.write_lock_wait)
    try:
        return db.write(_write_all, plans, similar, replace, merge)
    except ConstraintError as exc:
        raise LoadError(
            _(
                "%(conflict)s; nothing was changed. If an element changed kind since the last "
                "load, load with --replace."
            )
            % {"conflict": _conflict(exc.message or "")}
        ) from exc
    finally:
        _LOADS.release()


def prepare_schema(db: Db) -> bool:
    """``ensure_schema``, and when it created something in a database that already holds
    cascades (one stored before a new index, e.g. the SIMILAR_NAME pairs' of issue 25): the
    derived links those cascades lack, computed from the graph, one write per cascade, so an
    upgraded database's near-duplicate check does not go silent. True when it created
    something."""
    created = ensure_schema(db)
    if created:
        for row in db.rows("cascade_ids"):
            db.write(_write_similar, row["id"], None, False)
    return created


#: The size of the warm-up ``pokin neo4j up`` runs after starting the server: larger than the
#: one a load into a fresh database runs itself (x1, paid inside that load), so the server has
#: also compiled the code paths of a large transaction (``bench.bench_warm_up``: the first x100
#: load after it 0.75x a later one, against 1.22x after x1; 1.1 s more at the start).
START_WARM_UP = 10


#: The size of the fictional cascade ``pokin neo4j up`` also writes for real and deletes after
#: the warm-up (``warm_up_written``): with it, the first x100 load on a fresh server took 4.05 s
#: in-process against 3.0-3.2 s for later ones, 5.3 s after x10, 7.5-10 s without (issue 25).
START_WRITTEN = 30
#: The id prefix of a warm-up's fictional cascades (never a real cascade's id).
WARM_UP_PREFIX = "pokin-warm-up-"
#: Elements deleted per transaction when the written warm-up is removed.
WARM_UP_BATCH = 5_000


def start_warm_up(db: Db) -> None:
    """What ``pokin neo4j up`` runs after starting the server, before any load: ``warm_up``
    of ``START_WARM_UP`` (every statement, rolled back), then ``warm_up_written``."""
    warm_up(db, START_WARM_UP)
    warm_up_written(db, START_WRITTEN)


def warm_up_written(db: Db, scale: int = START_WRITTEN) -> None:
    """Load a fictional cascade of ``scale`` as a real load does (committed), then delete it.
    A rolled-back warm-up never reaches the commit, and a fresh store has yet to grow: this
    one compiles the commit's code paths and leaves records that the first real load reuses.
    A warm-up cascade that a stopped start left behind is deleted first. Between its load and
    its deletion (seconds, while the server starts) the graph holds it under its own id."""
    from pokin.seed import parse_cascade
    from pokin.seed.generate import generate

    for row in db.rows("warm_up_leftovers", prefix=WARM_UP_PREFIX):
        _delete_warm_up(db, row["id"])
    data = generate(scale)
    cascade_id = f"{WARM_UP_PREFIX}{uuid.uuid4().hex}"
    data["cascade"] = {**data["cascade"], "id": cascade_id}
    try:
        load_cascades(db, [(parse_cascade(data, "warm-up"), None)])
    finally:
        _delete_warm_up(db, cascade_id)


def _delete_warm_up(db: Db, cascade_id: str) -> None:
    def batch(tx: ManagedTransaction) -> int:
        name = "warm_up_delete_elements"
        return tx.run(query(name), cascade=cascade_id, batch=WARM_UP_BATCH).single()["deleted"]

    while db.write(batch):
        pass
    db.write(lambda tx: tx.run(query("warm_up_delete_cascade"), cascade=cascade_id).consume())


def warm_up(db: Db, scale: int = 1) -> None:
    """Run every load statement once on a small fictional cascade, in a write transaction
    that is rolled back: the server plans them and compiles their code paths before a real
    load needs them (a freshly started server otherwise pays that in the first load). Nothing
    is written; the schema is made first if missing (``pokin neo4j up`` calls it after a
    start, and a load into a database without the schema before it writes)."""
    from pokin.seed import parse_cascade
    from pokin.seed.generate import generate

    prepare_schema(db)
    plan = plan_load(parse_cascade(generate(scale), "warm-up"), "warm-up")
    plan.cascade["id"] = f"pokin-warm-up-{uuid.uuid4().hex}"  # never a stored one
    if not plan.measurements:
        of = plan.nodes["Indicator"][0]["id"]
        plan.measurements = [{"of": of, "year": 2025, "quarter": 0, "props": {}}]
    with db.driver.session(database=db.database) as session:
        tx = session.begin_transaction(timeout=db.timeout)
        try:
            # as new (CREATE), as replaced, as merged: each statement a load may run
            _write_all(tx, [plan], [None], replace=False, merge=False)  # with its counts
            _write(tx, plan, replace=True, stored=True)
            _write(tx, plan, replace=False, stored=True)
        finally:
            tx.rollback()


def load_cascade(
    db: Db,
    cascade: Any,
    *,
    replace: bool = False,
    merge: bool = True,
    source_text: str | bytes | None = None,
) -> LoadReport:
    """Write ``cascade`` (a validated ``seed.Cascade``) in one transaction and report counts.
    The library call merges into a stored cascade by default (tests and benchmarks re-load on
    purpose); ``pokin load`` and the upload route go through ``load_cascades``, which refuses."""
    summary = load_cascades(db, [(cascade, source_text)], replace=replace, merge=merge)
    return summary.reports[0]
