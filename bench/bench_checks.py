"""Benchmark of the analytics: the full check report, the trace of every sub-activity, owner
workload and the Goal's subtree, on the seed cascade and on a synthetic cascade ``--scale``
times larger (``bench/gen_cascade.py``), both loaded into one real Neo4j (chosen like the
tests': ``NEO4J_URI``, else Docker, else the project's local Neo4j on a free port).

Times are reported as ratios measured in one run (large / seed), with the absolute figures for
context, and every named query is PROFILEd on both sizes: total db hits and rows, written to
``bench/results/`` (git-ignored) with the operator trees.

    .venv/bin/python -m bench.bench_checks              # x100
    .venv/bin/python -m bench.bench_checks --scale 10

With ``NEO4J_URI`` set the database must be empty (it is wiped), unless POKIN_TEST_WIPE=1.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase

from pokin.graph.backends import choose_backend, docker_engine_answers, open_backend
from pokin.graph.checks import CHECKS
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.queries import query
from pokin.graph.report import run_checks
from pokin.graph.trace import subtree, trace_many, trace_to_goal
from pokin.graph.workload import owner_workload
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate import generate

RESULTS = Path(__file__).resolve().parent / "results"

# --- measuring -----------------------------------------------------------------------------------


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall-clock seconds of ``repeat`` runs (after the caller's warm-up)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _ids(driver: Driver, database: str, cascade: str, kind: str) -> list[str]:
    records, _, _ = driver.execute_query(
        "MATCH (n:Element {cascade: $c}) WHERE n.kind = $kind RETURN n.id AS id ORDER BY id",
        c=cascade,
        kind=kind,
        database_=database,
        routing_="r",
    )
    return [r["id"] for r in records]


def _profile_totals(plan: dict[str, Any]) -> tuple[int, list[tuple[int, str, str]]]:
    """Total db hits of a profiled plan, and each operator's (db hits, name, details)."""
    ops: list[tuple[int, str, str]] = []

    def walk(p: dict[str, Any]) -> int:
        hits = int(p.get("dbHits", 0))
        ops.append((hits, p["operatorType"], str(p.get("args", {}).get("Details", ""))[:120]))
        return hits + sum(walk(c) for c in p.get("children", []))

    return walk(plan), ops


def _tree(plan: dict[str, Any], indent: int = 0) -> list[str]:
    details = str(plan.get("args", {}).get("Details", ""))[:140]
    line = (
        f"{' ' * indent}{plan['operatorType']}  rows={plan.get('rows', '?')} "
        f"dbHits={plan.get('dbHits', '?')}  {details}"
    )
    return [line] + [x for c in plan.get("children", []) for x in _tree(c, indent + 2)]


def profile(driver: Driver, database: str, name: str, params: dict[str, Any]) -> dict[str, Any]:
    with driver.session(
        database=database, default_access_mode="READ", notifications_min_severity="OFF"
    ) as session:
        start = time.perf_counter()
        result = session.run("PROFILE " + query(name), params)
        rows = len(list(result))
        summary = result.consume()
        seconds = time.perf_counter() - start
    total, ops = _profile_totals(summary.profile)
    return {
        "db_hits": total,
        "rows": rows,
        "seconds": seconds,
        "top": sorted(ops, reverse=True)[:3],
        "tree": _tree(summary.profile),
    }


