"""A count shown twice is the same number: the findings the whole-cascade graph's badge counts
are the findings of the report the home page summarises, severity by severity."""

from __future__ import annotations

import re

SEED_ID = "bkpsdm-pemalang-2025-2029"


def test_the_graph_badge_counts_what_the_report_counts(seeded_client):
    report = seeded_client.get(f"/api/checks?cascade={SEED_ID}").json()
    graph = seeded_client.get(f"/graph?cascade={SEED_ID}").text
    found = int(re.search(r'data-found="(\d+)"', graph).group(1))
    per_severity = {
        severity: int(n)
        for severity, n in re.findall(r'class="pg-sev" data-severity="(\w+)"[^>]*>(\d+) ', graph)
    }
    expected = {s: n for s, n in report["summary"]["findings"].items() if n}
    assert per_severity == expected
    assert found == sum(expected.values())
    marked = int(re.search(r'data-marked="(\d+)"', graph).group(1))
    assert marked == len({(f["cascade"], f["id"]) for c in report["checks"] for f in c["findings"]})
