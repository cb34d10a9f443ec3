"""Capaian per result, its roll-up along SUPPORTS and what a shortfall endangers, against a
real Neo4j through the real load path: a small measured cascade (the clean cascade, every
result at 80 % unless planted), and the mini region of test_region (RPJMD + two agencies with a
crosscutting link), each measured the same way."""

from __future__ import annotations

import copy

from pokin.graph.capaian import cascade_at_risk, cascade_capaian, region_at_risk, region_capaian
from pokin.graph.db import Db
from pokin.graph.export import read_stored_cascade
from pokin.graph.loader import load_cascade
from pokin.graph.report import run_checks
from pokin.seed import dump_yaml, parse_cascade
from tests.e2e.cascade_builder import clean_cascade
from tests.e2e.test_region import MINI, RPJMD, _mini

YEARS = range(2025, 2030)
SUBS = ("st-a1a", "st-a1b", "st-a2a", "st-b1a")


def _db(driver, settings) -> Db:
    return Db(driver, settings.neo4j_database, timeout=120)


def measure(data: dict, values: dict[str, float] | None = None, default: float = 80.0) -> dict:
    """Every indicator of ``data`` (a cascade dict) with a target of 100 for each year and four
    quarters of 2025 at ``values[result id]`` (else ``default``): its capaian is that value."""
    values = values or {}
    results = ([data["goal"]] if data.get("goal") else []) + list(data.get("goals") or [])
    for result in results + data["targets"]:
        v = values.get(result["id"], default)
        for ind in result["indicators"]:
            ind["targets"] = [{"year": y, "value": 100.0} for y in YEARS]
            ind["realisation"] = [{"year": 2025, "quarter": q, "value": v} for q in (1, 2, 3, 4)]
    return data


def planted(**values: float) -> dict:
    """The clean cascade measured: st-a1a at 40, st-a1b at 80 (at-a1, reported at 95, rolls up
    to 60: the one disagreement), the other sub-activity results at 90 and 70; pagu 100 M and
    300 M on sub-a1a and sub-a1b."""
    data = copy.deepcopy(clean_cascade("ukur-contoh").data)
    measure(data, {"st-a1a": 40.0, "st-a1b": 80.0, "st-a2a": 90.0, "st-b1a": 70.0,
                   "at-a1": 95.0, **values})  # fmt: skip
    for unit in data["sub_activities"]:
        pagu = {"sub-a1a": 100e6, "sub-a1b": 300e6}.get(unit["id"])
        if pagu:
            unit["budget"] = [
                {"year": 2025, "pagu": pagu},
                {"year": 2025, "quarter": 1, "realisation": pagu / 4},
            ]
    return data


def _load(db: Db, data: dict, replace: bool = False) -> None:
    load_cascade(db, parse_cascade(dump_yaml(data), data["cascade"]["id"]), replace=replace)


def _by_id(answer) -> dict:
    return {r.id: r for r in answer.results}


def test_own_capaian_per_indicator_cites_the_formula(empty_db, settings):
    db = _db(empty_db, settings)
    _load(db, planted())
    answer = cascade_capaian(db, "ukur-contoh")
    assert answer.year == 2025  # the latest year with a realisation
    r = _by_id(answer)
    st = r["st-a1a"]
    assert st.own == 40.0 and st.own_category == "very_low"
    (ind,) = st.indicators
    assert (ind.id, ind.value, ind.category) == ("ind-st-a1a", 40.0, "very_low")
    assert ind.formula == "capaian = 40 / 100 × 100 = 40"
    assert r["at-a1"].own == 95.0
    # a year without realisation: every indicator says why, no capaian
    later = _by_id(cascade_capaian(db, "ukur-contoh", year=2026))
    assert later["st-a1a"].own is None
    assert later["st-a1a"].indicators[0].reason