def measure(driver: Driver, db: str, cid: str, repeat: int, sample: int) -> dict[str, Any]:
    subs = _ids(driver, db, cid, "sub_activity")
    goal = _ids(driver, db, cid, "goal")[0]
    picked = random.Random(1).sample(subs, min(sample, len(subs)))
    # warm-up: plans cached, pages in memory
    report = run_checks(Db(driver, db), cid)
    trace_many(Db(driver, db), cid, subs)
    owner_workload(Db(driver, db), cid)
    subtree(Db(driver, db), cid, goal)
    out: dict[str, Any] = {"sub_activities": len(subs)}
    out["report"], report = timed(lambda: run_checks(Db(driver, db), cid), repeat)
    out["trace_all"], traces = timed(lambda: trace_many(Db(driver, db), cid, subs), repeat)
    out["workload"], _ = timed(lambda: owner_workload(Db(driver, db), cid), repeat)
    out["subtree_goal"], tree = timed(lambda: subtree(Db(driver, db), cid, goal), repeat)
    singles = []
    for sub in picked:
        start = time.perf_counter()
        trace_to_goal(Db(driver, db), cid, sub)
        singles.append(time.perf_counter() - start)
    out["trace_one"] = statistics.median(singles)
    out["findings"] = {c.name: c.count for c in report.checks}
    out["reaching"] = sum(t.reaches_goal for t in traces)
    out["subtree_items"] = len(tree.items)
    per_check = {}
    for name in CHECKS:
        per_check[name], _ = timed(lambda n=name: run_checks(Db(driver, db), cid, [n]), repeat)
    out["per_check"] = per_check
    out["params"] = {"subs": subs, "goal": goal, "report": report}
    return out


def profiles(driver: Driver, db: str, cid: str, m: dict[str, Any]) -> dict[str, Any]:
    subs, goal, report = m["params"]["subs"], m["params"]["goal"], m["params"]["report"]
    finding_ids = sorted({f.id for c in report.checks for f in c.findings})
    plans = {name: {"cascade": cid} for name in [c.query for c in CHECKS.values()]}
    plans.update(
        {
            "element_context": {"cascade": cid, "ids": finding_ids},
            "trace_start": {"cascade": cid, "ids": subs},
            "trace_to_goal": {"cascade": cid, "ids": subs},
            "trace_partial": {"cascade": cid, "ids": subs},
            "subtree": {"cascade": cid, "id": goal, "max_depth": 12},
            "owner_workload": {"cascade": cid},
        }
    )
    return {name: profile(driver, db, name, params) for name, params in plans.items()}


# --- the run -------------------------------------------------------------------------------------


def _ratio(big: float, small: float) -> str:
    return f"{big / small:8.1f}" if small else "       -"


