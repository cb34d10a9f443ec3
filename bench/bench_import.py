"""Benchmark of spreadsheet import: a generated SIPD-style export of ``--rows`` rows (default
15,000: 20 fictional agencies of Kabupaten Contoh, one row per sub-activity indicator) read,
validated and loaded into a real Neo4j, against loading the same cascades from their YAML files
in the same run (ratio xlsx / YAML), plus the raw sheet read with openpyxl (read-only) and, when
installed, python-calamine.

    .venv/bin/python -m bench.bench_import
    .venv/bin/python -m bench.bench_import --rows 3000 --repeat 1

With ``NEO4J_URI`` set the database must be empty (it is wiped), unless POKIN_TEST_WIPE=1.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from neo4j import GraphDatabase

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade, planned_counts
from pokin.seed import dump_yaml, parse_cascade
from pokin.seed.formats import read_bytes
from tests.backends import choose_backend, docker_engine_answers, open_backend
from tests.sipd_builder import agency_rows, sipd_bytes

AGENCIES = 20


def timed(fn: Callable[[], Any], repeat: int, before: Callable[[], None] = lambda: None) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description="benchmark of SIPD spreadsheet import")
    parser.add_argument("--rows", type=int, default=15_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    per_agency = max(1, args.rows // AGENCIES)  # programmes x activities x subs x indicators
    rows: list = []
    for a in range(1, AGENCIES + 1):
        rows += agency_rows(a, 5, 6, 5, 5)[:per_agency]
    data = sipd_bytes(rows)
    cascades = read_bytes(data, "bench.xlsx", "sipd")
    yamls = [dump_yaml(c.model_dump(mode="json", exclude_defaults=True)) for c in cascades]
    print(
        f"SIPD file: {len(rows)} rows, {len(data) / 1e6:.1f} MB, {len(cascades)} agencies; "
        f"{sum(planned_counts(c)['SubActivity'] for c in cascades)} sub-activities, "
        f"{sum(planned_counts(c)['Indicator'] for c in cascades)} indicators; YAML equivalent: "
        f"{sum(len(y) for y in yamls) / 1e6:.1f} MB in {len(yamls)} files"
    )

    backend = open_backend(choose_backend(os.environ, docker_engine_answers))
    driver = GraphDatabase.driver(backend.uri, auth=(backend.user, backend.password))
    database = backend.database
    try:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database)
        if records[0]["n"] and os.environ.get("POKIN_TEST_WIPE") != "1":
            print(f"{backend.uri} is not empty; use a throwaway database", file=sys.stderr)
            return 2
        db = Db(driver, database)

        def wipe() -> None:
            driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)

        def import_xlsx() -> None:
            for c in read_bytes(data, "bench.xlsx"):  # sniffed, as `pokin load` does
                load_cascade(db, c, source_text=data)

        def import_yaml() -> None:
            for text in yamls:
                load_cascade(db, parse_cascade(text, "bench.yaml"), source_text=text)

        import_yaml()  # warm-up: schema, caches
        wipe()
        t_xlsx = timed(import_xlsx, args.repeat, wipe)
        t_yaml = timed(import_yaml, args.repeat, wipe)
        t_read = timed(lambda: read_bytes(data, "bench.xlsx", "sipd"), args.repeat)
        t_yaml_parse = timed(lambda: [parse_cascade(y, "b.yaml") for y in yamls], args.repeat)

        import openpyxl

        def openpyxl_rows() -> int:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))

        t_openpyxl = timed(openpyxl_rows, args.repeat)
        try:
            from python_calamine import CalamineWorkbook

            def calamine_rows() -> int:
                book = CalamineWorkbook.from_filelike(io.BytesIO(data))
                return len(book.get_sheet_by_index(0).to_python())

            t_calamine: float | None = timed(calamine_rows, args.repeat)
        except ImportError:
            t_calamine = None
        wipe()
    finally:
        driver.close()
        backend.close()

    print(f"import (read + validate + load), median of {args.repeat}:")
    print(f"  SIPD .xlsx           {t_xlsx:7.2f} s")
    print(f"  same cascades, YAML  {t_yaml:7.2f} s")
    print(f"  ratio xlsx / YAML    {t_xlsx / t_yaml:7.2f}")
    print(f"read + validate only: xlsx {t_read:.2f} s, YAML {t_yaml_parse:.2f} s "
          f"(ratio {t_read / t_yaml_parse:.2f})")  # fmt: skip
    print(f"sheet read only: openpyxl read-only {t_openpyxl:.2f} s", end="")
    if t_calamine is not None:
        print(f", python-calamine {t_calamine:.2f} s (openpyxl / calamine "
              f"{t_openpyxl / t_calamine:.1f})")  # fmt: skip
    else:
        print(" (python-calamine not installed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
