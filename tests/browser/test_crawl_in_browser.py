"""A crawler through the explorer, as a new user clicks through it, over the seed and the whole
generated region (Kabupaten Contoh, synthetic: its RPJMD and 40 agencies holding the SAME
element ids, so a page that ignores its ``cascade`` shows another agency and looks right).

From ``/``, every link of every page reachable within ``DEPTH`` clicks is followed (bounded:
``PER_ROUTE`` pages per route and cascade, ``PER_ROUTE_ALL`` per route, ``MAX_PAGES`` in
all), in one headless Chromium
page. Every answer must be below 400 with no console error (the ``page`` fixture), and every
page reached by a link that names a cascade must say it shows that cascade: its
``<meta name="pokin-cascade">`` equals the link's ``cascade`` and its heading names that
cascade's agency. Links to files and JSON are fetched, not opened, and must answer below 400.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate_region import generate_region
from tests.live_server import serve_app

pytestmark = pytest.mark.browser

#: Every problem found, one per line (a test artifact).
REPORT = Path(__file__).resolve().parents[2] / "test-artifacts" / "crawl-problems.txt"
DEPTH = 4
PER_ROUTE = 2
#: ... and at most this many per route over all cascades (the bound reaches every route)
PER_ROUTE_ALL = 12
MAX_PAGES = 300
#: Path segments that are ids: a route is its path with these replaced by "*".
ID_AFTER = {"elements", "owners", "checks", "regions", "cascades"}
#: Routes whose pages show one cascade: on a page that shows one, links to them must name it.
NEEDS_CASCADE = re.compile(
    r"^/(elements/|checks/|tree(/elements/|$)|graph(/elements/|/owners/|/checks/|$))"
)
#: Answers that are files or JSON: fetched and judged by their status only.
FILE_PATH = re.compile(r"^/(api/|tree/export\.|static/|openapi\.json)|/export(\.|$)")

#: What the page says it shows: the cascade and region of its <meta>s, its heading text.
PAGE_FACTS = """() => ({
  cascade: document.querySelector('meta[name="pokin-cascade"]')?.content ?? null,
  region: document.querySelector('meta[name="pokin-region"]')?.content ?? null,
  heading: [document.title,
            ...Array.from(document.querySelectorAll('h1, .eyebrow, .crumbs, [data-agency]'))
              .map((e) => e.textContent)].join(' | '),
  links: Array.from(document.querySelectorAll('a[href]'))
    .map((a) => ({href: new URL(a.getAttribute('href'), location.href).href,
                  file: a.hasAttribute('download')})),
})"""


@pytest.fixture(scope="module")
def browser_db(driver, settings):
    """The seed and the whole generated region (41 cascades), for this module."""
    db = Db(driver, settings.neo4j_database, timeout=300)
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
    load_cascade(db, load_cascade_file(SEED_FILE))
    for data in generate_region().files:
        load_cascade(db, parse_cascade(dump_yaml(data), data["cascade"]["id"]))
    return driver


@pytest.fixture(scope="module")
def server(browser_db, settings):
    """The explorer over 42 cascades and no default one: what a region's office runs."""
    from pokin.api.main import create_app

    crawled = settings.model_copy(update={"pokin_query_timeout": 300})
    with serve_app(create_app(crawled)) as url:
        yield url


@pytest.fixture(scope="module")
def agencies(browser_db, settings) -> dict[str, str]:
    records, _, _ = browser_db.execute_query(
        "MATCH (c:Cascade) RETURN c.id AS id, c.agency AS agency", database_=settings.neo4j_database
    )
    return {r["id"]: r["agency"] for r in records}


def route_of(path: str) -> str:
    parts = path.strip("/").split("/")
    return "/" + "/".join(
        "*" if i > 0 and parts[i - 1] in ID_AFTER else p for i, p in enumerate(parts)
    )


def summary(problems: list[str]) -> dict[str, str]:
    """The problems by route: how many, and the first one."""
    by_route: dict[str, list[str]] = {}
    for p in problems:
        url = p.split(" ", 1)[1] if p[:3].isdigit() else p.split(": ", 1)[0]
        by_route.setdefault(route_of(urlparse(url).path), []).append(p)
    return {route: f"{len(ps)} x, e.g. {ps[0]}" for route, ps in sorted(by_route.items())}


@pytest.mark.timeout(1800)
def test_every_link_honours_its_cascade(page, server, agencies):
    queue: deque[tuple[str, int]] = deque([(server + "/", 0)])
    seen: set[str] = {server + "/"}
    per_route: dict[tuple[str, str | None] | str, int] = {}
    opened: list[str] = []
    fetched: list[str] = []
    problems: list[str] = []
    while queue and len(opened) < MAX_PAGES:
        url, depth = queue.popleft()
        parsed = urlparse(url)
        named = parse_qs(parsed.query).get("cascade", [None])[0]
        response = page.goto(url)
        status = response.status if response else 0
        opened.append(url)
        if status >= 400:
            problems.append(f"{status} {url}")
            continue
        facts = page.evaluate(PAGE_FACTS)
        if named is not None:
            if facts["cascade"] != named:
                problems.append(f"{url}: the page says cascade {facts['cascade']!r}")
            elif agencies[named] not in facts["heading"]:
                problems.append(f"{url}: the heading does not name {agencies[named]!r}")
        if depth == DEPTH:
            continue
        for link in facts["links"]:
            href = link["href"].split("#", 1)[0]
            target = urlparse(href)
            if target.netloc != parsed.netloc:
                continue
            if (
                facts["cascade"]
                and NEEDS_CASCADE.search(target.path)
                and "cascade" not in parse_qs(target.query)
            ):
                problems.append(f"{url}: a link without its cascade: {target.path}")
            if href in seen:
                continue
            seen.add(href)
            key = (
                route_of(target.path),
                parse_qs(target.query).get("cascade", [None])[0],
            )
            if per_route.get(key, 0) >= PER_ROUTE or per_route.get(key[0], 0) >= PER_ROUTE_ALL:
                continue
            per_route[key] = per_route.get(key, 0) + 1
            per_route[key[0]] = per_route.get(key[0], 0) + 1
            if link["file"] or FILE_PATH.search(target.path):
                answer = page.request.get(href, timeout=300_000)
                fetched.append(href)
                if answer.status >= 400:
                    problems.append(f"{answer.status} {href} (linked from {url})")
            else:
                queue.append((href, depth + 1))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        f"crawled {len(opened)} pages, fetched {len(fetched)} files\n"
        + "".join(f"{p}\n" for p in problems),
        encoding="utf-8",
    )
    assert summary(problems) == {}
    routes = {route_of(urlparse(u).path) for u in opened}
    # the crawl reached the pages a user reaches: agency, element, tree, graph and region pages
    for expected in ("/", "/elements/*", "/tree", "/tree/elements/*", "/graph", "/regions/*"):
        assert expected in routes, (expected, sorted(routes))
    assert len(opened) > 100 and fetched, (len(opened), len(fetched))
