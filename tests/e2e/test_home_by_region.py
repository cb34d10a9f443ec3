"""The home page with several cascades (the regions first, then the agencies by region), an
agency's Region card, the chooser that replaces a 404 on pages that need a cascade, and the
409 page of an id held by several cascades: the seed beside the generated "Kabupaten Contoh"
(synthetic: its RPJMD and ten agencies, with the planted defects), no default cascade.

What the pages show is compared with Cypher of the test's own, not with pokin's queries.
"""

from __future__ import annotations

import re

import pytest

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.pages import home_page
from pokin.graph.report import _REPORTS, run_region_checks
from pokin.seed import SEED_FILE, dump_yaml, load_cascade_file, parse_cascade
from pokin.seed.generate_region import REGION, REGION_NAME, RPJMD_ID, agency_id, generate_region
from tests.conftest import wipe

AGENCIES = 10
SEED_ID = "bkpsdm-pemalang-2025-2029"
#: an agency at both ends of crosscutting links (the ring's) and supporting the RPJMD
AGENCY = agency_id(1)


@pytest.fixture(scope="module")
def region_db(driver, settings) -> Db:
    db = Db(driver, settings.neo4j_database, timeout=120)
    wipe(driver, settings.neo4j_database)
    load_cascade(db, load_cascade_file(SEED_FILE))
    for data in generate_region(AGENCIES).files:
        load_cascade(db, parse_cascade(dump_yaml(data), data["cascade"]["id"]))
    return db


@pytest.fixture(scope="module")
def client(region_db, settings):
    from fastapi.testclient import TestClient

    from pokin.api.main import create_app

    chosen = settings.model_copy(update={"pokin_query_timeout": 120, "pokin_default_cascade": None})
    with TestClient(create_app(chosen)) as c:
        yield c


def _count(db: Db, cypher: str, **params) -> int:
    return db.driver.execute_query(cypher, params, database_=db.database).records[0]["n"]


def test_home_data_regions_first_then_agencies_by_region(region_db):
    _REPORTS.clear()
    shown = home_page(region_db)
    assert shown.current is None
    [glance] = shown.regions
    assert glance.group.region.region == REGION and glance.group.region.name == REGION_NAME
    assert [c.id for c in glance.group.rpjmd] == [RPJMD_ID]
    assert sorted(c.id for c in glance.group.agencies) == sorted(
        agency_id(i) for i in range(AGENCIES)
    )
    # the home page never checks a region (seconds per region): not checked yet, it says so
    assert glance.findings is None and len(_REPORTS) == 0
    report = run_region_checks(region_db, REGION)  # as the region's page does
    [glance] = home_page(region_db).regions
    assert glance.findings == dict(report.summary.findings)
    assert sum(glance.findings.values()) > 0  # the planted defects
    expected: dict[str, int] = {}
    for check in report.checks:
        n = sum(1 for f in check.findings if f.cascade == RPJMD_ID)
        if n:
            expected[check.severity] = expected.get(check.severity, 0) + n
    assert expected and glance.by_cascade[RPJMD_ID] == expected
    # the region's group first, the cascades naming no region last
    assert [g.region.region if g.region else None for g in shown.groups] == [REGION, None]
    assert [c.id for c in shown.groups[-1].cascades] == [SEED_ID]


def test_home_page_html_lists_the_region_before_the_agencies(client):
    _REPORTS.clear()
    assert "data-not-checked" in client.get("/").text
    assert client.get(f"/regions/{REGION}").status_code == 200  # files the region's report
    home = client.get("/")
    assert home.status_code == 200
    html = home.text
    regions, agencies = html.index('id="regions"'), html.index('id="agencies"')
    assert regions < agencies
    row = re.search(r'<tr data-region="kabupaten-contoh">.*?</tr>', html, re.S).group()
    assert f'href="/regions/{REGION}"' in row and f'href="/?cascade={RPJMD_ID}"' in row
    assert re.search(r"data-agencies>(\d+)<", row).group(1) == str(AGENCIES)
    assert "data-errors>" in row and "data-not-checked" not in row
    groups = re.findall(r'data-group="([^"]*)"', html)
    assert groups == [REGION, ""]
    for i in range(AGENCIES):
        assert f'href="/?cascade={agency_id(i)}"' in html
    assert 'name="pokin-cascade"' not in html  # a page of many cascades names none


