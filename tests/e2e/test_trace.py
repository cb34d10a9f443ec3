"""Traces to the Goal and subtrees against a real Neo4j."""

from __future__ import annotations

import pytest

from pokin.core.errors import CascadeNotFound, ElementNotFound
from pokin.graph.db import Db
from pokin.graph.trace import subtree, trace_many, trace_to_goal
from tests.e2e.cascade_builder import clean_cascade

CID = "test-cascade"


def _load(driver, settings, builder=None):
    (builder or clean_cascade()).load(driver, settings.neo4j_database)
    return settings.neo4j_database


def _ids(path):
    return [h.id for h in path.hops]


def test_trace_of_a_sub_activity(empty_db, settings):
    db = _load(empty_db, settings)
    trace = trace_to_goal(Db(empty_db, db), CID, "sub-a1a")
    assert trace.reaches_goal
    assert trace.element.id == "sub-a1a" and trace.element.kind == "sub_activity"
    [start] = trace.starts
    assert [u.id for u in start.structure] == ["sub-a1a", "keg-a1", "prog-a"]
    assert [u.kind for u in start.structure] == ["sub_activity", "activity", "programme"]
    [path] = trace.paths
    assert _ids(path) == ["sub-a1a", "st-a1a", "at-a1", "pt-a", "ss-a", "tujuan"]
    assert path.reaches_goal and path.length == 5 and not path.leaves_structure
    assert [h.level for h in path.hops] == [
        "sub_activity",
        "sub_activity",
        "activity",
        "programme",
        "strategic",
        "goal",
    ]
    assert [h.link.basis for h in path.hops[:-1]] == ["source_layout"] * 5
    assert path.hops[-1].link is None
    result = path.hops[1]
    assert [o.id for o in result.owners] == ["analis"]
    assert result.owners[0].title == "Analis Kepegawaian Ahli Muda"
    [indicator] = result.indicators
    assert indicator.id == "ind-st-a1a"
    assert indicator.formula and indicator.polarity == "positive"
    assert indicator.tags == ["progress"]
    assert [o.id for o in path.hops[-1].owners] == ["kepala"]
    assert path.hops[0].code == "5.03.02.2.01.0001"


def test_every_path_and_where_it_leaves_the_structure(empty_db, settings):
    """st-a1a supports the results of both keg-a1 (its own activity) and keg-a2: two paths,
    the second leaves the budget structure at st-a1a -> at-a2."""
    builder = clean_cascade()
    builder.element("st-a1a")["supports"].append(
        {"to": "at-a2", "basis": "subject_and_owner", "note": "also serves formasi"}
    )
    db = _load(empty_db, settings, builder)
    trace = trace_to_goal(Db(empty_db, db), CID, "sub-a1a")
    assert trace.reaches_goal
    assert [_ids(p) for p in trace.paths] == [
        ["sub-a1a", "st-a1a", "at-a1", "pt-a", "ss-a", "tujuan"],
        ["sub-a1a", "st-a1a", "at-a2", "pt-a", "ss-a", "tujuan"],
    ]
    inside, outside = trace.paths
    assert not inside.leaves_structure and inside.departures == []
    assert outside.leaves_structure
    [dep] = outside.departures
    assert (dep.hop, dep.result, dep.supports, dep.level) == (1, "st-a1a", "at-a2", "activity")
    assert dep.expected.id == "keg-a1"
    assert [u.id for u in dep.delivered_by] == ["keg-a2"]
    link = outside.hops[1].link
    assert (link.basis, link.note) == ("subject_and_owner", "also serves formasi")


def test_activity_leaving_its_programme(empty_db, settings):
    builder = clean_cascade()
    builder.element("at-b1")["supports"] = [{"to": "pt-a", "basis": "source_layout"}]
    db = _load(empty_db, settings, builder)
    [path] = trace_to_goal(Db(empty_db, db), CID, "keg-b1").paths
    assert _ids(path) == ["keg-b1", "at-b1", "pt-a", "ss-a", "tujuan"]
    [dep] = path.departures
    assert (dep.result, dep.supports, dep.expected.id) == ("at-b1", "pt-a", "prog-b")
    assert [u.id for u in dep.delivered_by] == ["prog-a"]
    # the sub-activity below leaves it too, one level up
    [sub_path] = trace_to_goal(Db(empty_db, db), CID, "sub-b1a").paths
    assert [(d.result, d.expected.id) for d in sub_path.departures] == [("at-b1", "prog-b")]


