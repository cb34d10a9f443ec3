"""What the HTTP API adds: trace, element, subtree and checks (``/api/elements/{id}/trace``,
``/api/elements/{id}``, ``/api/elements/{id}/subtree``, ``/api/checks``) driven over loopback
by one client and by ``--clients`` concurrent clients, against the same functions called
directly through the driver with the same concurrency, in one run.

    .venv/bin/python -m bench.bench_api [--clients 8] [--requests 400]

Goal (issue 14): API p50 within 1.5x the direct p50, sequential and concurrent.

The API runs in its own uvicorn process (as in production); the clients are threads of this
process. Reported: requests per second, p50 and p99 latency for both ways, and the ratios
(API / direct) — these machines are shared and noisy, so compare the ratios, not the times.
Neo4j: ``NEO4J_URI`` when given (a throwaway database: it is wiped), otherwise the project's
own local Neo4j on a free port with a scratch data folder.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from bench.common import BENCH_TIMEOUT, backend, machine, settings_of, write_section
from bench.serve import start_api
from pokin.graph.db import Db
from pokin.graph.driver import create_driver
from pokin.graph.elements import get_element
from pokin.graph.loader import load_cascade
from pokin.graph.report import run_checks
from pokin.graph.trace import subtree, trace_to_goal
from pokin.seed import SEED_FILE, load_cascade_file

ROOT = Path(__file__).resolve().parents[1]
CASCADE = "bkpsdm-pemalang-2025-2029"


def measure(work: Callable[[int], None], clients: int, requests: int) -> dict[str, float]:
    """Run ``work(i)`` for i in range(requests) on ``clients`` threads; latency stats."""
    latencies: list[float] = []

    def one(i: int) -> None:
        t0 = time.perf_counter()
        work(i)
        latencies.append(time.perf_counter() - t0)

    for i in range(min(clients * 2, requests)):  # warm up connections and caches
        work(i)
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(requests)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": requests / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="per endpoint and way")
    args = parser.parse_args()

    with backend() as (server, _):
        run(server, args)


def run(server, args) -> None:
    """Seed loaded, the API started beside the server, each endpoint timed both ways."""
    api = None
    try:
        # the direct side's driver is made as the API makes its own (pool, timeouts)
        settings = settings_of(server)
        db = settings.neo4j_database
        driver = create_driver(settings)
        load_cascade(Db(driver, db, BENCH_TIMEOUT), load_cascade_file(SEED_FILE))
        subs = [
            r["id"]
            for r in driver.execute_query(
                "MATCH (s:SubActivity {cascade: $c}) RETURN s.id AS id ORDER BY id",
                c=CASCADE,
                database_=db,
            ).records
        ]

        api, base = start_api(server, POKIN_QUERY_TIMEOUT=str(BENCH_TIMEOUT))

        http = httpx.Client(
            base_url=base,
            timeout=60,
            limits=httpx.Limits(
                max_connections=args.clients, max_keepalive_connections=args.clients
            ),
        )

        goal = driver.execute_query(
            "MATCH (g:Goal {cascade: $c}) RETURN g.id AS id", c=CASCADE, database_=db
        ).records[0]["id"]
        dbx = Db(driver, db, BENCH_TIMEOUT)

        def get(path: str) -> None:
            r = http.get(path)
            assert r.status_code == 200, r.text

        endpoints = {
            "trace": (
                lambda i: get(f"/api/elements/{subs[i % len(subs)]}/trace"),
                lambda i: trace_to_goal(dbx, CASCADE, subs[i % len(subs)]),
            ),
            "element": (
                lambda i: get(f"/api/elements/{subs[i % len(subs)]}"),
                lambda i: get_element(dbx, subs[i % len(subs)]),
            ),
            "subtree": (
                lambda i: get(f"/api/elements/{goal}/subtree"),
                lambda i: subtree(dbx, CASCADE, goal),
            ),
            "checks": (
                lambda i: get(f"/api/checks?cascade={CASCADE}"),
                lambda i: run_checks(dbx, CASCADE),
            ),
        }
        rows = []
        for clients in (1, args.clients):
            for name, (api_call, direct_call) in endpoints.items():
                n = args.requests if name in ("trace", "element") else args.requests // 4
                n = max(n, clients * 4)
                direct = measure(direct_call, clients, n)
                via_api = measure(api_call, clients, n)
                rows.append((name, clients, via_api, direct))
        print(f"seed cascade ({len(subs)} sub-activities); {args.requests} requests per way")
        print(
            f"{'endpoint':8} {'clients':>7} {'api p50':>8} {'direct p50':>10} {'p50 ratio':>9} "
            f"{'api req/s':>9} {'direct req/s':>12} {'api p99':>8} {'direct p99':>10}"
        )
        table = []
        for name, clients, a, d in rows:
            ratio = a["p50_ms"] / d["p50_ms"]
            print(
                f"{name:8} {clients:7d} {a['p50_ms']:8.1f} {d['p50_ms']:10.1f} {ratio:9.2f} "
                f"{a['rps']:9.1f} {d['rps']:12.1f} {a['p99_ms']:8.1f} {d['p99_ms']:10.1f}"
            )
            table.append(
                f"| API {name}, {clients} client(s), p50 | {a['p50_ms']:.1f} ms "
                f"| direct {d['p50_ms']:.1f} ms | **{ratio:.2f}x** (goal <= 1.5x) |"
            )
        path = write_section("api", table)
        print(f"written: {path} ({machine()})")
        http.close()
        driver.close()
    finally:
        if api is not None:
            api.terminate()
            api.wait(timeout=30)


if __name__ == "__main__":
    main()
