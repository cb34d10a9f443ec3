"""How large the load's warm-up must be (issue 25): for each warm-up size, a freshly started
server, the schema, ``pokin.graph.loader.warm_up`` of a generated cascade of that size (rolled
back; size 0: the schema alone), then the first ``pokin load`` of the x``--scale`` YAML through
the CLI and later loads into the emptied database. Reported per size: the warm-up's own
seconds and the first load / later load ratio (goal <= 1.5x).

    .venv/bin/python -m bench.bench_warm_up                        # sizes 0 1 10 30, x100
    .venv/bin/python -m bench.bench_warm_up --sizes 0 10 --later 1

Each size starts its own local server (about 30 s each); ratios are within one server's run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.common import backend, cli_load, machine, wipe
from pokin.graph.db import Db
from pokin.graph.loader import warm_up
from pokin.graph.schema import ensure_schema
from pokin.seed import dump_yaml
from pokin.seed.generate import generate


def one_size(size: int, path: Path, later: int) -> tuple[float, float, float]:
    """(warm-up seconds, first load seconds, median later load seconds) on a fresh server."""
    with backend() as (server, driver):
        db = Db(driver, server.database, timeout=300.0)
        start = time.perf_counter()
        if size:
            warm_up(db, scale=size)
        else:
            ensure_schema(db)
        warm = time.perf_counter() - start
        first, _ = cli_load(server, path)
        times = []
        for _ in range(max(1, later)):
            wipe(driver, server.database)
            times.append(cli_load(server, path)[0])
    return warm, first, statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1, 10, 30])
    parser.add_argument("--scale", type=int, default=100, help="the loaded cascade's size")
    parser.add_argument("--later", type=int, default=2, help="later loads (median)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{args.scale}.yaml"
        path.write_text(dump_yaml(generate(args.scale)), encoding="utf-8")
        for size in args.sizes:
            warm, first, later = one_size(size, path, args.later)
            rows.append((size, warm, first, later))
            print(
                f"warm-up x{size}: {warm:.2f} s; first load {first:.2f} s, later {later:.2f} s: "
                f"{first / later:.2f}x",
                flush=True,
            )
    print(f"\n{'warm-up':>8} {'its s':>6} {'first s':>8} {'later s':>8} {'first/later':>12}")
    for size, warm, first, later in rows:
        name = f"x{size}" if size else "none"
        print(f"{name:>8} {warm:6.2f} {first:8.2f} {later:8.2f} {first / later:11.2f}x")
    print(f"({machine()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
