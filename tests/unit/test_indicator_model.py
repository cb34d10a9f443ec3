"""The one indicator shape, without a database: ``seed.schema.Indicator`` is what the loader
writes (every field, as a scalar property), what ``Indicator.from_properties`` reads back from a
node, and what the pages show (``target_label``). A field the graph cannot hold, or a stored
property the model does not know, is refused with the element and the field named."""

from __future__ import annotations

import pytest

from pokin.core.errors import CascadeValidationError
from pokin.core.i18n import using
from pokin.graph.loader import MEASUREMENT_FIELDS, plan_load
from pokin.seed.schema import Indicator
from tests.e2e.cascade_builder import clean_cascade, full_indicator


def _with_full(**values) -> tuple[object, dict]:
    b = clean_cascade("c")
    ind = full_indicator("ind-st-a1a", **values)
    b.element("st-a1a")["indicators"] = [ind]
    return b, ind


def test_the_tests_full_indicator_sets_every_field_of_the_model():
    # a new field of the model must be added to full_indicator, which every reader is tested with
    assert set(full_indicator("x")) == set(Indicator.model_fields)
    model = Indicator.model_validate(full_indicator("x"))
    defaults = {n: f.default for n, f in Indicator.model_fields.items() if not f.is_required()}
    assert all(getattr(model, n) != d for n, d in defaults.items())


def test_the_loader_writes_every_field_and_reading_the_node_gives_the_model_back():
    b, ind = _with_full()
    [row] = [r for r in plan_load(b.parse()).nodes["Indicator"] if r["id"] == "ind-st-a1a"]
    # targets and realisation are Measurement nodes (docs/model.md), not node properties
    scalars = {k: v for k, v in ind.items() if k not in MEASUREMENT_FIELDS}
    assert row == {**scalars, "kind": "indicator", "of": "st-a1a"}
    stored = {**row, "cascade": "c"}  # what properties(i) returns
    assert Indicator.from_properties(stored) == Indicator.model_validate(scalars)


def test_a_null_field_is_absent_from_the_node_and_read_back_as_null():
    b, _ = _with_full(formula=None, formula_raw=None, polarity=None, unit=None, note=None)
    [row] = [r for r in plan_load(b.parse()).nodes["Indicator"] if r["id"] == "ind-st-a1a"]
    assert not {"formula", "formula_raw", "polarity", "unit", "note"} & set(row)
    back = Indicator.from_properties(row)
    assert (back.formula, back.formula_raw, back.polarity, back.unit) == (None,) * 4


def _stub(data):
    """A cascade whose dump holds what no seed model allows yet (a field of a future issue)."""

    class Stub:
        def model_dump(self, mode: str):
            return data

    return Stub()


def test_a_mapping_or_a_nested_list_is_refused_naming_the_element_and_the_field(english):
    b, _ = _with_full()
    data = b.parse().model_dump(mode="json")
    [target] = [t for t in data["targets"] if t["id"] == "st-a1a"]
    target["indicators"][0]["yearly_targets"] = {"2025": 80.0, "2026": 85.0}
    target["indicators"][0]["quarters"] = [[1, 2], [3, 4]]
    with pytest.raises(CascadeValidationError) as caught:
        plan_load(_stub(data))
    problems = {(p.element_id, p.field): p for p in caught.value.problems}
    assert set(problems) == {("ind-st-a1a", "yearly_targets"), ("ind-st-a1a", "quarters")}
    assert problems[("ind-st-a1a", "yearly_targets")].message.startswith("a mapping cannot")
    assert "a list of lists" in problems[("ind-st-a1a", "quarters")].message
    assert "cascade c: ind-st-a1a.yearly_targets: a mapping" in str(caught.value)
    # a result's own field of that shape is refused the same way
    target["indicators"] = []
    target["budget"] = {"2025": 1.5e9}
    with pytest.raises(CascadeValidationError, match=r"st-a1a\.budget: a mapping"):
        plan_load(_stub(data))


def test_a_stored_property_the_model_does_not_know_is_refused_not_dropped(english):
    stored = {**full_indicator("ind-x"), "cascade": "c", "kind": "indicator", "of": "st-x"}
    with pytest.raises(CascadeValidationError) as caught:
        Indicator.from_properties({**stored, "weight_of_a_future_issue": 12.0})
    [problem] = caught.value.problems
    assert (problem.file, problem.element_id, problem.field) == (
        "cascade c",
        "ind-x",
        "weight_of_a_future_issue",
    )
    assert "not a field of the indicator model" in problem.message
    with pytest.raises(CascadeValidationError, match=r"ind-x\.target_value: stored value"):
        Indicator.from_properties({**stored, "target_value": "seratus"})
    lacking = {k: v for k, v in stored.items() if k != "raw"}
    with pytest.raises(CascadeValidationError, match=r"ind-x\.raw: the stored node lacks"):
        Indicator.from_properties(lacking)


@pytest.mark.parametrize(
    ("value", "unit", "indonesian", "in_english"),
    [
        (100.0, "%", "100 %", "100 %"),
        (87.5, "%", "87,5 %", "87.5 %"),
        (1234.5, "orang", "1.234,5 orang", "1,234.5 orang"),
        (1234567.0, "orang", "1.234.567 orang", "1,234,567 orang"),
        (0.123456, None, "0,123456", "0.123456"),
        (None, "dokumen", "tidak diisi (dokumen)", "not given (dokumen)"),
        (None, None, None, None),
    ],
)
def test_the_target_is_shown_in_the_readers_notation(value, unit, indonesian, in_english):
    """Every digit the source gave, grouped and with the decimal mark of the language; the
    unit as the source writes it."""
    ind = Indicator.model_validate(full_indicator("ind-x", target_value=value, unit=unit))
    with using("id"):
        assert ind.target_label == indonesian
    with using("en"):
        assert ind.target_label == in_english
