"""Checks, errors, the CLI's locale and the OpenAPI document in both languages (issue 22)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from pokin.api.main import create_app
from pokin.core.errors import CascadeValidationError, ElementNotFound, Problem, UnknownCheck
from pokin.core.i18n import command_line_locale, using
from pokin.core.settings import Settings
from pokin.graph.checks import CHECKS
from pokin.graph.models import Finding, NotApplicable
from pokin.graph.similarity import NEAR_DUPLICATE_THRESHOLD

UNSUPPORTED = {"level": "activity", "needs": "a lower result or a unit", "supported_by": ["x"]}
UNKNOWN_OWNER = {
    "title": "Kabid Disiplin",
    "alias_of": "kabid-peka",
    "alias_title": "Kabid PEKA",
    "owns": 2,
}


def _finding(check: str, detail: dict) -> Finding:
    return Finding(id="e", kind="target", level="activity", name="n", detail=detail).said_by(
        CHECKS[check].message
    )


def test_a_finding_says_its_message_in_the_current_locale():
    finding = _finding("unsupported_targets", UNSUPPORTED)
    with using("en"):
        assert finding.message == (
            "nothing supports this Activity result (Sasaran Kegiatan); it needs a lower result "
            "or a unit (supported only by x)"
        )
        assert finding.model_dump()["message"] == finding.message
    with using("id"):
        assert finding.message == (
            "tidak ada yang mendukung Sasaran Kegiatan ini; dibutuhkan sasaran yang lebih rendah "
            "atau suatu Program, Kegiatan, Sub Kegiatan (hanya didukung oleh x)"
        )
    owner = _finding("unknown_owners", UNKNOWN_OWNER)
    with using("en"):
        assert owner.message == (
            "'Kabid Disiplin' is not a known position; most likely kabid-peka (Kabid PEKA); "
            "owns 2 results"
        )
    with using("id"):
        assert owner.message == (
            "'Kabid Disiplin' bukan jabatan yang dikenal; kemungkinan besar kabid-peka "
            "(Kabid PEKA); memiliki 2 sasaran"
        )


def test_check_titles_and_explanations_follow_the_locale_and_hold_no_identifiers():
    info = CHECKS["orphans"].info()
    assert info.title == "Elements that do not reach the Goal"  # held as the msgid
    with using("id"):
        assert info.model_dump()["title"] == "Elemen yang tidak sampai ke Tujuan"
        assert info.model_dump()["name"] == "orphans"  # machine values stay
    with using("en"):
        assert info.model_dump()["title"] == "Elements that do not reach the Goal"
    for locale in ("id", "en"):
        with using(locale):
            for check in CHECKS.values():
                shown = check.info().model_dump()
                for text in (shown["title"], shown["explanation"]):
                    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), (check.name, text)
                    assert not re.search(r"\b[A-Z]+_[A-Z]+\b", text), (check.name, text)
                if locale == "id":
                    assert shown["title"] != check.title, check.name  # translated


def test_the_near_duplicate_explanation_states_the_threshold():
    assert f"{NEAR_DUPLICATE_THRESHOLD:.0%}" in CHECKS["near_duplicate_names"].explanation


def test_a_check_that_does_not_apply_says_so_in_the_locale():
    note = NotApplicable(cascade="sipd-1", lacks=["owners"])
    with using("en"):
        assert (
            note.message
            == "does not apply to sipd-1: its source does not carry owners (Pemilik Kinerja)"
        )
    with using("id"):
        assert note.message == "tidak berlaku untuk sipd-1: sumbernya tidak memuat Pemilik Kinerja"


def test_errors_with_data_are_said_in_the_locale():
    with using("en"):
        assert str(ElementNotFound("sub-x", ["sub-y"], cascade="c")) == (
            "no element with id or code 'sub-x' in cascade 'c'; did you mean 'sub-y'?"
        )
        assert str(UnknownCheck(["nope"], ["orphans"])) == (
            "unknown check: nope; the checks are: orphans"
        )
    with using("id"):
        assert str(ElementNotFound("sub-x", ["sub-y"], cascade="c")) == (
            "tidak ada elemen dengan id atau kode 'sub-x' dalam pohon kinerja 'c'; "
            "mungkin maksud Anda 'sub-y'?"
        )
        problems = [Problem("f.yaml", 1, "a", "b", "must be a number")] * 3
        assert CascadeValidationError(problems).summary == (
            "berkas ini bukan pohon kinerja yang sah (3 masalah)"
        )


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "C.UTF-8"}, "id"),
        ({"LANG": "C"}, "id"),
        ({"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"}, "id"),  # the first set decides: no choice
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"POKIN_LANG": "en", "LANG": "C.UTF-8"}, "en"),
        ({}, "id"),
    ],
)
def test_the_command_line_counts_c_and_posix_as_no_choice(environ, expected):
    assert command_line_locale(environ) == expected


def test_the_openapi_document_follows_the_request_language():
    client = TestClient(create_app(Settings()))
    indonesian = client.get("/openapi.json").json()
    english = client.get("/openapi.json", headers={"Accept-Language": "en"}).json()
    assert english["info"]["description"].startswith("The JSON API of pokin")
    assert indonesian["info"]["description"].startswith("API JSON pokin")
    assert indonesian["paths"].keys() == english["paths"].keys()  # paths and keys unchanged
    assert english["paths"]["/api/checks"]["get"]["summary"] == (
        "Run every alignment check of a cascade, or of a region"
    )
    assert indonesian["paths"]["/api/checks"]["get"]["summary"] == (
        "Jalankan semua pemeriksaan keselarasan suatu pohon kinerja atau suatu daerah"
    )
    tags = {t["name"]: t["description"] for t in indonesian["tags"]}
    assert tags["checks"] == "Pemeriksaan keselarasan dan temuannya."
    assert client.get("/openapi.json", params={"lang": "en"}).json() == english
    assert english["components"]["schemas"].keys() == indonesian["components"]["schemas"].keys()
