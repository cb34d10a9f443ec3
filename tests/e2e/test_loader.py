"""Loading cascades into the real Neo4j: counts, exact facts from the source, idempotency,
--replace, and that bad files and failed loads leave the database exactly as it was."""

from __future__ import annotations

import pytest
import yaml

from pokin.core.errors import AmbiguousElement
from pokin.graph import loader
from pokin.graph.db import Db
from pokin.graph.elements import get_element
from pokin.graph.loader import load_cascade
from pokin.seed import (
    SEED_FILE,
    CascadeValidationError,
    dump_yaml,
    load_cascade_file,
    parse_cascade,
)
from pokin.seed.generate import generate
from tests.conftest import run_pokin

SEED_ID = "bkpsdm-pemalang-2025-2029"
LOAD_STAMPS = ("loaded_at", "load_id")  # properties of the Cascade node that change per load


def snapshot(driver, database):
    """Every node and relationship with its properties (but the load stamps), comparable."""
    nodes, _, _ = driver.execute_query(
        # the graph's version stamp changes with every write, as the load stamps do
        "MATCH (n) WHERE NOT n:GraphStamp RETURN labels(n) AS labels, properties(n) AS props",
        database_=database,
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props",
        database_=database,
    )
    node_set = sorted(
        (
            sorted(r["labels"]),
            sorted((k, repr(v)) for k, v in r["props"].items() if k not in LOAD_STAMPS),
        )
        for r in nodes
    )
    rel_set = sorted((r["a"], r["t"], r["b"], sorted(r["props"].items())) for r in rels)
    return node_set, rel_set


@pytest.fixture
def seeded(empty_db, settings):
    report = load_cascade(
        Db(empty_db, settings.neo4j_database),
        load_cascade_file(SEED_FILE),
        source_text=SEED_FILE.read_text(),
    )
    return report


def test_seed_counts_per_label_and_level(seeded, driver, settings):
    assert seeded.nodes == {
        "Goal": 1,
        "Target": 88,
        "Programme": 3,
        "Activity": 14,
        "SubActivity": 55,
        "Indicator": 91,
        "Owner": 10,
    }
    assert seeded.relationships["SUPPORTS"] == 173
    assert seeded.relationships["PART_OF"] == 69
    records, _, _ = driver.execute_query(
        "MATCH (t:Target {cascade: $c}) RETURN t.level AS level, count(*) AS n",
        c=SEED_ID,
        database_=settings.neo4j_database,
    )
    assert {r["level"]: r["n"] for r in records} == {
        "strategic": 3,
        "programme": 8,
        "activity": 22,
        "sub_activity": 55,
    }


def test_seed_records_its_provenance(seeded, driver, settings):
    records, _, _ = driver.execute_query(
        "MATCH (c:Cascade {id: $c}) RETURN c", c=SEED_ID, database_=settings.neo4j_database
    )
    c = records[0]["c"]
    assert c["agency"] == "BKPSDM Kabupaten Pemalang"
    assert (c["period_start"], c["period_end"]) == (2025, 2029)
    assert c["source"] == "cascading-bkpsdm-pemalang-2025-2029.txt"
    assert len(c["source_sha256"]) == 64


def test_exact_facts_read_from_the_source(seeded, driver, settings):
    db = settings.neo4j_database
    goal = get_element(Db(driver, db), "tujuan")
    assert goal.name == "Terwujudnya Meritokrasi dalam Manajemen ASN"
    assert [o.title for o in goal.owners] == ["Kepala"]
    assert goal.indicators[0].name == "Nilai Penerapan Sistem Merit"
    assert goal.indicators[0].polarity == "positive"
    assert "progress" in goal.indicators[0].tags

    sub = get_element(Db(driver, db), "sub-5.03.02.2.02.0001")
    assert sub.name == "Pengelolaan Mutasi ASN"
    assert sub.code == "5.03.02.2.02.0001"
    assert sub.part_of.id == "keg-5.03.02.2.02"
    assert sub.part_of.name == "Mutasi dan Promosi ASN"
    assert sub.part_of.basis == "nomenclature"
    result = get_element(Db(driver, db), sub.supports[0].id)
    assert result.name.startswith("Terlaksananya Mutasi ASN yang Meliputi Jabatan Pimpinan Tinggi")
    assert [o.title for o in result.owners] == ["Kabid Mutasi dan Promosi"]
    assert result.indicators[0].formula == (
        "Jumlah Surat Keputusan/Surat Perintah Tugas hasil pelaksanaan mutasi jabatan "
        "pelaksana dan fungsional"
    )

    # An extraction artefact mended ("Peneranga n" -> "Penerangan"), the raw text kept.
    found, _, _ = driver.execute_query(
        "MATCH (s:SubActivity {cascade: $c}) WHERE s.name CONTAINS 'Listrik/Penerangan' "
        "RETURN s.name AS name",
        c=SEED_ID,
        database_=db,
    )
    assert [r["name"] for r in found] == [
        "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor"
    ]
    # The alias owner is kept as written, and says which position it most likely means.
    alias = get_element(Db(driver, db), "kabid-disiplin-kinerja")
    assert alias.properties["title"] == "Kabid Disiplin dan Kinerja Aparatur"
    assert alias.properties["known_position"] is False
    assert alias.properties["alias_of"]


