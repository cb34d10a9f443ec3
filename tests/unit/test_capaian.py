"""Golden tests of the one capaian engine (core/capaian.py): each method and convention, ranges,
text and zero targets, missing quarters, the cap, every category boundary, budget absorption
and efficiency. In English (the msgids), numbers as English writes them; one test in
Indonesian."""

from __future__ import annotations

import pytest

from pokin.core import capaian as c
from pokin.core.capaian import Method, Target, aggregate, capaian_of_year, compute
from pokin.core.i18n import using
from pokin.seed.schema import Indicator


@pytest.fixture(autouse=True)
def english():
    with using("en"):
        yield


NEG = Method(polarity="negative")


@pytest.mark.parametrize(
    ("target", "r", "method", "value", "formula"),
    [
        (80, 70, Method(), 87.5, "capaian = 70 / 80 × 100 = 87.5"),
        (80, 100, Method(), 125.0, "capaian = 100 / 80 × 100 = 125"),
        (80, 70, NEG, 112.5, "capaian = (2 × 80 − 70) / 80 × 100 = 112.5"),
        (80, 90, NEG, 87.5, "capaian = (2 × 80 − 90) / 80 × 100 = 87.5"),
        (80, 200, NEG, -50.0, "capaian = (2 × 80 − 200) / 80 × 100 = -50"),
        (
            80,
            64,
            Method("negative", negative_formula="t_over_r"),
            125.0,
            "capaian = 80 / 64 × 100 = 125",
        ),
        (
            80,
            100,
            Method("negative", negative_formula="t_over_r"),
            80.0,
            "capaian = 80 / 100 × 100 = 80",
        ),
        (50, 45, Method("stabilise"), 90.0, "capaian = 45 / 50 × 100 = 90"),
        (50, 55, Method("stabilise"), 90.0, "capaian = (2 × 50 − 55) / 50 × 100 = 90"),
        (50, 50, Method("stabilise"), 100.0, "capaian = 50 / 50 × 100 = 100"),
    ],
)
def test_each_method_and_convention_gives_its_value_and_says_its_formula(
    target, r, method, value, formula
):
    got = compute(target, r, method)
    assert got.value == pytest.approx(value)
    assert got.formula == formula
    assert got.reason is None


def test_the_negative_conventions_differ_at_a_met_target_only_as_documented():
    # met exactly: both give 100 (the excluded (T - R) / T convention would give 0)
    assert compute(80, 80, NEG).value == 100.0
    assert compute(80, 80, Method("negative", negative_formula="t_over_r")).value == 100.0
    # T / R at R = 0 (a negative indicator's best) has no value: a reason, no ZeroDivisionError
    zero = compute(80, 0, Method("negative", negative_formula="t_over_r"))
    assert zero.value is None and "undefined" in zero.reason
    assert compute(80, 0, NEG).value == 200.0


@pytest.mark.parametrize(
    ("r", "method", "value", "formula"),
    [
        (85, Method(), 100.0, "capaian = 100 (85 within 80–90)"),
        (80, Method(), 100.0, "capaian = 100 (80 within 80–90)"),
        (95, Method(), 100.0, "capaian = 100 (95 at or above 90)"),
        (60, Method(), 75.0, "capaian = 60 / 80 × 100 = 75"),
        (95, NEG, 94.444, "capaian = (2 × 90 − 95) / 90 × 100 = 94.44"),
        (70, NEG, 100.0, "capaian = 100 (70 at or below 80)"),
        (60, Method("stabilise"), 75.0, "capaian = 60 / 80 × 100 = 75"),
        (99, Method("stabilise"), 90.0, "capaian = (2 × 90 − 99) / 90 × 100 = 90"),
    ],
)
def test_a_range_target_counts_100_within_and_runs_against_its_nearer_end(
    r, method, value, formula
):
    got = compute(Target(low=80, high=90), r, method)
    assert got.value == pytest.approx(value, abs=1e-3)
    assert got.formula == formula


@pytest.mark.parametrize(
    ("target", "r", "reason"),
    [
        (Target(text="WTP"), 1, "qualitative target (WTP): no capaian computed"),
        (0, 10, "the target is zero: capaian cannot be computed"),
        (None, 10, "no target for this year"),
        (80, None, "nothing realised yet"),
    ],
)
def test_no_value_but_a_reason_for_text_zero_missing_target_or_nothing_realised(
    target, r, reason
):
    got = compute(target, r, NEG if target == 0 else Method())
    assert (got.value, got.reason, got.category) == (None, reason, None)


def test_the_cap_bounds_the_value_and_notes_it():
    got = compute(80, 100, Method("positive", cap=100))
    assert (got.value, got.uncapped, got.capped) == (100, 125.0, True)
    assert "capped at 100 (computed 125)" in got.notes
    below = compute(80, 60, Method("positive", cap=100))
    assert (below.value, below.capped, below.notes) == (75.0, False, ())


