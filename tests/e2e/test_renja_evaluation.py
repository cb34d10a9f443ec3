"""A Renja evaluation table loads as delivered through ``pokin load`` (issue 23): the stored
cascade holds its structure, targets and quarterly realisation, and the import report written
beside it accounts for every row and names the planted disagreement."""

from __future__ import annotations

import json

from pokin.graph.db import Db
from pokin.graph.export import read_stored_cascade
from pokin.seed.generate_renja import generate_renja
from tests.conftest import run_pokin

CASCADE = "renja-dinas-komunikasi-dan-informatika-2026"


def test_pokin_load_stores_the_table_and_reports_every_row(tmp_path, empty_db, settings):
    table = generate_renja(plant_disagreement=True)
    path, out = tmp_path / "evaluasi-renja-contoh.xlsx", tmp_path / "report.json"
    path.write_bytes(table.data)
    result = run_pokin(settings, "load", path, "--report", out)
    assert result.exit_code == 0, result.output
    assert "14 kept" in result.output and "1 finding" in result.output

    stored = read_stored_cascade(Db(empty_db, settings.neo4j_database), CASCADE)
    assert len(stored.all_goals) == 2
    assert (len(stored.programmes), len(stored.activities), len(stored.sub_activities)) == (
        3, 4, 7,
    )  # fmt: skip
    by_name = {t.name: t for t in stored.targets}
    ind = by_name["Monitoring Opini dan Aspirasi Publik"].indicators[0]
    assert (ind.unit, ind.target_value) == ("Laporan", 60.0)
    assert [(t.year, t.value) for t in ind.targets] == [(2026, 12.0)]
    # quarters III and IV were not reported: absent, not zero
    assert [(r.quarter, r.value) for r in ind.realisation] == [(1, 3.0), (2, 3.0)]
    two = by_name["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"].indicators
    assert [i.name for i in two] == [
        "Nilai LHE AKIP Dinas Contoh",
        "Indeks Kepuasan Layanan Internal Dinas Contoh",
    ]
    unit = next(
        s for s in stored.sub_activities if s.name == "Monitoring Opini dan Aspirasi Publik"
    )
    assert sorted((b.quarter or 0, b.pagu, b.realisation) for b in unit.budget) == [
        (0, 200_000_000, None), (1, None, 40_000_000), (2, None, 50_000_000),
    ]  # fmt: skip

    report = json.loads(out.read_text())
    rows_in = sum(1 for kind in table.kinds.values() if kind != "blank")
    outcomes = [r["outcome"] for r in report["rows"]]
    kept = outcomes.count("kept")
    assert kept == len(table.elements) == 14
    assert outcomes.count("merged") == 1  # the row holding only a further indicator
    assert len(report["rows"]) == rows_in == kept + 1 + outcomes.count("skipped")
    (finding,) = report["findings"]
    row, told, computed = table.planted
    assert (finding["row"], finding["column"], finding["table"]) == (row, "15 K", told)
    assert abs(finding["computed"] - computed) < 0.01


def test_pokin_load_into_a_loaded_cascade_changes_only_its_measurement(
    tmp_path, empty_db, settings
):
    from pokin.core.i18n import using
    from pokin.graph.loader import load_cascade
    from pokin.seed.formats import read_bytes
    from tests.unit.test_renja_evaluation import stored_without_measurement

    table = generate_renja()
    with using("en"):
        (read,) = read_bytes(table.data, "t.xlsx")
    stored = stored_without_measurement(read)
    db = Db(empty_db, settings.neo4j_database)
    load_cascade(db, stored)
    before = read_stored_cascade(db, "renstra-contoh")
    path, out = tmp_path / "evaluasi-renja-contoh.xlsx", tmp_path / "report.json"
    path.write_bytes(table.data)
    result = run_pokin(settings, "load", path, "--into", "renstra-contoh", "--report", out)
    assert result.exit_code == 0, result.output

    after = read_stored_cascade(db, "renstra-contoh")
    structure = ("targets", "realisation", "budget")
    assert after != before
    strip = lambda c: c.model_dump_json(exclude_defaults=True)  # noqa: E731
    assert strip(_without(after, structure)) == strip(_without(before, structure))
    ind = next(
        i for t in after.targets if t.name == "Monitoring Opini dan Aspirasi Publik"
        for i in t.indicators
    )  # fmt: skip
    assert [(r.quarter, r.value) for r in ind.realisation] == [(1, 3.0), (2, 3.0)]
    report = json.loads(out.read_text())
    matched = [r["matched"] for r in report["rows"] if r["level"]]
    assert (matched.count("code"), matched.count("name"), matched.count("none")) == (1, 12, 1)
    assert run_pokin(settings, "load", path, "--into", "no-such-cascade").exit_code != 0


def _without(cascade, fields):
    """The cascade with the measurement lists emptied: its structure."""
    from pokin.seed import parse_cascade

    data = json.loads(cascade.model_dump_json(exclude_defaults=True))
    for section in ("targets", "programmes", "activities", "sub_activities"):
        for holder in data.get(section, []):
            for f in fields:
                holder.pop(f, None)
            for ind in holder.get("indicators", []):
                for f in fields:
                    ind.pop(f, None)
    return parse_cascade(data, "structure")


def test_the_api_loads_a_table_and_one_onto_a_stored_cascade(empty_db, settings):
    from fastapi.testclient import TestClient
    from pydantic import SecretStr

    from pokin.api.main import create_app

    key = "test-key-0123456789"
    keyed = settings.model_copy(update={"pokin_api_key": SecretStr(key)})
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    headers = {"X-API-Key": key, "Content-Type": xlsx}
    table = generate_renja(plant_disagreement=True)
    with TestClient(create_app(keyed)) as client:
        first = client.post("/api/cascades", content=table.data, headers=headers)
        assert first.status_code == 201, first.text
        body = first.json()
        assert body["cascade"] == CASCADE
        assert len(body["import_report"]["findings"]) == 1
        # the same table again onto the stored cascade: every element row matched by name
        # (or its code), the structure kept
        again = client.post(
            "/api/cascades", params={"into": CASCADE}, content=table.data, headers=headers
        )
        assert again.status_code == 201, again.text
        rows = [r for r in again.json()["import_report"]["rows"] if r["level"]]
        assert {r["matched"] for r in rows} == {"code", "name"}
        assert sum(r["matched"] == "code" for r in rows) == 1
        unknown = client.post(
            "/api/cascades", params={"into": "no-such"}, content=table.data, headers=headers
        )
        assert unknown.status_code == 404, unknown.text
