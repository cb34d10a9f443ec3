"""The pohon kinerja poster (``pokin.visualize.poster``): one page scaled to fit with text of at
least 6 pt (the whole seed on A3), or tiled over numbered sheets that never cut a card; exactly
N levels; badges and findings only when asked; the letterhead and signature exactly as given.
Read back with pypdf: the text runs, their positions and their effective sizes."""

from __future__ import annotations

import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from pokin.core.i18n import using
from pokin.graph.db import Db
from pokin.graph.tree import Tree, TreeCard, cascade_tree
from pokin.seed import SEED_FILE, load_cascade_file
from pokin.seed.signatures import Signatures
from pokin.visualize.documents import DOCUMENTS, DocumentRequest
from pokin.visualize.poster import MIN_PT, Poster, draw
from pokin.visualize.tree_export import export_tree
from tests.browser import planted

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

SEED = load_cascade_file(SEED_FILE)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "posters"
XHTML = "{http://www.w3.org/1999/xhtml}"


def flat(text: str) -> str:
    """PDF text as one line: ligatures unfolded (fi -> U+FB01 in the PDF), whitespace one space,
    none after a hyphen (a line that wraps at "RKA-SKPD" reads back "RKA- SKPD")."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))
    return re.sub(r"- ", "-", text).strip()


def runs(pdf: Path) -> list[list[tuple[str, float, float, float]]]:
    """Per page, each text run as (text, x, y, effective size in pt): the font size times the
    text matrix's and the current transformation matrix's scale."""
    pages = []
    for page in PdfReader(pdf).pages:
        found: list[tuple[str, float, float, float]] = []

        def visit(text, cm, tm, _font, size, found=found):
            if not text.strip():
                return
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text, x, y, size * scale))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def _mul(a: list[float], b: list[float]) -> list[float]:
    """The product a × b of two PDF matrices [a b c d e f]."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def text_sizes(pdf: Path) -> list[list[float]]:
    """Per page, the printed size in pt of every text-showing operator: the font size times the
    scale of the text matrix and of every enclosing transformation (``cm``, ``q``/``Q``, form
    XObjects' ``/Matrix``), read from the content streams themselves. pypdf's text visitor drops
    the page's outer matrix inside Chromium's form XObjects (it reports 8 for text printed at
    6 pt), so sizes are not taken from it."""
    reader = PdfReader(pdf)

    def walk(content, resources, ctm: list[float], sizes: list[float], depth: int = 0) -> None:
        stack: list[list[float]] = []
        tm = tlm = [1.0, 0, 0, 1, 0, 0]
        size = 0.0
        for operands, op in ContentStream(content, reader).operations:
            if op == b"Do":
                xobj = resources["/XObject"][operands[0]].get_object()
                if xobj.get("/Subtype") == "/Form" and depth < 8:
                    m = [float(x) for x in xobj.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    inner = xobj.get("/Resources", resources)
                    walk(xobj, inner, _mul(m, ctm), sizes, depth + 1)
            elif op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm = _mul([float(x) for x in operands], ctm)
            elif op == b"BT":
                tm = tlm = [1.0, 0, 0, 1, 0, 0]
            elif op == b"Tf":
                size = float(operands[1])
            elif op == b"Tm":
                tm = tlm = [float(x) for x in operands]
            elif op in (b"Td", b"TD"):
                tm = tlm = _mul([1, 0, 0, 1, float(operands[0]), float(operands[1])], tlm)
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                m = _mul(tm, ctm)
                sizes.append(size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2])))

    pages = []
    for page in reader.pages:
        sizes: list[float] = []
        walk(page.get_contents(), page["/Resources"], [1.0, 0, 0, 1, 0, 0], sizes)
        pages.append(sizes)
    return pages


