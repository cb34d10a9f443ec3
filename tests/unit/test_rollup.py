"""The roll-up arithmetic (pokin.core.rollup) without a database, and the generators'
fictional measurement (deterministic, every year targeted, some results low)."""

from __future__ import annotations

import copy

import pytest

from pokin.core import rollup
from pokin.core.capaian import capaian_of_year
from pokin.seed import dump_yaml, parse_cascade
from pokin.seed.generate import add_measurement, generate

#   p <- a (40), b (80, weight 3);  q <- p, c (90);  a, b delivered by pagu 100 and 300
OWN = {"p": 95.0, "q": 70.0, "a": 40.0, "b": 80.0, "c": 90.0}
SUPPORTERS = {"p": [("a", None), ("b", 3.0)], "q": [("p", None), ("c", None)]}


def test_mean_counts_each_supporter_once_and_a_supporter_by_its_own_roll_up():
    r = rollup.roll_up(OWN, SUPPORTERS)
    assert r["p"].value == 60.0
    assert r["q"].value == 75.0  # p counts with its roll-up (60), not its own 95
    assert [(x.key, x.rolled) for x in r["q"].parts] == [("p", True), ("c", False)]
    assert r["a"].value is None  # nothing supports a leaf


def test_weights_and_budget():
    assert rollup.roll_up(OWN, SUPPORTERS, "weight")["p"].value == 70.0
    budget = rollup.roll_up(OWN, SUPPORTERS, "budget", {"a": 100.0, "b": 300.0, "c": 400.0})
    assert budget["p"].value == 70.0
    # q: p weighs its subtree's pagu (400), c its own (400)
    assert budget["q"].value == pytest.approx((70.0 + 90.0) / 2)
    fallback = rollup.roll_up(OWN, SUPPORTERS, "budget", {"a": 100.0})
    assert fallback["p"].value == 60.0 and fallback["p"].notes == (rollup.BUDGET_MISSING,)


def test_not_due_supporters_are_left_out_and_cycles_are_cut():
    own = {"p": None, "a": None, "b": 80.0}
    assert rollup.roll_up(own, {"p": [("a", None), ("b", None)]})["p"].value == 80.0
    looped = rollup.roll_up({"x": 50.0, "y": 70.0}, {"x": [("y", None)], "y": [("x", None)]})
    assert {k: v.value for k, v in looped.items()} in (
        {"x": 70.0, "y": 70.0},
        {"x": 50.0, "y": 50.0},
    )
    with pytest.raises(ValueError, match="unknown roll-up"):
        rollup.roll_up(OWN, SUPPORTERS, "median")


def test_disagreement_at_risk_and_paths_up():
    assert rollup.disagrees(95.0, 60.0, 66.0)
    assert not rollup.disagrees(60.0, 50.0, 66.0)  # not reported on track
    assert not rollup.disagrees(95.0, None, 66.0)
    assert rollup.at_risk(None, 60.0, 66.0) and not rollup.at_risk(70.0, None, 66.0)
    parents = {"a": ["p"], "p": ["q", "r"], "q": ["g"], "r": ["g"]}
    assert rollup.paths_up("a", parents) == [["p", "q", "g"], ["p", "r", "g"]]
    assert rollup.paths_up("g", parents) == []


def test_generated_measurement_is_deterministic_and_optional():
    plain = generate(1, seed=7)
    assert all(not i.get("targets") for t in plain["targets"] for i in t["indicators"])
    one = add_measurement(copy.deepcopy(plain), seed=7)
    assert one == add_measurement(copy.deepcopy(plain), seed=7)
    cascade = parse_cascade(dump_yaml(one), "generated")
    indicators = [i for t in [cascade.goal, *cascade.targets] for i in t.indicators]
    assert all([t.year for t in i.targets] == list(range(2025, 2030)) for i in indicators)
    values = [capaian_of_year(i, 2025, period_end=2029).value for i in indicators]
    assert all(v is not None for v in values)
    assert any(v < 66 for v in values) and any(v >= 80 for v in values)
    assert any(u.budget for u in cascade.sub_activities)