def test_loading_twice_leaves_the_same_graph(seeded, driver, settings):
    before = snapshot(driver, settings.neo4j_database)
    load_cascade(
        Db(driver, settings.neo4j_database),
        load_cascade_file(SEED_FILE),
        source_text=SEED_FILE.read_text(),
    )
    assert snapshot(driver, settings.neo4j_database) == before


def test_warm_up_plans_the_load_and_writes_nothing(seeded, driver, settings):
    """The warm-up runs every load statement (as new, replaced and merged) in a transaction it
    rolls back: the graph is the same after it, and a load after it is unchanged too."""
    before = snapshot(driver, settings.neo4j_database)
    loader.warm_up(Db(driver, settings.neo4j_database))
    assert snapshot(driver, settings.neo4j_database) == before


def test_the_written_warm_up_leaves_the_graph_as_it_was(seeded, driver, settings):
    """``pokin neo4j up``'s second warm-up loads a fictional cascade for real and deletes it,
    and deletes one a stopped start left behind (planted here): afterwards the graph is the
    seed's alone, as before."""
    db = Db(driver, settings.neo4j_database)
    before = snapshot(driver, settings.neo4j_database)
    left = generate(1, tag="left")
    left["cascade"] = {**left["cascade"], "id": loader.WARM_UP_PREFIX + "left-behind"}
    load_cascade(db, parse_cascade(left, "left-behind"))
    assert snapshot(driver, settings.neo4j_database) != before
    loader.warm_up_written(db, 1)
    assert snapshot(driver, settings.neo4j_database) == before


def _seed_dict():
    return yaml.safe_load(SEED_FILE.read_text())


def test_replace_drops_what_the_file_no_longer_has(seeded, driver, settings):
    db = settings.neo4j_database
    data = _seed_dict()
    dropped = data["sub_activities"].pop()
    upsert = load_cascade(Db(driver, db), parse_cascade(data, "edited.yaml"))
    assert get_element(Db(driver, db), dropped["id"]).id == dropped["id"]  # upsert keeps it
    assert upsert.stale == [dropped["id"]]
    assert any("--replace" in line for line in upsert.lines())
    report = load_cascade(Db(driver, db), parse_cascade(data, "edited.yaml"), replace=True)
    assert report.replaced > 0
    assert report.nodes["SubActivity"] == 54
    records, _, _ = driver.execute_query(
        "MATCH (n {id: $id}) RETURN count(n) AS n", id=dropped["id"], database_=db
    )
    assert records[0]["n"] == 0


