"""Graph views across cascades, without a database: a small region-shaped view built by hand
(an RPJMD Sasaran, two agencies holding the SAME ids, links between them) drawn by
``visualize``. Nodes are named by their key ``cascade:id``, link to their own cascade, say whose
they are when they come from another cascade, and links between cascades show their status."""

from __future__ import annotations

from itertools import combinations

from pokin.core import i18n
from pokin.graph import views
from pokin.graph.models import CheckResult, Finding, Report, ReportSummary
from pokin.graph.views import GraphView, node_key
from pokin.visualize.layout import ROW_GAP, WIDTHS, layout, layout_by_cascade
from pokin.visualize.network import ACROSS_STYLES, EDGE_STYLES, FOREIGN_ROW_GAP, agency_tags
from pokin.visualize.render import graph_context, graph_data, render_page

R, A, B = "rpjmd-x", "opd-a", "opd-b"
AGENCY = {R: "Pemerintah Kabupaten X", A: "Dinas Satu Kabupaten X", B: "Dinas Dua Kabupaten X"}


def _row(cascade: str, ident: str, kind: str, level: str | None) -> dict:
    return {
        "cascade": cascade,
        "id": ident,
        "kind": kind,
        "level": level,
        "name": f"Nama {ident} di {cascade}",
        "agency": AGENCY[cascade],
        "cascade_kind": "rpjmd" if cascade == R else "agency",
    }


ROWS = [
    _row(R, "tujuan-r", "goal", "goal"),
    _row(R, "ss-r", "target", "strategic"),
    *(
        r
        for c in (A, B)
        for r in (
            _row(c, "tujuan", "goal", "goal"),
            _row(c, "ss-1", "target", "strategic"),
            _row(c, "pt-1", "target", "programme"),
            _row(c, "at-1", "target", "activity"),
            _row(c, "keg-1", "activity", "activity"),
        )
    ),
]


def _link(a: tuple[str, str], b: tuple[str, str], type_="SUPPORTS", **extra) -> dict:
    return {
        "source_cascade": a[0],
        "source": a[1],
        "target_cascade": b[0],
        "target": b[1],
        "type": type_,
        "basis": extra.get("basis", "source_layout"),
        "note": extra.get("note"),
        "status": extra.get("status"),
    }


LINKS = [
    _link((R, "ss-r"), (R, "tujuan-r")),
    *(
        link
        for c in (A, B)
        for link in (
            _link((c, "tujuan"), (R, "ss-r"), basis="rpjmd_alignment", status="agreed"),
            _link((c, "ss-1"), (c, "tujuan")),
            _link((c, "pt-1"), (c, "ss-1")),
            _link((c, "at-1"), (c, "pt-1")),
            _link((c, "keg-1"), (c, "at-1")),
        )
    ),
    _link(
        (A, "at-1"),
        (B, "at-1"),
        basis="crosscutting_agreement",
        note="catatan <b>usulan</b>",
        status="proposed",
    ),
]


def _report() -> Report:
    """One finding on opd-a's tujuan (as the per-cascade checks of opd-a would give it)."""
    finding = Finding(id="tujuan", kind="goal", level="goal", name="x", cascade=A).said_by(
        lambda _detail: "planted"
    )
    check = CheckResult(
        name="planted",
        severity="warning",
        title="a planted finding",
        explanation="",
        query="none",
        count=1,
        findings=[finding],
    )
    summary = ReportSummary(checks=1, failed=1, findings={"warning": 1})
    return Report(cascade=A, ok=True, summary=summary, checks=[check])


def _impact_like(view: str = "impact", cascade: str | None = A) -> GraphView:
    subject = {"id": "keg-1", "kind": "activity", "level": "activity", "name": "k", "code": None}
    return views._view(
        view,
        cascade,
        "a view across cascades",
        subject if cascade else None,
        ([dict(r) for r in ROWS], LINKS, {node_key(A, "keg-1")}),
        _report() if cascade else None,
        region=None if cascade else "kabupaten-x",
    )


