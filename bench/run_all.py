"""``make bench``: every benchmark in turn, then one markdown table of their ratios in
``bench/results/latest.md`` (each benchmark writes its rows to ``bench/results/NAME.md``; this
joins them under the date, the machine and the commands that gave them).

    .venv/bin/python -m bench.run_all            # about 12 minutes on a quiet 2-core machine

Each benchmark runs in its own process with its own scratch Neo4j (or ``NEO4J_URI``); a
benchmark that fails is named in the table and the others still run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench.common import RESULTS, machine

RUNS = [
    ("load", ["bench.bench_load"]),
    ("import", ["bench.bench_import"]),
    ("checks", ["bench.bench_checks"]),
    ("api", ["bench.bench_api"]),
    ("draw", ["bench.bench_draw", "--repeat", "3"]),
    ("region", ["bench.bench_region"]),
    ("first_visit", ["bench.bench_first_visit"]),
    ("capaian", ["bench.bench_capaian"]),
]


def show_in_readme(lines: list[str]) -> None:
    """Put the table between the README's ``bench:latest`` markers."""
    readme = RESULTS.parents[1] / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:latest -->", "<!-- /bench:latest -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(
            head + start + "\n" + "\n".join(lines) + "\n" + end + tail, encoding="utf-8"
        )


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", help="run only these (the others' rows are kept)")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    started = time.perf_counter()
    rows, failed, logs = [], [], []
    for name, module in RUNS:
        section = RESULTS / f"{name}.md"
        if args.only and name not in args.only:
            if section.exists():
                rows += section.read_text(encoding="utf-8").splitlines()
                logs.append(f"`python -m {' '.join(module)}`: kept from an earlier run")
            continue
        section.unlink(missing_ok=True)
        command = [sys.executable, "-m", *module]
        print(f"== {' '.join(['python', '-m', *module])}", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run(
            command, capture_output=True, text=True, env=dict(os.environ, PYTHONUNBUFFERED="1")
        )
        seconds = time.perf_counter() - t0
        (RESULTS / f"{name}.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
        print(proc.stdout[-6000:], flush=True)
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr, flush=True)
            failed.append(name)
        if section.exists():
            rows += section.read_text(encoding="utf-8").splitlines()
        elif name == "draw" and proc.returncode == 0:
            tail = [ln for ln in proc.stdout.splitlines() if "ratio" in ln.lower()][:3]
            section.write_text(
                "\n".join(f"| draw: {ln.strip()} | | | |" for ln in tail) + "\n",
                encoding="utf-8",
            )
            rows += section.read_text(encoding="utf-8").splitlines()
        logs.append(f"`python -m {' '.join(module)}`: {seconds:.0f} s, exit {proc.returncode}")
    total = time.perf_counter() - started
    lines = [
        "# Benchmarks: latest run",
        "",
        f"Taken {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on: {machine()}.",
        f"`make bench` took {total / 60:.1f} min. Ratios are measured within one run (both",
        "sides on the same machine at the same time); absolute times are for context only.",
        "",
        "| what | measured | baseline | ratio |",
        "| --- | --- | --- | --- |",
        *rows,
        "",
        "Runs: " + "; ".join(logs) + ". Full output: `bench/results/*.log`.",
    ]
    if failed:
        lines.append(f"\n**Failed:** {', '.join(failed)} (see their logs).")
    (RESULTS / "latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    show_in_readme(lines[2:])
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