def test_roll_up_mean_weights_and_budget(empty_db, settings):
    db = _db(empty_db, settings)
    data = planted()
    at_a1 = {t["id"]: t for t in data["targets"]}
    at_a1["st-a1b"]["supports"][0]["weight"] = 3.0
    _load(db, data)

    mean = _by_id(cascade_capaian(db, "ukur-contoh"))
    assert mean["at-a1"].rolled == 60.0  # (40 + 80) / 2
    assert mean["at-a1"].difference == 35.0 and mean["at-a1"].disagrees
    assert {(p.id, p.value, p.weight) for p in mean["at-a1"].rolled_from} == {
        ("st-a1a", 40.0, 1.0),
        ("st-a1b", 80.0, 1.0),
    }
    # pt-a: at-a1 counts with its roll-up (60), at-a2 with its own (st-a2a: 90)
    assert mean["pt-a"].rolled == 75.0
    assert mean["st-a1a"].rolled is None  # nothing supports a sub-activity result
    assert [k for k, v in mean.items() if v.disagrees] == ["at-a1"]

    weighted = _by_id(cascade_capaian(db, "ukur-contoh", how="weight"))
    assert weighted["at-a1"].rolled == 70.0  # (40 + 3 × 80) / 4
    assert not weighted["at-a1"].disagrees

    budget = _by_id(cascade_capaian(db, "ukur-contoh", how="budget"))
    assert budget["at-a1"].rolled == 70.0  # pagu 100 M and 300 M
    assert budget["at-a1"].budget.pagu is None  # no unit delivers at-a1 itself
    assert budget["st-a1b"].budget.pagu == 300e6
    assert budget["st-a1b"].budget.absorption == 25.0
    # at-a2's supporter st-a2a has no pagu: the mean, said so
    assert budget["at-a2"].rollup_notes


def test_weight_survives_export_and_reimport(empty_db, settings):
    db = _db(empty_db, settings)
    data = planted()
    {t["id"]: t for t in data["targets"]}["st-a1b"]["supports"][0]["weight"] = 3.0
    _load(db, data)
    exported = read_stored_cascade(db, "ukur-contoh")
    st = next(t for t in exported.targets if t.id == "st-a1b")
    assert st.supports[0].weight == 3.0


def test_rollup_disagreement_finds_exactly_the_planted_parent(empty_db, settings):
    db = _db(empty_db, settings)
    _load(db, measure(copy.deepcopy(clean_cascade("ukur-contoh").data)))
    clean = run_checks(db, "ukur-contoh", ["rollup_disagreement", "results_at_risk"])
    assert {c.name: c.count for c in clean.checks} == {
        "rollup_disagreement": 0,
        "results_at_risk": 0,
    }
    # plant: st-a1a and st-a1b low, their parent at-a1 reported at 95
    _load(db, planted(**{"st-a1b": 50.0}), replace=True)
    report = run_checks(db, "ukur-contoh", ["rollup_disagreement"])
    (check,) = report.checks
    assert [(f.id, f.detail["own"], f.detail["rolled"]) for f in check.findings] == [
        ("at-a1", 95.0, 45.0)
    ]


def test_the_capaian_checks_share_one_reading_with_the_same_findings(
    empty_db, settings, monkeypatch
):
    """The report reads and computes every result's capaian once for both capaian checks
    (issue 25), and finds what each check found with a reading of its own (the way before)."""
    from pokin.graph import capaian, checks
    from pokin.graph.report import _check_rows

    db = _db(empty_db, settings)
    _load(db, planted(**{"st-a1b": 50.0}))
    names = ["rollup_disagreement", "results_at_risk"]
    computed = []
    real = capaian.compute_results
    monkeypatch.setattr(
        capaian, "compute_results", lambda *a, **k: computed.append(1) or real(*a, **k)
    )
    report = run_checks(db, "ukur-contoh", names)
    assert len(computed) == 1  # one reading for the two checks
    # before: each check read the query and computed the capaian on its own
    alone = {
        name: db.read(lambda tx, c=checks.CHECKS[name]: _check_rows(tx, c, "ukur-contoh", None))
        for name in names
    }
    assert len(computed) == 3
    shared = {c.name: [(f.id, f.detail) for f in c.findings] for c in report.checks}
    assert shared == {n: [(r["id"], r["detail"]) for r in rows] for n, rows in alone.items()}
    assert shared["rollup_disagreement"] == [
        ("at-a1", {"year": 2025, "own": 95.0, "rolled": 45.0, "threshold": 66.0,
                   "supporters": [["st-a1a", 40.0], ["st-a1b", 50.0]]})
    ]  # fmt: skip
    assert [i for i, _ in shared["results_at_risk"]] == ["at-a1", "st-a1a", "st-a1b"]


def _measured_mini() -> dict[str, dict]:
    m = _mini()
    measure(m["rpjmd"])
    measure(m["opd-a"], {"st-a1a": 40.0})
    measure(m["opd-b"], {"st-b1a": 60.0})
    return m


def _load_mini(db: Db, m: dict) -> None:
    for key in ("opd-b", "rpjmd", "opd-a"):
        _load(db, m[key])


