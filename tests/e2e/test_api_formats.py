"""``GET /api/cascades/{id}/export`` downloads and ``POST /api/cascades`` by content type."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
import yaml
from fastapi.testclient import TestClient
from pydantic import SecretStr

from pokin.api.main import create_app
from pokin.seed import SEED_FILE, load_cascade_file
from pokin.seed.formats import write_cascade

SEED_ID = "bkpsdm-pemalang-2025-2029"
KEY = "test-key-0123456789"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    ("fmt", "media", "suffix"),
    [
        ("xlsx", XLSX, ".xlsx"),
        ("matrix", XLSX, "-matrix.xlsx"),
        ("json", "application/json", ".json"),
        ("yaml", "application/yaml", ".yaml"),
        ("csv", "application/zip", ".zip"),
    ],
)
def test_export_downloads_a_file(seeded_client, fmt, media, suffix):
    response = seeded_client.get(f"/api/cascades/{SEED_ID}/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert response.headers["content-disposition"] == (f'attachment; filename="{SEED_ID}{suffix}"')
    if fmt in ("xlsx", "matrix"):
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        # the request's language: Indonesian by default, English when asked for
        assert book.sheetnames[0] == {"xlsx": "PETUNJUK", "matrix": "Matriks"}[fmt]
        english = seeded_client.get(  # by the header: ?lang= would leave a cookie behind
            f"/api/cascades/{SEED_ID}/export",
            params={"format": fmt},
            headers={"Accept-Language": "en"},
        )
        book = openpyxl.load_workbook(io.BytesIO(english.content), read_only=True)
        assert book.sheetnames[0] == {"xlsx": "README", "matrix": "Matrix"}[fmt]
    elif fmt == "json":
        assert json.loads(response.content)["cascade"]["id"] == SEED_ID
    elif fmt == "yaml":
        assert yaml.safe_load(response.content)["cascade"]["id"] == SEED_ID


def test_export_of_an_unknown_cascade_or_format(seeded_client):
    assert seeded_client.get("/api/cascades/nope/export").status_code == 404
    bad = seeded_client.get(f"/api/cascades/{SEED_ID}/export", params={"format": "pdf"})
    assert bad.status_code == 422


@pytest.fixture
def keyed_client(empty_db, settings):
    keyed = settings.model_copy(update={"pokin_api_key": SecretStr(KEY)})
    with TestClient(create_app(keyed)) as client:
        yield client


@pytest.mark.parametrize(
    ("fmt", "media"), [("xlsx", XLSX), ("json", "application/json"), ("csv", "application/zip")]
)
def test_upload_by_content_type(keyed_client, fmt, media):
    body = write_cascade(load_cascade_file(SEED_FILE), fmt)
    response = keyed_client.post(
        "/api/cascades", content=body, headers={"X-API-Key": KEY, "Content-Type": media}
    )
    assert response.status_code == 201, response.text
    assert response.json()["nodes"]["SubActivity"] == 55
    assert response.json()["cascades"] == [SEED_ID]


def test_upload_of_a_bad_workbook_names_the_cell(keyed_client):
    book = openpyxl.load_workbook(io.BytesIO(write_cascade(load_cascade_file(SEED_FILE), "xlsx")))
    book["Tujuan dan Sasaran"]["B3"] = "nowhere"  # the level of the first target (Indonesian)
    buf = io.BytesIO()
    book.save(buf)
    response = keyed_client.post(
        "/api/cascades", content=buf.getvalue(), headers={"X-API-Key": KEY, "Content-Type": XLSX}
    )
    assert response.status_code == 422
    problems = response.json()["problems"]
    # the column named as the Indonesian workbook heads it; the field stays the model's
    assert {(p["file"], p["field"]) for p in problems} >= {
        ("Lembar 'Tujuan dan Sasaran' baris 3, kolom 'Tingkat'", "level")
    }
    assert keyed_client.get("/api/cascades").json() == []


def test_upload_of_an_unknown_content_type_is_422(keyed_client):
    response = keyed_client.post(
        "/api/cascades", content=b"x", headers={"X-API-Key": KEY, "Content-Type": "image/png"}
    )
    assert response.status_code == 422


def test_home_page_has_an_export_menu(empty_db, settings):
    from pokin.graph.db import Db
    from pokin.graph.loader import load_cascade

    load_cascade(Db(empty_db, settings.neo4j_database), load_cascade_file(SEED_FILE))
    patient = settings.model_copy(update={"pokin_query_timeout": 120.0})  # a busy machine
    with TestClient(create_app(patient)) as client:
        page = client.get("/").text
    for fmt in ("xlsx", "matrix", "json", "yaml", "csv"):
        assert f'href="/api/cascades/{SEED_ID}/export?format={fmt}"' in page


def test_upload_of_a_sipd_csv_loads_one_cascade_per_agency(keyed_client):
    from tests.unit.test_formats_csv import SIPD

    response = keyed_client.post(
        "/api/cascades",
        content=SIPD.encode(),
        headers={"X-API-Key": KEY, "Content-Type": "text/csv; charset=utf-8"},
    )
    assert response.status_code == 201, response.text
    assert len(response.json()["cascades"]) == 2
    assert len(keyed_client.get("/api/cascades").json()) == 2
