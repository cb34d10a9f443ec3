"""Benchmark of the whole-cascade graph: how long it takes to draw in headless Chromium, for the
seed cascade and for a generated cascade of about 5,000 elements (``bench/gen_cascade.py``,
``--scale`` blocks of the seed's shape), both loaded into one real Neo4j (chosen like the
tests': ``NEO4J_URI``, else Docker, else the project's local Neo4j on a free port).

Draw time is read in the page: ``window.pokinGraphReadyMs``, the ``performance.now()`` at which
the page's script saw vis-network's first ``afterDrawing`` of the laid-out graph, i.e. the time
from navigation start to a drawn graph (parsing the page and vis-network included). Each
standalone file (``pokin graph cascade``, everything inlined) is opened ``--repeat`` times,
alternating seed and large, in one browser; the medians are compared as a ratio (large / seed)
measured in one run, with the absolute figures for context. The server side (the queries and
checks of ``graph.views.cascade_view``, then pyvis + layout + template) is timed too.

    .venv/bin/python -m bench.bench_draw                 # scale 19: ~4,900 elements
    .venv/bin/python -m bench.bench_draw --scale 10 --repeat 3

With ``NEO4J_URI`` set the database must be empty (it is wiped), unless POKIN_TEST_WIPE=1.
Results go to ``bench/results/`` (git-ignored): the two HTML files, screenshots, and a JSON
summary.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import BENCH_TIMEOUT, RESULTS, backend
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.views import cascade_view
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate import generate
from pokin.visualize.browser import CHROMIUM, CHROMIUM_ARGS
from pokin.visualize.render import render_page


def _load(driver, database: str, scale: int) -> tuple[str, str, float]:
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    seed_text = SEED_FILE.read_text(encoding="utf-8")
    seed = load_cascade_file(SEED_FILE)
    load_cascade(Db(driver, database, BENCH_TIMEOUT), seed, source_text=seed_text)
    # tagged ids: the generated ids must not collide with the seed's (one database holds both)
    text = dump_yaml(generate(scale, tag="draw"))
    large = parse_cascade(text, f"generated x{scale}")
    started = time.perf_counter()
    load_cascade(Db(driver, database, BENCH_TIMEOUT), large, source_text=text)
    return seed.cascade.id, large.cascade.id, time.perf_counter() - started


def _build(driver, database: str, cascade: str, out: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    view = cascade_view(Db(driver, database, BENCH_TIMEOUT), cascade)
    t1 = time.perf_counter()
    html = render_page(view, standalone=True, home_url=None)
    t2 = time.perf_counter()
    out.write_text(html, encoding="utf-8")
    return {
        "cascade": cascade,
        "nodes": len(view.nodes),
        "edges": len(view.edges),
        "query_and_checks_s": round(t1 - t0, 3),
        "render_s": round(t2 - t1, 3),
        "html_bytes": len(html.encode("utf-8")),
        "file": str(out),
    }


def _draw_times(files: dict[str, Path], repeat: int, timeout_ms: float) -> dict[str, list]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[dict[str, float]]] = {name: [] for name in files}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1600, "height": 1000}, offline=True)
            for name, path in files.items():  # warm-up: first compile of vis-network
                page = context.new_page()
                page.goto(path.as_uri())
                page.wait_for_selector(
                    "html[data-graph-ready='1']", state="attached", timeout=timeout_ms
                )
                page.screenshot(path=str(RESULTS / f"bench-draw-{name}.png"))
                page.close()
            for _ in range(repeat):
                for name, path in files.items():
                    page = context.new_page()
                    started = time.perf_counter()
                    page.goto(path.as_uri(), wait_until="commit")
                    page.wait_for_selector(
                        "html[data-graph-ready='1']", state="attached", timeout=timeout_ms
                    )
                    wall = time.perf_counter() - started
                    drawn = page.evaluate(
                        "[window.pokinGraphReadyMs, window.network.body.data.nodes.length,"
                        " window.network.body.data.edges.length]"
                    )
                    times[name].append(
                        {
                            "ready_ms": drawn[0],
                            "wall_ms": wall * 1000,
                            "nodes": drawn[1],
                            "edges": drawn[2],
                        }
                    )
                    page.close()
            context.close()
        finally:
            browser.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=19, help="blocks of the seed's shape")
    parser.add_argument("--repeat", type=int, default=5, help="draws of each graph")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a draw may take")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)

    with backend() as (server, driver):
        database = server.database
        print(f"Neo4j: {server.kind} {server.uri}; loading the seed and x{args.scale} ...")
        seed_id, large_id, load_s = _load(driver, database, args.scale)
        print(f"  loaded x{args.scale} in {load_s:.1f} s")
        for _ in range(2):  # the first build warms the query plans; the second is timed
            built = {
                "seed": _build(driver, database, seed_id, RESULTS / "bench-draw-seed.html"),
                "large": _build(driver, database, large_id, RESULTS / "bench-draw-large.html"),
            }

    files = {name: Path(b["file"]) for name, b in built.items()}
    times = _draw_times(files, args.repeat, args.timeout * 1000)
    summary: dict[str, Any] = {"scale": args.scale, "repeat": args.repeat, "graphs": {}}
    for name, b in built.items():
        drawn = times[name]
        assert all(d["nodes"] == b["nodes"] and d["edges"] == b["edges"] for d in drawn), (
            f"{name}: the browser drew other counts than the view holds"
        )
        summary["graphs"][name] = {
            **b,
            "ready_ms_median": round(statistics.median(d["ready_ms"] for d in drawn), 1),
            "ready_ms_all": [round(d["ready_ms"], 1) for d in drawn],
            "wall_ms_median": round(statistics.median(d["wall_ms"] for d in drawn), 1),
        }
    g = summary["graphs"]
    summary["ratio_ready"] = round(g["large"]["ready_ms_median"] / g["seed"]["ready_ms_median"], 2)
    summary["ratio_nodes"] = round(g["large"]["nodes"] / g["seed"]["nodes"], 2)
    summary["ratio_server"] = round(
        (g["large"]["query_and_checks_s"] + g["large"]["render_s"])
        / (g["seed"]["query_and_checks_s"] + g["seed"]["render_s"]),
        2,
    )
    (RESULTS / "bench_draw.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")

    print()
    print(f"Whole-cascade graph, drawn in headless Chromium ({args.repeat} draws each, median):")
    print(
        f"{'':8}{'elements':>9}{'links':>8}{'draw ms':>10}{'wall ms':>10}"
        f"{'server s':>10}{'render s':>10}{'HTML MB':>9}"
    )
    for name in ("seed", "large"):
        x = g[name]
        print(
            f"{name:8}{x['nodes']:>9}{x['edges']:>8}{x['ready_ms_median']:>10.0f}"
            f"{x['wall_ms_median']:>10.0f}{x['query_and_checks_s']:>10.2f}"
            f"{x['render_s']:>10.2f}{x['html_bytes'] / 1e6:>9.1f}"
        )
    print(
        f"ratio large/seed: draw {summary['ratio_ready']}x for {summary['ratio_nodes']}x the "
        f"elements; server side {summary['ratio_server']}x"
    )
    print(
        f"(draw ms: navigation start to the first drawing of the laid-out graph; "
        f"results in {RESULTS / 'bench_draw.json'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
