"""Benchmark of ``pokin load``: the end-to-end work (read, parse, validate, plan, write) against
writing the same rows with bare ``UNWIND`` statements through the driver (the database's own
speed), in one run, for generated cascades of several sizes (x1, x10, x100 by default).

    .venv/bin/python -m bench.bench_load                 # x1, x10, x100
    .venv/bin/python -m bench.bench_load --scales 1 10 --repeat 3

Reported per size: items (nodes + links), seconds and items/s of the bare write, of the load
from YAML and of the load from JSON (the same cascade as JSON text, parsed by ``json`` and
validated by the same code: what a JSON upload would cost), the ratios load / bare, and
where the load's time goes (parse, validate, plan, write). Every run starts from an empty
database (wiped, not timed). Goals (issue 14): ratio <= 2.5 and >= 20k items/s at x100.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from neo4j import Driver

from bench.common import BENCH_TIMEOUT, database, growth, machine, median_time, wipe, write_section
from pokin.graph.db import Db
from pokin.graph.loader import LoadPlan, load_cascade, plan_load
from pokin.graph.schema import ensure_schema
from pokin.seed import dump_yaml, parse_cascade, read_cascade_file
from pokin.seed.generate import generate
from pokin.seed.schema import _screen

# The baseline: the least a database write of these rows can be. Labels and types are the
# fixed ones of pokin.core.vocabulary (the plan's keys).
_BARE_NODES = "UNWIND $rows AS row CREATE (n:Element:{label}) SET n = row"
_BARE_LINKS = (
    "UNWIND $rows AS row MATCH (a:Element {{id: row.from}}) MATCH (b:Element {{id: row.to}}) "
    "CREATE (a)-[r:{rel}]->(b) SET r = row.props"
)


def bare_write(driver: Driver, database: str, plan: LoadPlan) -> None:
    """The plan's rows, written by plain CREATE/MATCH statements in one transaction."""
    cascade = plan.cascade["id"]

    def work(tx: Any) -> None:
        for label, rows in plan.nodes.items():
            if rows:
                rows = [dict(r, cascade=cascade) for r in rows]
                tx.run(_BARE_NODES.format(label=label), rows=rows).consume()
        for rel, rows in plan.links.items():
            if rows:
                tx.run(_BARE_LINKS.format(rel=rel), rows=rows).consume()

    with driver.session(database=database) as session:
        session.execute_write(work)


def items(plan: LoadPlan) -> tuple[int, int]:
    return (
        sum(len(r) for r in plan.nodes.values()),
        sum(len(r) for r in plan.links.values()),
    )