def test_trace_from_other_kinds_of_element(empty_db, settings):
    db = _load(empty_db, settings)
    # a target: its structure is that of the one unit delivering it
    t = trace_to_goal(Db(empty_db, db), CID, "at-a2")
    assert [_ids(p) for p in t.paths] == [["at-a2", "pt-a", "ss-a", "tujuan"]]
    assert [u.id for u in t.starts[0].structure] == ["keg-a2", "prog-a"]
    # a programme
    p = trace_to_goal(Db(empty_db, db), CID, "prog-b")
    assert [_ids(x) for x in p.paths] == [["prog-b", "pt-b", "ss-a", "tujuan"]]
    # an indicator starts from the element it measures
    i = trace_to_goal(Db(empty_db, db), CID, "ind-st-a2a")
    assert i.element.kind == "indicator"
    assert [s.element.id for s in i.starts] == ["st-a2a"]
    assert [_ids(x) for x in i.paths] == [["st-a2a", "at-a2", "pt-a", "ss-a", "tujuan"]]
    # an owner: every result it owns
    o = trace_to_goal(Db(empty_db, db), CID, "analis")
    assert o.reaches_goal and o.element.kind == "owner"
    assert [s.element.id for s in o.starts] == ["st-a1a", "st-a1b"]
    assert [x.start for x in o.paths] == ["st-a1a", "st-a1b"]
    # the Goal itself
    g = trace_to_goal(Db(empty_db, db), CID, "tujuan")
    assert g.reaches_goal and [_ids(x) for x in g.paths] == [["tujuan"]]
    assert g.paths[0].length == 0


def test_element_that_reaches_no_goal_shows_how_far_it_gets(empty_db, settings):
    """at-b1 supports nothing and st-b1a also supports a dead-end activity result at-c1: the
    trace says reaches_goal false and gives the two longest paths."""
    builder = clean_cascade()
    builder.element("at-b1")["supports"] = []
    builder.target("at-c1", "activity", None, owners=["kasubag"])
    builder.element("st-b1a")["supports"].append({"to": "at-c1", "basis": "merged_cell"})
    db = _load(empty_db, settings, builder)
    trace = trace_to_goal(Db(empty_db, db), CID, "sub-b1a")
    assert not trace.reaches_goal
    assert not trace.starts[0].reaches_goal
    assert [_ids(p) for p in trace.paths] == [
        ["sub-b1a", "st-b1a", "at-b1"],
        ["sub-b1a", "st-b1a", "at-c1"],
    ]
    assert all(not p.reaches_goal and p.length == 2 for p in trace.paths)
    assert trace.paths[1].hops[1].link.basis == "merged_cell"
    # an element that supports nothing at all: the path is itself
    alone = trace_to_goal(Db(empty_db, db), CID, "at-c1")
    assert not alone.reaches_goal and [_ids(p) for p in alone.paths] == [["at-c1"]]


def test_owner_of_reaching_and_stuck_results(empty_db, settings):
    builder = clean_cascade()
    builder.element("st-a1b")["supports"] = []
    db = _load(empty_db, settings, builder)
    trace = trace_to_goal(Db(empty_db, db), CID, "analis")
    assert not trace.reaches_goal  # not every start does
    assert {s.element.id: s.reaches_goal for s in trace.starts} == {
        "st-a1a": True,
        "st-a1b": False,
    }
    assert [(p.start, p.reaches_goal) for p in trace.paths] == [
        ("st-a1a", True),
        ("st-a1b", False),
    ]


def test_trace_is_safe_with_cycles(empty_db, settings):
    builder = clean_cascade()
    builder.element("pt-b")["supports"].append({"to": "at-b1", "basis": "source_layout"})
    db = _load(empty_db, settings, builder)
    trace = trace_to_goal(Db(empty_db, db), CID, "sub-b1a")
    assert [_ids(p) for p in trace.paths] == [
        ["sub-b1a", "st-b1a", "at-b1", "pt-b", "ss-a", "tujuan"]
    ]


def test_owner_without_results_and_unknown_ids(empty_db, settings):
    builder = clean_cascade()
    builder.owner("staf", "Staf Pelaksana", reports_to="kasubag")
    db = _load(empty_db, settings, builder)
    idle = trace_to_goal(Db(empty_db, db), CID, "staf")
    assert not idle.reaches_goal and idle.starts == [] and idle.paths == []
    with pytest.raises(ElementNotFound) as err:
        trace_to_goal(Db(empty_db, db), CID, "no-such-element")
    assert err.value.element_id == "no-such-element"
    with pytest.raises(CascadeNotFound):  # a cascade not loaded is said so, not the element
        trace_to_goal(Db(empty_db, db), "another-cascade", "sub-a1a")
    with pytest.raises(ElementNotFound):
        subtree(Db(empty_db, db), CID, "no-such-element")


def test_trace_only_follows_its_cascade(empty_db, settings):
    db = _load(empty_db, settings)
    clean_cascade("other", suffix="-o").load(empty_db, db)
    [path] = trace_to_goal(Db(empty_db, db), "other", "sub-a1a-o").paths
    assert path.hops[-1].id == "tujuan-o"
    with pytest.raises(ElementNotFound):
        trace_to_goal(Db(empty_db, db), CID, "sub-a1a-o")


