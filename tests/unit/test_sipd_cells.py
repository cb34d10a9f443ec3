"""Missing-value placeholders and the two forms of sub-activity codes."""

from __future__ import annotations

import re

import pytest

from pokin.seed.formats.cells import placeholder
from pokin.seed.schema import SUB_ACTIVITY_CODE_RE


@pytest.mark.parametrize("cell", ["NULL", "null", " Null ", "-", "—", "#N/A", "n/a"])
def test_placeholders_are_missing_values(cell):
    assert placeholder(cell)


@pytest.mark.parametrize("cell", ["NULLA", "0", 0, None, "#REF!", "Jumlah", "- 5"])
def test_other_cells_are_not_placeholders(cell):
    assert not placeholder(cell)


@pytest.mark.parametrize("code", ["5.03.02.2.01.0001", "1.01.02.1.01.01"])
def test_both_sub_activity_code_forms_are_codes(code):
    assert re.fullmatch(SUB_ACTIVITY_CODE_RE, code)


@pytest.mark.parametrize("code", ["1.01.02.1.01.1", "1.01.02.1.01.001", "1.01.02.1.01.00001"])
def test_other_last_segments_are_not(code):
    assert not re.fullmatch(SUB_ACTIVITY_CODE_RE, code)
