"""The registries drive the surfaces (no database): every check has its query and every check
query its entry; docs/formats.md's table is the formats registry's; entries are written with
keywords; and a new view or format, added to its registry and nothing else, shows up in the
command line's help, the OpenAPI document, the upload content types, the format sniffer and
the graph pages' headers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from pokin.core import i18n
from pokin.graph import views
from pokin.graph.checks import CHECKS
from pokin.graph.views import VIEWS, GraphView, View, ViewSubject, views_on
from pokin.seed import formats
from pokin.seed.formats import FORMATS, Format, markdown_table, media_types
from pokin.seed.formats.__main__ import table_in, with_table
from pokin.visualize.pictures import FORMATS as PICTURE_FORMATS
from pokin.visualize.render import header_links, render_page

ROOT = Path(__file__).resolve().parents[2]
CYPHER = ROOT / "cypher"


def test_every_check_has_its_query_and_every_check_query_its_entry():
    files = {p.stem for p in CYPHER.glob("check_*.cypher")}
    assert {c.query for c in CHECKS.values()} == files
    for check in CHECKS.values():
        assert (CYPHER / f"{check.query}.cypher").read_text(encoding="utf-8").startswith("//")


def test_the_docs_formats_table_is_the_registry():
    doc = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    assert table_in(doc) == markdown_table(), (
        "docs/formats.md differs from the registry: run "
        "python -m pokin.seed.formats --markdown docs/formats.md"
    )
    assert [line.split("`")[1] for line in table_in(doc).splitlines()[2:]] == list(FORMATS)
    # the generator rewrites only what is between the markers
    assert with_table(doc, "| x |\n") == doc.replace(markdown_table(), "| x |\n")


@pytest.mark.parametrize(
    "entry",
    [*CHECKS.values(), *FORMATS.values(), *VIEWS.values(), *PICTURE_FORMATS.values()],
    ids=lambda e: f"{type(e).__name__}-{e.name}",
)
def test_registry_entries_take_keywords_only(entry):
    fields = [getattr(entry, f) for f in type(entry).__dataclass_fields__]
    with pytest.raises(TypeError):
        type(entry)(*fields)
    assert replace(entry) == entry


def _fake_format(**changes) -> Format:
    return replace(
        FORMATS["json"],
        name="fake",
        title="Fake format",
        help="a fake format of the tests",
        extensions=(".fake",),
        upload_types=("application/x-fake",),
        detect=lambda probe: isinstance(probe.data, bytes) and probe.data.startswith(b"FAKE"),
        download=".fake",
        **changes,
    )


def test_a_new_format_is_claimed_sniffed_and_documented_by_its_entry(monkeypatch):
    fake = _fake_format()
    with_fake = {"fake": fake, **FORMATS}
    assert media_types(with_fake)["application/x-fake"] == "fake"
    assert media_types(with_fake)["text/csv"] == formats.TABLE  # the others stay as they were
    assert "| `fake` | a fake format of the tests | `.fake` |" in markdown_table(with_fake)
    monkeypatch.setattr(formats, "FORMATS", with_fake)
    assert formats.sniff(b"FAKE{}", "upload") == "fake"
    assert formats.sniff(b"{}", "upload") == "json"
    assert formats.format_of("x.fake") == "fake"


def _view(target: str = "element") -> View:
    return View(
        name="fake",
        label="Fake view",
        button="Fake graph",
        help="a fake view of the tests",
        target=target,  # type: ignore[arg-type]
        path="/graph/elements/{id}/fake",
        build=lambda db, target, cascade: None,  # type: ignore[arg-type,return-value]
    )


def test_a_new_view_reaches_the_graph_page_header(monkeypatch):
    monkeypatch.setitem(VIEWS, "fake", _view())
    assert views_on("element")[-1].name == "fake"
    graph = GraphView(
        view="trace",
        cascade="c-1",
        title="Trace to the Goal: x",
        subject=ViewSubject(id="st-1", kind="target", level="activity", name="x"),
        nodes=[],
        edges=[],
    )
    with i18n.using("en"):
        links = header_links(graph)
    assert ("Fake view", "/graph/elements/st-1/fake?cascade=c-1") in links
    assert ("Subtree", "/graph/elements/st-1?cascade=c-1") in links
    assert not any(label == VIEWS["trace"].label for label, _ in links)  # not itself
    # the labels are msgids, shown in the page's language (Indonesian by default)
    assert ("Cabang pohon", "/graph/elements/st-1?cascade=c-1") in header_links(graph)
    html = render_page(graph, links=links)
    assert 'href="/graph/elements/st-1/fake?cascade=c-1">Fake view</a>' in html


FAKE_REGISTRATION = """
    from dataclasses import replace
    from pokin.graph import views
    from pokin.seed import formats
    from pokin.seed.formats import FORMATS

    views.VIEWS["fake"] = views.View(
        name="fake", label="Fake view", button="Fake graph", help="a fake view of the tests",
        target="element", path="/graph/elements/{id}/fake", build=views.trace_view,
    )
    FORMATS["fake"] = replace(
        FORMATS["json"], name="fake", help="a fake format of the tests",
        extensions=(".fake",), upload_types=("application/x-fake",),
        detect=lambda probe: False, download=".fake",
    )
