"""``pokin export``: the tree as PDF, PNG and SVG through headless Chromium, run as the command a
user types (a subprocess, so the exit code and the one-line error are the real ones)."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from pokin.seed import SEED_FILE, load_cascade_file
from tests.browser import planted

#: seven exports, each a Chromium of its own: slow on a busy machine
pytestmark = [pytest.mark.browser, pytest.mark.timeout(1200)]

SEED = load_cascade_file(SEED_FILE)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "exports"
XHTML = "{http://www.w3.org/1999/xhtml}"
LEVEL_TAGS = ("(Tujuan)", "(Sasaran Strategis)", "(Program)", "(Kegiatan)", "(Sub Kegiatan)")


def export(settings, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
        "POKIN_QUERY_TIMEOUT": "120",  # a cold database on a busy machine
        "POKIN_LANG": "en",  # the tests below read the English texts; seed-id.svg the other
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "pokin.cli", "export", *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.fixture(scope="module")
def exports(browser_db, settings) -> dict[str, Path]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    made = {}
    for name, args in {
        "seed.pdf": [SEED.cascade.id, "--format", "pdf"],
        "seed-a4.pdf": [SEED.cascade.id, "--format", "pdf", "--paper", "A4"],
        "seed.png": [SEED.cascade.id, "--format", "png", "--depth", "2"],
        "seed.svg": [SEED.cascade.id, "--format", "svg"],
        "planted.svg": [planted.CASCADE_ID, "--format", "svg"],
        "planted.pdf": [planted.CASCADE_ID, "--format", "pdf"],
        "programme.pdf": ["--element", "prog-5.03.02", "--format", "pdf"],
    }.items():
        result = export(settings, *args, "-o", str(ARTIFACTS / name))
        assert result.returncode == 0, result.stderr
        assert f" {ARTIFACTS / name} (" in result.stdout  # "wrote PATH (...)", in the locale
        made[name] = ARTIFACTS / name
    # the headings and the cards' words in the command's language (POKIN_LANG)
    indonesian = ARTIFACTS / "seed-id.svg"
    args = [SEED.cascade.id, "--format", "svg", "--depth", "1", "-o", str(indonesian)]
    result = export(settings, *args, env={"POKIN_LANG": "id"})
    assert result.returncode == 0, result.stderr
    made["seed-id.svg"] = indonesian
    return made


def test_pdf_pages_hold_whole_cards(exports):
    """The PDF is the poster: the seed does not fit one A3 page at 6 pt, so it is tiled, and
    no card is cut across its numbered pages."""
    pages = [
        re.sub(r"\s+", " ", unicodedata.normalize("NFKC", p.extract_text() or ""))
        for p in PdfReader(exports["seed.pdf"]).pages
    ]
    assert 2 <= len(pages) <= 15  # 15 A3 pages before the poster
    a4 = len(PdfReader(exports["seed-a4.pdf"]).pages)
    assert len(pages) <= a4 <= 40
    # PDF text extraction sees ligatures (fi -> U+FB01): compare in compatibility form
    text = " ".join(pages)
    for t in SEED.targets:
        if t.level in ("strategic", "programme"):
            assert re.sub(r"\s+", " ", t.name) in text
    # every card starts with its level and ends with its owner line: a card cut by a page
    # break would leave a page with more of the one than of the other (a continuation's
    # banner names its parent's level once)
    cards = 0
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        heads = sum(page.count(tag) for tag in LEVEL_TAGS) - page.count("continued from")
        tails = page.count("Owner:")
        assert heads == tails, (number, heads, tails)
        cards += heads
    assert cards == len(SEED.targets) + 1  # every result and the Goal
    assert "warning:" not in text and "error:" not in text  # findings only when asked


def test_element_export_holds_only_its_subtree(exports):
    text = " ".join(p.extract_text() or "" for p in PdfReader(exports["programme.pdf"]).pages)
    assert "(Sasaran Strategis)" not in text  # the header names the programme, not its parent
    assert "(Kegiatan)" in text


def test_png_opens(exports):
    data = exports["seed.png"].read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 1000 and height >= 600


def test_svg_opens_and_keeps_names_as_text(exports, page):
    root = ET.parse(exports["seed.svg"]).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    page.goto(exports["seed.svg"].as_uri())
    assert page.evaluate("document.querySelectorAll('.pk-card').length") == len(SEED.targets) + 1
    box = page.locator(".pk-card").first.bounding_box()
    assert box["width"] > 200 and box["height"] > 50
    hostile = ET.parse(exports["planted.svg"]).getroot()
    assert hostile.findall(f".//{XHTML}img") == [] and hostile.findall(f".//{XHTML}script") == []
    texts = "".join(hostile.itertext())
    assert planted.XSS_NAME in texts and "[U+202E]planted gnp.exe" in texts
    page.goto(exports["planted.svg"].as_uri())
    assert page.locator("img").count() == 0


def test_the_export_speaks_the_command_language(exports, page):
    page.goto(exports["seed-id.svg"].as_uri())
    header = page.locator(".pk-title p").inner_text()
    assert f"pohon kinerja {SEED.cascade.id}" in header and "Sub Kegiatan" in header
    assert "(Sasaran Strategis)" not in header  # Indonesian names the level alone
    owners = page.evaluate(
        "getComputedStyle(document.querySelector('.pk-owners'), '::before').content"
    )
    assert owners == '"Pemilik Kinerja: "'
    page.goto(exports["seed.svg"].as_uri())
    header = page.locator(".pk-title p").inner_text()
    assert (
        f"cascade {SEED.cascade.id}" in header and "Strategic target (Sasaran Strategis)" in header
    )


def test_planted_pdf_shows_hostile_names_as_text(exports):
    text = " ".join(p.extract_text() or "" for p in PdfReader(exports["planted.pdf"]).pages)
    assert "<img src=x onerror=alert(1)>" in text


def test_missing_chromium_says_what_to_install(browser_db, settings, tmp_path):
    result = export(
        settings, "--format", "pdf", "-o", str(tmp_path / "x.pdf"), env={"POKIN_CHROMIUM": "/nope"}
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "apt-get install chromium" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
