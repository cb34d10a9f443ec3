"""The generated export of issue 19's size has the counts it claims, and reads as delivered."""

from collections import Counter

from pokin.graph.loader import planned_counts
from pokin.seed.formats import read_bytes, report_of
from tests.sipd_builder import EXPORT_SHAPE, QUIRKY_HEADER, province_rows, quirky_sipd_bytes


def test_default_export_has_the_real_exports_counts() -> None:
    rows = province_rows()
    assert all(len(r) == len(QUIRKY_HEADER) for r in rows)
    assert len(rows) == EXPORT_SHAPE["rows"] == 13_975
    assert len({r[2] for r in rows}) == EXPORT_SHAPE["agencies"] == 46
    assert len({(r[2], r[4]) for r in rows}) == EXPORT_SHAPE["programmes"]
    assert len({(r[2], r[6]) for r in rows}) == EXPORT_SHAPE["kegiatan"]
    assert len({(r[2], r[8]) for r in rows}) == EXPORT_SHAPE["sub_kegiatan"]
    assert len({tuple(r[1:]) for r in rows}) == len(rows)  # no identical rows
    assert sum(r[11] == "NULL" for r in rows) > 0 and sum(r[12] == "NULL" for r in rows) > 0
    same_text = Counter((r[2], r[8], r[10]) for r in rows)
    assert max(same_text.values()) > 1


def test_small_export_reads_with_every_row_kept() -> None:
    rows = province_rows(rows=60, agencies=3, programmes=5, kegiatan=9, sub_kegiatan=14)
    cascades = read_bytes(quirky_sipd_bytes(rows), "contoh.xlsx")
    assert len(cascades) == 3
    assert report_of(cascades).counts() == {"read": 60, "kept": 60, "merged": 0, "refused": 0}
    total = Counter()
    for cascade in cascades:
        total.update(planned_counts(cascade))
    assert (total["Programme"], total["Activity"], total["SubActivity"]) == (5, 9, 14)
    assert total["Indicator"] == 60
