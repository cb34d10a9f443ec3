"""The load's statements find their rows through an index seek, never an index scan per row.

On a fresh or small database the planner's statistics made it read both ends of a link with a
scan of a whole index for every row of the ``UNWIND`` (a load growing with the square of the
cascade's size: x10 took 15 s where the bare write took 2 s). The statements now name the
(cascade, id) index with ``USING INDEX SEEK``; this test reads the plans the server makes for
them on an empty database and on one holding a small cascade.
"""

from __future__ import annotations

from typing import Any

import pytest

from pokin.graph.checks import CHECKS
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.queries import query
from pokin.graph.schema import ensure_schema
from pokin.seed import parse_cascade
from pokin.seed.generate import generate
from tests.conftest import wipe

#: Operators that read a whole label, index or relationship type.
WIDE = ("AllNodesScan", "NodeByLabelScan", "NodeIndexScan", "RelationshipTypeScan")
LINK_STATEMENTS = [
    "load_supports_links",
    "load_part_of_links",
    "load_measured_by_links",
    "load_owned_by_links",
    "load_reports_to_links",
    "load_create_links",
    "load_resolve_references",
    "load_similar_name_links",
]


@pytest.fixture(scope="module", params=["empty", "small"])
def small_db(request, driver, settings):
    """An empty database (the first load a server ever plans), then one holding a small
    cascade; the server's plan cache is cleared so that it plans anew for each."""
    wipe(driver, settings.neo4j_database)
    db = Db(driver, settings.neo4j_database, timeout=120)
    ensure_schema(db)  # what every load does first
    if request.param == "small":
        load_cascade(db, parse_cascade(generate(1), "x"))
    driver.execute_query("CALL db.clearQueryCaches()", database_=settings.neo4j_database)
    return driver


def _operators(plan: dict[str, Any]) -> list[str]:
    return [plan["operatorType"]] + [o for c in plan.get("children", []) for o in _operators(c)]


@pytest.mark.parametrize("name", LINK_STATEMENTS)
def test_link_statements_seek_both_ends(small_db, settings, name):
    row = {"from": "a", "to": "b", "props": {}}
    with small_db.session(database=settings.neo4j_database) as session:
        plan = (
            session.run(
                "EXPLAIN " + query(name),
                cascade="c",
                type="SUPPORTS",
                rows=[row],
                groups=[{"cascade": "c", "rows": [row]}],
            )
            .consume()
            .plan
        )
    operators = _operators(plan)
    assert not [o for o in operators if o.split("@")[0] in WIDE], operators
    seeks = [o for o in operators if "Seek" in o]
    assert len(seeks) >= 2, operators


def test_new_measurements_seek_their_element(small_db, settings):
    """A new or replaced cascade's measurements are CREATEd, each under its element, found
    through the (cascade, id) key: one seek per row, no scan, no MERGE."""
    row = {"of": "a", "year": 2025, "quarter": 0, "props": {}}
    with small_db.session(database=settings.neo4j_database) as session:
        plan = (
            session.run("EXPLAIN " + query("load_create_measurements"), cascade="c", rows=[row])
            .consume()
            .plan
        )
    operators = [o.split("@")[0] for o in _operators(plan)]
    assert not [o for o in operators if o in WIDE or "Merge" in o], operators
    assert [o for o in operators if "Seek" in o] and "Create" in operators, operators


def test_new_cascade_nodes_are_created_without_reading_the_graph(small_db, settings):
    """A new cascade's nodes are CREATEd: the plan reads nothing stored (no seek, no scan),
    whatever the label it is given."""
    row = {"id": "a", "name": "x"}
    with small_db.session(database=settings.neo4j_database) as session:
        plan = (
            session.run(
                "EXPLAIN " + query("load_create_nodes"),
                labels=["Goal", "Element"],
                groups=[{"cascade": "c", "rows": [row]}],
            )
            .consume()
            .plan
        )
    operators = [o.split("@")[0] for o in _operators(plan)]
    assert "Create" in operators, operators
    assert not [o for o in operators if o in WIDE or "Seek" in o or "Merge" in o], operators


