"""Search by what people type, codes wherever ids go, and 'did you mean' (issue 21), over the
seed cascade and two fictional ones ("Contoh") that hold the seed's code 5.03.02.2.02.0001:
one writes it in four digits, the other in the two of earlier exports (5.03.02.2.02.01).
Expected answers are read with Cypher of the test's own, not through pokin's queries."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pokin.graph.elements import MATCH_ORDER
from tests.conftest import run_pokin, wipe
from tests.e2e.cascade_builder import clean_cascade

SEED = "bkpsdm-pemalang-2025-2029"
SEED_AGENCY = "BKPSDM Kabupaten Pemalang"
CODE, OLD_CODE = "5.03.02.2.02.0001", "5.03.02.2.02.01"
SEED_SUB = "sub-5.03.02.2.02.0001"
NEW, OLD = "contoh-baru-2025-2029", "contoh-lama-2025-2029"
AGENCIES = {NEW: "Badan Contoh Baru", OLD: "Badan Contoh Lama"}
CONTOH_SUB = "sub-a2a"  # the clean cascade's unit of code 5.03.02.2.02.0001


@pytest.fixture(scope="module")
def client(driver, settings):
    from pokin.api.main import create_app
    from pokin.graph.db import Db
    from pokin.graph.loader import load_cascade
    from pokin.seed import SEED_FILE, load_cascade_file

    wipe(driver, settings.neo4j_database)
    load_cascade(Db(driver, settings.neo4j_database), load_cascade_file(SEED_FILE))
    for cascade, code in ((NEW, CODE), (OLD, OLD_CODE)):
        b = clean_cascade(cascade)
        b.data["cascade"]["agency"] = AGENCIES[cascade]
        b.element(CONTOH_SUB)["code"] = code
        b.load(driver, settings.neo4j_database)
    with TestClient(create_app(settings)) as c:
        yield c


def _cypher(driver, settings, text: str, **params) -> list[dict]:
    return driver.execute_query(text, params, database_=settings.neo4j_database).records


def _search(client, q: str, **params) -> list[dict]:
    response = client.get("/api/elements", params={"q": q, "limit": 500, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return body["items"]


def _keys(items: list[dict]) -> list[tuple[str, str]]:
    return [(i["cascade"], i["id"]) for i in items]


# --- search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("q", [CODE, OLD_CODE])
def test_a_code_in_either_form_finds_it_in_every_cascade_with_its_agency(client, q):
    items = _search(client, q)
    assert _keys(items) == [(SEED, SEED_SUB), (NEW, CONTOH_SUB), (OLD, CONTOH_SUB)]
    assert [i["matched"] for i in items] == ["code"] * 3
    assert [i["agency"] for i in items] == [SEED_AGENCY, AGENCIES[NEW], AGENCIES[OLD]]
    assert items[0]["name"] == "Pengelolaan Mutasi ASN"


def test_a_code_searched_in_one_cascade_finds_only_its_element(client):
    assert _keys(_search(client, OLD_CODE, cascade=SEED)) == [(SEED, SEED_SUB)]


def test_an_owner_title_finds_the_results_it_owns(client, driver, settings):
    owned = _cypher(
        driver,
        settings,
        "MATCH (r)-[:OWNED_BY]->(:Owner {cascade: $c, id: 'kabid-mutasi-promosi'}) "
        "RETURN r.id AS id",
        c=SEED,
    )
    items = _search(client, "Kabid Mutasi", cascade=SEED)
    assert owned and {i["id"] for i in items} == {r["id"] for r in owned}
    assert {(i["matched"], i["matched_text"], i["agency"]) for i in items} == {
        ("owner", "Kabid Mutasi dan Promosi", SEED_AGENCY)
    }


def test_kepala_finds_what_every_kepala_owns_across_cascades(client, driver, settings):
    owned = _cypher(
        driver,
        settings,
        "MATCH (r)-[:OWNED_BY]->(o:Owner) WHERE toLower(o.title) CONTAINS 'kepala' "
        "RETURN r.cascade AS cascade, r.id AS id",
    )
    items = _search(client, "kepala")
    owner_hits = {(i["cascade"], i["id"]) for i in items if i["matched"] == "owner"}
    assert owner_hits == {(r["cascade"], r["id"]) for r in owned}
    assert {i["cascade"] for i in items} == {SEED, NEW, OLD}
    assert {i["matched_text"] for i in items if i["cascade"] == NEW} == {"Kepala Badan"}


def test_an_indicator_phrase_finds_the_element_it_measures(client):
    items = _search(client, "melaporkan kinerjanya")
    assert _keys(items) == [(SEED, "at-pelaporan-penilaian-kinerja")]
    assert items[0]["matched"] == "indicator"
    assert items[0]["matched_text"] == "Jumlah ASN yang melaporkan kinerjanya di e-kinerja BKN"
    assert items[0]["agency"] == SEED_AGENCY


def test_ranked_names_then_indicators_then_owners_each_by_score_and_each_element_once(client):
    items = _search(client, "mutasi")
    matched = [i["matched"] for i in items]
    assert {"name", "owner"} <= set(matched)
    ranks = [MATCH_ORDER.index(m) for m in matched]
    assert ranks == sorted(ranks)
    for kind in set(matched):
        scores = [i["score"] for i in items if i["matched"] == kind]
        assert scores == sorted(scores, reverse=True), kind
    assert len(set(_keys(items))) == len(items)
    # the seed's mutasi result is named so and owned by the Kabid Mutasi: found once, by name
    [hit] = [i for i in items if (i["cascade"], i["id"]) == (SEED, "st-5.03.02.2.02.0001")]
    assert hit["matched"] == "name"


def test_an_id_finds_its_element_first(client):
    items = _search(client, "st-5.03.02.2.02.0001")
    assert _keys(items)[0] == (SEED, "st-5.03.02.2.02.0001")
    assert items[0]["matched"] == "id"


def test_search_page_shows_agency_and_what_matched(client):
    html = client.get("/search", params={"q": OLD_CODE}).text
    for cascade, element, agency in (
        (SEED, SEED_SUB, SEED_AGENCY),
        (OLD, CONTOH_SUB, AGENCIES[OLD]),
    ):
        assert f'data-result="{cascade}:{element}" data-matched="code"' in html
        assert f'href="/elements/{element}?cascade={cascade}"' in html
        assert f"<bdi>{agency}</bdi>" in html


# --- codes wherever ids go ------------------------------------------------------------------------


@pytest.mark.parametrize("code", [CODE, OLD_CODE])
@pytest.mark.parametrize("path", ["", "/trace", "/subtree", "/impact", "/contributors"])
def test_every_element_route_takes_the_code(client, code, path):
    response = client.get(f"/api/cascades/{SEED}/elements/{code}{path}")
    assert response.status_code == 200, response.text
    body = response.json()
    element = body if path == "" else body.get("element") or body.get("root")
    assert element["id"] == SEED_SUB


def test_a_code_held_by_several_cascades_unscoped_is_409_listing_them(client):
    response = client.get(f"/api/elements/{CODE}", headers={"Accept-Language": "en"})
    assert response.status_code == 409
    assert response.json()["detail"] == (
        f"element id {CODE!r} is held by 3 cascades ({SEED}, {NEW}, {OLD}); name the cascade"
    )


def test_the_old_form_finds_a_code_stored_in_four_digits_and_the_other_way(client):
    assert client.get(f"/api/cascades/{NEW}/elements/{OLD_CODE}").json()["id"] == CONTOH_SUB
    assert client.get(f"/api/cascades/{OLD}/elements/{CODE}").json()["id"] == CONTOH_SUB


@pytest.mark.parametrize(
    "path",
    [
        f"/elements/{CODE}?cascade={SEED}",
        f"/tree/elements/{OLD_CODE}?cascade={SEED}",
        f"/graph/elements/{CODE}?cascade={SEED}",
        f"/graph/elements/{OLD_CODE}/trace?cascade={SEED}",
        f"/graph/elements/{CODE}/impact?cascade={SEED}",
    ],
)
def test_pages_take_the_code(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert "Pengelolaan Mutasi ASN" in response.text


def test_pokin_trace_takes_a_code(client, settings):
    result = run_pokin(settings, "trace", OLD_CODE, "--cascade", SEED, "--json")
    assert result.exit_code == 0, result.output
    assert '"id": "sub-5.03.02.2.02.0001"' in result.output
    ambiguous = run_pokin(settings, "trace", CODE)
    assert ambiguous.exit_code == 2
    assert "held by 3 cascades" in ambiguous.output


# --- did you mean ---------------------------------------------------------------------------------


def test_a_wrong_cascade_for_an_element_is_the_cascade_error_with_a_suggestion(client):
    response = client.get(
        f"/api/cascades/bkpsdm-pemalang/elements/{SEED_SUB}", headers={"Accept-Language": "en"}
    )
    assert response.status_code == 404
    assert response.json()["detail"] == (
        f"no cascade named 'bkpsdm-pemalang'; did you mean {SEED!r}?"
    )


def test_an_unknown_cascade_page_suggests_the_close_one(client):
    response = client.get("/tree", params={"cascade": "contoh-lama", "lang": "en"})
    assert response.status_code == 404
    assert f"no cascade named &#39;contoh-lama&#39;; did you mean &#39;{OLD}&#39;" in response.text


def test_an_unknown_element_suggests_close_ids_codes_and_names(client):
    typo = client.get(f"/api/cascades/{NEW}/elements/sub-a2b", headers={"Accept-Language": "en"})
    assert typo.status_code == 404
    detail = typo.json()["detail"]
    assert detail.startswith(f"no element with id or code 'sub-a2b' in cascade {NEW!r}; ")
    assert "did you mean 'sub-a1b' or 'sub-a2a'?" in detail  # one letter off, both
    by_name = client.get(
        f"/api/cascades/{SEED}/elements/pengelolaan-mutasi-asn", headers={"Accept-Language": "en"}
    ).json()
    assert f"did you mean {SEED_SUB!r}" in by_name["detail"]


def test_an_unknown_owner_suggests_close_owner_ids_and_titles(client):
    response = client.get(
        "/api/owners/kabid-mutasi", params={"cascade": SEED}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 404
    assert response.json()["detail"] == (
        f"no owner with id 'kabid-mutasi' in cascade {SEED!r}; did you mean 'kabid-mutasi-promosi'?"
    )


def test_pokin_trace_of_an_unknown_cascade_says_did_you_mean(client, settings):
    result = run_pokin(settings, "trace", CODE, "--cascade", "contoh-baru")
    assert result.exit_code == 1
    assert f"no cascade named 'contoh-baru'; did you mean {NEW!r}?" in result.output
