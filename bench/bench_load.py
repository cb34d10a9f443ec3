"""Benchmark of ``pokin load`` through the command line, as a user runs it (process start,
read, validation, the one write transaction), against the database's own write speed: the
same nodes and links written with bare ``UNWIND ... CREATE`` into a scratch label with one
index (``bench.baseline``), in the same run, for generated cascades of several sizes.

    .venv/bin/python -m bench.bench_load                 # x1, x10, x100
    .venv/bin/python -m bench.bench_load --scales 1 10 --repeat 3

Per size and round, in turn (so a busy shared machine moves every side alike): the bare
write, then ``pokin load FILE --replace`` of the cascade as YAML, JSON and xlsx, each into an
emptied database; each figure is the median of its rounds. The first load of all, on the
freshly started server, is timed apart (the largest cascade as YAML) against the median of
its later loads, on a server started as ``pokin neo4j up`` starts the project's own (the schema
and the warm-up right after the start); a first load on a cold server that pokin did not start
(a container, a cluster: the load makes the schema and warms up itself) is timed on a second
fresh server (``--no-cold`` skips it). Every figure is printed with its ratio and its growth.
Goals (issue 25): every load <= 2x bare; first load <= 1.5x a later one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.baseline import drop_bare, ensure_index, rows_of, timed_bare, warm_bare
from bench.common import backend, cli_load, growth, machine, wipe, write_section
from pokin.graph.db import Db
from pokin.graph.loader import plan_load, start_warm_up
from pokin.seed import dump_yaml, parse_cascade
from pokin.seed.formats import write_path
from pokin.seed.generate import generate

FORMATS = ("yaml", "json", "xlsx")


def files_for(scale: int, folder: Path) -> tuple[dict[str, Path], list, list]:
    """The x``scale`` cascade as a YAML, JSON and xlsx file, and the bare write's rows."""
    data = generate(scale)
    cascade = parse_cascade(data, f"x{scale}")
    paths = {fmt: folder / f"x{scale}.{fmt}" for fmt in FORMATS}
    paths["yaml"].write_text(dump_yaml(data), encoding="utf-8")
    paths["json"].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    write_path(cascade, "xlsx", paths["xlsx"])
    nodes, links = rows_of([plan_load(cascade, paths["yaml"].read_text(encoding="utf-8"))])
    return paths, nodes, links


def check_written(line: str, nodes: list, links: list) -> None:
    """The load wrote what the bare write writes (its node count leaves out the Cascade node)."""
    words = line.replace(",", "").split()
    written, linked = int(words[words.index("nodes") - 1]), int(words[words.index("links") - 1])
    if (written + 1, linked) != (len(nodes), len(links)):
        raise RuntimeError(f"{line}: the bare write has {len(nodes)} nodes, {len(links)} links")


def measure(server: Any, driver: Any, scale: int, repeat: int, folder: Path) -> dict[str, Any]:
    paths, nodes, links = files_for(scale, folder)
    out: dict[str, Any] = {"scale": scale, "items": len(nodes) + len(links)}
    times: dict[str, list[float]] = {"bare": [], **{fmt: [] for fmt in FORMATS}}
    for _ in range(max(1, repeat)):
        wipe(driver, server.database)
        times["bare"].append(timed_bare(driver, server.database, nodes, links))
        drop_bare(driver, server.database)
        for fmt in FORMATS:
            wipe(driver, server.database)
            seconds, line = cli_load(server, paths[fmt])
            check_written(line, nodes, links)
            times[fmt].append(seconds)
    wipe(driver, server.database)
    for key, values in times.items():
        out[key] = statistics.median(values)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size below x100")
    parser.add_argument("--repeat-large", type=int, default=3, help="rounds per size >= x100")
    parser.add_argument(
        "--no-cold", dest="cold", action="store_false", help="skip the first load on a cold server"
    )
    args = parser.parse_args()

    big = max(args.scales)
    with tempfile.TemporaryDirectory() as tmp:
        paths, nodes, links = files_for(big, Path(tmp))
        cold = first_load_cold(paths["yaml"], nodes, links) if args.cold else None
        with backend() as (server, driver):
            results, first, warm, fresh = run(server, driver, args, paths, nodes, links, tmp)
    report(args, results, first, warm, fresh, cold)
    return 0


