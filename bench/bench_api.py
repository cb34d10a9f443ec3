"""What the HTTP API adds: ``/api/elements/{id}/trace`` and ``/api/checks`` driven over
loopback by concurrent clients, against the same functions called directly through the driver
with the same concurrency, in one run.

    .venv/bin/python -m bench.bench_api [--clients 8] [--requests 400]

The API runs in its own uvicorn process (as in production); the clients are threads of this
process. Reported: requests per second, p50 and p99 latency for both ways, and the ratios
(API / direct) — these machines are shared and noisy, so compare the ratios, not the times.
Neo4j: ``NEO4J_URI`` when given (a throwaway database: it is wiped), otherwise the project's
own local Neo4j on a free port with a scratch data folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from pokin.graph.backends import choose_backend, docker_engine_answers, open_backend
from pokin.graph.db import Db
from pokin.graph.driver import create_driver
from pokin.graph.loader import load_cascade
from pokin.graph.local_server import free_port
from pokin.graph.report import run_checks
from pokin.graph.settings import Settings
from pokin.graph.trace import trace_to_goal
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

    backend = open_backend(choose_backend(os.environ, docker_engine_answers))
    api = None
    try:
        settings = Settings(
            neo4j_uri=backend.uri,
            neo4j_user=backend.user,
            neo4j_password=backend.password,
            neo4j_database=backend.database,
        )
        db = settings.neo4j_database
        driver = create_driver(settings)
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=db)
        load_cascade(Db(driver, db), load_cascade_file(SEED_FILE))
        subs = [
            r["id"]
            for r in driver.execute_query(
                "MATCH (s:SubActivity {cascade: $c}) RETURN s.id AS id ORDER BY id",
                c=CASCADE,
                database_=db,
            ).records
        ]

        port = free_port()
        env = dict(
            os.environ,
            NEO4J_URI=backend.uri,
            NEO4J_USER=backend.user,
            NEO4J_PASSWORD=backend.password,
            NEO4J_DATABASE=db,
        )
        api = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "pokin.api.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or api.poll() is not None:
                raise RuntimeError("the API did not start")
            time.sleep(0.2)

        http = httpx.Client(
            base_url=base,
            timeout=60,
            limits=httpx.Limits(
                max_connections=args.clients, max_keepalive_connections=args.clients
            ),
        )

        def api_trace(i: int) -> None:
            r = http.get(f"/api/elements/{subs[i % len(subs)]}/trace")
            assert r.status_code == 200, r.text

        def api_checks(i: int) -> None:
            r = http.get("/api/checks")
            assert r.status_code == 200, r.text

        def direct_trace(i: int) -> None:
            trace_to_goal(Db(driver, db), CASCADE, subs[i % len(subs)])

        def direct_checks(i: int) -> None:
            run_checks(Db(driver, db), CASCADE)

        n_checks = max(args.requests // 4, args.clients * 4)
        rows = [
            ("trace", "api", measure(api_trace, args.clients, args.requests)),
            ("trace", "direct", measure(direct_trace, args.clients, args.requests)),
            ("checks", "api", measure(api_checks, args.clients, n_checks)),
            ("checks", "direct", measure(direct_checks, args.clients, n_checks)),
        ]
        print(
            f"{args.clients} concurrent clients; {args.requests} trace and {n_checks} "
            f"check requests per way; seed cascade ({len(subs)} sub-activities)"
        )
        print(f"{'endpoint':8} {'way':7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
        for name, way, m in rows:
            print(f"{name:8} {way:7} {m['rps']:8.1f} {m['p50_ms']:8.1f} {m['p99_ms']:8.1f}")
        for name in ("trace", "checks"):
            a = next(m for n, w, m in rows if n == name and w == "api")
            d = next(m for n, w, m in rows if n == name and w == "direct")
            print(
                f"{name}: API/direct throughput {a['rps'] / d['rps']:.2f}, "
                f"p50 latency {a['p50_ms'] / d['p50_ms']:.2f}, "
                f"p99 latency {a['p99_ms'] / d['p99_ms']:.2f}"
            )
        http.close()
        driver.close()
    finally:
        if api is not None:
            api.terminate()
            api.wait(timeout=30)
        backend.close()


if __name__ == "__main__":
    main()