def test_a_polarity_not_given_is_computed_as_positive_and_says_so():
    got = compute(80, 60, Method(polarity=None))
    assert got.value == 75.0
    assert got.notes == ("polarity not given: computed as positive",)


@pytest.mark.parametrize(
    ("how", "value"), [("cumulative", 60.0), ("last", 25.0), ("average", 20.0), ("maximum", 25.0)]
)
def test_quarters_aggregate_as_the_method_says(how, value):
    got, notes = aggregate({1: 15.0, 2: 20.0, 4: 25.0}, how)
    assert got == value
    assert notes == ("quarter III not reported",)


def test_aggregation_up_to_a_quarter_and_with_nothing_reported():
    assert aggregate({1: 10.0, 2: 20.0, 3: 30.0}, "cumulative", up_to=2) == (30.0, ())
    assert aggregate({}, "last") == (None, ())
    with pytest.raises(ValueError, match="unknown aggregation"):
        aggregate({1: 1.0}, "median")


def _indicator(**values) -> Indicator:
    base = {
        "id": "ind-x",
        "name": "Persentase Contoh",
        "raw": "Persentase Contoh",
        "formula": None,
        "formula_raw": None,
        "formula_truncated": False,
        "polarity": "positive",
        "tags": [],
    }
    return Indicator.model_validate({**base, **values})


def test_a_year_of_an_indicator_with_a_missing_quarter():
    ind = _indicator(
        aggregation="cumulative",
        targets=[{"year": 2025, "value": 100.0}],
        realisation=[
            {"year": 2025, "quarter": 1, "value": 20.0},
            {"year": 2025, "quarter": 3, "value": 30.0},
        ],
    )
    got = capaian_of_year(ind, 2025)
    assert got.value == 50.0
    assert got.formula == "capaian = 50 / 100 × 100 = 50"
    assert got.notes == (
        "realisation: cumulative sum of the quarters",
        "quarter II not reported",
    )
    assert capaian_of_year(ind, 2025, up_to=1).value == 20.0
    assert capaian_of_year(ind, 2026).reason == "no target for this year"


def test_the_years_own_realisation_wins_and_target_value_is_the_end_target():
    ind = _indicator(
        tags=["cumulative"],
        target_value=90.0,
        realisation=[
            {"year": 2029, "quarter": 1, "value": 10.0},
            {"year": 2029, "value": 81.0},
        ],
    )
    got = capaian_of_year(ind, 2029, period_end=2029)
    assert got.value == 90.0
    assert got.notes == ("the year's realisation as reported",)
    # never the first year's
    assert capaian_of_year(ind, 2025, period_end=2029).reason == "no target for this year"


def test_tags_decide_the_aggregation_when_none_is_given():
    assert Method(tags=("cumulative",)).how_to_aggregate == "cumulative"
    assert Method(tags=("recurring",)).how_to_aggregate == "average"
    assert Method(tags=("progress",)).how_to_aggregate == "last"
    assert Method(aggregation="maximum", tags=("cumulative",)).how_to_aggregate == "maximum"


@pytest.mark.parametrize(
    ("value", "category"),
    [
        (150.0, "very_high"),
        (91.0, "very_high"),
        (90.99, "high"),
        (76.0, "high"),
        (75.99, "medium"),
        (66.0, "medium"),
        (65.99, "low"),
        (51.0, "low"),
        (50.99, "very_low"),
        (50.0, "very_low"),
        (0.0, "very_low"),
        (-20.0, "very_low"),
    ],
)
def test_every_category_boundary(value, category):
    assert c.category(value) == category


def test_thresholds_are_configurable():
    assert c.category(85.0, (85, 70, 55, 40)) == "very_high"
    assert compute(100, 84.9, thresholds=(85, 70, 55, 40)).category == "high"


def test_categories_in_indonesian_and_english():
    got = compute(80, 79)  # 98.75
    assert got.category_label == "Very high"
    with using("id"):
        assert got.category_label == "Sangat Tinggi"
        assert compute(100, 60).category_label == "Rendah"
        assert compute(50, 42.5, NEG).formula == "capaian = (2 × 50 − 42,5) / 50 × 100 = 115"


def test_budget_absorption_and_efficiency():
    a = c.absorption(1_000_000.0, 750_000.0)
    assert a.value == 75.0
    assert a.formula == "750,000 / 1,000,000 × 100 = 75"
    assert c.absorption(0.0, 10.0).value is None
    assert c.absorption(0.0, 10.0).reason == "the pagu is zero: absorption cannot be computed"
    assert c.absorption(None, 10.0).reason == "no pagu for this year"
    assert c.efficiency(90.0, 84.9) == "efficient"
    assert c.efficiency(90.0, 85.0) == "fairly_efficient"
    assert c.efficiency(80.0, 85.0) == "fairly_efficient"
    assert c.efficiency(79.9, 85.0) == "not_efficient"
    assert c.efficiency(None, 85.0) is None
    assert c.efficiency(90.0, 80.0, margin=10) == "fairly_efficient"
    assert c.efficiency_label("not_efficient") == "Not efficient"
