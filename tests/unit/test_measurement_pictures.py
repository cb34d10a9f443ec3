"""The measurement pictures without a database: the chart's bars (heights in proportion, a
missing quarter named, a range and a text target), the year chosen, a unit's budget rows and
the paint of a result by capaian."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pokin.core.i18n import using
from pokin.seed.schema import Indicator, UnitBudget
from pokin.visualize.measurement import (
    CATEGORY_COLOURS,
    NO_CAPAIAN_COLOUR,
    budget_rows,
    chart,
    choose_year,
    paint_results,
)


def _indicator(targets, realisation, **kw) -> Indicator:
    return Indicator.model_validate(
        {
            "id": "ind-1",
            "name": "Persentase contoh",
            "raw": "Persentase contoh",
            "polarity": "positive",
            "formula": None,
            "formula_raw": None,
            "formula_truncated": False,
            "tags": [],
            "targets": targets,
            "realisation": realisation,
            **kw,
        }
    )


def test_the_bars_are_the_target_and_the_quarters_in_proportion():
    ind = _indicator(
        [{"year": 2025, "value": 80}],
        [{"year": 2025, "quarter": 1, "value": 20}, {"year": 2025, "quarter": 3, "value": 40}],
    )
    c = chart(ind, 2025)
    assert [(b.kind, b.quarter, b.value) for b in c.bars] == [
        ("target", None, 80),
        ("realisation", 1, 20),
        ("realisation", 3, 40),
    ]
    target, q1, q3 = c.bars
    assert q1.height / target.height == pytest.approx(0.25)
    assert q3.height / target.height == pytest.approx(0.5)
    assert target.y + target.height == c.baseline  # every bar stands on the axis
    assert c.missing == (2,)


def test_a_range_target_is_drawn_at_its_top_and_labelled_as_a_range():
    ind = _indicator([{"year": 2026, "low": 80, "high": 90}], [])
    with using("id"):
        [bar] = chart(ind, 2026).bars
    assert (bar.value, bar.text) == (90, "80–90")


def test_a_text_target_draws_no_target_bar():
    ind = _indicator([{"year": 2027, "text": "WTP"}], [{"year": 2027, "quarter": 1, "value": 1}])
    assert [b.kind for b in chart(ind, 2027).bars] == ["realisation"]


def test_the_year_shown():
    assert choose_year(2026, 2025, 2029, [2025]) == 2026
    assert choose_year(2031, 2025, 2029, [2025, 2027]) == 2027  # outside the period: latest
    assert choose_year(None, 2025, 2029, []) == 2025


def test_budget_rows_sum_the_quarters_and_judge_efficiency():
    budget = [
        UnitBudget(year=2025, pagu=200_000_000),
        UnitBudget(year=2025, quarter=1, realisation=50_000_000),
        UnitBudget(year=2025, quarter=2, realisation=50_000_000),
        UnitBudget(year=2026, pagu=0),
    ]
    with using("en"):
        rows = budget_rows(budget, {2025: 48.0}, range(2025, 2030))
    assert [r.year for r in rows] == [2025, 2026]
    first, second = rows
    assert (first.spent, first.absorption.value, first.efficiency) == (
        100_000_000,
        50.0,
        "fairly_efficient",
    )
    assert second.absorption.value is None
    assert second.absorption.reason == "the pagu is zero: absorption cannot be computed"


def test_a_result_is_painted_by_its_own_capaian_else_the_rolled_one():
    results = [
        SimpleNamespace(cascade="c", id="a", own=20.0, own_category="very_low", rolled=None),
        SimpleNamespace(
            cascade="c", id="b", own=None, rolled=70.0, rolled_category="medium", own_category=None
        ),
        SimpleNamespace(cascade="c", id="n", own=None, rolled=None, own_category=None),
    ]
    paint = paint_results(results)
    assert paint[("c", "a")].colour == CATEGORY_COLOURS["very_low"]
    assert paint[("c", "b")].colour == CATEGORY_COLOURS["medium"] and paint[("c", "b")].rolled
    assert paint[("c", "n")].colour == NO_CAPAIAN_COLOUR
    with using("id"):
        assert paint[("c", "a")].label == "Sangat Rendah"
        assert paint[("c", "n")].label == "Tanpa capaian"
