"""The language of pages and commands (``pokin.core.i18n``, ``pokin.api.locale``): how it is
chosen, what it formats, and a page (the glossary, which needs no database) in each."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from pokin.api.main import create_app
from pokin.core import i18n
from pokin.core.vocabulary import level_label, level_name


@pytest.mark.parametrize(
    ("query", "cookie", "header", "expected"),
    [
        (None, None, None, "id"),
        ("en", None, None, "en"),
        ("en", "id", "id-ID", "en"),  # ?lang= first
        ("xx", "en", None, "en"),  # an unknown ?lang= is no choice: the cookie decides
        (None, "en", "id-ID,id", "en"),  # the cookie before the header
        (None, "fr", "en-GB", "en"),
        (None, None, "en-US", "id"),  # a browser's factory default: Indonesian stays
        (None, None, "en-US,en;q=0.9", "id"),
        (None, None, "en", "en"),  # English asked for explicitly
        (None, None, "en-GB,en;q=0.9", "en"),
        (None, None, "de,en;q=0.5", "en"),
        (None, None, "id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", "id"),
        (None, None, "en;q=0,fr", "id"),  # q=0 refuses English
        (None, None, "fr-FR", "id"),
    ],
)
def test_negotiate(query, cookie, header, expected):
    assert i18n.negotiate(query, cookie, header) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "id"),
        ({"LANG": "C.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "id_ID.UTF-8"}, "id"),
        ({"LANG": "id_ID.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"POKIN_LANG": "en", "LC_ALL": "id_ID.UTF-8"}, "en"),
        ({"POKIN_LANG": "id", "LANG": "en_US.UTF-8"}, "id"),
    ],
)
def test_command_line_locale(environ, expected):
    assert i18n.command_line_locale(environ) == expected


def test_formats_follow_the_locale():
    with i18n.using("id"):
        assert i18n.number(1234.5) == "1.234,5"
        assert i18n.percent(75.5) == "75,5\u00a0%"
        assert i18n.money(12277627611) == "Rp\u00a012.277.627.611"
        assert i18n.date(dt.date(2026, 12, 2)) == "2 Desember 2026"
        assert i18n.date("2026-12-02") == "2 Desember 2026"
    with i18n.using("en"):
        assert i18n.number(1234.5) == "1,234.5"
        assert i18n.percent(75.5) == "75.5%"
        assert i18n.money(12277627611) == "IDR\u00a012,277,627,611"
        assert i18n.date(dt.date(2026, 12, 2)) == "December 2, 2026"
    assert i18n.current() == "id"  # ``using`` put the default back


def test_texts_and_level_names_follow_the_locale():
    with i18n.using("id"):
        assert i18n.gettext("Glossary") == "Glosarium"
        assert level_label("sub_activity", "sub_activity") == "Sub Kegiatan"
        assert level_label("target", "activity") == "Sasaran Kegiatan"
        assert level_label("indicator", None) == "Indikator"
        assert level_name("goal") == "Tujuan"
    with i18n.using("en"):
        assert i18n.gettext("Glossary") == "Glossary"
        assert level_label("sub_activity", "sub_activity") == "Sub-activity (Sub Kegiatan)"
        assert level_label("target", "activity") == "Activity result (Sasaran Kegiatan)"
        assert level_label("owner", None) == "Owner (Pemilik Kinerja)"


@pytest.fixture
def client():
    return TestClient(create_app())


def _lang(html: str) -> str:
    return re.search(r'<html lang="([a-z]+)">', html).group(1)


def test_a_page_is_indonesian_by_default(client):
    answer = client.get("/glossary", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert answer.status_code == 200
    assert _lang(answer.text) == "id" and answer.headers["content-language"] == "id"
    assert "Glosarium" in answer.text and ">Cari</button>" in answer.text
    assert "Sasaran Strategis" in answer.text and "Ringkasan" in answer.text
    assert {"accept-language", "cookie"} <= {
        v.strip().lower() for v in answer.headers["vary"].split(",")
    }
    assert "set-cookie" not in answer.headers  # nothing chosen, nothing kept


def test_lang_chooses_english_and_the_cookie_keeps_it(client):
    answer = client.get("/glossary?lang=en")
    assert _lang(answer.text) == "en" and answer.headers["content-language"] == "en"
    assert "Glossary" in answer.text and ">Search</button>" in answer.text
    assert answer.headers["set-cookie"].startswith(f"{i18n.COOKIE}=en;")
    later = client.get("/glossary")  # the client sends the cookie back
    assert _lang(later.text) == "en" and "Glosarium" not in later.text
    again = client.get("/glossary?lang=id")
    assert _lang(again.text) == "id" and again.headers["set-cookie"].startswith("pokin_lang=id;")


def test_accept_language_asking_for_english(client):
    answer = client.get("/glossary", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert _lang(answer.text) == "en"


def test_the_switch_keeps_the_path_and_its_query(client):
    html = client.get("/glossary?cascade=a%20b&lang=en&x=1").text
    switch = re.search(r'<nav class="lang-switch".*?</nav>', html, re.S).group(0)
    assert 'href="/glossary?cascade=a+b&amp;x=1&amp;lang=id"' in switch
    assert (
        'href="/glossary?cascade=a+b&amp;x=1&amp;lang=en" hreflang="en" lang="en" aria-current'
        in switch
    )


def test_the_glossary_has_every_term_in_both_languages(client):
    from pokin.core.vocabulary import GLOSSARY

    indonesian = client.get("/glossary?lang=id").text
    english = client.get("/glossary?lang=en").text
    for term in GLOSSARY:
        row_id = re.search(rf'<tr id="{term.anchor}".*?</tr>', indonesian, re.S).group(0)
        row_en = re.search(rf'<tr id="{term.anchor}".*?</tr>', english, re.S).group(0)
        assert f">{term.english}<" in row_id and f">{term.english}<" in row_en
        assert f">{term.indonesian}<" in row_id  # the catalogue names it by the regulation
        assert term.indonesian in row_en
    assert "Pemilik Kinerja" in indonesian and "Performance owner" in english
    assert 'href="/glossary"' in indonesian  # the footer links it


def test_registry_texts_holding_a_percent_sign_render_in_both_languages():
    """A check's explanation says "80% alike": through `_()` Jinja would %-format it and fail."""
    from markupsafe import escape

    from pokin.graph.checks import CHECKS
    from pokin.visualize.render import environment

    template = environment().from_string("{{ (text)|tr }}")
    texts = [t for c in CHECKS.values() for t in (c.title, c.explanation)]
    assert any("%" in t for t in texts)
    for locale in i18n.LOCALES:
        with i18n.using(locale):
            for text in texts:
                assert template.render(text=text) == escape(i18n.gettext(text))


def test_templates_translate_only_literals_with_the_underscore():
    """`_(expression)` %-formats the translation of data; such texts go through `|tr`."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offending = [
        f"{path.relative_to(root)}: {m.group(0)}"
        for folder in ("api/templates", "visualize/templates")
        for path in sorted((root / folder).glob("*.html"))
        for m in re.finditer(r"(?<![\w.])_\(\s*(?![\"'])[^)]*\)", path.read_text(encoding="utf-8"))
    ]
    assert offending == []
