"""The tree pages with several cascades holding the same ids: a subtree page shows the cascade
its ``cascade`` parameter names (never another agency's), its export links carry that cascade,
and an id held by several cascades without one named is a 409 naming them."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from pokin.api.main import create_app
from tests.e2e.cascade_builder import clean_cascade

CASCADES = ("contoh-opd-00", "contoh-opd-05")


@pytest.fixture
def two_agencies(empty_db, settings):
    for cid in CASCADES:
        b = clean_cascade(cid)
        b.element("ss-a")["name"] = f"Sasaran strategis milik {cid}"
        b.element("pt-a")["name"] = f"Sasaran program milik {cid}"
        b.load(empty_db, settings.neo4j_database)
    with TestClient(create_app(settings)) as client:
        yield client


def test_the_subtree_page_shows_the_cascade_it_names(two_agencies):
    page = two_agencies.get("/tree/elements/ss-a", params={"cascade": "contoh-opd-05"})
    assert page.status_code == 200
    assert "Sasaran program milik contoh-opd-05" in page.text
    assert "contoh-opd-00" not in page.text
    links = re.findall(r'href="(/tree/export\.[a-z]+\?[^"]+)"', page.text)
    assert links and all("cascade=contoh-opd-05" in link for link in links)


def test_an_id_of_several_cascades_without_one_named_is_ambiguous(two_agencies):
    page = two_agencies.get("/tree/elements/ss-a")
    assert page.status_code == 409
    assert all(c in page.text for c in CASCADES)


def test_the_element_page_tree_button_keeps_the_cascade(two_agencies):
    page = two_agencies.get("/elements/ss-a", params={"cascade": "contoh-opd-05"})
    button = re.search(r'href="([^"]+)" data-tree-link', page.text)
    assert button is not None
    tree = two_agencies.get(button.group(1).replace("&amp;", "&"))
    assert "Sasaran program milik contoh-opd-05" in tree.text
    assert "milik contoh-opd-00" not in tree.text
