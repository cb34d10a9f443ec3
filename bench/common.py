"""What the benchmarks share: one real Neo4j (chosen like the tests'), timing helpers and the
growth line (how a figure grows with the cascade's size).

Ratios are what the benchmarks report: both sides of a ratio are measured in the same run on
the same machine, so a busy machine moves both; absolute times are printed for context only.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase
from pydantic import SecretStr

from pokin.core.settings import Settings
from tests.backends import choose_backend, docker_engine_answers, open_backend

RESULTS = Path(__file__).resolve().parent / "results"

#: The query timeout of the benchmarks' reads: a cold server on a busy shared machine must
#: not turn a slow first run into an error.
BENCH_TIMEOUT = 300.0


@contextmanager
def backend() -> Iterator[tuple[Any, Driver]]:
    """``(backend, driver)`` of an empty Neo4j: ``NEO4J_URI`` when set (it is wiped; refused
    when it holds data unless POKIN_TEST_WIPE=1), else Docker, else the project's local Neo4j
    on a free port with a scratch data folder. The backend names the server for benchmarks
    that start the API beside it."""
    # x500 (345k items) is loaded in one transaction: the local server gets a heap whose 70%
    # (Neo4j's per-transaction memory limit) holds it; an explicit POKIN_NEO4J_HEAP wins
    env = {"POKIN_NEO4J_HEAP": "4g", **os.environ}
    server = open_backend(choose_backend(env, docker_engine_answers), env)
    driver = GraphDatabase.driver(server.uri, auth=(server.user, server.password))
    try:
        records, _, _ = driver.execute_query(
            "MATCH (n) RETURN count(n) AS n", database_=server.database
        )
        if records[0]["n"] and os.environ.get("POKIN_TEST_WIPE") != "1":
            print(
                f"{server.uri} holds {records[0]['n']} nodes; the bench wipes its database: "
                "use a throwaway one or set POKIN_TEST_WIPE=1",
                file=sys.stderr,
            )
            raise SystemExit(2)
        wipe(driver, server.database)
        yield server, driver
    finally:
        driver.close()
        server.close()


@contextmanager
def database() -> Iterator[tuple[Driver, str, str]]:
    """``(driver, database, description)`` of an empty Neo4j (see ``backend``)."""
    with backend() as (server, driver):
        yield driver, server.database, f"{server.kind} at {server.uri}"


def settings_of(server: Any, **extra: Any) -> Settings:
    """pokin's settings for ``server`` (a backend), with a benchmark's query timeout."""
    return Settings(
        neo4j_uri=server.uri,
        neo4j_user=server.user,
        neo4j_password=SecretStr(server.password),
        neo4j_database=server.database,
        pokin_query_timeout=BENCH_TIMEOUT,
        **extra,
    )


def wipe(driver: Driver, database: str) -> None:
    """Delete every node, in batches (a x500 cascade is too large for one transaction's
    memory on a small machine)."""
    while True:
        records, _, _ = driver.execute_query(
            "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n",
            database_=database,
        )
        if not records[0]["n"]:
            return


def drop_cascade(driver: Driver, database: str, cascade: str) -> None:
    """Delete one cascade's nodes, in batches (the generated cascades of different sizes share
    ids, so they are measured one after the other)."""
    while True:
        records, _, _ = driver.execute_query(
            "MATCH (n:Element {cascade: $c}) WITH n LIMIT 20000 DETACH DELETE n "
            "RETURN count(*) AS n",
            c=cascade,
            database_=database,
        )
        if not records[0]["n"]:
            break
    driver.execute_query("MATCH (c:Cascade {id: $c}) DELETE c", c=cascade, database_=database)


def cli_load(server: Any, path: Path, *options: str) -> tuple[float, str]:
    """Seconds of ``pokin load FILE --replace OPTIONS`` in its own process, as a user runs it
    (process start, read, validation and the one write transaction), and its summary line."""
    import subprocess

    env = dict(
        os.environ,
        NEO4J_URI=server.uri,
        NEO4J_USER=server.user,
        NEO4J_PASSWORD=server.password,
        NEO4J_DATABASE=server.database,
        POKIN_QUERY_TIMEOUT=str(BENCH_TIMEOUT),
        POKIN_LANG="en",  # the summary line is parsed
    )
    command = [sys.executable, "-m", "pokin.cli", "load", str(path), "--replace", *options]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"pokin load FILE failed: {done.stderr[-2000:]}")
    lines = done.stdout.splitlines()
    return seconds, next(ln for ln in lines if ln.startswith("loaded ") and ":" in ln)


def median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall-clock seconds of ``repeat`` runs of ``fn`` and its last result."""
    times, result = [], None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def growth(values: dict[int, float]) -> str:
    """How a figure grows with the scale: each step's factor against the scale's factor, e.g.
    ``x1->x10: 9.1 (size x10), x10->x100: 11.0 (size x10)``; ``exponent`` is the log-log slope
    (1 = linear)."""
    import math

    scales = sorted(values)
    parts = []
    for a, b in zip(scales, scales[1:], strict=False):
        if values[a] > 0 and values[b] > 0:
            slope = math.log(values[b] / values[a]) / math.log(b / a)
            factor = values[b] / values[a]
            parts.append(f"x{a}->x{b}: x{factor:.1f} (size x{b / a:g}, exp {slope:.2f})")
    return "; ".join(parts)


def machine() -> str:
    """One line about the machine the figures were taken on."""
    import platform

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average at the end {load}"
    )


def write_section(name: str, lines: list[str]) -> Path:
    """Write a benchmark's markdown section to ``bench/results/NAME.md`` (``make bench`` joins
    the sections into ``latest.md``)."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
