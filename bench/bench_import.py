"""Benchmark of importing a planning-system export as delivered (issue 19): a generated,
fictional export of Kabupaten Contoh the size of the real one (13,975 indicator rows over 46
agencies, ``tests.sipd_builder.province_rows``) loaded through the command line as a user runs
it (``python -m pokin.cli load FILE --region contoh --replace``, process start, read,
validation and the one write transaction included), against a bare write of the same rows.

Figures, ratios within one run (absolute seconds for context only):

- first: the CLI load on a freshly started server (its own scratch Neo4j), started as
  ``pokin neo4j up`` starts the project's own (then ``start_warm_up``; ``bench.bench_load`` also
  times a first load on a cold server pokin did not start); with ``NEO4J_URI`` set the server
  is whatever runs there, not freshly started, and the row says so;
- warm: the CLI load again into the emptied database (median of ``--repeat``);
- bare: the same nodes and relationships written with plain ``UNWIND ... CREATE`` and
  ``UNWIND ... MATCH ... CREATE`` into a scratch label with one index (``bench.baseline``),
  in-process, the write alone timed (median of ``--repeat``).

Ratios reported: first / bare, warm / bare, first / warm. (The former xlsx-vs-YAML comparison
is dropped: it took two more in-process loads per repeat and measured the reader, not the
load as delivered; the in-process read is printed for context.)

    .venv/bin/python -m bench.bench_import                 # a few minutes
    .venv/bin/python -m bench.bench_import --rows 2000 --repeat 1

With ``NEO4J_URI`` set the database must be empty (it is wiped), unless POKIN_TEST_WIPE=1.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.baseline import drop_bare, ensure_index, rows_of, timed_bare, warm_bare
from bench.common import backend, cli_load, machine, wipe, write_section
from pokin.graph.db import Db
from pokin.graph.loader import plan_load, start_warm_up
from pokin.seed.formats import RegionOption, read_path, report_of
from tests.sipd_builder import EXPORT_SHAPE, province_rows, quirky_sipd_bytes

REGION = "contoh"


def shape_for(rows: int) -> dict[str, int]:
    """The export's counts scaled to ``rows`` (the real export's shape at another size)."""
    scale, upper = rows / EXPORT_SHAPE["rows"], rows
    out = {"rows": rows}
    for key in ("sub_kegiatan", "kegiatan", "programmes", "agencies"):
        upper = out[key] = max(1, min(upper, round(EXPORT_SHAPE[key] * scale)))
    return out


def check_written(line: str, nodes: list, links: list) -> None:
    """The CLI's summary line states the bare write's counts (its nodes exclude the cascades'
    own nodes): else the two sides would not write the same thing."""
    match = re.match(r"loaded ([\d,]+) cascades?: ([\d,]+) nodes, ([\d,]+) links", line)
    if match is None:
        raise RuntimeError(f"unexpected summary line of pokin load: {line}")
    cascades, written, linked = (int(g.replace(",", "")) for g in match.groups())
    if (cascades + written, linked) != (len(nodes), len(links)):
        raise RuntimeError(f"{line}: the bare write has {len(nodes)} nodes, {len(links)} links")


def main() -> int:
    parser = argparse.ArgumentParser(description="benchmark of a planning-system export's load")
    parser.add_argument("--rows", type=int, default=EXPORT_SHAPE["rows"])
    parser.add_argument("--repeat", type=int, default=3, help="warm and bare runs (median)")
    args = parser.parse_args()

    shape = shape_for(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export-kabupaten-contoh.xlsx"
        path.write_bytes(quirky_sipd_bytes(province_rows(**shape)))
        start = time.perf_counter()
        cascades = read_path(path, None, None, RegionOption(REGION))
        t_read = time.perf_counter() - start
        nodes, links = rows_of([plan_load(c, source) for c, source in cascades])
        print(
            f"export: {path.stat().st_size / 1e6:.1f} MB, {shape}; "
            f"{report_of(cascades).summary()}; in-process read + validate {t_read:.2f} s; "
            f"writes {len(nodes)} nodes, {len(links)} relationships"
        )

        with backend() as (server, driver):
            fresh = server.kind != "uri"
            print(f"Neo4j: {server.kind} at {server.uri}" + (" (started now)" if fresh else ""))
            if fresh:  # as `pokin neo4j up` starts the project's own server: then the warm-up
                start_warm_up(Db(driver, server.database, timeout=300.0))
            t_first, line = cli_load(server, path, "--region", REGION)
            print(f"first: {t_first:.2f} s; {line}")
            check_written(line, nodes, links)
            warm = []
            for _ in range(max(1, args.repeat)):
                wipe(driver, server.database)
                seconds, line = cli_load(server, path, "--region", REGION)
                warm.append(seconds)
                print(f"warm: {seconds:.2f} s; {line}")
                check_written(line, nodes, links)
            wipe(driver, server.database)
            ensure_index(driver, server.database)
            warm_bare(driver, server.database, nodes, links)
            bare = []
            for _ in range(max(1, args.repeat)):
                bare.append(timed_bare(driver, server.database, nodes, links))
                drop_bare(driver, server.database)
                print(f"bare: {bare[-1]:.2f} s")

    t_warm, t_bare = statistics.median(warm), statistics.median(bare)
    first = "first after `pokin neo4j up`" if fresh else "first (server not freshly started)"
    what = f"import ({args.rows:,}-row export, {shape['agencies']} agencies) `pokin load FILE`"
    rows = [
        (f"{first} / bare UNWIND", t_first, t_bare),
        ("warm / bare UNWIND", t_warm, t_bare),
        (f"{first} / warm", t_first, t_warm),
    ]
    table = []
    print(f"ratios (warm and bare: median of {args.repeat}):")
    for how, a, b in rows:
        print(f"  {how:<40}: {a / b:7.2f}x ({a:.2f} s / {b:.2f} s)")
        table.append(f"| {what}, {how} | {a:.2f} s | {b:.2f} s | **{a / b:.2f}x** |")
    written = write_section("import", table)
    print(f"\nwritten: {written} ({machine()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