def test_at_risk_lists_the_chain_up_to_the_tujuan_and_the_rpjmd(empty_db, settings):
    db = _db(empty_db, settings)
    _load_mini(db, _measured_mini())
    report = cascade_at_risk(db, "opd-a")
    assert report.year == 2025 and report.threshold == 66.0
    by_id = {a.result.id: a for a in report.at_risk}
    # st-a1a by its own 40; at-a1 by its supporters rolled up: (40 + 80) / 2 = 60
    assert {k: a.reason for k, a in by_id.items()} == {"st-a1a": "own", "at-a1": "rolled"}
    item = by_id["st-a1a"]
    assert item.reason == "own" and item.result.own == 40.0
    assert [(e.cascade, e.id) for e in item.endangers] == [
        ("opd-a", "at-a1"),
        ("opd-a", "pt-a"),
        ("opd-a", "ss-a"),
        ("opd-a", "tujuan"),
        (RPJMD, "ss-r1"),
        (RPJMD, "tujuan-r1"),
        (RPJMD, "ss-r2"),
    ]
    assert [(g.cascade, g.id) for g in item.goals] == [("opd-a", "tujuan")]
    assert [(s.cascade, s.id) for s in item.rpjmd] == [(RPJMD, "ss-r1"), (RPJMD, "ss-r2")]
    assert [o.id for o in item.result.owners] == ["analis"]
    assert item.budget.units == 1  # sub-a1a delivers it


def test_roll_up_crosses_agencies_and_reaches_the_rpjmd(empty_db, settings):
    db = _db(empty_db, settings)
    _load_mini(db, _measured_mini())
    r = {(x.cascade, x.id): x for x in region_capaian(db, MINI).results}
    at_b1 = r[("opd-b", "at-b1")]
    # opd-b's at-b1: its own st-b1a (60) and opd-a's at-a2 (crosscutting; st-a2a: 80)
    assert {(p.cascade, p.id, p.value) for p in at_b1.rolled_from} == {
        ("opd-b", "st-b1a", 60.0),
        ("opd-a", "at-a2", 80.0),
    }
    assert at_b1.rolled == 70.0
    ss_r1 = r[(RPJMD, "ss-r1")]
    assert {(p.cascade, p.id) for p in ss_r1.rolled_from} == {
        ("opd-a", "tujuan"),
        ("opd-b", "tujuan"),
    }
    assert ss_r1.rolled is not None and ss_r1.rpjmd
    # the cascade reading follows the same link
    alone = _by_id(cascade_capaian(db, "opd-b"))
    assert alone["at-b1"].rolled == 70.0
    at_risk = region_at_risk(db, MINI)
    assert {(a.result.cascade, a.result.id) for a in at_risk.at_risk} == {
        ("opd-a", "st-a1a"),
        ("opd-a", "at-a1"),
        ("opd-b", "st-b1a"),
    }


def test_at_risk_through_the_api_and_the_command_line(empty_db, settings, api_client):
    import json

    from tests.conftest import run_pokin

    db = _db(empty_db, settings)
    _load_mini(db, _measured_mini())
    body = api_client.get("/api/cascades/opd-a/at-risk?year=2025&lang=en").json()
    assert body["year"] == 2025
    assert [a["result"]["id"] for a in body["at_risk"]] == ["st-a1a", "at-a1"]
    assert [g["id"] for g in body["at_risk"][0]["goals"]] == ["tujuan"]
    region = api_client.get(f"/api/regions/{MINI}/at-risk").json()
    assert {(a["result"]["cascade"], a["result"]["id"]) for a in region["at_risk"]} == {
        ("opd-a", "st-a1a"),
        ("opd-a", "at-a1"),
        ("opd-b", "st-b1a"),
    }
    capaian = api_client.get("/api/cascades/opd-a/capaian?how=weight").json()
    assert {r["id"]: r["own"] for r in capaian["results"]}["st-a1a"] == 40.0
    assert api_client.get("/api/cascades/no-such/at-risk").status_code == 404
    assert api_client.get("/api/regions/no-such/at-risk").status_code == 404
    assert api_client.get("/api/cascades/opd-a/capaian?how=median").status_code == 422

    out = run_pokin(settings, "at-risk", "opd-a", "--year", "2025")
    assert out.exit_code == 1, out.output  # results at risk
    assert "opd-a, 2025: 2 results at risk (capaian below 66%)" in out.output
    assert (
        "opd-a:at-a1 -> opd-a:pt-a -> opd-a:ss-a -> opd-a:tujuan -> rpjmd-mini:ss-r1"
        " -> rpjmd-mini:tujuan-r1" in out.output
    )
    as_json = json.loads(run_pokin(settings, "at-risk", "opd-a", "--json").output)
    assert [a["result"]["id"] for a in as_json["at_risk"]] == ["st-a1a", "at-a1"]
