"""SIPD-style flat exports: many agencies in one file load as one cascade each."""

from __future__ import annotations

import pytest

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.seed import CascadeValidationError
from pokin.seed.formats import read_bytes
from tests.sipd_builder import agency_rows, sipd_bytes


def test_several_agencies_load_as_that_many_cascades(empty_db, settings):
    a1 = agency_rows(1, 2, 2, 3, 2)  # 2 programmes, 4 activities, 12 subs, 24 indicators
    a2 = agency_rows(2, 1, 3, 2, 1)  # 1 programme, 3 activities, 6 subs, 6 indicators
    a3 = agency_rows(3, 3, 1, 1, 3)  # 3 programmes, 3 activities, 3 subs, 9 indicators
    rows = a1 + a2[:3] + a1[:5] + a2[3:] + a3 + a3[-2:]  # agencies mixed, rows repeated
    rows[1] = list(rows[1])
    rows[1][6] = None  # a kegiatan name missing in one row: named in the others
    data = sipd_bytes(rows)
    cascades = read_bytes(data, "sipd-2026.xlsx")  # told a SIPD export by its columns
    assert [c.cascade.id for c in cascades] == [
        "sipd-1.01.0.00.0.00.01.0000-2026",
        "sipd-1.02.0.00.0.00.02.0000-2026",
        "sipd-1.03.0.00.0.00.03.0000-2026",
    ]
    expected = [(2, 4, 12, 24), (1, 3, 6, 6), (3, 3, 3, 9)]
    db = Db(empty_db, settings.neo4j_database)
    for cascade, (p, k, s, i) in zip(cascades, expected, strict=True):
        report = load_cascade(db, cascade, source_text=data)
        assert (
            report.nodes["Programme"],
            report.nodes["Activity"],
            report.nodes["SubActivity"],
            report.nodes["Indicator"],
        ) == (p, k, s, i)
        assert report.relationships["PART_OF"] == k + s
    first = cascades[0]
    assert first.activities[0].name == "Kegiatan Contoh 1.1"
    assert first.sub_activities[0].code == "1.01.01.2.01.0001"
    assert first.targets[0].indicators[0].target_value == 1.5
    assert first.targets[0].indicators[0].unit == "dokumen"


def test_a_bad_sipd_row_names_its_cell(english):
    rows = agency_rows(1, 1, 1, 2, 1)
    rows[1] = list(rows[1])
    rows[1][10] = "#REF!"
    with pytest.raises(CascadeValidationError) as err:
        read_bytes(sipd_bytes(rows), "sipd.xlsx", "sipd")
    assert str(err.value) == (
        "Sheet 'Export SIPD' row 3, column 'target': an Excel error value #REF! (a broken formula)"
    )
    rows[1][10] = "banyak"
    with pytest.raises(CascadeValidationError) as err:
        read_bytes(sipd_bytes(rows), "sipd.xlsx", "sipd")
    assert "Sheet 'Export SIPD' row 3, column 'target'" in str(err.value)
    rows[1][7] = "1.01.01.2.01.A"  # not a sub-activity code
    rows[1][10] = 1
    with pytest.raises(CascadeValidationError) as err:
        read_bytes(sipd_bytes(rows), "sipd.xlsx", "sipd")
    assert "Sheet 'Export SIPD' row 3, column 'sub_kegiatan_kode'" in str(err.value)
