"""The quarterly realisation file (``pokin load-realisation``, ``POST /api/cascades/{C}/
realisation``): a Q1 then a Q2 file change only realisation (the structure's fingerprint before
and after is equal); each kind of error names the file, row and column and leaves the graph
unchanged; decimal commas read."""

from __future__ import annotations

import io

import openpyxl
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from pokin.api.main import create_app
from pokin.core.errors import CascadeNotFound, CascadeValidationError, Invalid
from pokin.core.i18n import using
from pokin.graph.db import Db
from pokin.graph.realisation import load_realisation
from tests.e2e.cascade_builder import clean_cascade
from tests.e2e.test_export_lossless import fingerprint

REALISED = {"realisation", "realisation_rp"}
KEY = "test-key-0123456789"


def _cascade():
    b = clean_cascade("realisasi-contoh")
    ind = b.element("ind-st-a1a")
    ind["targets"] = [{"year": 2025, "value": 100.0}, {"year": 2026, "value": 110.0}]
    b.element("sub-a1a")["budget"] = [{"year": 2025, "pagu": 1000000.0}]
    return b


@pytest.fixture(autouse=True)
def english():
    """The messages asserted below are the English ones."""
    with using("en"):
        yield


@pytest.fixture
def loaded(empty_db, settings):
    _cascade().load(empty_db, settings.neo4j_database)
    return Db(empty_db, settings.neo4j_database)


def structure(driver, database):
    """The fingerprint of the whole graph with every realisation left out: Measurement nodes
    without their realisation properties, those holding nothing else (and their links) gone."""
    nodes, links = fingerprint(driver, database)
    kept_nodes, dropped = type(nodes)(), 0
    for (labels, props), n in nodes.items():
        if labels == ("Measurement",):
            props = tuple(p for p in props if p[0] not in REALISED)
            if not {k for k, _ in props} - {"cascade", "of", "year", "quarter"}:
                dropped += n
                continue
        kept_nodes[(labels, props)] += n
    kept_links = type(links)({k: n for k, n in links.items() if k[2] != "HAS_MEASUREMENT"})
    measured = sum(n for k, n in links.items() if k[2] == "HAS_MEASUREMENT")
    return kept_nodes, kept_links, measured - dropped


def realisation(driver, database) -> dict:
    rows, _, _ = driver.execute_query(
        "MATCH (e:Element)-[:HAS_MEASUREMENT]->(m:Measurement) "
        "WHERE m.realisation IS NOT NULL OR m.realisation_rp IS NOT NULL "
        "RETURN e.id AS of, m.year AS year, m.quarter AS q, m.realisation AS k, "
        "m.realisation_rp AS rp",
        database_=database,
    )
    return {(r["of"], r["year"], r["q"]): (r["k"], r["rp"]) for r in rows}


def test_q1_then_q2_change_only_realisation(loaded, empty_db, settings):
    db_name = settings.neo4j_database
    before = structure(empty_db, db_name)
    q1 = b"indicator;value;rp\nind-st-a1a;20,5;\nind-st-a2a;0,75;\nsub-a1a;;250.000,5\n"
    report = load_realisation(loaded, "realisasi-contoh", q1, "q1.csv", year=2025, quarter=1)
    assert (report.indicators, report.units) == (2, 1)
    q2 = b"indicator,value\nind-st-a1a,45\n5.03.02.2.01.0001,\nind-st-a2a,0.8\n"
    with pytest.raises(CascadeValidationError, match="no value"):
        load_realisation(loaded, "realisasi-contoh", q2, "q2.csv", year=2025, quarter=2)
    q2 = b"indicator,value\nind-st-a1a,45\nind-st-a2a,0.8\n"
    load_realisation(loaded, "realisasi-contoh", q2, "q2.csv", year=2025, quarter=2)
    assert structure(empty_db, db_name) == before
    assert realisation(empty_db, db_name) == {
        ("ind-st-a1a", 2025, 1): (20.5, None),
        ("ind-st-a2a", 2025, 1): (0.75, None),
        ("sub-a1a", 2025, 1): (None, 250000.5),
        ("ind-st-a1a", 2025, 2): (45.0, None),
        ("ind-st-a2a", 2025, 2): (0.8, None),
    }
    # a unit named by its nomenclature code; a second Q1 file corrects a value, keeps the rest
    again = b"kode;rp\n5.03.02.2.01.0001;260.000,00\n"
    load_realisation(loaded, "realisasi-contoh", again, "q1b.csv", year=2025, quarter=1)
    assert realisation(empty_db, db_name)[("sub-a1a", 2025, 1)] == (None, 260000.0)
    assert structure(empty_db, db_name) == before


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "year", "quarter", "error", "message"),
    [
        (
            b"indicator,value\nind-st-a1a,20\nind-st-a1x,3\n",
            2025,
            1,
            CascadeValidationError,
            "Sheet 'q.csv' row 3, column 'indicator': no indicator or unit 'ind-st-a1x' in "
            "cascade realisasi-contoh; did you mean 'ind-st-a1a'",
        ),
        (
            b"indicator;value\nind-st-a1a;dua puluh\n",
            2025,
            1,
            CascadeValidationError,
            "Sheet 'q.csv' row 2, column 'value': not a number (got 'dua puluh')",
        ),
        (b"indicator,value\nind-st-a1a,20\n", 2025, 5, Invalid, "q.csv: quarter 5 is outside 1-4"),
        (
            b"indicator,value\nind-st-a1a,20\n",
            2031,
            1,
            Invalid,
            "q.csv: year 2031 is outside the period 2025-2029 of realisasi-contoh",
        ),
        (
            b"indikator,nilai\nind-st-a1a,20\nind-st-a1a,21\n",
            2025,
            1,
            CascadeValidationError,
            "Sheet 'q.csv' row 3, column 'indicator': ind-st-a1a is given twice (also row 2)",
        ),
        (
            b"indicator,value\nsub-a1a,20\n",
            2025,
            1,
            CascadeValidationError,
            "Sheet 'q.csv' row 2, column 'value': sub-a1a is a unit",
        ),
        (
            b"name,amount\nind-st-a1a,20\n",
            2025,
            1,
            CascadeValidationError,
            "Sheet 'q.csv' row 1, column 'indicator': required column missing",
        ),
    ],
    ids=["unknown", "non-numeric", "quarter", "year", "twice", "unit-value", "no-header"],
)
def test_each_error_names_the_place_and_leaves_the_graph_unchanged(
    loaded, empty_db, settings, data, year, quarter, error, message
):
    first = b"indicator,value\nind-st-a2a,1\n"
    load_realisation(loaded, "realisasi-contoh", first, "q0.csv", year=2025, quarter=1)
    before = fingerprint(empty_db, settings.neo4j_database)
    with pytest.raises(error) as caught:
        load_realisation(loaded, "realisasi-contoh", data, "q.csv", year=year, quarter=quarter)
    assert message in str(caught.value)
    assert fingerprint(empty_db, settings.neo4j_database) == before


