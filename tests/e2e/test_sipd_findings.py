"""Findings that mean something on a planning-system export: the checks that need what such an
export cannot carry (Tujuan and Sasaran, owners, formulas, polarity) say once per cascade that
they do not apply, and the only findings left are the planted one (an indicator text repeated
under one sub-kegiatan with other targets and units)."""

from __future__ import annotations

import json

from pokin.graph.checks import CHECKS
from pokin.graph.db import Db
from pokin.graph.report import run_region_checks
from pokin.seed.formats.sipd import LACKS
from tests.conftest import run_pokin
from tests.e2e.cascade_builder import clean_cascade
from tests.sipd_builder import quirky_sipd_bytes

REGION = "kabupaten-contoh"
AGENCIES = ["sipd-101-2023", "sipd-102-2023"]
#: the checks that need what the export lacks
NOT_APPLICABLE = sorted(n for n, c in CHECKS.items() if c.needs & set(LACKS))


def _load_export(tmp_path, settings) -> None:
    path = tmp_path / "kabupaten-contoh.xlsx"
    path.write_bytes(quirky_sipd_bytes())
    result = run_pokin(settings, "load", path, "--region", REGION)
    assert result.exit_code == 0, result.output


def test_only_the_planted_finding_and_one_note_per_cascade(tmp_path, empty_db, settings):
    _load_export(tmp_path, settings)
    result = run_pokin(settings, "check", "--region", REGION, "--json")
    assert result.exit_code == 0, result.output  # no error: nothing broken is reported
    report = json.loads(result.output)
    findings = {
        c["name"]: [f"{f['cascade']}:{f['id']}" for f in c["findings"]]
        for c in report["checks"]
        if c["findings"]
    }
    assert findings == {"repeated_indicators": ["sipd-101-2023:st-101-1.01.02.1.01.01"]}
    repeated = next(c for c in report["checks"] if c["name"] == "repeated_indicators")
    detail = repeated["findings"][0]["detail"]
    assert detail["indicator"] == "Jumlah Sekolah Baru yang Telah Dibangun"
    assert [(i["target_value"], i["unit"]) for i in detail["indicators"]] == [
        (5, "unit"), (100, "%"), (0, "Unit"), (1, "unit")
    ]  # fmt: skip
    notes = {c["name"]: c["not_applicable"] for c in report["checks"] if c["not_applicable"]}
    assert sorted(notes) == NOT_APPLICABLE
    for name, per_cascade in notes.items():
        assert [n["cascade"] for n in per_cascade] == AGENCIES
        assert all(set(n["lacks"]) == CHECKS[name].needs for n in per_cascade)
    assert report["summary"]["not_applicable"] == len(NOT_APPLICABLE) * len(AGENCIES)

    text = run_pokin(settings, "check", "--region", REGION).output
    assert (
        "[n/a] orphans: does not apply to 2 cascade(s) whose source does not carry Tujuan or "
        f"Sasaran above its units: "
        f"{', '.join(AGENCIES)}" in text.splitlines()
    )


def test_a_cascade_carrying_everything_is_checked_in_full_beside_them(tmp_path, empty_db, settings):
    _load_export(tmp_path, settings)
    builder = clean_cascade("contoh-lengkap")
    builder.data["cascade"]["region"] = REGION
    builder.element("st-a1a")["owners"] = []  # one defect a SIPD export could not show
    builder.load(empty_db, settings.neo4j_database)
    report = run_region_checks(Db(empty_db, settings.neo4j_database), REGION)
    by_name = {c.name: c for c in report.checks}
    assert [f.id for f in by_name["results_without_owner"].findings] == ["st-a1a"]
    assert [n.cascade for n in by_name["results_without_owner"].not_applicable] == AGENCIES
    # the clean cascade's own Tujuan supports no RPJMD Sasaran: found there, n/a on the others
    assert [f.cascade for f in by_name["goals_without_rpjmd"].findings] == ["contoh-lengkap"]
    assert [n.cascade for n in by_name["goals_without_rpjmd"].not_applicable] == AGENCIES


def test_the_check_page_says_it_does_not_apply(tmp_path, empty_db, settings):
    from fastapi.testclient import TestClient

    from pokin.api.main import create_app

    _load_export(tmp_path, settings)
    with TestClient(create_app(settings)) as client:
        page = client.get("/checks/orphans", params={"cascade": AGENCIES[0], "lang": "en"})
        assert page.status_code == 200
        assert "does not apply to sipd-101-2023: its source does not carry Tujuan" in page.text
        assert "Tidak ada temuan: pemeriksaan ini lolos." not in page.text
        home = client.get("/", params={"cascade": AGENCIES[0]})
        agency_checks = [n for n in NOT_APPLICABLE if CHECKS[n].scope == "cascade"]
        assert home.text.count("data-not-applicable") == len(agency_checks)