def test_subtree_with_depth(empty_db, settings):
    db = _load(empty_db, settings)
    tree = subtree(Db(empty_db, db), CID, "pt-a")
    assert tree.root.id == "pt-a"
    depth = {i.id: i.depth for i in tree.items}
    assert depth == {
        "at-a1": 1,
        "at-a2": 1,
        "prog-a": 1,
        "st-a1a": 2,
        "st-a1b": 2,
        "st-a2a": 2,
        "keg-a1": 2,
        "keg-a2": 2,
        "sub-a1a": 3,
        "sub-a1b": 3,
        "sub-a2a": 3,
    }
    assert [i.depth for i in tree.items] == sorted(i.depth for i in tree.items)
    item = {i.id: i for i in tree.items}
    assert [(s.to, s.basis) for s in item["st-a1a"].supports] == [("at-a1", "source_layout")]
    assert [o.id for o in item["keg-a2"].owners] == ["kabid"]
    shallow = subtree(Db(empty_db, db), CID, "pt-a", max_depth=1)
    assert shallow.max_depth == 1
    assert sorted(i.id for i in shallow.items) == ["at-a1", "at-a2", "prog-a"]
    everything = subtree(Db(empty_db, db), CID, "tujuan")
    assert len(everything.items) == 10 + 9  # every target and every unit
    assert [i.id for i in subtree(Db(empty_db, db), CID, "sub-a1a").items] == []
    with pytest.raises(ValueError):
        subtree(Db(empty_db, db), CID, "pt-a", max_depth=0)


def test_subtree_keeps_only_links_inside(empty_db, settings):
    """st-a1a also supports at-a2; in the subtree of at-a1 only its link to at-a1 shows."""
    builder = clean_cascade()
    builder.element("st-a1a")["supports"].append({"to": "at-a2", "basis": "source_layout"})
    db = _load(empty_db, settings, builder)
    item = {i.id: i for i in subtree(Db(empty_db, db), CID, "at-a1").items}
    assert [s.to for s in item["st-a1a"].supports] == ["at-a1"]
    assert [s.to for s in subtree(Db(empty_db, db), CID, "pt-a").items[0].supports] == ["pt-a"]


# --- the seed cascade ----------------------------------------------------------------------------

SEED_ID = "bkpsdm-pemalang-2025-2029"


@pytest.fixture
def seed_db(empty_db, settings):
    from pokin.graph.loader import load_cascade
    from pokin.seed import SEED_FILE, load_cascade_file

    load_cascade(Db(empty_db, settings.neo4j_database), load_cascade_file(SEED_FILE))
    return empty_db


def test_seed_every_sub_activity_reaches_the_goal(seed_db, settings):
    db = settings.neo4j_database
    records, _, _ = seed_db.execute_query(
        "MATCH (n:SubActivity {cascade: $c}) RETURN n.id AS id ORDER BY id", c=SEED_ID
    )
    ids = [r["id"] for r in records]
    assert len(ids) == 55
    traces = trace_many(Db(seed_db, db), SEED_ID, ids)
    stuck = [t.element.id for t in traces if not t.reaches_goal]
    assert stuck == []
    for t in traces:
        assert t.paths and all(p.hops[-1].id == "tujuan" for p in t.paths)
        assert all(p.length == 5 for p in t.paths)  # no skipped level anywhere


def test_seed_trace_matches_the_source(seed_db, settings):
    """Part 3 of the source: the PSDM sub-kegiatan 'Penyelenggaraan Pengembangan Kompetensi
    Teknis ...' serves kegiatan Pengembangan Kompetensi Teknis, whose result supports the PSDM
    programme result 'Meningkatnya Pengembangan Kompetensi ASN sesuai Jabatan', under the
    sasaran strategis 'Meningkatnya Profesionalitas ASN', under the Tujuan."""
    trace = trace_to_goal(Db(seed_db, settings.neo4j_database), SEED_ID, "sub-5.04.02.2.01.0003")
    assert trace.reaches_goal
    assert [u.id for u in trace.starts[0].structure] == [
        "sub-5.04.02.2.01.0003",
        "keg-5.04.02.2.01",
        "prog-5.04.02",
    ]
    [path] = trace.paths
    assert _ids(path) == [
        "sub-5.04.02.2.01.0003",
        "st-5.04.02.2.01.0003",
        "at-kompetensi-teknis",
        "pt-kompetensi-sesuai-jabatan",
        "ss-profesionalitas-asn",
        "tujuan",
    ]
    names = [h.name for h in path.hops]
    assert names[3] == "Meningkatnya Pengembangan Kompetensi ASN sesuai Jabatan"
    assert names[4] == "Meningkatnya Profesionalitas ASN"
    assert names[5] == "Terwujudnya Meritokrasi dalam Manajemen ASN"
    assert [o.id for o in path.hops[3].owners] == ["kabid-pengembangan-sdm"]
    assert [o.id for o in path.hops[4].owners] == ["kepala"]
    assert path.hops[4].indicators[0].name == "Indeks Profesionalitas ASN"
    assert path.hops[3].link.basis == "source_layout"  # programme result -> sasaran strategis
    assert not path.leaves_structure
