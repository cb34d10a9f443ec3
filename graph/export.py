"""Read a stored cascade back into the validated model, to write it in any file format.

Lossless for everything the graph holds: the cascade's own fields (kind, region, synthetic,
note, ...), every Tujuan (``goal`` when there is one, ``goals`` when several), every stored
property of every element, every link, and the links to other cascades as the file wrote them
(``cascade-id:element-id``, with status, basis and note), read from the ``Reference`` nodes,
resolved or not, so a resolved one comes back once. Properties map by name to the fields of
the seed models; what the loader adds besides is ``pokin.graph.loader.GRAPH_PROPERTIES``. A
stored property or link that neither knows is an ``ExportError`` naming it, never dropped.

The graph keeps no file order: elements come back ordered by level and id (units by code),
links by where they go. The result goes through ``pokin.seed.parse_cascade``, so an export is
a file that loads again.
"""

from __future__ import annotations

import typing
from typing import Any

from neo4j import ManagedTransaction
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from pokin.core.errors import CascadeNotFound, ExportError
from pokin.core.vocabulary import TARGET_LEVELS
from pokin.graph.db import Db
from pokin.graph.loader import GRAPH_PROPERTIES, LINK_FIELDS
from pokin.graph.measurement import measurement_entries, unknown_properties
from pokin.graph.queries import query
from pokin.seed.schema import (
    KINDS,
    Cascade,
    Link,
    meta_columns,
    nested_meta,
    parse_cascade,
)

#: relationship type -> the seed field that writes it (the one its start's model has)
_RELATIONSHIP_FIELDS = {
    "SUPPORTS": ("supports", "delivers"),
    "PART_OF": ("part_of",),
    "MEASURED_BY": ("indicators",),
    "OWNED_BY": ("owners",),
    "REPORTS_TO": ("reports_to",),
}
_LEVEL_ORDER = {level: i for i, level in enumerate(TARGET_LEVELS)}


def _read(tx: ManagedTransaction, cascade_id: str) -> tuple[Any, list, list, list, list]:
    meta = tx.run(query("export_cascade"), cascade=cascade_id).single()
    elements = tx.run(query("export_elements"), cascade=cascade_id).data()
    links = tx.run(query("export_links"), cascade=cascade_id).data()
    references = tx.run(query("export_references"), cascade=cascade_id).data()
    measurements = tx.run(query("export_measurements"), cascade=cascade_id).data()
    return meta, elements, links, references, measurements


def _attach_measurements(
    cascade_id: str, by_id: dict[str, tuple[str, dict[str, Any]]], rows: list[dict[str, Any]]
) -> None:
    """The Measurement nodes back as the seed lists of their indicator or unit (targets,
    realisation, budget)."""
    for row in rows:
        props, of = row["props"], row["of"]
        if of not in by_id:
            raise _refuse(cascade_id, f"measurement of {of}", "no element of the cascade")
        kind, item = by_id[of]
        if kind not in ("indicator", "programme", "activity", "sub_activity"):
            raise _refuse(cascade_id, f"element {of} ({kind})", "a measurement no file can hold")
        unknown = unknown_properties(kind, props)
        if unknown:
            raise _refuse(
                cascade_id, f"measurement of {of}", f"unknown properties {', '.join(unknown)}"
            )
        entries = measurement_entries(kind, props)
        if not entries or (kind == "indicator" and "pagu" in props and "targets" not in entries):
            raise _refuse(
                cascade_id,
                f"measurement of {of} ({props.get('year')}, quarter {props.get('quarter')})",
                "holds a value no file can hold (a pagu needs the year's target)",
            )
        for name, entry in entries.items():
            item.setdefault(name, []).append(entry)


def _is_list(field: FieldInfo) -> bool:
    return typing.get_origin(field.annotation) is list


def _refuse(cascade_id: str, what: str, message: str) -> ExportError:
    return ExportError(f"cascade {cascade_id}: {what}: {message}; nothing was exported")


def _fields(
    model: type[BaseModel], props: dict[str, Any], internal: frozenset[str], where: tuple[str, str]
) -> dict[str, Any]:
    """The seed fields of ``model`` from stored properties: each by its name, a link field
    empty (the links fill it), an absent optional field left to its default, an absent
    required one null (the loader writes no nulls). ``where`` = (cascade id, what it is)."""
    fields = {n: f for n, f in model.model_fields.items() if n not in LINK_FIELDS}
    unknown = sorted(set(props) - set(fields) - internal)
    if unknown:
        raise _refuse(
            *where,
            f"stored propert{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)} "
            f"{'is' if len(unknown) == 1 else 'are'} no field of {model.__name__} "
            f"(its fields: {', '.join(model.model_fields)})",
        )
    out: dict[str, Any] = {}
    for name, f in model.model_fields.items():
        if name in fields and name in props:
            out[name] = props[name]
        elif name in LINK_FIELDS or f.is_required():
            out[name] = [] if _is_list(f) else None
    return out


