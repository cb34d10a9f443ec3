"""A load works a large cascade's near-duplicate pairs out in another process while it writes
(``graph.loader.SimilarNames``, ``graph.similarity.RowsElsewhere``): the rows are exactly the
check's own over the same names, for every cascade of the load, and whatever happens to the
other process."""

from __future__ import annotations

import sys

import pytest

from pokin.graph import similarity
from pokin.graph.loader import SimilarNames, _name_records, _similar_links, plan_load
from pokin.graph.similarity import ELSEWHERE_FROM, RowsElsewhere, names_in, near_duplicate_rows
from pokin.seed import parse_cascade
from pokin.seed.generate import generate


def _plan_with_typos(scale: int, cascade: str):
    data = generate(scale)
    data["cascade"]["id"] = cascade
    # plant near-duplicates in two groups: a target and a sub-activity entered twice
    target = dict(data["targets"][-1], id="st-typo")
    target["name"] = target["name"] + "x"
    target["indicators"] = [dict(i, id=i["id"] + "-typo") for i in target["indicators"]]
    data["targets"].append(target)
    sub = dict(data["sub_activities"][-1], id="sub-typo", code=None)
    sub["name"] = sub["name"] + "s"
    data["sub_activities"].append(sub)
    return plan_load(parse_cascade(data, cascade))


def _here(plan) -> list[dict]:
    return _similar_links(near_duplicate_rows(_name_records(plan)))


def test_a_large_load_works_its_pairs_out_elsewhere_with_the_same_rows():
    plans = [_plan_with_typos(20, "large-a"), _plan_with_typos(3, "small-b")]
    assert sum(names_in(_name_records(p)) for p in plans) >= ELSEWHERE_FROM
    made, worker = SimilarNames.of(plans)
    assert worker is not None  # the names are many: one other process for both cascades
    for plan, similar in zip(plans, made, strict=True):
        rows = similar.result()
        assert rows == _here(plan)
        assert {"st-typo", "sub-typo"} <= {r["from"] for r in rows} | {r["to"] for r in rows}
        assert similar.result() == rows  # asked again (a retried transaction): the same
    assert worker._answer is not None  # the rows came from the other process


def test_a_small_load_works_its_pairs_out_here():
    plan = _plan_with_typos(1, "small")
    made, worker = SimilarNames.of([plan])
    assert worker is None
    assert made[0].result() == _here(plan)


@pytest.mark.parametrize(
    "command",
    [
        ("/nonexistent/python",),  # cannot start
        (sys.executable, "-c", "import sys; sys.exit(3)"),  # dies
        (sys.executable, "-c", "print('[1, 2')"),  # answers nonsense
        (sys.executable, "-c", "print('[]')"),  # answers for no cascade
    ],
)
def test_whatever_befalls_the_other_process_the_rows_are_the_same(monkeypatch, command):
    monkeypatch.setattr(RowsElsewhere, "COMMAND", command)
    plan = _plan_with_typos(20, "large")
    made, worker = SimilarNames.of([plan])
    assert worker is not None
    assert made[0].result() == _here(plan)


def test_closing_stops_a_child_still_at_work(monkeypatch):
    monkeypatch.setattr(
        RowsElsewhere, "COMMAND", (sys.executable, "-c", "import time; time.sleep(60)")
    )
    worker = RowsElsewhere([[]])
    assert worker._child is not None and worker._child.poll() is None
    worker.close()
    assert worker._child.wait(timeout=10) != 0
    assert worker.result() == [[]]  # worked out here instead
    assert similarity.near_duplicate_rows([]) == []
