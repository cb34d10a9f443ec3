"""Benchmark of first visits against warm ones, after a load, on the generated region (synthetic
"Kabupaten Contoh": RPJMD + ``--agencies`` agencies) beside the seed, in one run on one fresh
real Neo4j (chosen like the tests').

The server runs in its own uvicorn process (``bench.serve``) with the background warming of
``pokin.graph.warmup`` (``POKIN_WARM_INTERVAL``); the figures (ratios; seconds for context):

- **start-up**: the server started right after the region's load on a freshly started Neo4j;
  once ``/health`` says the caches are warm, the first visit of an agency's home page, of
  ``/api/regions/{R}`` and of the page ``/regions/{R}`` vs the same visit again (median of
  ``--repeat``). Goal: <= 2x.
- **after a load**: one agency loaded again while the server runs (as ``pokin load`` from
  another process does); once warm again, the first visit of that agency's home and of the
  region API vs warm. Goal: <= 2x.
- for context, the same first visits on a server with warming off (``POKIN_WARM_INTERVAL=0``),
  started after another load: what every first visitor waited for before.

    .venv/bin/python -m bench.bench_first_visit               # 40 agencies
    .venv/bin/python -m bench.bench_first_visit --agencies 10
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import httpx

from bench.common import BENCH_TIMEOUT, backend, machine, write_section
from bench.serve import start_api
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate_region import REGION, agency_id, generate_region

#: Issue 21's goal: a first visit within this factor of a warm one.
GOAL = 2.0


def wait_warm(client: httpx.Client, seconds: float = 900.0) -> float:
    """Seconds until ``/health`` says the caches are warm."""
    start = time.perf_counter()
    while client.get("/health").json().get("caches") != "warm":
        if time.perf_counter() - start > seconds:
            raise RuntimeError("the caches did not warm")
        time.sleep(0.2)
    return time.perf_counter() - start


def visit(client: httpx.Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    response.raise_for_status()
    return seconds


def first_and_warm(client: httpx.Client, url: str, repeat: int) -> tuple[float, float]:
    first = visit(client, url)
    return first, statistics.median(visit(client, url) for _ in range(repeat))


def measure(server: Any, driver: Any, agencies: int, repeat: int) -> dict[str, Any]:
    db = Db(driver, server.database, timeout=BENCH_TIMEOUT)
    region = generate_region(agencies)
    parsed = [parse_cascade(dump_yaml(d), d["cascade"]["id"]) for d in region.files]
    load_cascade(db, load_cascade_file(SEED_FILE))
    for cascade in parsed:
        load_cascade(db, cascade)
    home = f"/?cascade={agency_id(5)}"
    region_api = f"/api/regions/{REGION}"
    region_page = f"/regions/{REGION}"
    out: dict[str, Any] = {}

    api, base = start_api(server, POKIN_QUERY_TIMEOUT=str(BENCH_TIMEOUT), POKIN_WARM_INTERVAL="1")
    try:
        with httpx.Client(base_url=base, timeout=BENCH_TIMEOUT) as client:
            out["warming at start-up"] = wait_warm(client)
            out["start home"] = first_and_warm(client, home, repeat)
            out["start region"] = first_and_warm(client, region_api, repeat)
            out["start region page"] = first_and_warm(client, region_page, repeat)
            # one agency loaded again while the server runs (from "another process")
            again = next(c for c in parsed if c.cascade.id == agency_id(7))
            load_cascade(db, again, replace=True)
            time.sleep(1.5)  # the next look of the warmer
            out["warming after a load"] = wait_warm(client)
            out["load home"] = first_and_warm(client, f"/?cascade={agency_id(7)}", repeat)
            out["load region"] = first_and_warm(client, region_api, repeat)
            out["load region page"] = first_and_warm(client, region_page, repeat)
    finally:
        api.terminate()
        api.wait(timeout=30)

    load_cascade(db, next(c for c in parsed if c.cascade.id == agency_id(9)), replace=True)
    api, base = start_api(server, POKIN_QUERY_TIMEOUT=str(BENCH_TIMEOUT), POKIN_WARM_INTERVAL="0")
    try:
        with httpx.Client(base_url=base, timeout=BENCH_TIMEOUT) as client:
            out["cold home"] = first_and_warm(client, f"/?cascade={agency_id(9)}", repeat)
            out["cold region"] = first_and_warm(client, region_api, repeat)
    finally:
        api.terminate()
        api.wait(timeout=30)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="first visits vs warm visits after a load")
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="warm visits per figure (median)")
    args = parser.parse_args()

    with backend() as (server, _driver):
        print(f"Neo4j: {server.kind} at {server.uri}")
        f = measure(server, _driver, args.agencies, args.repeat)

    print(
        f"Region: {args.agencies} agencies + RPJMD + the seed; warming took "
        f"{f['warming at start-up']:.1f} s at start-up, {f['warming after a load']:.1f} s "
        "after one agency's load"
    )
    rows = [
        ("agency home, server start", "start home", True),
        ("region API, server start", "start region", True),
        ("region page, server start", "start region page", True),
        ("agency home, after its load", "load home", True),
        ("region API, after a load", "load region", True),
        ("region page, after a load", "load region page", True),
        ("agency home, warming off", "cold home", False),
        ("region API, warming off", "cold region", False),
    ]
    table = []
    for what, key, judged in rows:
        first, warm = f[key]
        ratio = first / warm
        goal = ""
        if judged:
            goal = f" (goal <= {GOAL:g}x: {'met' if ratio <= GOAL else 'NOT met'})"
        print(f"  {what:<30}: first / warm {ratio:6.2f}x ({first:.3f} s / {warm:.3f} s){goal}")
        shown = f"{first:.3f} s | {warm:.3f} s"
        table.append(f"| first visit / warm, {what} | {shown} | **{ratio:.2f}x**{goal} |")
    path = write_section("first_visit", table)
    print(f"\nwritten: {path} ({machine()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