@pytest.mark.parametrize("name", ["check_near_duplicate_names", "load_delete_similar_names"])
def test_similar_name_links_are_read_through_their_own_index(small_db, settings, name):
    """The near-duplicate check and the load's removal of the pairs seek a cascade's
    SIMILAR_NAME links in their index: their cost is the pairs, not the cascade."""
    with small_db.session(database=settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + query(name), cascade="c").consume().plan
    operators = [o.split("@")[0] for o in _operators(plan)]
    assert not [o for o in operators if o in WIDE], operators
    assert [o for o in operators if o.endswith("RelationshipIndexSeek")], operators


@pytest.mark.parametrize(
    "name", ["warm_up_leftovers", "warm_up_delete_elements", "warm_up_delete_cascade"]
)
def test_the_written_warm_up_is_found_and_deleted_through_indexes(small_db, settings, name):
    """Finding and deleting the warm-up's fictional cascade seeks it by its id or cascade
    index: its cost is its own size, never the graph's."""
    params = dict(prefix="pokin-warm-up-", cascade="c", batch=10)
    with small_db.session(database=settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + query(name), params).consume().plan
    operators = _operators(plan)
    assert not [o for o in operators if o.split("@")[0] in WIDE], operators
    assert [o for o in operators if "Seek" in o], operators


def test_a_loads_counts_expand_each_elements_links_never_pair_the_ends(small_db, settings):
    """The counts a load reports (``cascade_counts``, read in its transaction) start from the
    cascade's index and expand each element's links: no scan, and no plan that seeks both
    ends and tries every pair (on an emptied database such a plan took seconds)."""
    with small_db.session(database=settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + query("cascade_counts"), cascades=["c", "d"]).consume().plan
    operators = [o.split("@")[0] for o in _operators(plan)]
    assert not [o for o in operators if o in WIDE], operators
    pairing = ("CartesianProduct", "NodeHashJoin", "ValueHashJoin", "Expand(Into)")
    assert not [o for o in operators if o in pairing], operators
    assert "Expand(All)" in operators, operators


def _scans(plan: dict[str, Any]) -> list[str]:
    """The wide operators of a plan, with what they read (e.g. ``NodeByLabelScan c:Cascade``)."""
    op = plan["operatorType"].split("@")[0]
    details = str((plan.get("args") or plan.get("arguments") or {}).get("Details", ""))
    mine = [f"{op} {details}"] if op in WIDE else []
    return mine + [s for c in plan.get("children", []) for s in _scans(c)]


@pytest.mark.parametrize("name", [n for n, c in CHECKS.items() if c.scope == "region"])
def test_region_checks_reach_elements_through_the_cascade_index(small_db, settings, name):
    """A region check starts from the region's few Cascade nodes; every element, reference or
    link it reads is reached from a cascade through an index, never by a label scan."""
    with small_db.session(database=settings.neo4j_database) as session:
        plan = (
            session.run("EXPLAIN " + query(CHECKS[name].query), cascade="c", region=None)
            .consume()
            .plan
        )
    scans = _scans(plan)
    assert all(s.endswith(":Cascade") for s in scans), scans  # none at all: better still


@pytest.mark.parametrize(
    "name", ["region_rpjmd_support", "region_crosscutting", "view_crosscutting"]
)
def test_region_page_queries_reach_elements_through_the_cascade_index(small_db, settings, name):
    """The region page's and the crosscutting map's queries, likewise."""
    with small_db.session(database=settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + query(name), region="r").consume().plan
    scans = _scans(plan)
    assert all(s.endswith(":Cascade") for s in scans), scans  # none at all: better still


