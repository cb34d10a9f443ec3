"""The mapping between the seed models and the graph, without a database: what the loader
stores is a seed field or one of ``GRAPH_PROPERTIES``; the export maps the stored rows back to
the same cascade; a stored property or link no model knows is an ``ExportError`` naming it."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pokin.core.errors import ExportError
from pokin.graph.export import cascade_dict
from pokin.graph.loader import GRAPH_PROPERTIES, LoadPlan, plan_load
from pokin.seed import parse_cascade
from pokin.seed.schema import KINDS, Link, meta_columns
from tests.full_cascade import FULL_ID, full_cascade

#: node label -> its seed model (the labels are the models' names)
MODELS = {model.__name__: model for model, _ in KINDS.values()}


@pytest.fixture
def plan() -> LoadPlan:
    return plan_load(parse_cascade(full_cascade(), "full"), "text")


def test_what_the_loader_stores_is_a_seed_field_or_a_graph_property(plan):
    for label, rows in plan.nodes.items():
        assert rows, label
        for row in rows:
            fields, added = set(MODELS[label].model_fields), GRAPH_PROPERTIES[row["kind"]]
            assert set(row) - fields <= added, (label, row["id"])
            assert added - fields - {"cascade"} <= set(row), (label, row["id"])  # cascade: Cypher
    for ref in plan.references:
        assert set(ref) - set(Link.model_fields) <= GRAPH_PROPERTIES["reference"]
    stored = {k for k, v in plan.cascade.items() if v is not None}
    # every field of the cascade's own section is stored (the full cascade sets them all)
    assert set(meta_columns()) <= stored <= set(meta_columns()) | GRAPH_PROPERTIES["cascade"]


class _Stored:
    """A ``Db`` whose one read answers what the load of ``plan`` stores."""

    def __init__(self, plan: LoadPlan) -> None:
        cid = plan.cascade["id"]
        meta = {k: v for k, v in plan.cascade.items() if v is not None}
        self.meta = {"props": {**meta, "loaded_at": "now", "load_id": "x"}}
        self.elements = [
            {"kind": row["kind"], "props": {**row, "cascade": cid}}
            for rows in plan.nodes.values()
            for row in rows
        ]
        self.links = [
            {"from": r["from"], "type": rel, "to": r["to"], "props": dict(r["props"])}
            for rel, rows in plan.links.items()
            for r in rows
        ]
        self.references = [
            {
                "from": r["from"],
                "to": f"{r['to_cascade']}:{r['to_id']}",
                "props": {k: v for k, v in {**r, "cascade": cid}.items() if v is not None},
            }
            for r in plan.references
        ]
        self.measurements = [
            {
                "of": m["of"],
                "props": {
                    **m["props"],
                    "cascade": cid,
                    "of": m["of"],
                    "year": m["year"],
                    "quarter": m["quarter"],
                },
            }
            for m in plan.measurements
        ]

    def read(self, work: Any, *args: Any) -> tuple:
        return copy.deepcopy(
            (self.meta, self.elements, self.links, self.references, self.measurements)
        )


def _canonical(value: Any) -> Any:
    """Lists as sorted multisets: the graph keeps no file order."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=repr)
    return value


def test_the_stored_rows_map_back_to_the_cascade(plan):
    again = parse_cascade(cascade_dict(_Stored(plan), FULL_ID), "export")
    expected = full_cascade()
    expected["targets"][0]["supports"][2]["status"] = "proposed"  # a load's default
    expected["targets"][3]["supports"][1]["to"] = "ss-lengkap"  # own cascade: a plain id
    assert _canonical(again.model_dump()) == _canonical(
        parse_cascade(expected, "expected").model_dump()
    )


def test_a_stored_property_no_model_knows_is_an_error_naming_it(plan):
    db = _Stored(plan)
    indicator = next(e for e in db.elements if e["kind"] == "indicator")
    indicator["props"]["colour"] = "merah"
    with pytest.raises(ExportError, match=rf"{indicator['props']['id']}: stored property colour"):
        cascade_dict(db, FULL_ID)
    db = _Stored(plan)
    db.meta["props"]["owner_unit"] = "x"
    with pytest.raises(ExportError, match="Cascade node: unknown properties owner_unit"):
        cascade_dict(db, FULL_ID)
    db = _Stored(plan)
    db.references[0]["props"]["priority"] = 2
    with pytest.raises(ExportError, match="priority"):
        cascade_dict(db, FULL_ID)
    db = _Stored(plan)
    db.measurements[0]["props"]["forecast"] = 1.0
    of = db.measurements[0]["of"]
    with pytest.raises(ExportError, match=rf"measurement of {of}: unknown properties forecast"):
        cascade_dict(db, FULL_ID)


def test_a_link_no_file_can_hold_is_an_error_naming_it(plan):
    db = _Stored(plan)
    db.links.append({"from": "kepala", "type": "ADVISES", "to": "kabid", "props": {}})
    with pytest.raises(ExportError, match="kepala: a ADVISES link"):
        cascade_dict(db, FULL_ID)
    db = _Stored(plan)
    db.links.append({"from": "kepala", "type": "SUPPORTS", "to": "ss-lengkap", "props": {}})
    with pytest.raises(ExportError, match=r"kepala \(owner\): no SUPPORTS link can start here"):
        cascade_dict(db, FULL_ID)
    db = _Stored(plan)
    db.links = [x for x in db.links if x["type"] != "MEASURED_BY" or x["from"] != "ss-lengkap"]
    with pytest.raises(ExportError, match="ind-ss-lengkap-a, ind-ss-lengkap-b measure nothing"):
        cascade_dict(db, FULL_ID)
