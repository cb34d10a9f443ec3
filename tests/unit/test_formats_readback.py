"""Every writable format reads back what it wrote, for the shapes that used to break a round
trip: a cascade read without a period (stored as 0-0, e.g. a planning-system export without a
year) and a cascade with several Tujuan. The lossless formats are compared whole
(tests/e2e/test_export_lossless.py); here every format, the matrix included, keeps the period,
the Tujuan and the budget structure."""

from __future__ import annotations

import pytest

from pokin.graph.loader import planned_counts
from pokin.seed import SEED_FILE, load_cascade_file, parse_cascade
from pokin.seed.formats import FORMATS, read_path, writable, write_path
from pokin.seed.generate_region import generate_region


def _no_period():
    data = load_cascade_file(SEED_FILE).model_dump(mode="json", exclude_defaults=True)
    data["cascade"]["period"] = {"start": 0, "end": 0}
    return parse_cascade(data, "seed without a period")


def _several_tujuan():
    region = generate_region(agencies=3, planted=False)
    [data] = [a for a in region.agencies if len(a.get("goals") or []) > 1][:1]
    return parse_cascade(data, "an agency with several Tujuan")


SHAPES = {"no_period": _no_period, "several_tujuan": _several_tujuan}


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("fmt", list(writable()))
def test_every_writable_format_reads_back_its_own_file(fmt, shape, tmp_path):
    cascade = SHAPES[shape]()
    path = tmp_path / f"cascade{'' if fmt == 'csv' else FORMATS[fmt].download}"
    write_path(cascade, fmt, path)
    [(back, _)] = read_path(path, fmt)
    assert back.cascade.period == cascade.cascade.period
    assert [g.name for g in back.all_goals] == [g.name for g in cascade.all_goals]
    counts, expected = planned_counts(back), planned_counts(cascade)
    for label in ("Goal", "Programme", "Activity", "SubActivity", "PART_OF"):
        assert counts[label] == expected[label], label