def test_nodes_are_named_by_key_and_link_to_their_own_cascade():
    view = _impact_like()
    data = graph_data(view)
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(set(ids)) == len(ROWS)  # the same ids in two cascades, no clash
    assert set(ids) == {f"{r['cascade']}:{r['id']}" for r in ROWS}
    for n in data["nodes"]:
        assert n["url"] == f"/elements/{n['elementId']}?cascade={n['cascade']}"
    assert {(e["from"], e["to"]) for e in data["edges"]} == {
        (f"{x['source_cascade']}:{x['source']}", f"{x['target_cascade']}:{x['target']}")
        for x in LINKS
    }
    assert data["subject"] == f"{A}:keg-1"
    focus = [n for n in view.nodes if n.focus]
    assert [(n.cascade, n.id) for n in focus] == [(A, "keg-1")]


def test_findings_mark_only_the_cascade_they_were_found_in():
    view = _impact_like()
    marked = {(n.cascade, n.id) for n in view.nodes if n.marks}
    assert marked == {(A, "tujuan")}  # not opd-b's tujuan, which has the same id


def test_nodes_of_another_cascade_name_their_agency():
    with i18n.using("en"):
        data = {n["id"]: n for n in graph_data(_impact_like())["nodes"]}
    own, other, rpjmd = data[f"{A}:ss-1"], data[f"{B}:ss-1"], data[f"{R}:ss-r"]
    assert not own["label"].startswith("[") and AGENCY[A] not in own["title"]
    # the label names it by the words that tell the view's agencies apart, the tooltip in full
    assert other["label"].startswith("[Dinas Dua]\n") and rpjmd["label"].startswith("[Pemerintah]")
    assert f"Agency (Perangkat Daerah): {AGENCY[B]} · cascade {B}" in other["title"]
    assert f"RPJMD: {AGENCY[R]} · cascade {R}" in rpjmd["title"]
    # in Indonesian (the default) the same line in the regulation's words
    indonesian = {n["id"]: n for n in graph_data(_impact_like())["nodes"]}
    assert (
        f"Perangkat Daerah: {AGENCY[B]} · pohon kinerja {B}"
        == indonesian[f"{B}:ss-1"]["title"].split("\n")[1]
    )
    # a region's view has no cascade of its own: every tooltip says whose the node is, and
    # the frame of its cascade's block names the agency (so labels need not)
    region = graph_data(_impact_like("crosscutting", None))
    assert all(AGENCY[n["cascade"]] in n["title"].split("\n")[1] for n in region["nodes"])
    assert not any(n["label"].startswith("[") for n in region["nodes"])


def test_links_between_cascades_show_their_status():
    with i18n.using("en"):
        edges = {(e["from"], e["to"]): e for e in graph_data(_impact_like())["edges"]}
    proposed = edges[(f"{A}:at-1", f"{B}:at-1")]
    agreed = edges[(f"{A}:tujuan", f"{R}:ss-r")]
    inside = edges[(f"{A}:pt-1", f"{A}:ss-1")]
    assert proposed["dashes"] is True and proposed["color"]["color"] == ACROSS_STYLES["proposed"][1]
    assert proposed["status"] == "proposed" and proposed["width"] == 3
    title = proposed["title"].split("\n")
    assert title[:2] == [ACROSS_STYLES["proposed"][0], "status: proposed"]
    assert (
        "agreed between the agencies (crosscutting_agreement)" in title
        and "note: catatan <b>usulan</b>" in title
    )
    assert title[-1] == f"{A}:at-1 → {B}:at-1"
    assert agreed["dashes"] is False and agreed["color"]["color"] == ACROSS_STYLES["agreed"][1]
    assert inside["color"]["color"] == EDGE_STYLES["SUPPORTS"][1] and inside["status"] is None
    assert inside["title"].split("\n")[-1] == "pt-1 → ss-1"  # bare ids within a cascade
    # in Indonesian (the default): the link's kind and status in the regulation's words
    indonesian = {(e["from"], e["to"]): e for e in graph_data(_impact_like())["edges"]}
    lines = indonesian[(f"{A}:at-1", f"{B}:at-1")]["title"].split("\n")
    assert lines[:2] == ["keterkaitan antarpohon kinerja, diusulkan", "status: diusulkan"]
    assert "catatan: catatan <b>usulan</b>" in lines
    # the legend names both kinds of link between cascades
    assert set(graph_context(_impact_like())["across"]) == {"agreed", "proposed"}
    html = render_page(_impact_like())
    assert 'data-legend-across="proposed"' in html and 'data-legend-across="agreed"' in html
    assert "<b>usulan</b>" not in html  # the note is data: escaped in the page


