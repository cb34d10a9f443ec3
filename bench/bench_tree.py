"""Benchmark of the pohon tree page (``/tree``): the seed cascade against a generated cascade of
about 5,000 elements (``pokin.seed.generate``, ``--scale`` blocks of the seed's shape), both
loaded into one real Neo4j (chosen like the tests': ``NEO4J_URI``, else Docker, else the
project's local Neo4j on a free port) and served by the API in a background uvicorn thread.

For each cascade, in one headless Chromium, alternating seed and large ``--repeat`` times:

- **open**: navigation to ``/tree?cascade=...#depth=2`` until the page's script has opened the
  tree to level 2 (Goal, strategic targets, programme results) -- server (query, checks,
  template) and browser (parse, layout) together, as a user waits for it;
- **expand**: a click on the toggle of the programme result with the most results below it,
  until the browser has laid out the opened subtree (measured in the page:
  ``performance.now()`` around the click and a forced layout);
- **expand all** (for context): the whole tree opened and laid out.

The medians are compared as ratios (large / seed) measured in the same run, with the absolute
figures for context. The server's share (``cascade_tree`` + template) is timed in-process too.

    .venv/bin/python -m bench.bench_tree                 # scale 20: ~5,000 elements
    .venv/bin/python -m bench.bench_tree --scale 5 --repeat 3

With ``NEO4J_URI`` set the database must be empty (it is wiped), unless POKIN_TEST_WIPE=1.
Results go to ``bench/results/`` (git-ignored): screenshots and a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import RESULTS, backend, settings_of
from pokin.core.settings import Settings
from pokin.graph.db import Db
from pokin.graph.driver import create_driver
from pokin.graph.loader import load_cascade
from pokin.graph.local_server import free_port
from pokin.graph.tree import cascade_tree
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate import generate
from pokin.visualize.browser import CHROMIUM, CHROMIUM_ARGS

#: The programme result with the most results below it, as the page has it.
BIGGEST_PROGRAMME = """() => {
  let best = null, most = -1;
  for (const li of document.querySelectorAll('.pk-node')) {
    if (li.firstElementChild.dataset.level !== 'programme') continue;
    if (+li.dataset.below > most) { most = +li.dataset.below; best = li.dataset.id; }
  }
  return [best, most];
}"""

#: Click the toggle of one card and force the layout of what opened; milliseconds.
EXPAND = """(id) => {
  const li = document.getElementById('t:' + id);
  const t0 = performance.now();
  li.firstElementChild.querySelector('[data-toggle]').click();
  document.body.offsetHeight;  // force style and layout
  return [performance.now() - t0, document.querySelectorAll('.pk-card').length];
}"""

EXPAND_ALL = """() => {
  const t0 = performance.now();
  document.querySelector('[data-action=expand-all]').click();
  document.body.offsetHeight;
  return [performance.now() - t0, document.querySelectorAll('.pk-card').length];
}"""


class _Server:
    """The API in a uvicorn thread on a free loopback port."""

    def __init__(self, settings: Settings) -> None:
        import uvicorn

        from pokin.api.main import create_app

        self.port = free_port()
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the API did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def _server_side(db: Db, cascade: str) -> dict[str, Any]:
    from pokin.api.html import templates
    from pokin.visualize.tree import tree_context

    t0 = time.perf_counter()
    tree = cascade_tree(db, cascade)
    t1 = time.perf_counter()
    html = templates().get_template("tree.html").render(**tree_context(tree, 2))
    t2 = time.perf_counter()
    return {
        "cards": tree.total,
        "read_s": round(t1 - t0, 3),
        "template_s": round(t2 - t1, 3),
        "html_bytes": len(html.encode("utf-8")),
    }


def _browser(base: str, cascades: dict[str, str], repeat: int) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    runs: dict[str, list[dict]] = {name: [] for name in cascades}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            for i in range(repeat + 1):  # the first round warms up (query plans, caches)
                for name, cascade in cascades.items():
                    page = context.new_page()
                    errors: list[str] = []
                    page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                    started = time.perf_counter()
                    page.goto(f"{base}/tree?cascade={cascade}#depth=2", wait_until="commit")
                    page.wait_for_selector(
                        "html[data-tree-ready='1']", state="attached", timeout=300_000
                    )
                    page.evaluate("document.body.offsetHeight")
                    open_ms = (time.perf_counter() - started) * 1000
                    visible = page.evaluate("document.querySelectorAll('.pk-card').length")
                    programme, below = page.evaluate(BIGGEST_PROGRAMME)
                    expand_ms, after = page.evaluate(EXPAND, programme)
                    if i == 0:
                        page.screenshot(path=str(RESULTS / f"bench-tree-{name}-expanded.png"))
                    all_ms, cards = page.evaluate(EXPAND_ALL)
                    if errors:
                        raise RuntimeError(f"{name}: script errors {errors}")
                    if i > 0:
                        runs[name].append(
                            {
                                "open_ms": open_ms,
                                "cards_at_level_2": visible,
                                "programme": programme,
                                "expand_ms": expand_ms,
                                "cards_after_expand": after,
                                "expand_all_ms": all_ms,
                                "cards": cards,
                            }
                        )
                    page.close()
            context.close()
        finally:
            browser.close()
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20, help="blocks of the seed's shape")
    parser.add_argument("--repeat", type=int, default=5, help="measured rounds")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    with backend() as (server, _):
        settings = settings_of(server)
        with create_driver(settings) as driver:
            db = Db.from_settings(driver, settings)
            seed = load_cascade_file(SEED_FILE)
            load_cascade(db, seed, source_text=SEED_FILE.read_text(encoding="utf-8"))
            text = dump_yaml(generate(args.scale, tag="tree"))
            large = parse_cascade(text, f"generated x{args.scale}")
            load_cascade(db, large, source_text=text)
            cascades = {"seed": seed.cascade.id, "large": large.cascade.id}
            print(f"Neo4j: {server.kind}; loaded the seed and x{args.scale}")
            server = {}
            for _ in range(2):  # the first warms the query plans; the second is kept
                server = {name: _server_side(db, c) for name, c in cascades.items()}
            with _Server(settings) as base:
                runs = _browser(base, cascades, args.repeat)

    summary: dict[str, Any] = {"scale": args.scale, "repeat": args.repeat, "trees": {}}
    for name in cascades:
        r = runs[name]
        summary["trees"][name] = {
            **server[name],
            "cards_at_level_2": r[0]["cards_at_level_2"],
            "cards_after_expand": r[0]["cards_after_expand"],
            "open_ms_median": round(statistics.median(x["open_ms"] for x in r), 1),
            "expand_ms_median": round(statistics.median(x["expand_ms"] for x in r), 1),
            "expand_all_ms_median": round(statistics.median(x["expand_all_ms"] for x in r), 1),
        }
    t = summary["trees"]
    for key in ("open_ms_median", "expand_ms_median", "expand_all_ms_median"):
        summary[f"ratio_{key.removesuffix('_ms_median')}"] = round(
            t["large"][key] / max(t["seed"][key], 0.1), 2
        )
    summary["ratio_cards"] = round(t["large"]["cards"] / t["seed"]["cards"], 2)
    (RESULTS / "bench_tree.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")

    print(f"\nThe tree page in headless Chromium ({args.repeat} rounds, medians):")
    print(
        f"{'':7}{'cards':>7}{'read s':>8}{'tmpl s':>8}{'HTML MB':>9}{'open ms':>9}"
        f"{'expand ms':>11}{'all ms':>9}"
    )
    for name in ("seed", "large"):
        x = t[name]
        print(
            f"{name:7}{x['cards']:>7}{x['read_s']:>8.2f}{x['template_s']:>8.2f}"
            f"{x['html_bytes'] / 1e6:>9.2f}{x['open_ms_median']:>9.0f}"
            f"{x['expand_ms_median']:>11.1f}{x['expand_all_ms_median']:>9.0f}"
        )
    print(
        f"ratio large/seed: open to level 2 {summary['ratio_open']}x, expand a programme "
        f"{summary['ratio_expand']}x, expand all {summary['ratio_expand_all']}x, for "
        f"{summary['ratio_cards']}x the cards"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