def first_load_cold(path: Path, nodes: list, links: list) -> float | None:
    """The first load on a server started by something other than pokin (a container, a
    cluster): nothing warmed it, the load makes the schema and warms up itself. None when
    the backend is a given server (not fresh)."""
    with backend() as (server, _driver):
        if server.kind == "uri":
            return None
        seconds, line = cli_load(server, path)
        check_written(line, nodes, links)
        print(f"first load on a cold server (pokin did not start it): {seconds:.2f} s", flush=True)
        return seconds


def run(server, driver, args, paths, nodes, links, tmp) -> tuple[dict, float, float, bool]:
    big = max(args.scales)
    print(f"Neo4j: {server.kind} at {server.uri}", flush=True)
    fresh = server.kind != "uri"
    # as `pokin neo4j up` starts the project's own server: the schema, the warm-up of the
    # load's statements (rolled back) and a fictional cascade loaded and deleted right after
    # the start, not in the first load
    start = time.perf_counter()
    if fresh:
        start_warm_up(Db(driver, server.database, timeout=300.0))
    warm = time.perf_counter() - start
    # the first load this server ever sees
    first, line = cli_load(server, paths["yaml"])
    check_written(line, nodes, links)
    print(f"first load (x{big} YAML, fresh server: {fresh}): {first:.2f} s", flush=True)
    ensure_index(driver, server.database)
    warm_bare(driver, server.database, nodes, links)
    results = {}
    for scale in args.scales:
        repeat = args.repeat if scale < 100 else args.repeat_large
        results[scale] = m = measure(server, driver, scale, repeat, Path(tmp))
        print(
            f"x{scale}: {m['items']} items: bare {m['bare']:.2f} s, "
            + ", ".join(f"{fmt} {m[fmt]:.2f} s" for fmt in FORMATS),
            flush=True,
        )
    return results, first, warm, fresh


def report(args, results, first, warm, fresh, cold) -> None:
    big = max(args.scales)
    header = f"{'size':>6} {'items':>7} {'bare s':>7}" + "".join(
        f" {fmt + ' s':>7} {fmt + '/bare':>9}" for fmt in FORMATS
    )
    lines = ["", "pokin load FILE (CLI, process start included) vs bare UNWIND; medians", header]
    for s, m in results.items():
        lines.append(
            f"{'x' + str(s):>6} {m['items']:7d} {m['bare']:7.2f}"
            + "".join(f" {m[fmt]:7.2f} {m[fmt] / m['bare']:9.2f}" for fmt in FORMATS)
        )
    grown = {}
    if len(results) > 1:
        lines.append("")
        for key in ("bare", *FORMATS):
            grown[key] = growth({s: m[key] for s, m in results.items()})
            lines.append(f"growth of {key}: {grown[key]}")
    b = results[big]
    lines.append(f"first load x{big} YAML / later: {first / b['yaml']:.2f}x")
    print("\n".join(lines))

    table = []
    for fmt in FORMATS:
        table.append(
            f"| `pokin load` {fmt.upper()} (x{big}, {b['items']} items, CLI) | {b[fmt]:.2f} s, "
            f"{b['items'] / b[fmt]:.0f} items/s | bare UNWIND {b['bare']:.2f} s, "
            f"{b['items'] / b['bare']:.0f} items/s | **{b[fmt] / b['bare']:.2f}x** (goal <= 2x) |"
        )
    where = "after `pokin neo4j up` (warm-up at the start" if fresh else "on a running server (none"
    table.append(
        f"| first `pokin load` YAML (x{big}) {where}: {warm:.1f} s) | "
        f"{first:.2f} s | later {b['yaml']:.2f} s | **{first / b['yaml']:.2f}x** (goal <= 1.5x) |"
    )
    if cold is not None:
        table.append(
            f"| first `pokin load` YAML (x{big}) on a cold server pokin did not start "
            f"(the load warms up itself) | {cold:.2f} s | later {b['yaml']:.2f} s | "
            f"**{cold / b['yaml']:.2f}x** |"
        )
    for key, how in grown.items():
        table.append(f"| load growth, {key} | {how.replace('|', '/')} | | |")
    path = write_section("load", table)
    print(f"\nwritten: {path} ({machine()})")


if __name__ == "__main__":
    sys.exit(main())