def test_an_xlsx_file_with_decimal_commas_and_an_unknown_cascade(loaded, empty_db, settings):
    data = _xlsx([["Indikator", "Realisasi K", "Realisasi Rp"], ["ind-st-a1a", "0,75", 1500.0]])
    load_realisation(loaded, "realisasi-contoh", data, "q3.xlsx", year=2026, quarter=3)
    assert realisation(empty_db, settings.neo4j_database) == {
        ("ind-st-a1a", 2026, 3): (0.75, 1500.0)
    }
    bad = _xlsx([["indicator", "value"], ["ind-st-a1a", "x"]])
    with pytest.raises(
        CascadeValidationError, match=r"Sheet 'q3.xlsx!Sheet' row 2, column 'value'"
    ):
        load_realisation(loaded, "realisasi-contoh", bad, "q3.xlsx", year=2026, quarter=3)
    with pytest.raises(CascadeNotFound, match="did you mean"):
        load_realisation(loaded, "realisasi-contoh-x", data, "q3.xlsx", year=2026, quarter=3)


def test_the_command_and_the_api_route(loaded, empty_db, settings, cli_env, tmp_path):
    from pokin.cli import app

    path = tmp_path / "tw2.csv"
    path.write_bytes(b"indicator;value\nind-st-a1a;55,5\n")
    args = ["load-realisation", str(path), "--cascade", "realisasi-contoh"]
    result = cli_env.invoke(app, [*args, "--year", "2025", "--quarter", "2"])
    assert result.exit_code == 0, result.output
    assert "realisation of 2025 quarter 2 written for 1 indicator(s)" in result.output
    result = cli_env.invoke(app, [*args, "--year", "2025", "--quarter", "0"])
    assert result.exit_code == 2
    assert "tw2.csv: quarter 0 is outside 1-4" in result.output
    keyed = settings.model_copy(update={"pokin_api_key": SecretStr(KEY)})
    with TestClient(create_app(keyed)) as client:
        url = "/api/cascades/realisasi-contoh/realisation"
        body = b"indicator,value\nind-st-a1a,60\n"
        assert (
            client.post(url, params={"year": 2025, "quarter": 3}, content=body).status_code == 401
        )
        ok = client.post(
            url, params={"year": 2025, "quarter": 3}, content=body, headers={"X-API-Key": KEY}
        )
        assert ok.status_code == 201, ok.text
        assert ok.json() == {
            "cascade": "realisasi-contoh",
            "year": 2025,
            "quarter": 3,
            "indicators": 1,
            "units": 0,
        }
        bad = client.post(
            url,
            params={"year": 2025, "quarter": 3},
            content=b"indicator,value\nind-nope,1\n",
            headers={"X-API-Key": KEY},
        )
        assert bad.status_code == 422
    assert realisation(empty_db, settings.neo4j_database) == {
        ("ind-st-a1a", 2025, 2): (55.5, None),
        ("ind-st-a1a", 2025, 3): (60.0, None),
    }


def test_a_planning_system_export_with_its_quirks(loaded, empty_db, settings):
    """NULL cells, a spacer row, Indonesian separators, a percent sign and a sub-activity code
    in its two-digit form (stored with four) are read; the structure is untouched."""
    db_name = settings.neo4j_database
    before = structure(empty_db, db_name)
    quirky = (
        b"indikator;nilai;rp\n"
        b"ind-st-a1a;1.234,56;NULL\n"
        b" ; ; \n"
        b"ind-st-a2a;75,5 %;\n"
        b"5.03.02.2.01.01;NULL;2.500.000,00\n"
    )
    report = load_realisation(loaded, "realisasi-contoh", quirky, "q3.csv", year=2025, quarter=3)
    assert (report.indicators, report.units) == (2, 1)
    assert realisation(empty_db, db_name) == {
        ("ind-st-a1a", 2025, 3): (1234.56, None),
        ("ind-st-a2a", 2025, 3): (75.5, None),
        ("sub-a1a", 2025, 3): (None, 2_500_000.0),
    }
    assert structure(empty_db, db_name) == before