def test_the_read_guard_is_one_index_seek_of_the_graph_stamp(small_db, settings):
    """``Db.read``'s guard (before and after every read) seeks the one GraphStamp node by its
    constraint's index, scans nothing, and answers one record: the last write's version."""
    with small_db.session(database=settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + query("graph_stamp")).consume().plan
        records = session.run(query("graph_stamp")).data()
        stamps = session.run("MATCH (s:GraphStamp) RETURN s.version AS v").data()
    assert not _scans(plan), _scans(plan)
    assert any(op.startswith("NodeUniqueIndexSeek") for op in _operators(plan)), _operators(plan)
    assert len(stamps) <= 1  # one node, written by the first load (none in an empty database)
    assert records == [{"version": stamps[0]["v"] if stamps else None}]


def test_region_versions_seek_the_cascades_by_region(small_db, settings):
    """The region report's cache key reads the region's Cascade nodes through their region
    index, not by scanning every cascade of the graph."""
    with small_db.session(database=settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + query("region_versions"), regions=["r"]).consume().plan
    assert not _scans(plan), _scans(plan)
    assert any("IndexSeek" in op for op in _operators(plan)), _operators(plan)


@pytest.mark.parametrize("name", ["cascades_list", "region_cascades", "cascade_version"])
def test_a_page_about_one_agency_seeks_its_cascades(small_db, settings, name):
    """What an agency's pages read about its cascade and its region's: the cascades named are
    sought by id (or region), their elements through the cascade index; the only whole scan
    is the Cascade label, and only when every cascade is listed (``ids`` null)."""
    params = dict(ids=["c", "d"], counts=True, region="r", cascade="c")
    with small_db.session(database=settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + query(name), params).consume().plan
    scans = _scans(plan)
    assert all(s.endswith(":Cascade") for s in scans), scans
    assert any("Seek" in op for op in _operators(plan)), _operators(plan)


#: The queries of search and of resolving what a route or command was given, with parameters.
LOOKUPS = {
    "element_resolve": dict(
        id="5.03.02.2.02.0001", codes=["5.03.02.2.02.0001", "5.03.02.2.02.01"], cascade=None
    ),
    "elements_search": dict(query="mutasi", cascade=None),
    "elements_search_indicators": dict(query="mutasi", cascade=None),
    "elements_search_owners": dict(query="kabid", cascade=None),
    "elements_search_page": dict(
        hits=[{"cascade": "c", "id": "a", "matched": "code", "score": None, "text": None}],
        level=None,
        kind=None,
        owner=None,
        offset=0,
        limit=50,
    ),
}


@pytest.mark.parametrize("name", LOOKUPS)
def test_search_and_id_resolution_never_scan(small_db, settings, name):
    """An id or a code is found through the id and code indexes, a word through the full-text
    index, a page of hits through the (cascade, id) key: no label or index is read whole
    (every request that names an element pays for its resolution)."""
    with small_db.session(database=settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + query(name), LOOKUPS[name]).consume().plan
    operators = _operators(plan)
    assert not [o for o in operators if o.split("@")[0] in WIDE], operators
    if name in ("element_resolve", "elements_search_page"):
        assert [o for o in operators if "Seek" in o], operators


@pytest.mark.parametrize(
    "name",
    [
        "capaian_results",
        "capaian_linked_cascades",
        "capaian_latest_year",
        "check_capaian_reading",
    ],
)
def test_capaian_queries_reach_elements_through_the_cascade_index(small_db, settings, name):
    """Capaian, its roll-up and the at-risk reading start from the cascades named; every result,
    indicator, measurement and unit is reached from them through an index seek or a link."""
    with small_db.session(database=settings.neo4j_database) as session:
        plan = session.run("EXPLAIN " + query(name), cascades=["c"], cascade="c").consume().plan
    scans = _scans(plan)  # at most the few Cascade nodes, read whole on a small database
    assert all(":Cascade" in s for s in scans), scans
    assert [o for o in _operators(plan) if "Seek" in o], _operators(plan)
