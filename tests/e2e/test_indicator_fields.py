"""One indicator shape end to end: every field of ``seed.schema.Indicator`` that is loaded
reaches every reader (the element JSON, the trace, the tree of a cascade and of a subtree, the
graph views), because every query returns an indicator as ``properties(i)`` and every reader
maps it with ``Indicator.from_properties``. So a property no query names (one planted straight
into the graph) reaches each reader too, where the model refuses it, naming element and field.
Unit and Target are shown, escaped, where users read indicators."""

from __future__ import annotations

import pytest

from pokin.core.errors import CascadeValidationError
from pokin.core.i18n import using
from pokin.graph.db import Db
from pokin.graph.elements import get_element
from pokin.graph.loader import MEASUREMENT_FIELDS
from pokin.graph.trace import trace_to_goal
from pokin.graph.tree import cascade_tree
from pokin.graph.views import cascade_view, trace_view
from pokin.render import render_trace
from pokin.seed.schema import Indicator
from pokin.visualize.render import graph_data
from tests.e2e.cascade_builder import clean_cascade, full_indicator

CID = "indicator-cascade"
IND = "ind-st-a1a"
#: markup in a unit is data: shown as text everywhere
MARKUP = "<b>orang</b>"


def _load(driver, settings) -> Db:
    b = clean_cascade(CID)
    b.element("st-a1a")["indicators"] = [full_indicator(IND)]
    b.element("st-a1b")["indicators"] = [
        full_indicator("ind-st-a1b", unit=MARKUP, target_value=1200.0)
    ]
    b.load(driver, settings.neo4j_database)
    return Db(driver, settings.neo4j_database)


#: the indicator as the element readers give it: every field of its node; its targets and
#: realisation are Measurement nodes (docs/model.md, "Measurement"), read by their own queries
EXPECTED = Indicator.model_validate(
    {k: v for k, v in full_indicator(IND).items() if k not in MEASUREMENT_FIELDS}
).model_dump(mode="json")

#: the indicator as the element detail gives it: with its targets and realisation (its chart
#: and capaian table are drawn from them)
MEASURED = Indicator.model_validate(full_indicator(IND)).model_dump(mode="json")


def _card(tree, card_id):
    return next(c for c, _ in tree.walk() if c.id == card_id)


def _node(view, node_id):
    return next(n for n in view.nodes if n.id == node_id)


def test_every_field_reaches_the_element_json_trace_tree_and_views(empty_db, settings, api_client):
    db = _load(empty_db, settings)
    base = f"/api/cascades/{CID}/elements"
    body = api_client.get(f"{base}/{IND}").json()
    assert body["indicator"] == MEASURED  # the element's own reading takes its Measurement nodes
    assert body["properties"]["unit"] == "%" and body["properties"]["target_value"] == 87.5
    assert api_client.get(f"{base}/st-a1a").json()["indicators"] == [MEASURED]
    trace = api_client.get(f"{base}/sub-a1a/trace").json()
    [hop] = [h for h in trace["paths"][0]["hops"] if h["id"] == "st-a1a"]
    assert hop["indicators"] == [EXPECTED]

    [card_ind] = _card(cascade_tree(db, CID), "st-a1a").indicators
    assert card_ind.model_dump(mode="json") == EXPECTED
    [below] = _card(cascade_tree(db, element="at-a1"), "st-a1a").indicators  # a subtree's tree
    assert below.model_dump(mode="json") == EXPECTED

    for view in (trace_view(db, "sub-a1a", CID), cascade_view(db, CID, findings=False)):
        assert _node(view, IND).indicator.model_dump(mode="json") == EXPECTED
        assert _node(view, IND).of == "st-a1a"
        [of_result] = _node(view, "st-a1a").indicators
        assert of_result.model_dump(mode="json") == EXPECTED
        [of_unit] = _node(view, "sub-a1a").indicators  # a unit: those of the result it delivers
        assert of_unit.model_dump(mode="json") == EXPECTED
        assert _node(view, "st-a1a").indicator is None


def test_unit_and_target_are_shown_where_indicators_are_read(empty_db, settings, api_client):
    db = _load(empty_db, settings)
    q = f"?cascade={CID}"
    page = api_client.get(f"/elements/{IND}{q}").text
    assert "<dd data-target>87,5 %</dd>" in page  # the Indonesian page's number format
    for result in ("st-a1a", "sub-a1a"):  # a result's indicator table, a unit's
        assert "<td data-target>87,5 %</td>" in api_client.get(f"/elements/{result}{q}").text
    assert "· Target: 87,5 %</div>" in api_client.get(f"/elements/sub-a1a{q}").text  # its trace
    other = api_client.get(f"/elements/st-a1b{q}").text
    assert "1.200 &lt;b&gt;orang&lt;/b&gt;" in other and MARKUP not in other

    tree = api_client.get(f"/tree{q}").text
    assert "Target: 87,5 %</span>" in tree  # the Indonesian tree's number format
    assert "Target: 1.200 &lt;b&gt;orang&lt;/b&gt;" in tree and MARKUP not in tree

    with using("en"):  # the tooltips in the language the view is built in
        nodes = graph_data(trace_view(db, "sub-a1a", CID))["nodes"]
    titles = {n["elementId"]: n["title"] for n in nodes}
    assert "\nTarget: 87.5 %\n" in titles[IND]  # the indicator's own tooltip
    assert "\n   Target: 87.5 %\n" in titles["st-a1a"]  # under the result's indicators

    with using("en"):
        text = "\n".join(render_trace(trace_to_goal(db, CID, "sub-a1a")))
    assert f"indicator: Persentase ASN terlayani {IND} = " in text
    assert "dikali 100; target 87.5 %" in text


def test_a_property_no_query_names_reaches_every_reader_and_is_refused(
    empty_db, settings, api_client
):
    db = _load(empty_db, settings)
    empty_db.execute_query(
        "MATCH (i:Indicator {cascade: $c, id: $id}) SET i.weight = 12.5",
        c=CID,
        id=IND,
        database_=settings.neo4j_database,
    )
    readers = {
        "element": lambda: get_element(db, IND, CID),
        "result": lambda: get_element(db, "st-a1a", CID),
        "trace": lambda: trace_to_goal(db, CID, "sub-a1a"),
        "tree": lambda: cascade_tree(db, CID),
        "view": lambda: trace_view(db, "sub-a1a", CID, findings=False),
    }
    for name, read in readers.items():
        with using("en"), pytest.raises(CascadeValidationError) as caught:
            read()
        [problem] = caught.value.problems
        assert (problem.element_id, problem.field) == (IND, "weight"), name
        assert problem.file == f"cascade {CID}", name
    response = api_client.get(
        f"/api/cascades/{CID}/elements/st-a1a", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 422
    [problem] = response.json()["problems"]
    assert (problem["element_id"], problem["field"]) == (IND, "weight")
    assert "not a field of the indicator model" in problem["message"]
    page = api_client.get(f"/elements/{IND}?cascade={CID}")
    assert page.status_code == 422 and "weight" in page.text
    assert "Traceback" not in page.text
