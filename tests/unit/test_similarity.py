"""The near-duplicate check's fast algorithm finds exactly what the reference (PPJoin) finds:
on the seed, on generated cascades of a few sizes and on random names at several thresholds.
Behaviour only: the speed is measured in bench/bench_checks.py."""

from __future__ import annotations

import itertools
import random

import pytest

from pokin.graph.similarity import (
    jaccard,
    near_duplicate_rows,
    normalise_name,
    similar_pairs,
    trigrams,
)
from pokin.seed import SEED_FILE, load_cascade_file
from pokin.seed.generate import generate
from tests.similarity_reference import similar_pairs_ppjoin


def _grouped(rows: list[dict]) -> list[dict]:
    """Flat (id, kind, level, name) rows as the check's query returns them: one record per
    kind and level, with its names as [id, name] pairs."""
    groups: dict[tuple, list] = {}
    for r in sorted(rows, key=lambda r: r["id"]):
        groups.setdefault((r["kind"], r["level"]), []).append([r["id"], r["name"]])
    return [{"kind": k, "level": lv, "names": names} for (k, lv), names in sorted(groups.items())]


def _records_of_cascade(c) -> list[dict]:
    rows = [{"id": c.goal.id, "kind": "goal", "level": "goal", "name": c.goal.name}]
    rows += [{"id": t.id, "kind": "target", "level": t.level, "name": t.name} for t in c.targets]
    for kind, units in (
        ("programme", c.programmes),
        ("activity", c.activities),
        ("sub_activity", c.sub_activities),
    ):
        rows += [{"id": u.id, "kind": kind, "level": kind, "name": u.name} for u in units]
    return _grouped(rows)


def _records_of_generated(data: dict) -> list[dict]:
    """The generated cascade's names as the check's query returns them (no parsing needed)."""
    goal = data["goal"]
    rows = [{"id": goal["id"], "kind": "goal", "level": "goal", "name": goal["name"]}]
    rows += [
        {"id": t["id"], "kind": "target", "level": t["level"], "name": t["name"]}
        for t in data["targets"]
    ]
    for kind, section in (
        ("programme", "programmes"),
        ("activity", "activities"),
        ("sub_activity", "sub_activities"),
    ):
        rows += [
            {"id": u["id"], "kind": kind, "level": kind, "name": u["name"]} for u in data[section]
        ]
    return _grouped(rows)


def test_same_findings_as_the_reference_on_the_seed():
    records = _records_of_cascade(load_cascade_file(SEED_FILE))
    fast = near_duplicate_rows(records)
    assert fast == near_duplicate_rows(records, similar_pairs_ppjoin)
    assert fast  # the seed has near-duplicates: the comparison is not of two empty lists


@pytest.mark.parametrize("scale", [1, 4, 15])
def test_same_findings_as_the_reference_on_generated_cascades(scale):
    records = _records_of_generated(generate(scale))
    fast = near_duplicate_rows(records)
    assert fast == near_duplicate_rows(records, similar_pairs_ppjoin)
    assert fast  # near-duplicates are planted


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8, 0.95, 1.0])
def test_same_pairs_as_brute_force_at_any_threshold(threshold):
    rng = random.Random(11)
    words = "pengelolaan data asn jabatan kinerja evaluasi mutasi layanan dokumen a".split()
    names = {f"n{i}": " ".join(rng.choices(words, k=rng.randint(1, 5))) for i in range(200)}
    names["empty"] = ""
    names["punct"] = "--"
    sets = {k: trigrams(normalise_name(v)) for k, v in names.items()}
    brute = sorted(
        (a, b, round(jaccard(sets[a], sets[b]), 3))
        for a, b in (tuple(sorted(p)) for p in itertools.combinations(names, 2))
        if jaccard(sets[a], sets[b]) >= threshold
    )
    assert similar_pairs(names, threshold) == brute
    assert similar_pairs_ppjoin(names, threshold) == brute


def test_accents_and_case_normalise_the_same_on_the_ascii_fast_path():
    assert normalise_name("Mesín  KERJA_baru") == normalise_name("mesin kerja baru")
    assert normalise_name("ÉVALUASI") == "evaluasi"