def measure(driver: Driver, db: str, scale: int, repeat: int, folder: Path) -> dict[str, Any]:
    data = generate(scale)
    yaml_path = folder / f"x{scale}.yaml"
    yaml_path.write_text(dump_yaml(data), encoding="utf-8")
    json_path = folder / f"x{scale}.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cascade, text = read_cascade_file(yaml_path)
    plan = plan_load(cascade, text)
    nodes, links = items(plan)
    out: dict[str, Any] = {
        "scale": scale,
        "nodes": nodes,
        "links": links,
        "items": nodes + links,
        "yaml_mb": yaml_path.stat().st_size / 1e6,
    }
    database_ = Db(driver, db, BENCH_TIMEOUT)
    ensure_schema(database_)

    def fresh() -> None:
        wipe(driver, db)

    def timed_fresh(fn: Any) -> float:
        times = []
        for _ in range(max(1, repeat)):
            fresh()
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return sorted(times)[len(times) // 2]

    def load_yaml() -> None:
        c, t = read_cascade_file(yaml_path)  # what `pokin load FILE` does
        load_cascade(database_, c, source_text=t)

    def load_json() -> None:
        t = json_path.read_text(encoding="utf-8")
        load_cascade(database_, parse_cascade(json.loads(t), str(json_path)), source_text=t)

    # the order alternates nothing away: each figure is the median of `repeat` runs
    out["bare"] = timed_fresh(lambda: bare_write(driver, db, plan))
    out["yaml"] = timed_fresh(load_yaml)
    out["json"] = timed_fresh(load_json)
    fresh()
    # where the YAML load's time goes (each stage alone, same inputs)
    yaml_text = yaml_path.read_text(encoding="utf-8")
    out["parse"], parsed = median_time(lambda: _screen(yaml_text, "x")[0], repeat)
    out["json_parse"], _ = median_time(lambda: json.loads(json_path.read_text()), repeat)
    out["validate"], _ = median_time(lambda: parse_cascade(parsed, "x"), repeat)
    out["plan"], _ = median_time(lambda: plan_load(cascade, text), repeat)
    out["write"] = timed_fresh(lambda: load_cascade(database_, cascade, source_text=text))
    fresh()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure below x100")
    parser.add_argument("--repeat-large", type=int, default=1, help="runs per figure >= x100")
    args = parser.parse_args()

    with database() as (driver, db, where), tempfile.TemporaryDirectory() as tmp:
        print(f"Neo4j: {where}")
        # warm-up, not reported: the server's query plans and JIT, the client's imports
        measure(driver, db, 1, 1, Path(tmp))
        results = {}
        for scale in args.scales:
            repeat = args.repeat if scale < 100 else args.repeat_large
            results[scale] = m = measure(driver, db, scale, repeat, Path(tmp))
            print(
                f"x{scale}: {m['items']} items ({m['nodes']} nodes, {m['links']} links, "
                f"{m['yaml_mb']:.1f} MB YAML): bare {m['bare']:.2f} s, "
                f"load YAML {m['yaml']:.2f} s, load JSON {m['json']:.2f} s",
                flush=True,
            )

    header = (
        f"{'size':>6} {'items':>7} {'bare s':>7} {'bare it/s':>10} {'yaml s':>7} "
        f"{'yaml it/s':>10} {'yaml/bare':>9} {'json s':>7} {'json it/s':>10} {'json/bare':>9}"
    )
    lines = ["", "pokin load vs bare UNWIND (one run; medians)", header]
    for s, m in results.items():
        lines.append(
            f"{'x' + str(s):>6} {m['items']:7d} {m['bare']:7.2f} {m['items'] / m['bare']:10.0f} "
            f"{m['yaml']:7.2f} {m['items'] / m['yaml']:10.0f} {m['yaml'] / m['bare']:9.2f} "
            f"{m['json']:7.2f} {m['items'] / m['json']:10.0f} {m['json'] / m['bare']:9.2f}"
        )
    lines.append("")
    lines.append("stages of the YAML load (s): parse / validate (shape + graph) / plan / write")
    for s, m in results.items():
        lines.append(
            f"{'x' + str(s):>6} {m['parse']:7.2f} {m['validate']:7.2f} {m['plan']:7.2f} "
            f"{m['write']:7.2f}   (JSON parse {m['json_parse']:.2f})"
        )
    if len(results) > 1:
        lines.append("")
        for key, label in (("bare", "bare write"), ("yaml", "load YAML"), ("json", "load JSON")):
            lines.append(f"growth of {label}: " + growth({s: m[key] for s, m in results.items()}))
    print("\n".join(lines))

    big = results[max(results)]
    n, bare = max(results), big["bare"]
    table = [
        f"| load YAML (x{n}, {big['items']} items) | {big['yaml']:.2f} s, "
        f"{big['items'] / big['yaml']:.0f} items/s | bare UNWIND {bare:.2f} s, "
        f"{big['items'] / bare:.0f} items/s | **{big['yaml'] / bare:.2f}x** "
        "(goal <= 2.5x and >= 20k items/s) |",
        f"| load JSON (x{n}) | {big['json']:.2f} s, {big['items'] / big['json']:.0f} items/s "
        f"| bare UNWIND {bare:.2f} s | **{big['json'] / bare:.2f}x** |",
    ]
    if len(results) > 1:
        table.append(
            "| load growth | "
            + growth({s: m["yaml"] for s, m in results.items()}).replace("|", "/")
            + " | | |"
        )
    path = write_section("load", table)
    print(f"\nwritten: {path} ({machine()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
