"""The 'did you mean' helper and the nomenclature code forms (no database)."""

from __future__ import annotations

import pytest

from pokin.core.codes import code_forms
from pokin.core.errors import CascadeNotFound, ElementNotFound, OwnerNotFound
from pokin.core.suggest import close_matches, did_you_mean

pytestmark = pytest.mark.usefixtures("english")  # these assert the English texts

CASCADES = ["bkpsdm-pemalang-2025-2029", "contoh-baru-2025-2029", "contoh-lama-2025-2029"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("bkpsdm-pemalang", ["bkpsdm-pemalang-2025-2029"]),  # a missing part
        ("bkpsdm-pemalng-2025-2029", ["bkpsdm-pemalang-2025-2029"]),  # a typo
        ("2025-2029-contoh-lama", ["contoh-lama-2025-2029"]),  # words out of order
        ("contoh-baru", ["contoh-baru-2025-2029"]),  # not its sibling, a word apart
        ("dinas-kesehatan", []),  # nothing close: no wild guess
        ("", []),
    ],
)
def test_close_matches_of_cascade_ids(typed, expected):
    assert close_matches(typed, CASCADES) == expected


def test_names_and_codes_suggest_the_id_they_belong_to_once():
    known = {
        "Kabid Mutasi dan Promosi": "kabid-mutasi-promosi",
        "kabid-mutasi-promosi": "kabid-mutasi-promosi",
        "Kabid Pengembangan Sumber Daya Manusia": "kabid-pengembangan-sdm",
        "kabid-pengembangan-sdm": "kabid-pengembangan-sdm",
    }
    assert close_matches("kabid mutasi", known) == ["kabid-mutasi-promosi"]
    assert close_matches("Pengembangan SDM", known) == ["kabid-pengembangan-sdm"]


def test_equally_close_suggestions_are_all_shown_up_to_the_limit_never_the_word_itself():
    ids = ["sub-a1a", "sub-a1b", "sub-a2a", "sub-a2b"]
    assert close_matches("sub-a2b", ids) == ["sub-a1b", "sub-a2a"]
    assert len(close_matches("sub-a9a", ids * 2, limit=2)) == 2


def test_did_you_mean_reads_as_english():
    assert did_you_mean([]) == ""
    assert did_you_mean(["a"]) == "; did you mean 'a'?"
    assert did_you_mean(["a", "b", "c"]) == "; did you mean 'a', 'b' or 'c'?"


def test_the_errors_suggest_from_what_they_are_given():
    assert str(CascadeNotFound("bkpsdm-pemalang", CASCADES)) == (
        "no cascade named 'bkpsdm-pemalang'; did you mean 'bkpsdm-pemalang-2025-2029'?"
    )
    assert str(CascadeNotFound("zzz", CASCADES)) == "no cascade named 'zzz'"
    assert str(CascadeNotFound(None)) == "no cascade is loaded (load one with `pokin load`)"
    element = ElementNotFound("sub-5.03.02.2.02.0009", ["sub-5.03.02.2.02.0001"], cascade="c")
    assert str(element) == (
        "no element with id or code 'sub-5.03.02.2.02.0009' in cascade 'c'; "
        "did you mean 'sub-5.03.02.2.02.0001'?"
    )
    assert element.suggestions == ["sub-5.03.02.2.02.0001"]
    assert str(OwnerNotFound("kepla", {"Kepala": "kepala"})) == (
        "no owner with id 'kepla'; did you mean 'kepala'?"
    )


@pytest.mark.parametrize(
    ("typed", "forms"),
    [
        ("5.03.02.2.02.0001", ["5.03.02.2.02.0001", "5.03.02.2.02.01"]),
        ("5.03.02.2.02.01", ["5.03.02.2.02.01", "5.03.02.2.02.0001"]),
        (" 1.01.02.1.01.12 ", ["1.01.02.1.01.12", "1.01.02.1.01.0012"]),
        ("5.03.02.2.02.0123", ["5.03.02.2.02.0123"]),  # above 99: no two-digit form
        ("5.03.02.2.02", ["5.03.02.2.02"]),  # an activity
        ("5.03.02", ["5.03.02"]),  # a programme
        ("sub-5.03.02.2.02.0001", []),  # an id, not a code
        ("5.03.02.2.02.001", []),
        ("kepala", []),
    ],
)
def test_code_forms(typed, forms):
    assert code_forms(typed) == forms
