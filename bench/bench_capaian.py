"""Benchmark of capaian and its roll-up on a region, in one run on one real Neo4j (chosen like
the tests'): the generated "Kabupaten Contoh" (synthetic: RPJMD + ``--agencies`` agencies) with
its fictional measurement (``generate_region(measurement=True)``: targets for every year, four
quarters of realisation of the first year, pagu on some units).

Figures, as ratios measured in the same run (absolute seconds for context only; medians of
``--repeat`` runs, the report cache cleared before each):

- the region report with capaian and roll-up (every check, the two capaian checks
  ``rollup_disagreement`` and ``results_at_risk`` included, and the region's at-risk reading:
  every result's capaian, rolled up across agencies up to the RPJMD, and the paths up) vs the
  region report without them (every other check);
- the region's capaian reading alone (``region_capaian``) vs that report without them;
- one agency's at-risk reading (its scope: its cascade, the RPJMD and its crosscutting
  neighbours) vs the region's.

    .venv/bin/python -m bench.bench_capaian                 # 40 agencies
    .venv/bin/python -m bench.bench_capaian --agencies 10

With ``NEO4J_URI`` set the database must be empty (it is wiped), unless POKIN_TEST_WIPE=1.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.common import BENCH_TIMEOUT, backend, machine, write_section
from pokin.graph.capaian import cascade_at_risk, region_at_risk, region_capaian
from pokin.graph.checks import CHECKS
from pokin.graph.db import Db
from pokin.graph.loader import load_cascades
from pokin.graph.report import _REPORTS, run_region_checks
from pokin.seed import dump_yaml, parse_cascade
from pokin.seed.generate_region import REGION, agency_id, generate_region

CAPAIAN_CHECKS = ("rollup_disagreement", "results_at_risk")


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall-clock seconds of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(server: Any, driver: Any, agencies: int, repeat: int) -> dict[str, Any]:
    db = Db(driver, server.database, timeout=BENCH_TIMEOUT)
    region = generate_region(agencies, measurement=True)
    parsed = [(parse_cascade(dump_yaml(d), d["cascade"]["id"]), None) for d in region.files]
    load_cascades(db, parsed)
    without = [n for n in CHECKS if n not in CAPAIAN_CHECKS]

    def report_without():
        _REPORTS.clear()
        return run_region_checks(db, REGION, without)

    def report_with():
        _REPORTS.clear()
        report = run_region_checks(db, REGION)
        return report, region_at_risk(db, REGION)

    report_without()  # warm the plans
    report_with()
    out: dict[str, Any] = {}
    out["without"], _ = timed(report_without, repeat)
    out["with"], (report, at_risk) = timed(report_with, repeat)
    out["capaian"], capaian = timed(lambda: region_capaian(db, REGION), repeat)
    out["agency"], _ = timed(lambda: cascade_at_risk(db, agency_id(0)), repeat)
    out["results"] = len(capaian.results)
    out["measured"] = sum(1 for r in capaian.results if r.own is not None)
    out["at_risk"] = len(at_risk.at_risk)
    out["findings"] = {c.name: c.count for c in report.checks if c.name in CAPAIAN_CHECKS}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="benchmark of capaian and its roll-up")
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure (median)")
    args = parser.parse_args()

    with backend() as (server, driver):
        print(f"Neo4j: {server.kind} at {server.uri}")
        f = measure(server, driver, args.agencies, args.repeat)

    print(
        f"Region: {args.agencies} agencies + RPJMD (synthetic Kabupaten Contoh) with four "
        f"quarters of realisation, one run: {f['results']} results ({f['measured']} measured), "
        f"{f['at_risk']} at risk, findings {f['findings']}"
    )
    rows = [
        ("report with capaian and roll-up / without", f["with"], f["without"]),
        ("region capaian reading / report without", f["capaian"], f["without"]),
        ("one agency's at-risk reading / the region's capaian", f["agency"], f["capaian"]),
    ]
    table = []
    for how, a, b in rows:
        print(f"  {how:<52}: {a / b:7.2f}x ({a:.2f} s / {b:.2f} s)")
        table.append(
            f"| capaian ({args.agencies} agencies, 4 quarters) {how} | {a:.2f} s | {b:.2f} s | "
            f"**{a / b:.2f}x** |"
        )
    path = write_section("capaian", table)
    print(f"\nwritten: {path} ({machine()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