def test_layout_puts_the_rpjmd_above_the_agencies():
    view = _impact_like()
    pos = layout(view.nodes, view.edges)
    # labels naming their agency are taller: the view's rows are further apart
    drawn = {n["id"]: n["y"] for n in graph_data(view)["nodes"]}
    assert drawn[f"{A}:ss-1"] - drawn[f"{A}:tujuan"] == FOREIGN_ROW_GAP > ROW_GAP
    assert set(pos) == {n.key for n in view.nodes}
    y = {k: p[1] for k, p in pos.items()}
    assert y[f"{R}:tujuan-r"] < y[f"{R}:ss-r"] < y[f"{A}:tujuan"] == y[f"{B}:tujuan"]
    assert y[f"{A}:tujuan"] < y[f"{A}:ss-1"] < y[f"{A}:pt-1"] < y[f"{A}:at-1"]
    # the two agencies' same-id nodes are two boxes, apart
    assert abs(pos[f"{A}:at-1"][0] - pos[f"{B}:at-1"][0]) >= WIDTHS["box"]


def test_region_map_draws_one_block_per_cascade():
    view = _impact_like("crosscutting", None)
    pos = layout_by_cascade(view.nodes, view.edges)
    assert set(pos) == {n.key for n in view.nodes}
    half = WIDTHS["box"] / 2
    boxes = {}
    for n in view.nodes:
        x, y = pos[n.key]
        left, top, right, bottom = boxes.get(n.cascade, (x, y, x, y))
        boxes[n.cascade] = (min(left, x), min(top, y), max(right, x), max(bottom, y))
    for (_, a), (_, b) in combinations(boxes.items(), 2):
        apart_x = a[2] + half <= b[0] - half or b[2] + half <= a[0] - half
        apart_y = a[3] < b[1] or b[3] < a[1]
        assert apart_x or apart_y, (a, b)
    data = graph_data(view)
    assert [g["cascade"] for g in data["groups"]] == sorted(AGENCY)
    assert {g["cascade"]: g["label"] for g in data["groups"]} == AGENCY
    assert sorted(k for g in data["groups"] for k in g["nodes"]) == sorted(pos)
    assert graph_data(_impact_like())["groups"] == []  # other views are drawn by level


def test_agency_tags_drop_only_the_words_all_agencies_share():
    def tags(*names: str) -> dict[str, str]:
        rows = [
            {**_row(A, "tujuan", "goal", "goal"), "cascade": f"c{i}", "agency": name}
            for i, name in enumerate(names)
        ]
        view = views._view("impact", "c0", "t", None, (rows, [], set()), None)
        return agency_tags(view)

    assert tags("Dinas Pendidikan Kabupaten Pemalang", "BKPSDM Kabupaten Pemalang") == {
        "c0": "Dinas Pendidikan",
        "c1": "BKPSDM",
    }
    # nothing left, or two alike: the whole names
    assert tags("Dinas Satu", "Dinas Satu Dua") == {"c0": "Dinas Satu", "c1": "Dua"}
    assert tags("A B", "B A") == {"c0": "A B", "c1": "B A"}
    assert tags("Dinas Satu") == {"c0": "Dinas Satu"}