def page_texts(pdf: Path) -> list[str]:
    return [flat(p.extract_text() or "") for p in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def trees(browser_db, settings) -> dict[str, Tree]:
    db = Db(browser_db, settings.neo4j_database, timeout=120)  # a cold database, a busy machine
    return {
        "seed": cascade_tree(db, SEED.cascade.id),
        "planted": cascade_tree(db, planted.CASCADE_ID),
    }


def poster(name: str, tree: Tree, **asked) -> tuple[Poster, Path]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with using("id"):
        made = draw(tree, DocumentRequest(**asked))
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(made.pdf)
    assert len(PdfReader(path).pages) == made.pages
    return made, path


def cards(tree: Tree, levels: int | None = None) -> list[TreeCard]:
    return [c for c, _ in tree.walk() if levels is None or c.depth < levels]


def test_the_poster_is_in_the_registry():
    doc = DOCUMENTS["poster"]
    assert doc.source == "tree" and doc.kinds == ("pdf",)
    assert set(doc.pages) == {"agency", "owner"}


def test_one_a3_page_with_text_of_at_least_6_pt(trees):
    made, path = poster("seed-depth3-a3", trees["seed"], paper="A3", depth=3)
    assert made.pages == 1 and not made.tiled
    [sizes] = text_sizes(path)
    assert sizes
    assert min(sizes) >= MIN_PT - 0.01, sorted(sizes)[:5]
    text = page_texts(path)[0]
    for card in cards(trees["seed"], 3):
        assert flat(card.name) in text


def test_the_whole_seed_on_one_a3_page_with_text_of_at_least_6_pt(trees):
    """The seed's 89 cards on one A3 page (the outline's columns, a condensed face), each with
    its name, indicators and owners, no text under 6 pt."""
    tree = trees["seed"]
    made, path = poster("seed-a3", tree, paper="A3")
    assert made.pages == 1 and not made.tiled and made.scale is not None
    [sizes] = text_sizes(path)
    assert min(sizes) >= MIN_PT - 0.01, sorted(sizes)[:5]
    text = page_texts(path)[0]
    assert len(cards(tree)) == 89
    for card in cards(tree):
        parts = [card.name, *(i.name for i in card.indicators), *(o.title for o in card.owners)]
        assert all(flat(p) in text for p in parts), card.id


def test_the_seed_falls_back_to_tiled_a4_rather_than_print_under_6_pt(trees):
    """A4 has half A3's room: one page would print the seed at about 4 pt, so it tiles."""
    made, path = poster("seed-a4", trees["seed"], paper="A4")
    assert made.tiled and made.pages > 1 and made.scale is None
    sizes = [size for page in text_sizes(path) for size in page]
    assert min(sizes) >= MIN_PT - 0.01


def test_tiled_a4_numbers_every_page_repeats_the_header_and_cuts_no_card(trees):
    tree = trees["seed"]
    made, path = poster("seed-a4-tiled", tree, paper="A4", tiled=True)
    texts = page_texts(path)
    n = len(texts)
    assert made.tiled and n == made.pages > 1
    for i, text in enumerate(texts, start=1):
        assert flat(tree.cascade.title) in text, i
        assert f"{tree.cascade.agency} · 2025–2029" in text, i
        assert text.count(f"Halaman {i} dari {n}") == 1, i
    # every card's name, indicators and owners sit together on one page; every run lies on it
    width, height = (float(v) for v in PdfReader(path).pages[0].mediabox[2:])
    for page in runs(path):
        for text, x, y, _size in page:
            assert 0 <= x <= width and 0 <= y <= height, text
    for card in cards(tree):
        parts = [card.name, *(i.name for i in card.indicators), *(o.title for o in card.owners)]
        pages = [i for i, text in enumerate(texts) if all(flat(p) in text for p in parts)]
        assert pages, card.id
    # a branch that goes on elsewhere says where, and its continuation says where from
    joined = " ".join(texts)
    assert re.search(r"bersambung ke halaman \d+", joined)
    assert re.search(r"lanjutan dari halaman \d+", joined)
    for m in re.finditer(r"bersambung ke halaman (\d+)", joined):
        assert 1 < int(m.group(1)) <= n


def test_depth_3_draws_exactly_three_levels(trees):
    tree = trees["seed"]
    _made, path = poster("seed-depth3-tiled", tree, paper="A4", tiled=True, depth=3)
    text = " ".join(page_texts(path))
    for card in cards(tree):
        shown = flat(card.name) in text
        assert shown == (card.depth < 3), (card.id, card.depth)
    assert "Kegiatan ·" not in text  # nor Sub Kegiatan
    assert "Tujuan" in text and "Sasaran Strategis" in text and "Program ·" in text


def test_export_depth_3_draws_three_levels_in_every_format(trees, tmp_path):
    """``pokin export --depth 3`` (``export_tree``) opened four levels before the poster."""
    tree = trees["seed"]
    export_tree(tree, tmp_path / "t.svg", "svg", depth=3)
    svg = ET.parse(tmp_path / "t.svg").getroot()
    drawn = [e for e in svg.iter(f"{XHTML}article") if "pk-card" in e.get("class", "")]
    assert len(drawn) == len(cards(tree, 3))
    export_tree(tree, tmp_path / "t.pdf", "pdf", depth=3)
    text = " ".join(page_texts(tmp_path / "t.pdf"))
    assert all(flat(c.name) in text for c in cards(tree, 3)) and "Kegiatan ·" not in text


def test_badges_and_findings_only_when_asked(trees):
    tree = trees["planted"]
    assert any(c.findings for c in cards(tree))
    _made, plain = poster("planted", tree, paper="A3")
    _made, marked = poster("planted-findings", tree, paper="A3", findings=True)
    plain_text, marked_text = " ".join(page_texts(plain)), " ".join(page_texts(marked))
    for word in ("galat:", "peringatan:", "▸ 1/4", "tanpa formulasi"):
        assert word not in plain_text
    assert "galat: Elemen yang tidak sampai ke Tujuan" in marked_text
    assert "▸ 1/4" in marked_text


def test_letterhead_and_signature_exactly_as_given_and_none_when_not(trees):
    given = Signatures(
        place="Contoh",
        date="2 Januari 2026",
        letterhead=["PEMERINTAH KABUPATEN CONTOH", "BADAN KEPEGAWAIAN CONTOH"],
        signatory={
            "position": "Kepala Badan Contoh",
            "name": "Budi Contoh, S.Sos.",
            "nip": "19800101 200501 1 001",
        },
    )
    _made, signed = poster("planted-signed", trees["planted"], paper="A3", signatures=given)
    text = " ".join(page_texts(signed))
    for line in (*given.letterhead, "Contoh, 2 Januari 2026", "Kepala Badan Contoh"):
        assert line in text
    assert "Budi Contoh, S.Sos." in text and "NIP. 19800101 200501 1 001" in text
    _made, bare = poster("planted-unsigned", trees["planted"], paper="A3")
    text = " ".join(page_texts(bare))
    assert "PEMERINTAH" not in text and "NIP" not in text and "Januari" not in text
    # tiled: the letterhead heads the first sheet only, the signature closes the last
    _made, tiled = poster("seed-a4-signed", trees["seed"], paper="A4", tiled=True, signatures=given)
    texts = page_texts(tiled)
    assert [given.letterhead[0] in t for t in texts] == [True] + [False] * (len(texts) - 1)
    assert ["NIP. 19800101" in t for t in texts] == [False] * (len(texts) - 1) + [True]


def test_hostile_names_stay_text(trees):
    _made, path = poster("planted-hostile", trees["planted"], paper="A3")
    text = " ".join(page_texts(path))
    assert planted.XSS_NAME in text
    tight = re.sub(r"\s", "", text)  # lines wrap inside a name
    for name in (planted.SCRIPT_NAME, planted.OWNER_TITLE, "<script>alert('title')</script>"):
        assert re.sub(r"\s", "", name) in tight, name
