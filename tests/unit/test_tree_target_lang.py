"""The tree card's target in the reader's notation: 1234.5 is ``1.234,5`` in Indonesian and
``1,234.5`` in English; the unit stays as the source writes it."""

from __future__ import annotations

import re

import pytest

from pokin.core.i18n import using
from pokin.graph.elements import CascadeSummary
from pokin.graph.tree import Tree, TreeCard
from pokin.seed.schema import Indicator
from pokin.visualize.tree import render_standalone
from tests.e2e.cascade_builder import full_indicator


def _tree() -> Tree:
    indicator = Indicator.model_validate(
        full_indicator("ind-contoh", target_value=1234.5, unit="orang")
    )
    card = TreeCard(id="g", kind="goal", level="goal", name="Tujuan Contoh", depth=0)
    card.indicators = [indicator]
    summary = CascadeSummary(
        id="contoh", agency="Dinas Contoh", period_start=2025, period_end=2029, counts={}
    )
    return Tree(cascade=summary, roots=[card], total=1, depth=0)


@pytest.mark.parametrize(
    ("locale", "shown"), [("id", "Target: 1.234,5 orang"), ("en", "Target: 1,234.5 orang")]
)
def test_the_tree_cards_target_in_the_readers_notation(locale, shown):
    with using(locale):
        page = render_standalone(_tree(), 1)
    [target] = re.findall(r"<span class=\"pk-target\" data-target>(.*?)</span>", page, re.S)
    assert " ".join(target.split()) == shown
