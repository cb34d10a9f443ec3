"""Read a stored cascade back into the validated model, to write it in any file format.

The graph holds every field of the seed format but the order of the file and the cascade's
``note``: elements come back ordered by level and id (units by code), lists of links by the id
they point to. The result goes through ``pokin.seed.parse_cascade``, so an export is a file
that loads again.
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from pokin.core.errors import CascadeNotFound
from pokin.graph.db import Db
from pokin.graph.queries import query
from pokin.seed.schema import (
    Activity,
    Cascade,
    Goal,
    Indicator,
    Owner,
    Programme,
    SubActivity,
    Target,
    parse_cascade,
)

_MODELS = {
    "owner": Owner,
    "goal": Goal,
    "target": Target,
    "programme": Programme,
    "activity": Activity,
    "sub_activity": SubActivity,
    "indicator": Indicator,
}
_LEVEL_ORDER = {"strategic": 0, "programme": 1, "activity": 2, "sub_activity": 3}


def _read(tx: ManagedTransaction, cascade_id: str) -> tuple[Any, list, list]:
    meta = tx.run(query("export_cascade"), cascade=cascade_id).single()
    elements = tx.run(query("export_elements"), cascade=cascade_id).data()
    links = tx.run(query("export_links"), cascade=cascade_id).data()
    return meta, elements, links


def _fields(kind: str, props: dict[str, Any]) -> dict[str, Any]:
    model = _MODELS[kind]
    return {k: v for k, v in props.items() if k in model.model_fields}


def cascade_dict(db: Db, cascade_id: str) -> dict[str, Any]:
    """The stored cascade as the seed-shaped dict (raises ``CascadeNotFound``)."""
    meta, elements, links = db.read(_read, cascade_id)
    if meta is None:
        raise CascadeNotFound(cascade_id)
    m = meta["props"]
    by_id: dict[str, dict[str, Any]] = {}
    groups: dict[str, list[dict[str, Any]]] = {k: [] for k in _MODELS}
    for row in elements:
        item = _fields(row["kind"], row["props"])
        for f in ("owners", "indicators", "supports", "delivers"):
            if f in _MODELS[row["kind"]].model_fields:
                item[f] = []
        if row["kind"] in ("activity", "sub_activity"):
            item["part_of"] = None
        if row["kind"] in ("programme", "activity", "sub_activity"):
            item.setdefault("code", None)
        if row["kind"] == "indicator":
            for f in ("formula", "formula_raw", "polarity"):
                item.setdefault(f, None)
            item.setdefault("tags", [])
        by_id[item["id"]] = item
        groups[row["kind"]].append(item)
    for row in links:
        frm, to, props = by_id.get(row["from"]), row["to"], dict(row["props"])
        if frm is None:
            continue
        if row["type"] == "SUPPORTS":
            field = "supports" if "supports" in frm else "delivers"
            frm[field].append({"to": to, **props})
        elif row["type"] == "PART_OF":
            frm["part_of"] = {"to": to, **props}
        elif row["type"] == "MEASURED_BY" and to in by_id:
            frm["indicators"].append(by_id[to])
        elif row["type"] == "OWNED_BY":
            frm["owners"].append(to)
        elif row["type"] == "REPORTS_TO":
            frm["reports_to"] = to
    goals = groups["goal"]
    targets = sorted(groups["target"], key=lambda t: (_LEVEL_ORDER.get(t["level"], 9), t["id"]))

    def units(kind: str) -> list[dict[str, Any]]:
        return sorted(
            groups[kind], key=lambda u: (u.get("code") is None, u.get("code") or "", u["id"])
        )

    return {
        "cascade": {
            "id": m["id"],
            "agency": m["agency"],
            "title": m["title"],
            "period": {"start": m["period_start"], "end": m["period_end"]},
            "source": m["source"],
        },
        "owners": groups["owner"],
        "goal": goals[0] if goals else None,
        "targets": targets,
        "programmes": units("programme"),
        "activities": units("activity"),
        "sub_activities": units("sub_activity"),
    }


def read_stored_cascade(db: Db, cascade_id: str) -> Cascade:
    """The stored cascade as a validated :class:`~pokin.seed.Cascade`."""
    return parse_cascade(cascade_dict(db, cascade_id), f"cascade {cascade_id}")
