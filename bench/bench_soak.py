"""Soak: 8 readers on the API while the cascade is reloaded, then while Neo4j is stopped.

    .venv/bin/python -m bench.bench_soak [--seconds 60] [--reloads 10] [--readers 8]
                                         [--outage 10]

Phase 1 (reloads): ``--readers`` threads ask ``/api/elements/{id}``, ``/api/checks`` and
``/api/elements/{id}/trace`` in turn for ``--seconds`` while another thread loads the seed and
a variant of it (``?replace=true`` over ``POST /api/cascades``) ``--reloads`` times. Every
check report must equal the report of the seed or of the variant (computed before the run):
anything else is a *mixed* report, read across two loads. Required: 0 mixed, 0 5xx.

Phase 2 (outage): the same readers while the local Neo4j is stopped for ``--outage`` seconds
in the middle: while it is down only 503s (with ``Retry-After``) are allowed, and after it is
back every reader must get 200s again without the API being restarted.

The API runs in its own uvicorn process; Neo4j is the project's own local server on a free port
(phase 2 needs it: it stops and starts it). Prints requests, p50/p99 latency and the counts;
loopback only, bounded in time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from bench.serve import start_api
from pokin.graph.db import Db
from pokin.graph.driver import create_driver
from pokin.graph.loader import load_cascade
from pokin.graph.report import run_checks
from pokin.seed import SEED_FILE, parse_cascade
from tests.backends import start_local

ROOT = Path(__file__).resolve().parents[1]
CASCADE = "bkpsdm-pemalang-2025-2029"
KEY = "soak-key-0123456789"
SUB = "sub-5.03.02.2.02.0001"


def variant_text() -> str:
    """The seed with its Goal left without an owner (fictional change, for this benchmark
    only): the variant's report has one more finding than the seed's."""
    text = SEED_FILE.read_text(encoding="utf-8")
    changed = text.replace(
        'name: "Terwujudnya Meritokrasi dalam Manajemen ASN"\n  owners: [kepala]',
        'name: "Terwujudnya Meritokrasi dalam Manajemen ASN"\n  owners: []',
        1,
    )
    assert changed != text
    return changed


def canonical(report: dict) -> str:
    return json.dumps(report, sort_keys=True)


class Readers:
    """Reader threads that record every answer: (phase label, status, latency, kind, body)."""

    def __init__(self, base: str, count: int, allowed_reports: set[str]) -> None:
        self.base, self.count, self.allowed = base, count, allowed_reports
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.results: list[tuple[float, int, float, str, bool]] = []
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(count)]

    def _run(self, i: int) -> None:
        paths = [
            ("element", f"/api/elements/{SUB}"),
            ("checks", "/api/checks"),
            ("trace", f"/api/elements/{SUB}/trace"),
        ]
        n = i
        with httpx.Client(base_url=self.base, timeout=60) as client:
            while not self.stop.is_set():
                kind, path = paths[n % len(paths)]
                n += 1
                started = time.monotonic()
                try:
                    r = client.get(path, params={"cascade": CASCADE} if kind == "checks" else None)
                    status, body = r.status_code, r
                except httpx.HTTPError:
                    status, body = 599, None  # connection refused/reset: counted as a failure
                took = time.monotonic() - started
                mixed = False
                if kind == "checks" and status == 200:
                    mixed = canonical(body.json()) not in self.allowed
                if status == 503 and body is not None and "retry-after" not in body.headers:
                    status = 598  # a 503 without Retry-After counts as a failure
                with self.lock:
                    self.results.append((started, status, took, kind, mixed))

    def __enter__(self) -> Readers:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for t in self.threads:
            t.join()


def summary(results, label: str) -> dict:
    latencies = sorted(r[2] for r in results) or [0.0]
    statuses = Counter(r[1] for r in results)
    return {
        "phase": label,
        "requests": len(results),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))] * 1000, 1),
        "statuses": dict(sorted(statuses.items())),
        "5xx": sum(n for s, n in statuses.items() if s >= 500),
        "mixed_reports": sum(1 for r in results if r[4]),
        "reports": sum(1 for r in results if r[3] == "checks" and r[1] == 200),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--reloads", type=int, default=10)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--outage", type=float, default=10)
    args = parser.parse_args()

    backend = start_local()
    api = None
    try:
        driver = create_driver_for(backend)
        db = Db(driver, backend.database, timeout=300)
        seed_text, other_text = SEED_FILE.read_text(encoding="utf-8"), variant_text()
        load_cascade(db, parse_cascade(other_text, "variant"), source_text=other_text)
        report_b = run_checks(db, CASCADE).model_dump(mode="json")
        load_cascade(db, parse_cascade(seed_text, "seed"), source_text=seed_text, replace=True)
        report_a = run_checks(db, CASCADE).model_dump(mode="json")
        allowed = {canonical(report_a), canonical(report_b)}
        assert len(allowed) == 2, "the variant must give another report"
        api, base = start_api(backend, POKIN_API_KEY=KEY)

        # phase 1: reloads under readers
        loads: list[int] = []
        with Readers(base, args.readers, allowed) as readers:
            gap = args.seconds / (args.reloads + 1)
            with httpx.Client(base_url=base, timeout=120) as client:
                for i in range(args.reloads):
                    time.sleep(gap)
                    text = other_text if i % 2 == 0 else seed_text
                    r = client.post(
                        "/api/cascades",
                        params={"replace": "true"},
                        content=text.encode(),
                        headers={"X-API-Key": KEY, "Content-Type": "application/yaml"},
                    )
                    loads.append(r.status_code)
            time.sleep(gap)
        phase1 = summary(readers.results, "reloads")
        phase1["loads"] = dict(Counter(loads))

        # phase 2: Neo4j stopped in the middle
        with Readers(base, args.readers, allowed) as readers:
            time.sleep(args.seconds / 3)
            backend.local.stop()
            down_at = time.monotonic()  # from here to the restart, nothing can answer but 503
            time.sleep(args.outage)
            up_at = time.monotonic()
            backend.local.start()
            time.sleep(args.seconds / 3)
            end = time.monotonic()
        before = [r for r in readers.results if r[0] + r[2] < down_at]
        during = [r for r in readers.results if r[0] >= down_at and r[0] + r[2] < up_at]
        tail = [r for r in readers.results if r[0] >= end - args.seconds / 6]
        phase2 = {
            "before": summary(before, "before the outage"),
            "during": summary(during, "while Neo4j is down"),
            "recovered": summary(tail, "the last sixth, after the restart"),
            "only_503_while_down": all(r[1] == 503 for r in during),
            "all_200_after": all(r[1] == 200 for r in tail),
        }
        print(json.dumps({"reloads": phase1, "outage": phase2}, indent=2))
    finally:
        if api is not None:
            api.terminate()
            api.wait(30)
        backend.close()


def create_driver_for(backend):
    from pokin.core.settings import Settings

    return create_driver(
        Settings(
            neo4j_uri=backend.uri,
            neo4j_user=backend.user,
            neo4j_password=backend.password,
            neo4j_database=backend.database,
        )
    )


if __name__ == "__main__":
    main()
