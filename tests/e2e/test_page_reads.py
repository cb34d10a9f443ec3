"""The explorer's pages are each ONE read transaction (one round of ``Db.read``'s version
guard: one state of the graph on a page), whether the check report is cached or made for the
page: the home and element pages, the tree and the graph views."""

from __future__ import annotations

import pytest

from pokin.graph.report import _REPORTS

SEED_ID = "bkpsdm-pemalang-2025-2029"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        f"/?cascade={SEED_ID}",
        "/elements/sub-5.03.02.2.02.0001",
        f"/elements/tujuan?cascade={SEED_ID}",
        "/elements/kepala",
        "/elements/ind-tujuan",
        "/tree",
        f"/tree?cascade={SEED_ID}",
        "/tree/elements/ss-kualitas-manajemen-asn",
        f"/graph?cascade={SEED_ID}",
        f"/graph/elements/tujuan?cascade={SEED_ID}",
        f"/graph/elements/sub-5.03.02.2.02.0001/trace?cascade={SEED_ID}",
        f"/graph/owners/kepala?cascade={SEED_ID}",
        f"/checks/near_duplicate_names?cascade={SEED_ID}",
        "/checks/orphans",
        f"/graph/checks/near_duplicate_names?cascade={SEED_ID}",
        f"/graph/checks/cycles?cascade={SEED_ID}",
    ],
)
def test_a_page_is_one_read_with_and_without_a_cached_report(seeded_client, reads, url):
    _REPORTS.clear()
    for cached in (False, True):
        reads.clear()
        response = seeded_client.get(url)
        assert response.status_code == 200, response.text
        assert len(reads) == 1, (url, cached, reads)


def test_an_unknown_element_or_cascade_is_one_read_too(seeded_client, reads):
    for url in ("/elements/no-such-id", "/?cascade=no-such-cascade"):
        reads.clear()
        assert seeded_client.get(url).status_code == 404
        assert len(reads) == 1, (url, reads)