def test_agency_page_shows_its_region_rpjmd_and_crosscutting(region_db, client):
    shown = home_page(region_db, AGENCY).current
    assert shown is not None
    card = shown.region
    assert card.region == REGION and card.name == REGION_NAME
    rpjmd = _count(
        region_db,
        "MATCH (:Element {cascade: $c})-[s:SUPPORTS]->(:Element {cascade: $r}) "
        "RETURN count(s) AS n",
        c=AGENCY,
        r=RPJMD_ID,
    )
    assert rpjmd > 0 and len(card.rpjmd) == rpjmd
    assert {x.to_cascade for x in card.rpjmd} == {RPJMD_ID}
    out = _count(
        region_db,
        "MATCH (:Element {cascade: $c})-[s:SUPPORTS]->(b:Element) "
        "WHERE b.cascade <> $c AND b.cascade <> $r RETURN count(s) AS n",
        c=AGENCY,
        r=RPJMD_ID,
    )
    incoming = _count(
        region_db,
        "MATCH (:Element {cascade: $c})<-[s:SUPPORTS]-(b:Element) "
        "WHERE b.cascade <> $c AND b.cascade <> $r RETURN count(s) AS n",
        c=AGENCY,
        r=RPJMD_ID,
    )
    assert out > 0 and incoming > 0
    assert (len(card.outgoing), len(card.incoming)) == (out, incoming)
    html = client.get("/", params={"cascade": AGENCY}).text
    assert f'<meta name="pokin-cascade" content="{AGENCY}">' in html
    card_html = html[html.index("data-region-card") :]
    card_html = card_html[: card_html.index("</section>")]
    assert f'href="/regions/{REGION}"' in card_html and REGION_NAME in card_html
    assert card_html.count("<li data-rpjmd=") == rpjmd
    assert card_html.count('data-direction="out"') == out
    assert card_html.count('data-direction="in"') == incoming
    assert 'title="dasar: crosscutting_agreement"' in card_html  # plain words, value on hover


def test_an_agency_page_offers_its_own_region_and_links_the_others(region_db, client):
    """An agency's page lists its own region's cascades (and those naming none) to switch to,
    and each other region as one link: never another region's cascades, so the page reads
    the same whatever else is loaded. The seed names no region: Kabupaten Contoh is a link."""
    ids = {RPJMD_ID, *(agency_id(i) for i in range(AGENCIES))}
    agency = home_page(region_db, AGENCY)
    assert {c.id for c in agency.cascades} == ids | {SEED_ID}
    assert [(g.region.region if g.region else None) for g in agency.groups] == [REGION, None]
    assert agency.other_regions == []
    seed = home_page(region_db, SEED_ID)
    assert [c.id for c in seed.cascades] == [SEED_ID]
    assert [r.region for r in seed.other_regions] == [REGION]
    html = client.get("/", params={"cascade": SEED_ID}).text
    switcher = html[html.index("data-switcher") : html.index("</details>")]
    others = switcher[switcher.index("data-other-regions") :]
    assert f'href="/regions/{REGION}"' in others and REGION_NAME in others
    assert "1 daerah lain" in switcher
    assert not any(f'data-choice="{c}"' in switcher for c in ids)


def test_seed_page_says_it_names_no_region(client):
    html = client.get("/", params={"cascade": SEED_ID}).text
    assert "data-no-region" in html and 'href="/regions/' not in html.split("data-region-card")[1]


@pytest.mark.parametrize("path", ["/tree", "/graph", "/checks/orphans"])
def test_pages_needing_a_cascade_offer_a_chooser(client, path):
    page = client.get(path, params={"depth": "2"} if path == "/tree" else None)
    assert page.status_code == 200, page.text[:300]
    assert "Pohon kinerja yang mana?" in page.text
    extra = "depth=2&amp;" if path == "/tree" else ""
    for cascade in [SEED_ID, RPJMD_ID, *(agency_id(i) for i in range(AGENCIES))]:
        assert f'href="{path}?{extra}cascade={cascade}"' in page.text, cascade
    chosen = client.get(path, params={"cascade": AGENCY})
    assert chosen.status_code == 200 and "Pohon kinerja yang mana?" not in chosen.text


def test_api_without_a_cascade_still_answers_404_json(client):
    answer = client.get("/api/checks")
    assert answer.status_code == 404
    assert "POKIN_DEFAULT_CASCADE" in answer.json()["detail"]


def test_ambiguous_id_page_links_each_agency(client):
    page = client.get("/elements/at-syn0-1-0-0")
    assert page.status_code == 409
    links = re.findall(r'href="/elements/at-syn0-1-0-0\?cascade=([^"]+)"', page.text)
    assert sorted(links) == sorted(agency_id(i) for i in range(AGENCIES))
    answer = client.get("/api/elements/at-syn0-1-0-0")
    assert answer.status_code == 409 and len(answer.json()["cascades"]) == AGENCIES


def test_region_page_names_its_region_in_a_meta_tag(client):
    html = client.get(f"/regions/{REGION}").text
    assert f'<meta name="pokin-region" content="{REGION}">' in html


@pytest.mark.parametrize("url", ["/", f"/?cascade={AGENCY}"])
def test_home_by_region_is_one_read(client, reads, url):
    """The regions' findings and the agency's Region card come in the home page's one read,
    whether the reports are cached or not."""
    _REPORTS.clear()
    for _cached in (False, True):
        reads.clear()
        assert client.get(url).status_code == 200
        assert reads == ["_home_tx"]


def test_element_page_names_its_agency_and_region(client):
    html = client.get("/elements/at-syn0-1-0-0", params={"cascade": AGENCY}).text
    assert f'<meta name="pokin-cascade" content="{AGENCY}">' in html
    eyebrow = re.search(r'<p class="eyebrow">.*?</p>', html, re.S).group()
    assert "Perangkat Daerah Contoh 01 (synthetic)" in eyebrow
    assert f'href="/regions/{REGION}"' in eyebrow
