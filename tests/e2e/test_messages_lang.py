"""Messages in the request's language (issue 22): a report cached while serving Indonesian
answers English to an English request, the JSON 404 says its message in both languages, and
``pokin check`` speaks Indonesian by default and English with ``POKIN_LANG=en``."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pokin.cli import app
from pokin.core.i18n import using
from pokin.core.settings import get_settings
from pokin.graph.report import run_checks_cached
from tests.conftest import pokin_env

SEED_ID = "bkpsdm-pemalang-2025-2029"
EN = {"Accept-Language": "en"}


def _messages(report) -> list[str]:
    return [f["message"] for c in report["checks"] for f in c["findings"]]


def test_a_report_cached_in_indonesian_gives_english_to_an_english_request(seeded_client):
    db = seeded_client.app.state.db
    with using("id"):
        report = run_checks_cached(db, SEED_ID)
        indonesian = report.model_dump(mode="json")
    assert run_checks_cached(db, SEED_ID) is report  # filed: the same report serves both
    with using("en"):
        english = report.model_dump(mode="json")
    unknown = {c["name"]: c for c in english["checks"]}["unknown_owners"]
    assert unknown["title"] == "Owners outside the organisation chart"
    assert "is not a known position" in unknown["findings"][0]["message"]
    unknown_id = {c["name"]: c for c in indonesian["checks"]}["unknown_owners"]
    assert unknown_id["title"] == "Pemilik Kinerja di luar struktur organisasi"
    assert "bukan jabatan yang dikenal" in unknown_id["findings"][0]["message"]
    # the machine values and the findings are the same; only the texts differ
    machine = [
        (c["name"], c["severity"], [f["id"] for f in c["findings"]]) for c in english["checks"]
    ]
    assert machine == [
        (c["name"], c["severity"], [f["id"] for f in c["findings"]]) for c in indonesian["checks"]
    ]
    assert len(_messages(english)) == len(_messages(indonesian)) > 0
    assert all(a != b for a, b in zip(_messages(english), _messages(indonesian), strict=True))

    # a page drawn from that cached report, in each language
    page = "/graph/checks/unknown_owners"
    assert "is not a known position" in seeded_client.get(page, params={"lang": "en"}).text
    shown = seeded_client.get(page, params={"lang": "id"}).text
    assert "bukan jabatan yang dikenal" in shown and "is not a known position" not in shown
    seeded_client.cookies.clear()  # ?lang= kept the choice in a cookie


def test_the_json_404_says_its_message_in_the_request_language(seeded_client):
    seeded_client.cookies.clear()  # no choice kept from another test: the header decides
    path = "/api/cascades/bkpsdm-pemalang/elements/tujuan"
    english = seeded_client.get(path, headers=EN)
    indonesian = seeded_client.get(path)
    assert english.status_code == indonesian.status_code == 404
    assert english.json()["detail"] == (
        f"no cascade named 'bkpsdm-pemalang'; did you mean {SEED_ID!r}?"
    )
    assert indonesian.json()["detail"] == (
        f"tidak ada pohon kinerja bernama 'bkpsdm-pemalang'; mungkin maksud Anda {SEED_ID!r}?"
    )
    assert english.json().keys() == indonesian.json().keys() == {"detail"}


def _check(settings, *args: str, **env: str | None):
    """``pokin check ARGS`` on the test database, in the language ``env`` makes."""
    base = {**pokin_env(settings), "POKIN_LANG": None, "LC_ALL": None, "LC_MESSAGES": None}
    get_settings.cache_clear()  # the settings are read from this environment
    try:
        return CliRunner().invoke(app, ["check", *args], env={**base, **env})
    finally:
        get_settings.cache_clear()


def test_pokin_check_speaks_indonesian_by_default_and_english_on_request(seeded_db, settings):
    default = _check(settings, LANG="C.UTF-8")  # C is no choice: Indonesian
    english = _check(settings, POKIN_LANG="en", LANG="C.UTF-8")
    by_lang = _check(settings, LANG="en_US.UTF-8")
    assert default.exit_code == english.exit_code == by_lang.exit_code == 0, default.output
    assert default.output.startswith(f"Laporan keselarasan {SEED_ID}: ")
    for word in ("pemeriksaan", "temuan", "bukan jabatan yang dikenal", "Pemilik Kinerja"):
        assert word in default.output, word
    assert "Alignment report" not in default.output and "finding(s)" not in default.output
    assert english.output.startswith(f"Alignment report of {SEED_ID}: ")
    assert "is not a known position" in english.output and "temuan" not in english.output
    assert by_lang.output == english.output
    # the same findings: every id the table names, in both languages
    ids = {line.split()[0] for line in english.output.splitlines() if line.startswith("  ind-")}
    assert ids and ids == {
        line.split()[0] for line in default.output.splitlines() if line.startswith("  ind-")
    }


def test_pokin_check_json_keeps_its_keys_and_says_its_messages_in_the_language(seeded_db, settings):
    default = json.loads(_check(settings, "--json", LANG="C.UTF-8").output)
    english = json.loads(_check(settings, "--json", POKIN_LANG="en").output)
    assert default.keys() == english.keys()
    assert [c["name"] for c in default["checks"]] == [c["name"] for c in english["checks"]]
    assert default["summary"] == english["summary"]
    assert _messages(default) != _messages(english)
