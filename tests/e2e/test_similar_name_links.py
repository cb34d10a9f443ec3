"""Near-duplicate names computed once at load time (SIMILAR_NAME links) and read by the check.

The reference is today's method on the stored graph: ``load_element_names`` (the names as the
check used to read them) through ``graph.checks.near_duplicate_rows`` with ``similar_pairs``;
the check must report exactly its pairs. The links are derived, not data: not exported, not
counted, and a reload replaces them."""

from __future__ import annotations

import pytest

from pokin.graph.db import Db
from pokin.graph.export import cascade_dict
from pokin.graph.loader import counts, load_cascade, load_cascades
from pokin.graph.report import run_checks
from pokin.seed import SEED_FILE, load_cascade_file, parse_cascade
from pokin.seed.generate import generate
from tests.e2e.cascade_builder import clean_cascade
from tests.e2e.test_checks import _near_duplicate

CHECK = "near_duplicate_names"


def _found(db: Db, cascade: str) -> list[tuple[str, dict]]:
    report = run_checks(db, cascade, [CHECK])
    return [(f.id, f.detail) for c in report.checks for f in c.findings]


def _reference(db: Db, cascade: str) -> list[tuple[str, dict]]:
    from pokin.graph.similarity import near_duplicate_rows

    rows = near_duplicate_rows(db.rows("load_element_names", cascade=cascade))
    return [(r["id"], r["detail"]) for r in rows]


def _links(db: Db, cascade: str) -> list[tuple[str, str]]:
    rows = db.driver.execute_query(
        "MATCH (a)-[s:SIMILAR_NAME {cascade: $c}]->(b) RETURN a.id AS a, b.id AS b ORDER BY a, b",
        c=cascade,
        database_=db.database,
    ).records
    return [(r["a"], r["b"]) for r in rows]


@pytest.mark.parametrize("source", ["seed", "generated-x10"])
def test_the_check_reads_the_same_pairs_as_the_reference(empty_db, settings, source):
    db = Db(empty_db, settings.neo4j_database)
    cascade = load_cascade_file(SEED_FILE) if source == "seed" else parse_cascade(generate(10), "x")
    load_cascades(db, [(cascade, None)])  # as pokin load does: a new cascade, pairs from the plan
    cid = cascade.cascade.id
    found = _found(db, cid)
    assert found == _reference(db, cid)
    assert found  # both cascades hold near-duplicates: not a comparison of two empty lists


def test_a_merge_into_a_stored_cascade_keeps_the_reference(empty_db, settings):
    """A merge keeps the elements the file no longer has: their names still count."""
    db = Db(empty_db, settings.neo4j_database)
    builder = clean_cascade()
    _near_duplicate(builder)
    builder.load(empty_db, settings.neo4j_database)
    builder.remove("sub-a1b")  # the file drops one of the pair; the merge keeps it (stale)
    report = builder.load(empty_db, settings.neo4j_database)
    assert "sub-a1b" in report.stale
    assert _links(db, builder.cascade_id) == [("sub-a1a", "sub-a1b")]
    assert _found(db, builder.cascade_id) == _reference(db, builder.cascade_id)


def test_one_planted_pair_is_one_link_and_a_replace_removes_it(empty_db, settings):
    db = Db(empty_db, settings.neo4j_database)
    clean = clean_cascade()
    planted = clean.copy()
    _near_duplicate(planted)
    load_cascades(db, [(planted.parse(), None)])
    cid = planted.cascade_id
    assert _links(db, cid) == [("sub-a1a", "sub-a1b")]
    [(fid, detail)] = _found(db, cid)
    assert (fid, detail["similar_to"], detail["similarity"]) == ("sub-a1a", "sub-a1b", 1.0)
    # derived, not data: not in the export, not in the load's counts
    exported = cascade_dict(db, cid)
    assert "SIMILAR_NAME" not in repr(exported)
    assert "SIMILAR_NAME" not in counts(db, cid)[1]
    # reloading the file without the duplicate (replace) leaves no link behind
    load_cascades(db, [(clean.parse(), None)], replace=True)
    assert _links(db, cid) == []
    assert _found(db, cid) == []
    # a merge writes them anew, never twice
    load_cascade(db, planted.parse())
    load_cascade(db, planted.parse())
    assert _links(db, cid) == [("sub-a1a", "sub-a1b")]


def test_a_database_stored_before_the_pairs_gets_them_at_its_next_load(empty_db, settings):
    """A cascade loaded before the SIMILAR_NAME index existed has no pairs: the first load after
    the upgrade (the schema created anew) computes them for every stored cascade, so the check
    does not fall silent."""
    db = Db(empty_db, settings.neo4j_database)
    seed = load_cascade_file(SEED_FILE)
    load_cascades(db, [(seed, None)])
    cid = seed.cascade.id
    expected = _found(db, cid)
    assert expected
    # the database as an older pokin left it: no pairs, no index for them
    db.driver.execute_query("MATCH ()-[s:SIMILAR_NAME]->() DELETE s", database_=db.database)
    db.driver.execute_query("DROP INDEX similar_name_cascade", database_=db.database)
    assert _found(db, cid) == []
    other = parse_cascade(generate(1), "other")
    load_cascades(db, [(other, None)])  # any load: the index is made again, the pairs with it
    assert _found(db, cid) == expected
