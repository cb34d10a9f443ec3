"""A cascade that sets every optional field of every seed model, for the tests of the lossless
formats and the export (``tests/e2e/test_export_lossless.py`` checks that it does)."""

from __future__ import annotations

from typing import Any

from pokin.seed.generate_region import RPJMD_ID, agency_id
from tests.e2e.cascade_builder import full_indicator

FULL_ID = "kota-lengkap-2025-2029"


def _indicator(iid: str, name: str, **extra: Any) -> dict[str, Any]:
    """``full_indicator`` (every field of the model set) with this cascade's texts."""
    own = {
        "name": name,
        "raw": f"{name} (progress positif)",
        "formula": "Jumlah yang tercapai dibagi jumlah sasaran",
        "formula_raw": "Jumlah yang  tercapai dibagi jumlah sasaran",
        "formula_truncated": False,
        "polarity": "positive",
        "tags": ["progress"],
    }
    return full_indicator(iid, **{**own, **extra})


def full_cascade() -> dict[str, Any]:
    """A cascade that sets every optional field of every model (checked below), with texts a
    spreadsheet could take for something else (a leading '=', commas, semicolons, line
    breaks), a reference to the region's RPJMD, one to an agency, one to nothing loaded, and a
    link written to its own cascade as ``cascade-id:element-id``."""
    return {
        "cascade": {
            "id": FULL_ID,
            "kind": "agency",
            "region": "kota-lengkap",
            "region_name": "Kota Lengkap",
            "agency": "Dinas Lengkap, Kota Lengkap",
            "title": "Pohon Kinerja Dinas Lengkap 2025-2029",
            "period": {"start": 2025, "end": 2029},
            "source": "tests/e2e/test_export_lossless.py",
            "synthetic": True,
            "note": "Catatan cascade; dua baris\nbaris kedua: ditulis apa adanya",
            "lacks": ["formulas", "polarity"],
        },
        "owners": [
            {"id": "kepala", "title": "Kepala Dinas", "known_position": True},
            {
                "id": "kabid",
                "title": "Kabid Perencanaan",
                "reports_to": "kepala",
                "known_position": True,
                "note": "=bukan rumus",
            },
            {
                "id": "pj-tak-dikenal",
                "title": "Penanggung Jawab (tak dikenal)",
                "reports_to": "kepala",
                "known_position": False,
                "alias_of": "kabid",
                "note": "judul ditulis berbeda",
            },
        ],
        "goal": {
            "id": "tujuan-lengkap",
            "name": "Terwujudnya Pelayanan yang Lengkap",
            "owners": ["kepala"],
            "indicators": [
                _indicator(
                    "ind-tujuan-lengkap",
                    "Indeks Kepuasan Masyarakat",
                    name_truncated=True,
                    unit="indeks",
                    target_value=82.5,
                    note="target lima tahun",
                    polarity="stabilise",
                )
            ],
            "supports": [
                {
                    "to": f"{RPJMD_ID}:ss-rpjmd-1",
                    "basis": "rpjmd_alignment",
                    "status": "agreed",
                    "note": "selaras dengan RPJMD",
                }
            ],
            "note": "Tujuan dengan catatan",
        },
        "targets": [
            {
                "id": "ss-lengkap",
                "level": "strategic",
                "name": "Meningkatnya Mutu Layanan, Terpadu",
                "name_truncated": True,
                "owners": ["kepala", "kabid"],
                "indicators": [
                    _indicator(
                        "ind-ss-lengkap-a",
                        "Persentase keluhan",
                        formula=None,
                        formula_raw=None,
                        polarity="negative",
                        tags=["cumulative", "recurring"],
                        unit="%",
                        target_value=100.0,
                        aggregation="cumulative",
                        negative_formula="2t_minus_r",
                        cap=None,
                        targets=[{"year": y, "value": 10.0 - y % 5} for y in range(2025, 2030)],
                        realisation=[
                            {"year": 2025, "quarter": q, "value": 2.5 * q, "rp": 1e6 * q}
                            for q in (1, 2, 3, 4)
                        ],
                    ),
                    _indicator(
                        "ind-ss-lengkap-b",
                        "Jumlah layanan terpadu",
                        formula="Jumlah layanan yang terpotong",
                        formula_raw="Jumlah layanan yang terpotong",
                        formula_truncated=True,
                        polarity=None,
                        tags=[],
                        aggregation="maximum",
                        targets=[],
                        realisation=[],
                    ),
                ],
                "supports": [
                    {"to": "tujuan-lengkap", "basis": "source_layout", "note": "J1"},
                    {
                        "to": f"{agency_id(0)}:at-syn0-0-0-0",
                        "basis": "crosscutting_agreement",
                        "status": "proposed",
                        "note": "usulan lintas perangkat daerah",
                        "weight": 0.5,
                    },
                    {"to": "kota-hilang-2025-2029:ss-x", "basis": "crosscutting_agreement"},
                ],
                "note": "Sasaran strategis",
            },
            {
                "id": "pt-lengkap",
                "level": "programme",
                "name": "Terkelolanya Program Lengkap",
                "owners": ["kabid", "pj-tak-dikenal"],
                "indicators": [],
                "supports": [
                    {
                        "to": "ss-lengkap",
                        "basis": "subject_and_owner",
                        "status": "agreed",
                        "weight": 2.5,
                    }
                ],
            },
            {
                "id": "at-lengkap",
                "level": "activity",
                "name": "Terlaksananya Kegiatan Lengkap",
                "owners": [],
                "indicators": [],
                "supports": [{"to": "pt-lengkap", "basis": "merged_cell"}],
            },
            {
                "id": "st-lengkap",
                "level": "sub_activity",
                "name": "Tersedianya Dokumen Lengkap",
                "owners": ["pj-tak-dikenal"],
                "indicators": [],
                "supports": [
                    {"to": "at-lengkap", "basis": "page_break_continuation"},
                    {"to": f"{FULL_ID}:ss-lengkap", "basis": "subject_and_owner"},
                ],
            },
        ],
        "programmes": [
            {
                "id": "prog-1.01.01",
                "code": "1.01.01",
                "name": "PROGRAM LENGKAP",
                "name_truncated": True,
                "delivers": [{"to": "pt-lengkap", "basis": "source_layout", "note": "kotak"}],
                "note": "program",
                "budget": [
                    {"year": 2025, "pagu": 1500000000.0, "realisation": 1350000000.5},
                    {"year": 2026, "pagu": 1600000000.0},
                ],
            }
        ],
        "activities": [
            {
                "id": "keg-1.01.01.2.01",
                "code": "1.01.01.2.01",
                "name": "Kegiatan Lengkap",
                "name_truncated": True,
                "part_of": {"to": "prog-1.01.01", "basis": "nomenclature", "note": "kode"},
                "delivers": [{"to": "at-lengkap", "basis": "source_layout"}],
                "note": "kegiatan",
                "budget": [{"year": 2025, "pagu": 400000000.0}],
            },
            {
                "id": "keg-tanpa-kode",
                "code": None,
                "name": "Kegiatan Tanpa Kode",
                "part_of": None,
                "delivers": [],
            },
        ],
        "sub_activities": [
            {
                "id": "sub-1.01.01.2.01.0001",
                "code": "1.01.01.2.01.0001",
                "name": "Sub Kegiatan Lengkap",
                "name_truncated": True,
                "part_of": {"to": "keg-1.01.01.2.01", "basis": "nomenclature"},
                "delivers": [{"to": "st-lengkap", "basis": "source_layout"}],
                "note": "sub kegiatan",
                "budget": [
                    {"year": 2025, "pagu": 250000000.0},
                    {"year": 2025, "quarter": 1, "realisation": 50000000.0},
                    {"year": 2025, "quarter": 2, "realisation": 75250000.0},
                ],
            }
        ],
    }
