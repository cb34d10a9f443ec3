"""The measurement checks against a real Neo4j, through the real load path: a cascade measured
cleanly (targets for every year, realisation reported in order, budgets) passes every check;
each planted defect is found by its check, exactly that finding, and by no other check."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pokin.core.i18n import using
from pokin.graph.checks import checks_of
from pokin.graph.db import Db
from pokin.graph.report import run_checks
from tests.e2e.cascade_builder import CascadeBuilder, clean_cascade

MEASUREMENT_CHECKS = (
    "indicators_without_yearly_target",
    "implausible_realisation",
    "negative_values",
    "targets_against_polarity",
    "missing_quarters",
    "capaian_above_cap",
)
YEARS = range(2025, 2030)


def measured() -> CascadeBuilder:
    """The clean cascade, every indicator with rising targets for each year of the period and
    two quarters of plausible realisation; the sub-activities with their budgets."""
    b = clean_cascade("ukur-contoh")
    for result in [b.data["goal"], *b.data["targets"]]:
        for ind in result["indicators"]:
            ind["targets"] = [{"year": y, "value": 60.0 + 5 * (y - 2025)} for y in YEARS]
            ind["realisation"] = [
                {"year": 2025, "quarter": 1, "value": 30.0},
                {"year": 2025, "quarter": 2, "value": 55.0},
            ]
    for unit in b.data["sub_activities"]:
        unit["budget"] = [
            {"year": 2025, "pagu": 100_000_000.0},
            {"year": 2025, "quarter": 1, "realisation": 20_000_000.0},
        ]
    return b


def _edit(eid: str, change: Callable[[dict], None]) -> Callable[[CascadeBuilder], None]:
    def plant(b: CascadeBuilder) -> None:
        change(b.element(eid))

    return plant


def _drop_target(year: int) -> Callable[[dict], None]:
    def change(e: dict) -> None:
        e["targets"] = [t for t in e["targets"] if t["year"] != year]

    return change


def _realise(quarter: int, value: float) -> Callable[[dict], None]:
    def change(e: dict) -> None:
        e["realisation"].append({"year": 2025, "quarter": quarter, "value": value})

    return change


def _falling(e: dict) -> None:
    e["targets"][2]["value"] = 50.0  # 2027 below 2026 (65)


def _negative_pagu(e: dict) -> None:
    e["budget"][0]["pagu"] = -100_000_000.0


def _capped(e: dict) -> None:
    e["cap"] = 100.0
    e["realisation"][1]["value"] = 66.0  # last value 66 against 60: 110 %


def _q3_without_q2(e: dict) -> None:
    e["realisation"] = [
        {"year": 2025, "quarter": 1, "value": 30.0},
        {"year": 2025, "quarter": 3, "value": 58.0},
    ]


CASES = [
    (
        "indicators_without_yearly_target",
        _edit("ind-st-a1a", _drop_target(2027)),
        "ind-st-a1a",
        {"missing": [2027], "of": "st-a1a"},
        "no target for 2027",
    ),
    (
        "implausible_realisation",
        _edit("ind-pt-a", _realise(3, 8500.0)),
        "ind-pt-a",
        {
            "over": [
                {
                    "year": 2025,
                    "quarter": 3,
                    "realisation": 8500.0,
                    "target": 60.0,
                    "percent": pytest.approx(14166.67, abs=0.01),
                }
            ]
        },
        "2025 TW III: 8,500 against a target of 60 (14,166.7%)",
    ),
    (
        "negative_values",
        _edit("sub-a1a", _negative_pagu),
        "sub-a1a",
        {"values": [{"field": "pagu", "year": 2025, "quarter": 0, "value": -100_000_000.0}]},
        "pagu of 2025 is -100,000,000",
    ),
    (
        "targets_against_polarity",
        _edit("ind-at-a1", _falling),
        "ind-at-a1",
        {"turns": [{"from_year": 2026, "from": 65.0, "to_year": 2027, "to": 50.0}]},
        "target 65 in 2026, then 50 in 2027 (positive)",
    ),
    (
        "missing_quarters",
        _edit("ind-st-b1a", _q3_without_q2),
        "ind-st-b1a",
        {"gaps": [{"year": 2025, "missing": [2], "reported": [1, 3]}]},
        "2025: TW II not reported, TW I, III reported",
    ),
    (
        "capaian_above_cap",
        _edit("ind-st-a2a", _capped),
        "ind-st-a2a",
        {
            "over": [
                {
                    "year": 2025,
                    "capaian": 110.0,
                    "cap": 100.0,
                    "formula": "capaian = 66 / 60 × 100 = 110",
                }
            ]
        },
        "2025: capaian 110%, shown as 100% (capaian = 66 / 60 × 100 = 110)",
    ),
]


def _report(driver, settings, builder: CascadeBuilder):
    builder.load(driver, settings.neo4j_database)
    with using("en"):
        return run_checks(Db(driver, settings.neo4j_database), builder.cascade_id)


def test_a_cleanly_measured_cascade_passes_every_check(empty_db, settings):
    report = _report(empty_db, settings, measured())
    assert {c.name: c.count for c in report.checks} == dict.fromkeys(checks_of("cascade"), 0)


@pytest.mark.parametrize(
    ("check", "plant", "element", "detail", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_each_planted_measurement_defect_is_exactly_one_finding(
    empty_db, settings, check, plant, element, detail, message
):
    builder = measured()
    plant(builder)
    report = _report(empty_db, settings, builder)
    found = {c.name: [f.id for f in c.findings] for c in report.checks if c.count}
    assert found == {check: [element]}
    finding = next(c for c in report.checks if c.name == check).findings[0]
    assert {k: finding.detail[k] for k in detail} == detail
    with using("en"):  # a finding says its message in the language it is read in
        assert finding.message == message


def test_a_rate_may_fall_below_zero_and_a_cascade_without_targets_is_not_measured(
    empty_db, settings
):
    builder = measured()
    ind = builder.element("ind-st-a1b")
    ind["name"] = "Laju pertumbuhan ASN"
    ind["realisation"][0]["value"] = -2.5
    report = _report(empty_db, settings, builder)
    assert sum(c.count for c in report.checks) == 0
    plain = _report(empty_db, settings, clean_cascade("tanpa-target"))
    assert next(c for c in plain.checks if c.name == MEASUREMENT_CHECKS[0]).count == 0


def _renja_like(builder: CascadeBuilder) -> CascadeBuilder:
    """As an imported Renja table measures a cascade: this year's target (2026) and the
    Renstra end target of each indicator, nothing for the other years."""
    for result in [builder.data["goal"], *builder.data["targets"]]:
        for ind in result["indicators"]:
            ind["targets"] = [{"year": 2026, "value": 70.0}]
            ind["target_value"] = 90.0
            ind["realisation"] = [{"year": 2026, "quarter": 1, "value": 30.0}]
    return builder


@pytest.mark.parametrize("planted", [False, True], ids=["clean", "one-without-2026"])
def test_a_renja_table_is_asked_only_for_the_years_it_plans(empty_db, settings, planted):
    builder = _renja_like(measured())
    if planted:
        builder.element("ind-st-a1a")["targets"] = []
    report = _report(empty_db, settings, builder)
    check = next(c for c in report.checks if c.name == "indicators_without_yearly_target")
    found = [(f.id, f.detail["missing"], f.detail["planned"]) for f in check.findings]
    # 2025, 2027 and 2028 are planned by no indicator: never asked for
    assert found == ([("ind-st-a1a", [2026], [2026, 2029])] if planted else [])
