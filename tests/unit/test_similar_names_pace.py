"""The load works the near-duplicate pairs out one group (kind and level) at a time between
its statements (``graph.loader.SimilarNames``): whatever the pace, the pairs are those of the
check's own rules over all the groups at once, in the same order."""

from __future__ import annotations

import random

from pokin.graph.loader import SimilarNames, _name_records, _similar_links, plan_load
from pokin.seed import parse_cascade
from pokin.seed.generate import generate


def _plan_with_typos():
    data = generate(3)
    # plant near-duplicates in several groups: a target and a sub-activity entered twice
    target = dict(data["targets"][-1], id="st-typo")
    target["name"] = target["name"] + "x"
    target["indicators"] = [dict(i, id=i["id"] + "-typo") for i in target["indicators"]]
    data["targets"].append(target)
    sub = dict(data["sub_activities"][-1], id="sub-typo", code=None)
    sub["name"] = sub["name"] + "s"
    data["sub_activities"].append(sub)
    return plan_load(parse_cascade(data, "typos"))


def test_the_pairs_do_not_depend_on_the_pace():
    plan = _plan_with_typos()
    whole = _similar_links(_name_records(plan))  # every group in one call, as the check does
    assert {("st-typo", "sub-typo")} & {(r["from"], r["to"]) for r in whole} == set()
    assert any("typo" in r["from"] + r["to"] for r in whole)
    assert SimilarNames(plan).result() == whole
    for seed in range(5):
        rng = random.Random(seed)
        similar = SimilarNames(plan)
        for _ in range(rng.randrange(0, 15)):
            similar.keep_pace(rng.choice([0, 1, 50, 500, 5000]))
        assert similar.result() == whole
        assert similar.result() == whole  # asked again (a retried transaction): the same
