"""Benchmark of a whole region against one agency, in one run on one real Neo4j (chosen like the
tests'): the generated "Kabupaten Contoh" (synthetic: RPJMD + ``--agencies`` agencies,
``pokin.seed.generate_region``) and one of its agencies alone.

Figures, as ratios measured in the same run (absolute seconds for context only):

- load: every file of the region (random order) vs one agency's file;
- checks: the region's report (every agency's checks and the region checks, cold: each
  agency's report is computed, not taken from the cache) vs one agency's report;
- impact / contributors: p50 through the API (TestClient, JSON) vs the driver (the graph
  functions), on the region.

    .venv/bin/python -m bench.bench_region                 # 40 agencies
    .venv/bin/python -m bench.bench_region --agencies 10

With ``NEO4J_URI`` set the database must be empty (it is wiped), unless POKIN_TEST_WIPE=1.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from neo4j import GraphDatabase
from pydantic import SecretStr

from pokin.graph.backends import choose_backend, docker_engine_answers, open_backend
from pokin.graph.db import Db
from pokin.graph.impact import contributors, impact
from pokin.graph.loader import load_cascade
from pokin.graph.report import _REPORT_CACHE, run_checks, run_region_checks
from pokin.graph.settings import Settings
from pokin.seed import dump_yaml, parse_cascade
from pokin.seed.generate_region import (
    IMPACT_AGENCIES,
    IMPACT_SUB,
    REGION,
    RPJMD_ID,
    agency_id,
    generate_region,
)


def timed(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall-clock seconds of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description="benchmark of a region vs one agency")
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    args = parser.parse_args()

    backend = open_backend(choose_backend(os.environ, docker_engine_answers))
    driver = GraphDatabase.driver(backend.uri, auth=(backend.user, backend.password))
    db = Db(driver, backend.database, timeout=600)
    try:
        n = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=db.database)
        if n.records[0]["n"] and os.environ.get("POKIN_TEST_WIPE") != "1":
            print("the database is not empty; set POKIN_TEST_WIPE=1 to wipe it", file=sys.stderr)
            return 2
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=db.database)
        region = generate_region(args.agencies)
        parsed = [parse_cascade(dump_yaml(d), d["cascade"]["id"]) for d in region.files]
        one = next(c for c in parsed if c.cascade.id == agency_id(0))

        # one agency alone (loaded, timed, then removed) ...
        load_one = timed(lambda: load_cascade(db, one, replace=True), args.repeat)
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=db.database)
        # ... then the whole region, in random order
        random.Random(7).shuffle(parsed)
        start = time.perf_counter()
        for cascade in parsed:
            load_cascade(db, cascade)
        load_region = time.perf_counter() - start

        def region_report():
            _REPORT_CACHE.clear()
            return run_region_checks(db, REGION)

        def agency_report():
            _REPORT_CACHE.clear()
            return run_checks(db, agency_id(0))

        agency_report()  # warm the plans
        check_one = timed(agency_report, args.repeat)
        check_region = timed(region_report, args.repeat)

        start_cascade = agency_id(IMPACT_AGENCIES[0])
        settings = Settings(
            neo4j_uri=backend.uri,
            neo4j_user=backend.user,
            neo4j_password=SecretStr(backend.password),
            neo4j_database=backend.database,
            pokin_query_timeout=600,
        )
        from fastapi.testclient import TestClient

        from pokin.api.main import create_app

        figures: dict[str, float] = {}
        with TestClient(create_app(settings)) as client:
            calls = {
                "impact": (
                    lambda: impact(db, start_cascade, IMPACT_SUB),
                    f"/api/cascades/{start_cascade}/elements/{IMPACT_SUB}/impact",
                ),
                "contributors": (
                    lambda: contributors(db, RPJMD_ID, "ss-rpjmd-1"),
                    f"/api/cascades/{RPJMD_ID}/elements/ss-rpjmd-1/contributors",
                ),
            }
            for name, (direct, url) in calls.items():
                direct()
                assert client.get(url).status_code == 200
                figures[f"{name} driver"] = timed(direct, args.repeat * 4)
                figures[f"{name} api"] = timed(lambda u=url: client.get(u).json(), args.repeat * 4)
    finally:
        driver.close()
        backend.close()

    print(f"Region: {args.agencies} agencies + RPJMD (synthetic Kabupaten Contoh), one run")
    print(
        f"  load     region / one agency : {load_region / load_one:7.1f}x "
        f"({load_region:.2f} s / {load_one:.2f} s)"
    )
    print(
        f"  checks   region / one agency : {check_region / check_one:7.1f}x "
        f"({check_region:.2f} s / {check_one:.2f} s)"
    )
    for name in ("impact", "contributors"):
        api, drv = figures[f"{name} api"], figures[f"{name} driver"]
        print(
            f"  {name:<12} p50 API / driver : {api / drv:7.2f}x "
            f"({api * 1000:.1f} ms / {drv * 1000:.1f} ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
