"""Error messages stay one readable line when the data is large."""

import pytest

from pokin.core.errors import AMBIGUOUS_SHOWN, AmbiguousElement

pytestmark = pytest.mark.usefixtures("english")  # these assert the English texts


def test_an_id_held_by_many_cascades_names_a_few_and_counts_the_rest():
    cascades = [f"contoh-opd-{i:02d}-2025-2029" for i in range(40)]
    error = AmbiguousElement("tujuan", reversed(cascades))
    assert error.cascades == cascades  # all of them, for the JSON answer and the page
    assert str(error) == (
        "element id 'tujuan' is held by 40 cascades ("
        + ", ".join(cascades[:AMBIGUOUS_SHOWN])
        + f" and {40 - AMBIGUOUS_SHOWN} more); name the cascade"
    )


def test_a_few_cascades_are_all_named():
    error = AmbiguousElement("tujuan", ["b", "a"])
    assert str(error) == "element id 'tujuan' is held by 2 cascades (a, b); name the cascade"