"""


def test_a_new_view_and_format_reach_the_cli_and_the_openapi_document():
    """In a fresh interpreter: both entries are registered before the command line and the
    app are imported, as an entry in the source would be."""
    script = textwrap.dedent(FAKE_REGISTRATION) + textwrap.dedent(
        """
        import json
        from typer.testing import CliRunner
        from pokin.cli import app
        from pokin.api.main import create_app
        from pokin.core.settings import Settings

        runner = CliRunner()
        out = {c: runner.invoke(app, [c, "--help"]).output for c in ("graph", "load", "export")}
        doc = create_app(Settings()).openapi()
        export = doc["paths"]["/api/cascades/{cascade_id}/export"]["get"]
        upload = doc["paths"]["/api/cascades"]["post"]
        out["export_enum"] = export["parameters"][1]["schema"]["enum"]
        out["upload_types"] = list(upload["requestBody"]["content"])
        print(json.dumps(out))
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POKIN_", "NEO4J_"))}
    env["TERMINAL_WIDTH"] = "2000"  # rich draws each help line whole
    env["POKIN_LANG"] = "en"  # the English help is asserted
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert "fake: a fake view of the tests" in out["graph"]
    assert "an element (subtree, trace, impact, contributors, fake)" in out["graph"]
    assert "fake: a fake format of the tests" in out["load"]
    assert "fake: a fake format of the tests" in out["export"]
    assert "fake" in out["export_enum"]
    assert "application/x-fake" in out["upload_types"]
    # and every entry of the source's registries, as the help of --format and VIEW
    for v in VIEWS.values():
        assert f"{v.name}: {v.help}" in out["graph"]
    for f in FORMATS.values():
        assert f"{f.name}: {f.help}" in out["load"]
        assert (f"{f.name}: {f.help}" in out["export"]) == (f.write is not None)
    for f in PICTURE_FORMATS.values():
        assert f"{f.name}: {f.help}" in out["export"]
    assert views.TARGET_WORDS.keys() == {v.target for v in VIEWS.values()} - {"cascade"}


def test_every_basis_has_its_plain_words():
    from pokin.core.vocabulary import BASIS_WORDS
    from pokin.seed.schema import BASIS_VALUES

    assert sorted(BASIS_WORDS) == sorted(BASIS_VALUES)
    assert all("_" not in words for words in BASIS_WORDS.values())


def test_a_note_cites_its_judgements():
    from pokin.core.vocabulary import split_judgements

    assert split_judgements("J3/J20: formula is the first half") == (
        ["J3", "J20"],
        "formula is the first half",
    )
    assert split_judgements("J26: Kasubag Umum") == (["J26"], "Kasubag Umum")
    assert split_judgements("no judgement: here") == ([], "no judgement: here")
    assert split_judgements(None) == ([], "")
