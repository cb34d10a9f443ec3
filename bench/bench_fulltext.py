"""Where a load's write goes on the database side (issue 25): the same x``--scale`` cascade
written in-process by ``load_cascades`` (pokin's statements, constraints and indexes, the one
transaction) with the full schema, without the full-text index ``element_names``, and with it
eventually consistent (updated after the commit instead of in it), against the bare
``UNWIND ... CREATE`` of the same rows (``bench.baseline``). The variants run interleaved,
in a new random order each round, each into an emptied database; medians of ``--rounds``.

    .venv/bin/python -m bench.bench_fulltext                 # x100, 5 rounds
    .venv/bin/python -m bench.bench_fulltext --scale 10 --rounds 3

Not part of ``make bench`` (it changes the schema between variants); its table is written to
``bench/results/fulltext.md``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from typing import Any
from unittest import mock

from bench.baseline import drop_bare, ensure_index, rows_of, timed_bare
from bench.common import BENCH_TIMEOUT, backend, machine, wipe, write_section
from pokin.graph import loader
from pokin.graph.db import Db
from pokin.graph.loader import load_cascades, plan_load, prepare_schema, warm_up
from pokin.seed import dump_yaml, parse_cascade
from pokin.seed.generate import generate

FULLTEXT = (
    "CREATE FULLTEXT INDEX element_names IF NOT EXISTS "
    "FOR (n:Goal|Target|Programme|Activity|SubActivity|Indicator|Owner) ON EACH [n.name] "
    "OPTIONS {{ indexConfig: {{ `fulltext.analyzer`: 'standard-folding', "
    "`fulltext.eventually_consistent`: {eventual} }} }}"
)
VARIANTS = ("full schema", "no full-text index", "full-text eventually consistent", "bare")


def set_fulltext(db: Db, state: str) -> None:
    """The full-text index as the variant wants it: pokin's (in the commit), none, or
    eventually consistent."""
    db.auto_commit(["DROP INDEX element_names IF EXISTS"])
    if state == "full schema":
        prepare_schema(db)
    elif state == "full-text eventually consistent":
        db.auto_commit([FULLTEXT.format(eventual="true"), "CALL db.awaitIndexes(300)"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    text = dump_yaml(generate(args.scale))
    cascade = parse_cascade(text, f"x{args.scale}.yaml")
    nodes, links = rows_of([plan_load(cascade, text)])
    times: dict[str, list[float]] = {v: [] for v in VARIANTS}
    with backend() as (server, driver):
        db = Db(driver, server.database, timeout=BENCH_TIMEOUT)
        warm_up(db)
        ensure_index(driver, server.database)
        for round_ in range(args.rounds + 1):  # round 0 warms every variant up: not counted
            order = random.sample(VARIANTS, len(VARIANTS))
            for variant in order:
                wipe(driver, server.database)
                if variant == "bare":
                    seconds = timed_bare(driver, server.database, nodes, links)
                    drop_bare(driver, server.database)
                else:
                    set_fulltext(db, variant)
                    # the schema as set: the load must not make it again
                    with mock.patch.object(loader, "prepare_schema", lambda db: False):
                        start = time.perf_counter()
                        load_cascades(db, [(cascade, text)])
                        seconds = time.perf_counter() - start
                if round_:
                    times[variant].append(seconds)
                print(f"round {round_}: {variant}: {seconds:.2f} s", flush=True)
        set_fulltext(db, "full schema")
        wipe(driver, server.database)
    med: dict[str, Any] = {v: statistics.median(t) for v, t in times.items()}
    bare = med["bare"]
    table = []
    print(f"\nx{args.scale} ({len(nodes) + len(links)} items), medians of {args.rounds} rounds:")
    for variant in VARIANTS:
        print(f"  {variant:<34} {med[variant]:6.2f} s  {med[variant] / bare:5.2f}x bare")
        table.append(
            f"| in-process load x{args.scale}, {variant} | {med[variant]:.2f} s | "
            f"bare {bare:.2f} s | **{med[variant] / bare:.2f}x** |"
        )
    path = write_section("fulltext", table)
    print(f"written: {path} ({machine()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
