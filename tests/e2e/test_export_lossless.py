"""Export is lossless for everything the graph holds. The whole generated region (its RPJMD, 40
agencies with one to three Tujuan, crosscutting links agreed and proposed, references to what
is not loaded) and one cascade with every optional field set are loaded from their files; then,
per lossless format, every cascade is exported to a file, the database wiped, every file read
back and loaded again: the graph must be the one of the original load, node for node, property
for property, link for link."""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

import pytest
from pydantic import BaseModel

from pokin.graph.db import Db
from pokin.graph.export import read_stored_cascade
from pokin.graph.loader import load_cascade
from pokin.seed import dump_yaml, parse_cascade
from pokin.seed.formats import read_path, write_path
from pokin.seed.generate_region import generate_region, write_region
from pokin.seed.schema import Cascade
from tests.conftest import wipe
from tests.full_cascade import FULL_ID, full_cascade

FORMATS = ("yaml", "json", "xlsx", "csv")
#: what a load stamps on the Cascade node: differs per load by design
STAMPS = {"loaded_at", "load_id", "source_sha256"}


def _instances(model: BaseModel) -> list[BaseModel]:
    """``model`` and every model below it."""
    out, stack = [], [model]
    while stack:
        m = stack.pop()
        out.append(m)
        for name in type(m).model_fields:
            value = getattr(m, name)
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, BaseModel):
                    stack.append(v)
    return out


def _optional_fields(cascades: list[Cascade], *, differing: bool) -> set[str]:
    """``Model.field`` of every optional field of the models used, minus those set (or, with
    ``differing``, given a value other than the default) somewhere in ``cascades``."""
    wanted: set[str] = set()
    seen: set[str] = set()
    for c in cascades:
        for m in _instances(c):
            model = type(m)
            for name, f in model.model_fields.items():
                if f.is_required() or model is Cascade:
                    continue
                wanted.add(f"{model.__name__}.{name}")
                value = getattr(m, name)
                if (value != f.default) if differing else (name in m.model_fields_set):
                    seen.add(f"{model.__name__}.{name}")
    return wanted - seen


def fingerprint(driver, database) -> tuple[Counter, Counter]:
    """Every node with its labels and properties, every relationship with its ends (cascade and
    id), type and properties; the load stamps left out. Values compared by ``repr`` (1 and 1.0
    differ)."""
    nodes, _, _ = driver.execute_query(
        # the graph's version stamp changes with every write, as the load stamps do
        "MATCH (n) WHERE NOT n:GraphStamp RETURN labels(n) AS labels, properties(n) AS props",
        database_=database,
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.cascade AS ac, a.id AS a, type(r) AS t, b.cascade AS bc, "
        "b.id AS b, properties(r) AS props",
        database_=database,
    )

    def props(p: dict[str, Any]) -> tuple:
        return tuple(sorted((k, repr(v)) for k, v in p.items() if k not in STAMPS))

    node_set = Counter((tuple(sorted(r["labels"])), props(r["props"])) for r in nodes)
    rel_set = Counter((r["ac"], r["a"], r["t"], r["bc"], r["b"], props(r["props"])) for r in rels)
    return node_set, rel_set


def difference(before: tuple[Counter, Counter], after: tuple[Counter, Counter]) -> dict:
    """What the reload lost and what it added (a few of each), empty when identical."""
    out = {}
    for what, b, a in (("nodes", before[0], after[0]), ("links", before[1], after[1])):
        lost, added = list((b - a).elements()), list((a - b).elements())
        if lost or added:
            out[what] = {"lost": lost[:3], "added": added[:3], "counts": (len(lost), len(added))}
    return out


def _load_paths(db: Db, paths: list) -> None:
    for path in paths:
        for cascade, source in read_path(path):
            load_cascade(db, cascade, source_text=source)


@pytest.fixture(scope="module")
def region_files(tmp_path_factory) -> list:
    out = tmp_path_factory.mktemp("region")
    paths = write_region(out, generate_region())
    full = out / f"{FULL_ID}.yaml"
    full.write_text(dump_yaml(full_cascade()), encoding="utf-8")
    return [*paths, full]


@pytest.fixture(scope="module")
def original(driver, settings, region_files) -> tuple[Counter, Counter]:
    """The fingerprint of the region and the full cascade loaded from their YAML files."""
    wipe(driver, settings.neo4j_database)
    _load_paths(Db(driver, settings.neo4j_database, timeout=120), region_files)
    return fingerprint(driver, settings.neo4j_database)


def test_the_test_data_holds_what_the_export_must_keep(original, region_files):
    cascades = [c for p in region_files for c, _ in read_path(p)]
    full = [c for c in cascades if c.cascade.id == FULL_ID]
    # every optional field of every model set in the full cascade, and somewhere not default
    assert _optional_fields(full, differing=False) == set()
    assert _optional_fields(cascades, differing=True) == set()
    assert len(cascades) == 42
    assert {len(c.all_goals) for c in cascades} >= {1, 2, 3, 5}
    nodes, links = original
    refs = [dict(p) for labels, p in nodes.elements() if labels == ("Reference",)]
    assert {r["status"] for r in refs} == {"'agreed'", "'proposed'"}
    # targets, realisation and budget: Measurement nodes, of indicators and of units
    measured = [dict(p) for labels, p in nodes.elements() if labels == ("Measurement",)]
    assert {m["of"] for m in measured} >= {"'ind-ss-lengkap-a'", "'sub-1.01.01.2.01.0001'"}
    assert {m["quarter"] for m in measured} == {"0", "1", "2", "3", "4"}
    assert any("target_text" in m for m in measured) and any("target_low" in m for m in measured)
    crosscutting = sum(n for (*_, p), n in links.items() if ("crosscutting", "True") in p)
    assert 0 < crosscutting < len(refs)  # some references point at nothing loaded


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_cascade_exported_and_reloaded_gives_the_identical_graph(
    fmt, original, region_files, driver, settings, tmp_path
):
    database = settings.neo4j_database
    db = Db(driver, database, timeout=120)
    if fingerprint(driver, database) != original:  # a format before this one failed
        wipe(driver, database)
        _load_paths(db, region_files)
    ids = [c.cascade.id for p in region_files for c, _ in read_path(p)]
    paths = []
    for cascade_id in ids:
        path = tmp_path / (cascade_id if fmt == "csv" else f"{cascade_id}.{fmt}")
        write_path(read_stored_cascade(db, cascade_id), fmt, path)
        paths.append(path)
    wipe(driver, database)
    _load_paths(db, paths)
    assert difference(original, fingerprint(driver, database)) == {}


def test_an_exported_file_is_the_file_it_came_from(original, settings, driver):
    """The full cascade comes back as it was written, but for what the graph does not keep:
    the order of lists, and a reference's status, which a load makes ``proposed`` when the file
    gives none."""
    db = Db(driver, settings.neo4j_database, timeout=120)
    if fingerprint(driver, settings.neo4j_database) != original:
        pytest.fail("the database does not hold the original load")
    expected = copy.deepcopy(full_cascade())
    expected["targets"][0]["supports"][2]["status"] = "proposed"
    expected["targets"][3]["supports"][1]["to"] = "ss-lengkap"

    def canonical(c: Cascade) -> Any:
        def walk(v: Any) -> Any:
            if isinstance(v, dict):
                return {k: walk(x) for k, x in v.items()}
            if isinstance(v, list):
                return sorted((walk(x) for x in v), key=repr)
            return v

        return walk(c.model_dump(mode="json"))

    stored = read_stored_cascade(db, FULL_ID)
    assert canonical(stored) == canonical(parse_cascade(expected, "expected"))
