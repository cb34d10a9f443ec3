"""The explorer pages and the graph pages at the HTML level, against a real Neo4j holding the
seed cascade and a small planted one whose names carry markup (``tests/browser/planted.py``):
routes answer, counts agree with the database, text from the data is escaped, nothing is
loaded from another site, unknown ids give a 404 page and a database outage a 503 page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import pokin.visualize.layout as layout_module
from pokin.graph import views
from pokin.graph.db import Db
from pokin.graph.local_server import free_port
from pokin.graph.report import run_checks
from pokin.graph.workload import owner_workload
from pokin.seed import SEED_FILE, load_cascade_file
from pokin.visualize.render import render_page
from tests.browser import planted

SEED = load_cascade_file(SEED_FILE).cascade.id
GOAL = "tujuan"
SUB = "sub-5.04.02.2.01.0003"
OWNER = "kabid-pengembangan-sdm"

DATA_RE = re.compile(r'<script id="pokin-graph-data" type="application/json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def db(driver, settings):
    planted.load_seed_and_planted(driver, settings.neo4j_database)
    return driver


@pytest.fixture(scope="module")
def client(db, settings) -> Iterator[TestClient]:
    from pokin.api.main import create_app

    with TestClient(create_app(settings)) as c:
        yield c


def graph_data(html: str) -> dict:
    match = DATA_RE.search(html)
    assert match, "the page holds no graph data"
    return json.loads(match.group(1))


def db_counts(driver, database: str, cascade: str) -> tuple[int, int]:
    records, _, _ = driver.execute_query(
        "MATCH (n:Element {cascade: $c}) WITH count(n) AS nodes "
        # the data's links: the derived SIMILAR_NAME (near-duplicate names) is not drawn
        "OPTIONAL MATCH (:Element {cascade: $c})-[r:!SIMILAR_NAME]->(:Element {cascade: $c}) "
        "RETURN nodes, count(r) AS rels",
        c=cascade,
        database_=database,
    )
    return records[0]["nodes"], records[0]["rels"]


# --- the explorer -----------------------------------------------------------------------------


def test_home_summary_counts_match_the_database(client, db, settings):
    response = client.get("/", params={"cascade": SEED})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    records, _, _ = db.execute_query(
        "MATCH (n:Element {cascade: $c}) RETURN n.kind AS kind, n.level AS level, count(*) AS n",
        c=SEED,
        database_=settings.neo4j_database,
    )
    for level in ("goal", "strategic", "programme", "activity", "sub_activity"):
        results = sum(
            r["n"] for r in records if r["level"] == level and r["kind"] in ("goal", "target")
        )
        units = sum(r["n"] for r in records if r["level"] == level and r["kind"] == level)
        row = re.search(rf'<tr data-level="{level}">(.*?)</tr>', html, re.S).group(1)
        assert re.search(rf"data-results>{results}<", row), (level, results)
        if level not in ("goal", "strategic"):
            assert re.search(rf"data-units>{units}<", row), (level, units)
    total = sum(r["n"] for r in records)
    assert f"data-total>{total}<" in html
    # the regulation's level names (Indonesian); in English, both names side by side
    for level in ("Tujuan", "Sub Kegiatan"):
        assert f"{level}</td>" in html
    english = client.get("/", params={"cascade": SEED}, headers={"Accept-Language": "en"}).text
    for level in ("Goal (Tujuan)", "Sub-activity (Sub Kegiatan)"):
        assert f"{level}</td>" in english


def test_home_lists_every_check_with_its_count_and_links(client, db, settings):
    html = client.get("/", params={"cascade": SEED}).text
    report = run_checks(Db(db, settings.neo4j_database), SEED)
    for check in report.checks:
        row = re.search(rf'<tr[^>]*data-check="{check.name}">(.*?)</tr>', html, re.S).group(1)
        assert f"data-findings>{check.count}<" in row
        assert f'href="/checks/{check.name}?cascade={SEED}"' in row
        if check.count:
            assert f'href="/graph/checks/{check.name}?cascade={SEED}"' in row


def test_home_shows_the_workload_table_and_chart(client, db, settings):
    html = client.get("/", params={"cascade": SEED}).text
    workload = owner_workload(Db(db, settings.neo4j_database), SEED)
    table = re.search(r"<table[^>]*data-workload>(.*?)</table>", html, re.S).group(1)
    chart = re.search(r"<svg[^>]*data-chart>(.*?)</svg>", html, re.S).group(1)
    for w in workload.owners:
        row = re.search(rf'<tr data-owner="{w.owner.id}">(.*?)</tr>', table, re.S).group(1)
        assert f"data-total-results>{w.counts.total_results}<" in row
        assert f'<g data-owner="{w.owner.id}">' in chart
    assert "<script" not in chart


def test_search_finds_elements(client, db, settings):
    from pokin.graph.elements import list_elements

    expected = list_elements(Db(db, settings.neo4j_database), q="kompetensi teknis", limit=100)
    response = client.get("/search", params={"q": "kompetensi teknis"})
    assert response.status_code == 200
    assert f"<span data-result-count>{expected.total}</span>" in response.text
    for item in expected.items[:5]:
        assert f'href="/elements/{item.id}?cascade={SEED}"' in response.text
    empty = client.get("/search", params={"q": "zzzqqqxxx"})
    assert empty.status_code == 200 and "Tidak ada yang cocok dengan" in empty.text


def test_element_page_shows_details_links_and_trace(client):
    response = client.get(f"/elements/{SUB}")
    assert response.status_code == 200
    html = response.text
    assert "› Sub Kegiatan</p>" in html  # its level in the crumbs, as Indonesian pages name it
    assert "5.04.02.2.01.0003" in html
    assert "(dasar: nomenclature)" in html  # the PART_OF link and its basis
    assert 'href="/elements/keg-5.04.02.2.01"' in html or "Bagian dari" in html
    assert "Sampai ke Tujuan" in html
    # a unit shows the owners and indicators (with formula) of the results it delivers
    assert "Kabid Pengembangan Sumber Daya Manusia" in html
    assert "Indikator dari sasarannya" in html
    assert f'href="/elements/{GOAL}?cascade={SEED}"' in html
    data = graph_data(html)
    assert data["view"] == "trace" and any(n["elementId"] == GOAL for n in data["nodes"])
    # the goal's page: supported by the three strategic targets, each with its basis
    goal = client.get(f"/elements/{GOAL}").text
    supported = re.search(r'data-links="supported_by">(.*?)</ul>', goal, re.S).group(1)
    assert supported.count("<li>") == 3 and supported.count("dasar: ") == 3


def test_owner_and_indicator_pages(client):
    owner = client.get(f"/elements/{OWNER}")
    assert owner.status_code == 200
    assert "Sasaran yang dimilikinya" in owner.text and f"/graph/owners/{OWNER}" in owner.text
    indicator = client.get("/elements/ind-tujuan")
    assert indicator.status_code == 200
    assert "Hasil Penilaian BKN" in indicator.text  # its formula


def test_check_page_lists_findings(client, db, settings):
    name = "indicators_without_formula"
    result = run_checks(Db(db, settings.neo4j_database), SEED, [name]).checks[0]
    response = client.get(f"/checks/{name}", params={"cascade": SEED})
    assert response.status_code == 200
    assert f"<strong data-finding-count>{result.count}</strong>" in response.text
    for finding in result.findings:
        assert f'href="/elements/{finding.id}?cascade={SEED}"' in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/elements/no-such-element",
        "/graph/elements/no-such-element",
        "/graph/elements/no-such-element/trace",
        "/graph/owners/no-such-owner",
        f"/graph/owners/{GOAL}",  # an element, but not an owner
        "/graph/checks/no-such-check",
        "/checks/no-such-check",
        "/graph?cascade=no-such-cascade",
        "/?cascade=no-such-cascade",
        "/static/no-such-file.js",
        "/static/pyproject.toml",
    ],
)
def test_unknown_ids_give_a_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Tidak ditemukan" in response.text and "<!doctype html>" in response.text


def test_database_down_gives_a_503_page(settings):
    from pokin.api.main import create_app

    down = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"})
    with TestClient(create_app(down)) as c:
        for path in ("/", f"/elements/{GOAL}", "/graph", f"/graph/elements/{GOAL}/trace"):
            response = c.get(path, headers={"Accept-Language": "en"})
            assert response.status_code == 503, path
            assert response.headers["content-type"].startswith("text/html")
            assert "database is not reachable" in response.text


def test_pages_send_a_strict_content_security_policy(client):
    for path in ("/", f"/elements/{GOAL}", "/graph"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp


def test_static_serves_only_its_own_files(client):
    for path in ("/static/..%2F..%2Fpyproject.toml", "/static/%2E%2E/pyproject.toml"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "[project]" not in response.text


def test_static_assets_are_served(client):
    js = client.get("/static/vis-network.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert len(js.content) > 100_000
    for name in ("vis-network.min.css", "pokin-graph.js", "pokin-graph.css", "explorer.css"):
        assert client.get(f"/static/{name}").status_code == 200, name


# --- the graph pages --------------------------------------------------------------------------


def test_whole_cascade_graph_has_every_node_and_relationship(client, db, settings):
    for cascade in (SEED, planted.CASCADE_ID):
        data = graph_data(client.get("/graph", params={"cascade": cascade}).text)
        nodes, rels = db_counts(db, settings.neo4j_database, cascade)
        assert len(data["nodes"]) == nodes
        assert len(data["edges"]) == rels
    data = graph_data(client.get("/graph", params={"cascade": planted.CASCADE_ID}).text)
    assert len(data["nodes"]) == sum(planted.NODES.values())
    assert len(data["edges"]) == sum(planted.RELATIONSHIPS.values())


def test_graph_views_answer_and_match_graph_views(client, db, settings):
    database = settings.neo4j_database
    cases = {
        f"/graph/elements/{GOAL}": views.subtree_view(Db(db, database), GOAL),
        "/graph/elements/prog-5.03.02": views.subtree_view(Db(db, database), "prog-5.03.02"),
        f"/graph/elements/{SUB}/trace": views.trace_view(Db(db, database), SUB),
        f"/graph/owners/{OWNER}": views.owner_view(Db(db, database), OWNER),
        f"/graph/checks/near_duplicate_names?cascade={SEED}": views.check_view(
            Db(db, database), "near_duplicate_names", SEED
        ),
    }
    for path, view in cases.items():
        response = client.get(path)
        assert response.status_code == 200, path
        data = graph_data(response.text)
        assert len(data["nodes"]) == len(view.nodes) > 0, path
        assert len(data["edges"]) == len(view.edges), path
        ids = {n["id"] for n in data["nodes"]}
        assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
        # one naming scheme in every view: the key cascade:id, linking to its own cascade
        assert all(n["id"] == f"{SEED}:{n['elementId']}" for n in data["nodes"])
        assert all(n["url"] == f"/elements/{n['elementId']}?cascade={SEED}" for n in data["nodes"])
    # the seed reaches the Goal everywhere: the Goal's subtree is the whole cascade
    nodes, rels = db_counts(db, database, SEED)
    assert len(cases[f"/graph/elements/{GOAL}"].nodes) == nodes


def test_trace_graph_is_the_chain_to_the_goal(db, settings):
    view = views.trace_view(Db(db, settings.neo4j_database), SUB)
    by_id = {n.id: n for n in view.nodes}
    assert {GOAL, SUB, "st-5.04.02.2.01.0003", "keg-5.04.02.2.01", "prog-5.04.02"} <= set(by_id)
    assert by_id[SUB].focus
    levels = {n.level for n in view.nodes if n.kind in ("goal", "target")}
    assert levels == {"goal", "strategic", "programme", "activity", "sub_activity"}


def test_check_graph_marks_the_findings(client, db, settings):
    data = graph_data(
        client.get("/graph/checks/orphans", params={"cascade": planted.CASCADE_ID}).text
    )
    marked = {n["elementId"] for n in data["nodes"] if n["finding"] == "error"}
    assert marked == {"st-orphan-planted", "sub-orphan-planted"}
    red = [n for n in data["nodes"] if n["elementId"] == "st-orphan-planted"][0]
    assert red["color"]["border"] == "#d7191c" and red["borderWidth"] >= 4
    empty = client.get("/graph/checks/orphans", params={"cascade": SEED})
    assert empty.status_code == 200 and "pemeriksaan ini tidak menghasilkan temuan" in empty.text


def test_graph_nodes_carry_tooltips_with_level_owner_indicator_formula(client):
    data = graph_data(client.get(f"/graph/elements/{SUB}/trace").text)
    node = next(n for n in data["nodes"] if n["elementId"] == "st-5.04.02.2.01.0003")
    title = node["title"]
    assert title.startswith("Sasaran Sub Kegiatan\n")  # the level as the page's language names it
    english = graph_data(
        client.get(f"/graph/elements/{SUB}/trace", headers={"Accept-Language": "en"}).text
    )
    node_en = next(n for n in english["nodes"] if n["elementId"] == "st-5.04.02.2.01.0003")
    assert node_en["title"].startswith("Sub-activity result (Sasaran Sub Kegiatan)\n")
    assert "Owner(s): Kabid Pengembangan Sumber Daya Manusia" in node_en["title"]
    assert "Indicator(s):" in node_en["title"] and "Formula:" in node_en["title"]
    # the words of the tooltip in Indonesian, the cascade's own text as it is
    assert "Pemilik Kinerja: Kabid Pengembangan Sumber Daya Manusia" in title
    assert "\nIndikator Kinerja:\n" in title and "   Formulasi: " in title
    shapes = {n["kind"]: n["shape"] for n in data["nodes"]}
    assert shapes["indicator"] == "diamond" and shapes["owner"] == "hexagon"
    assert shapes["target"] == "box"


# --- escaping ---------------------------------------------------------------------------------

RAW = [
    planted.XSS_NAME,
    planted.SCRIPT_NAME,
    planted.OWNER_TITLE,
    "<svg onload=alert(5)>",
    "<u>underlined</u>",
    "<b>Planted</b>",
    "<script>alert('title')</script>",
]


def _assert_no_raw_markup(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw


def _assert_escaped(html: str) -> None:
    _assert_no_raw_markup(html)
    # no script element other than ours: the data block and the served scripts
    scripts = re.findall(r"<script\b[^>]*>", html, re.I)
    assert all(
        s == '<script id="pokin-graph-data" type="application/json">' or 'src="/static/' in s
        for s in scripts
    ), scripts


def test_planted_markup_is_escaped_on_every_page(client):
    pages = [
        f"/elements/{planted.XSS_ID}",
        "/elements/kabid-planted",
        "/elements/prog-planted",
        f"/elements/ind-{planted.XSS_ID}",
        "/search?q=onerror",
        f"/?cascade={planted.CASCADE_ID}",
        f"/graph?cascade={planted.CASCADE_ID}",
        f"/graph/elements/{planted.XSS_ID}",
        "/graph/elements/sub-planted/trace",
        "/graph/owners/kabid-planted",
        f"/graph/checks/orphans?cascade={planted.CASCADE_ID}",
        f"/checks/orphans?cascade={planted.CASCADE_ID}",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_escaped(response.text)
    element = client.get(f"/elements/{planted.XSS_ID}").text
    assert "<h1 data-element-name><bdi>&lt;img src=x onerror=alert(1)&gt;</bdi></h1>" in element
    search = client.get("/search", params={"q": "onerror"}).text
    assert "&lt;img src=x onerror=alert(1)&gt;" in search
    # in the graph data, the name is there (as JSON, with < escaped) and decodes to the text
    data = graph_data(client.get(f"/graph?cascade={planted.CASCADE_ID}").text)
    node = next(n for n in data["nodes"] if n["elementId"] == planted.XSS_ID)
    assert node["label"] == planted.XSS_NAME
    assert planted.XSS_NAME in node["title"]


def test_graph_data_block_escapes_script_end_tags(client):
    html = client.get(f"/graph?cascade={planted.CASCADE_ID}").text
    block = DATA_RE.search(html).group(1)
    assert "<" not in block and ">" not in block  # \u003c / \u003e
    assert "\\u003c/script\\u003e" in block


# --- standalone files -------------------------------------------------------------------------


def test_standalone_page_needs_no_network(db, settings):
    view = views.cascade_view(Db(db, settings.neo4j_database), planted.CASCADE_ID)
    html = render_page(view, standalone=True, link_base="http://127.0.0.1:8000", home_url=None)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "<link" not in html.replace('<link rel="icon" href="data:,">', "")
    assert "vis.Network" in html or "Network" in html  # vis-network inlined
    assert "cdnjs" not in html and "jsdelivr" not in html and "bootstrap" not in html.lower()
    _assert_no_raw_markup(html)
    data = graph_data(html)
    assert data["nodes"][0]["url"].startswith("http://127.0.0.1:8000/elements/")


def test_pokin_graph_command_writes_a_standalone_file(db, settings, tmp_path, cli_env):
    from pokin.cli import app

    runner = cli_env
    out = tmp_path / "trace.html"
    result = runner.invoke(app, ["graph", "trace", SUB, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = graph_data(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == len(views.trace_view(Db(db, settings.neo4j_database), SUB).nodes)
    for args in (
        ["graph", "cascade", "--cascade", planted.CASCADE_ID],
        ["graph", "subtree", GOAL],
        ["graph", "owner", OWNER],
        ["graph", "check", "orphans", "--cascade", planted.CASCADE_ID],
    ):
        target = tmp_path / f"{args[1]}.html"
        result = runner.invoke(app, [*args, "-o", str(target)])
        assert result.exit_code == 0, (args, result.output)
        assert graph_data(target.read_text(encoding="utf-8"))["nodes"]
    bad = runner.invoke(app, ["graph", "owner", GOAL, "-o", str(tmp_path / "x.html")])
    assert bad.exit_code == 1 and "no owner" in bad.output
    assert runner.invoke(app, ["graph", "nonsense", "-o", str(out)]).exit_code != 0


# --- the layout -------------------------------------------------------------------------------


def test_layout_puts_levels_top_down_and_units_under_their_results(db, settings):
    view = views.cascade_view(Db(db, settings.neo4j_database), SEED, findings=False)
    pos = layout_module.layout(view.nodes, view.edges)
    assert set(pos) == {n.key for n in view.nodes}
    y = {n.key: pos[n.key][1] for n in view.nodes}
    by_level = {}
    for n in view.nodes:
        by_level.setdefault((n.kind, n.level), set()).add(y[n.key])
    order = [
        ("goal", "goal"),
        ("target", "strategic"),
        ("target", "programme"),
        ("programme", "programme"),
        ("target", "activity"),
        ("activity", "activity"),
        ("target", "sub_activity"),
        ("sub_activity", "sub_activity"),
        ("owner", None),
    ]
    rows = [by_level[k] for k in order]
    assert all(len(r) == 1 for r in rows), rows  # one row per level
    flat = [next(iter(r)) for r in rows]
    assert flat == sorted(flat) and len(set(flat)) == len(flat)  # Goal on top, owners last
    # no two nodes of a row overlap
    for row in {v for v in y.values()}:
        xs = sorted(pos[i][0] for i in pos if pos[i][1] == row)
        assert all(b - a >= 100 for a, b in zip(xs, xs[1:], strict=False)), row
    # without the indicators, nothing else moves rows and nothing overlaps either
    lean = layout_module.layout(view.nodes, view.edges, hide=("indicator",))
    assert set(lean) == {n.key for n in view.nodes if n.kind != "indicator"}


def test_a_new_view_or_format_entry_reaches_the_pages_with_no_other_edit(client, monkeypatch):
    """One entry added to ``VIEWS`` and one to ``FORMATS``, and nothing else: the element, owner,
    check, home and graph pages link to the view, the home page's Export menu offers the
    format."""
    from dataclasses import replace

    from pokin.seed.formats import FORMATS

    for target in ("element", "owner", "check", "cascade"):
        monkeypatch.setitem(
            views.VIEWS,
            f"fake_{target}",
            views.View(
                name=f"fake_{target}",
                label=f"Fake {target} view",
                button=f"Fake {target} graph",
                help="a fake view of the tests",
                target=target,
                path="/graph/fake" + ("" if target == "cascade" else "/{id}"),
                build=views.trace_view,
            ),
        )
    monkeypatch.setitem(FORMATS, "fake", replace(FORMATS["json"], name="fake", title="Fake format"))
    element = client.get(f"/elements/{SUB}", params={"cascade": SEED}).text
    assert (
        f'<a class="button" href="/graph/fake/{SUB}?cascade={SEED}" data-fake_element-link>'
        "Fake element graph</a>"
    ) in element
    assert "data-fake_owner-link" not in element  # a sub-activity is not an owner
    owner = client.get(f"/elements/{OWNER}", params={"cascade": SEED}).text
    assert f'href="/graph/fake/{OWNER}?cascade={SEED}" data-fake_owner-link>' in owner
    check = client.get("/checks/orphans", params={"cascade": SEED}).text
    assert f'href="/graph/fake/orphans?cascade={SEED}" data-fake_check-link>' in check
    home = client.get("/", params={"cascade": SEED}).text
    assert f'href="/graph/fake?cascade={SEED}" data-fake_cascade-link>' in home
    assert f'href="/api/cascades/{SEED}/export?format=fake" download>Fake format' in home
    trace = client.get(f"/graph/elements/{SUB}/trace", params={"cascade": SEED}).text
    assert f'href="/graph/fake/{SUB}?cascade={SEED}">Fake element view</a>' in trace
    assert f'href="/graph/fake?cascade={SEED}">Fake cascade view</a>' in trace