def cascade_dict(db: Db, cascade_id: str) -> dict[str, Any]:
    """The stored cascade as the seed-shaped dict (raises ``CascadeNotFound``, or
    ``ExportError`` for what no seed model holds)."""
    meta, elements, links, references, measurements = db.read(_read, cascade_id)
    if meta is None:
        raise CascadeNotFound(cascade_id)
    props = meta["props"]
    unknown = sorted(set(props) - set(meta_columns()) - GRAPH_PROPERTIES["cascade"])
    if unknown:
        raise _refuse(cascade_id, "the Cascade node", f"unknown properties {', '.join(unknown)}")

    by_id: dict[str, tuple[str, dict[str, Any]]] = {}
    groups: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for row in elements:
        kind, ident = row["kind"], row["props"].get("id")
        if kind not in KINDS:
            raise _refuse(cascade_id, f"element {ident}", f"kind {kind!r} is no seed model")
        item = _fields(KINDS[kind][0], row["props"], GRAPH_PROPERTIES[kind], (cascade_id, ident))
        by_id[item["id"]] = (kind, item)
        groups[kind].append(item)

    def attach(frm: str, field_names: tuple[str, ...], to: str, value: Any, what: str) -> None:
        if frm not in by_id:
            raise _refuse(cascade_id, f"{what} from {frm}", "no element of the cascade")
        kind, item = by_id[frm]
        field = next((f for f in field_names if f in item), None)
        if field is None:
            raise _refuse(cascade_id, f"element {frm} ({kind})", f"no {what} link can start here")
        if _is_list(KINDS[kind][0].model_fields[field]):
            item[field].append(value)
        elif item[field] is None:
            item[field] = value
        else:
            raise _refuse(cascade_id, f"element {frm}", f"a second {what} link (to {to})")

    measured: set[str] = set()
    for row in links:
        frm, rel, to = row["from"], row["type"], row["to"]
        names = _RELATIONSHIP_FIELDS.get(rel)
        if names is None:
            raise _refuse(cascade_id, f"element {frm}", f"a {rel} link (to {to}) no file can hold")
        if rel == "MEASURED_BY":
            if by_id[to][0] != "indicator":
                raise _refuse(cascade_id, f"element {frm}", f"MEASURED_BY {to}, no indicator")
            measured.add(to)
            value: Any = by_id[to][1]
        elif rel in ("OWNED_BY", "REPORTS_TO"):
            value = to
            if row["props"]:
                raise _refuse(cascade_id, f"{rel} {frm} -> {to}", "a link with properties")
        else:
            value = _fields(Link, {**row["props"], "to": to}, frozenset(), (cascade_id, frm))
        attach(frm, names, to, value, rel)
    for row in references:
        internal = GRAPH_PROPERTIES["reference"]
        link = _fields(Link, {**row["props"], "to": row["to"]}, internal, (cascade_id, row["from"]))
        attach(row["from"], ("supports",), row["to"], link, "SUPPORTS to another cascade")
    _attach_measurements(cascade_id, by_id, measurements)
    unmeasured = sorted(i["id"] for i in groups["indicator"] if i["id"] not in measured)
    if unmeasured:
        raise _refuse(cascade_id, "indicators", f"{', '.join(unmeasured)} measure nothing")

    for _, item in by_id.values():
        for field in ("supports", "delivers"):
            if field in item:
                item[field].sort(key=lambda link: link["to"])
    goals = sorted(groups["goal"], key=lambda g: g["id"])
    groups["target"].sort(key=lambda t: (_LEVEL_ORDER.get(t["level"], 9), t["id"]))
    for kind in ("programme", "activity", "sub_activity"):
        groups[kind].sort(key=lambda u: (u.get("code") is None, u.get("code") or "", u["id"]))
    out: dict[str, Any] = {"cascade": nested_meta(props), "owners": groups["owner"]}
    if len(goals) == 1:
        out["goal"] = goals[0]
    else:
        out["goals"] = goals
    for kind in ("target", "programme", "activity", "sub_activity"):
        out[KINDS[kind][1]] = groups[kind]  # type: ignore[index]
    return out


def read_stored_cascade(db: Db, cascade_id: str) -> Cascade:
    """The stored cascade as a validated :class:`~pokin.seed.Cascade`."""
    return parse_cascade(cascade_dict(db, cascade_id), f"cascade {cascade_id}")