def main() -> int:
    parser = argparse.ArgumentParser(description="benchmark of checks, traces and workload")
    parser.add_argument("--scale", type=int, default=100, help="size of the large cascade")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure (median)")
    parser.add_argument("--sample", type=int, default=30, help="single traces timed per size")
    args = parser.parse_args()

    backend = open_backend(choose_backend(os.environ, docker_engine_answers))
    driver = GraphDatabase.driver(backend.uri, auth=(backend.user, backend.password))
    db = backend.database
    try:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=db)
        if records[0]["n"] and os.environ.get("POKIN_TEST_WIPE") != "1":
            print(
                f"{backend.uri} holds {records[0]['n']} nodes; the bench wipes its database: "
                "use a throwaway one or set POKIN_TEST_WIPE=1",
                file=sys.stderr,
            )
            return 2
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=db)
        print(f"Neo4j: {backend.kind} at {backend.uri}")

        start = time.perf_counter()
        seed = load_cascade_file(SEED_FILE)
        load_cascade(Db(driver, db), seed)
        seed_load = time.perf_counter() - start
        start = time.perf_counter()
        big = parse_cascade(
            dump_yaml(generate(args.scale)),
            f"gen_cascade x{args.scale}",
        )
        generated = time.perf_counter() - start
        start = time.perf_counter()
        load_cascade(Db(driver, db), big)
        big_load = time.perf_counter() - start
        sizes = {"seed": seed.cascade.id, f"x{args.scale}": big.cascade.id}
        labels = ("Goal", "Target", "Programme", "Activity", "SubActivity", "Indicator", "Owner")
        counts = {
            k: sum(c.counts()[label] for label in labels)
            for k, c in (("seed", seed), (f"x{args.scale}", big))
        }
        print(
            f"seed: {counts['seed']} nodes loaded in {seed_load:.1f} s; x{args.scale}: "
            f"{counts[f'x{args.scale}']} nodes generated in {generated:.1f} s, "
            f"loaded in {big_load:.1f} s"
        )

        m = {k: measure(driver, db, cid, args.repeat, args.sample) for k, cid in sizes.items()}
        small, large = m["seed"], m[f"x{args.scale}"]
        lines = [
            "",
            f"Times (median of {args.repeat}; single trace: median of {args.sample}), "
            f"one run, ratio = x{args.scale} / seed",
            f"{'what':34} {'seed s':>9} {'x' + str(args.scale) + ' s':>9} {'ratio':>8}",
        ]
        rows = [
            ("full check report (13 checks)", "report"),
            ("trace every sub-activity (batch)", "trace_all"),
            ("trace one sub-activity", "trace_one"),
            ("owner workload", "workload"),
            ("subtree of the Goal", "subtree_goal"),
        ]
        for label, key in rows:
            lines.append(
                f"{label:34} {small[key]:9.3f} {large[key]:9.3f} {_ratio(large[key], small[key])}"
            )
        for name in CHECKS:
            a, b = small["per_check"][name], large["per_check"][name]
            lines.append(f"  check {name:28} {a:9.3f} {b:9.3f} {_ratio(b, a)}")
        lines.append(
            f"sub-activities: {small['sub_activities']} vs {large['sub_activities']} "
            f"(ratio {large['sub_activities'] / small['sub_activities']:.0f}); reaching the Goal: "
            f"{small['reaching']} vs {large['reaching']}; Goal subtree: "
            f"{small['subtree_items']} vs {large['subtree_items']} elements"
        )
        lines.append(
            "findings per check, seed / large: "
            + ", ".join(f"{n} {small['findings'][n]}/{large['findings'][n]}" for n in CHECKS)
        )

        prof = {k: profiles(driver, db, sizes[k], m[k]) for k in sizes}
        lines += [
            "",
            "PROFILE: total db hits and rows per query (details in bench/results/)",
            f"{'query':34} {'seed hits':>11} {'large hits':>12} {'ratio':>8} "
            f"{'rows':>7} {'rows':>7}",
        ]
        for name in prof["seed"]:
            a, b = prof["seed"][name], prof[f"x{args.scale}"][name]
            lines.append(
                f"{name:34} {a['db_hits']:11d} {b['db_hits']:12d} "
                f"{_ratio(b['db_hits'], a['db_hits'])} {a['rows']:7d} {b['rows']:7d}"
            )
        print("\n".join(lines))

        RESULTS.mkdir(exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        with open(RESULTS / f"profile-{stamp}.txt", "w", encoding="utf-8") as fh:
            for size, per_query in prof.items():
                for name, p in per_query.items():
                    fh.write(f"=== {name} on {size}: {p['db_hits']} db hits, {p['rows']} rows\n")
                    fh.write("\n".join(p["tree"]) + "\n\n")
        summary = {
            "scale": args.scale,
            "load_seconds": {"seed": seed_load, "large": big_load},
            "times": {k: {x: v for x, v in m[k].items() if x not in ("params",)} for k in sizes},
            "profile": {
                k: {
                    n: {x: p[x] for x in ("db_hits", "rows", "seconds", "top")}
                    for n, p in v.items()
                }
                for k, v in prof.items()
            },
        }
        (RESULTS / f"summary-{stamp}.json").write_text(json.dumps(summary, indent=2))
        (RESULTS / f"summary-{stamp}.txt").write_text("\n".join(lines) + "\n")
        print(f"\nwritten: bench/results/profile-{stamp}.txt, summary-{stamp}.json/.txt")
        return 0
    finally:
        driver.close()
        backend.close()


if __name__ == "__main__":
    sys.exit(main())