BAD_FILES = {
    "unknown field": (lambda d: d["programmes"][0].update(colour="red"), "colour"),
    "missing field": (lambda d: d["sub_activities"][0].pop("name"), "name"),
    "wrong type": (lambda d: d["cascade"]["period"].update(start="two thousand"), "start"),
    "duplicate id": (
        lambda d: d["activities"][1].update(id=d["activities"][0]["id"]),
        "duplicate",
    ),
    "link to a missing id": (
        lambda d: d["targets"][0]["supports"].append({"to": "nowhere", "basis": "source_layout"}),
        "nowhere",
    ),
    "link between wrong kinds": (
        lambda d: d["sub_activities"][0].update(
            part_of={"to": d["programmes"][0]["id"], "basis": "nomenclature"}
        ),
        "part_of",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_is_rejected_and_the_graph_is_unchanged(
    kind, seeded, driver, settings, tmp_path, english
):
    mutate, expected = BAD_FILES[kind]
    data = _seed_dict()
    mutate(data)
    path = tmp_path / "bad.yaml"
    path.write_text(dump_yaml(data))
    before = snapshot(driver, settings.neo4j_database)
    with pytest.raises(CascadeValidationError) as caught:
        load_cascade_file(path)
    message = str(caught.value)
    assert "bad.yaml:" in message and expected in message
    assert all(p.element_id for p in caught.value.problems)

    # Through the command line: non-zero exit, the reason printed, nothing written.
    result = run_pokin(settings, "load", path)
    assert result.exit_code == 2
    assert expected in result.output
    assert snapshot(driver, settings.neo4j_database) == before


def test_cli_load_prints_counts_and_is_idempotent(empty_db, settings):
    first = run_pokin(settings, "load")
    second = run_pokin(settings, "load", "--merge")
    assert first.exit_code == 0, first.output
    assert "SubActivity: 55" in first.output and "SUPPORTS: 173" in first.output
    assert second.exit_code == 0 and "SubActivity: 55" in second.output


def test_a_load_that_fails_half_way_changes_nothing(seeded, driver, settings, monkeypatch):
    """The links are written after the nodes; make the last statement fail: the whole load,
    nodes included, must be rolled back."""
    db = settings.neo4j_database
    data = _seed_dict()
    data["sub_activities"][0]["name"] = "Nama yang diubah"
    before = snapshot(driver, db)
    real_query = loader.query

    def failing(name):
        if name == "load_reports_to_links":
            return "UNWIND $rows AS row RETURN 1 / 0 AS loaded"
        return real_query(name)

    monkeypatch.setattr(loader, "query", failing)
    with pytest.raises(Exception, match="(?i)divide by zero|/ by zero"):
        load_cascade(Db(driver, db), parse_cascade(data, "edited.yaml"))
    assert snapshot(driver, db) == before


def test_two_agencies_with_the_same_codes_and_titles_load_side_by_side(seeded, driver, settings):
    """Identity is (cascade, id): a second agency with the seed's very ids, sub-activity codes
    and owner titles loads beside it, and the seed's counts, elements and owners stay its own."""
    db = Db(driver, settings.neo4j_database)
    data = _seed_dict()
    data["cascade"]["id"] = "another-agency-2025-2029"
    data["cascade"]["agency"] = "Badan Contoh Kabupaten Contoh"
    other = load_cascade(db, parse_cascade(data, "other.yaml"))
    assert other.nodes == seeded.nodes and other.relationships == seeded.relationships
    again = loader.counts(db, SEED_ID)
    assert (again[0], again[1]) == (seeded.nodes, seeded.relationships)
    sub = "sub-5.03.02.2.02.0001"
    assert get_element(db, sub, SEED_ID).cascade == SEED_ID
    assert get_element(db, sub, "another-agency-2025-2029").cascade == "another-agency-2025-2029"
    # without its cascade the id is ambiguous: a Conflict naming both cascades
    with pytest.raises(AmbiguousElement) as err:
        get_element(db, sub)
    assert err.value.cascades == sorted([SEED_ID, "another-agency-2025-2029"])
    assert err.value.http_status == 409
    # the same owner title in two agencies is two owners, each owning its own agency's results
    owners = driver.execute_query(
        "MATCH (o:Owner {id: 'kepala'})<-[:OWNED_BY]-(r) "
        "RETURN o.cascade AS c, collect(DISTINCT r.cascade) AS owns ORDER BY c",
        database_=settings.neo4j_database,
    ).records
    assert [(r["c"], r["owns"]) for r in owners] == [
        ("another-agency-2025-2029", ["another-agency-2025-2029"]),
        (SEED_ID, [SEED_ID]),
    ]


def test_replace_rewrites_links_and_elements_that_changed_kind(seeded, driver, settings):
    db = settings.neo4j_database
    data = _seed_dict()
    sub = data["sub_activities"][0]
    old_target = sub["delivers"][0]["to"]
    other_target = data["sub_activities"][1]["delivers"][0]["to"]
    sub["delivers"] = [{"to": other_target, "basis": "subject_and_owner", "note": "moved"}]
    # An activity result re-read as a programme (same id, another kind of node).
    changed = next(t for t in data["targets"] if t["level"] == "activity")
    data["targets"].remove(changed)
    data["programmes"].append(
        {"id": changed["id"], "code": None, "name": changed["name"], "delivers": []}
    )
    for unit in data["activities"]:
        unit["delivers"] = [d for d in unit["delivers"] if d["to"] != changed["id"]]
    for target in data["targets"]:
        target["supports"] = [s for s in target["supports"] if s["to"] != changed["id"]]
    report = load_cascade(Db(driver, db), parse_cascade(data, "edited.yaml"), replace=True)
    assert report.replaced == 2  # the node that changed kind, and its indicator (gone)
    detail = get_element(Db(driver, db), sub["id"])
    assert [(s.id, s.basis, s.note) for s in detail.supports] == [
        (other_target, "subject_and_owner", "moved")
    ]
    assert sub["id"] not in {e.id for e in get_element(Db(driver, db), old_target).supported_by}
    assert get_element(Db(driver, db), changed["id"]).kind == "programme"
