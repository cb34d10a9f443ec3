"""The read routes over the seed cascade: cascades, element lists and search, one element."""

SEED_ID = "bkpsdm-pemalang-2025-2029"


def test_cascades_lists_the_seed_with_counts_per_level(seeded_client):
    body = seeded_client.get("/api/cascades").json()
    assert [c["id"] for c in body] == [SEED_ID]
    seed = body[0]
    assert seed["agency"] == "BKPSDM Kabupaten Pemalang"
    assert (seed["period_start"], seed["period_end"]) == (2025, 2029)
    counts = seed["counts"]
    # goal 1 + strategic 3; programme: 3 programmes + 8 programme targets; etc.
    assert counts["goal"] == 1
    assert counts["strategic"] == 3
    assert counts["programme"] == 3 + 8
    assert counts["activity"] == 14 + 22
    assert counts["sub_activity"] == 55 + 55
    assert counts["indicator"] == 91
    assert counts["owner"] == 10


def test_list_filters_by_level_and_kind_and_pages(seeded_client):
    page = seeded_client.get("/api/elements", params={"kind": "sub_activity", "limit": 20}).json()
    assert page["total"] == 55
    assert len(page["items"]) == 20
    rest = seeded_client.get(
        "/api/elements", params={"kind": "sub_activity", "limit": 50, "offset": 20}
    ).json()
    assert len(rest["items"]) == 35
    ids = {i["id"] for i in page["items"]} | {i["id"] for i in rest["items"]}
    assert len(ids) == 55
    strategic = seeded_client.get("/api/elements", params={"level": "strategic"}).json()
    assert strategic["total"] == 3
    assert all(i["kind"] == "target" for i in strategic["items"])


def test_list_by_owner_includes_units_through_their_results(seeded_client):
    page = seeded_client.get(
        "/api/elements", params={"owner": "kabid-mutasi-promosi", "limit": 500}
    ).json()
    ids = {i["id"] for i in page["items"]}
    assert "sub-5.03.02.2.02.0001" in ids  # Pengelolaan Mutasi ASN, through its result
    assert "st-5.03.02.2.02.0001" in ids
    assert all(any(o["id"] == "kabid-mutasi-promosi" for o in i["owners"]) for i in page["items"])


def test_search_is_case_and_accent_insensitive(seeded_client):
    for q in ("mutasi asn", "MUTASI ASN", "mutasí", "Mutas"):
        page = seeded_client.get("/api/elements", params={"q": q}).json()
        names = [i["name"] for i in page["items"]]
        assert "Pengelolaan Mutasi ASN" in names, (q, names)
    # Lucene syntax typed by a user is taken literally, never a 500.
    for q in ('"unbalanced', "AND OR NOT", "a:b", "(((", "*", "\\"):
        response = seeded_client.get("/api/elements", params={"q": q})
        assert response.status_code == 200, q


def test_element_detail_has_links_with_their_basis(seeded_client):
    body = seeded_client.get("/api/elements/sub-5.03.02.2.02.0001").json()
    assert body["kind"] == "sub_activity"
    assert body["code"] == "5.03.02.2.02.0001"
    assert body["part_of"]["id"] == "keg-5.03.02.2.02"
    assert body["part_of"]["basis"] == "nomenclature"
    assert body["supports"][0]["id"] == "st-5.03.02.2.02.0001"
    assert body["supports"][0]["basis"]
    target = seeded_client.get("/api/elements/st-5.03.02.2.02.0001").json()
    assert target["indicators"][0]["formula"].startswith("Jumlah Surat Keputusan")
    assert target["owners"][0]["title"] == "Kabid Mutasi dan Promosi"
    assert {e["id"] for e in target["supported_by"]} == {"sub-5.03.02.2.02.0001"}
    activity = seeded_client.get("/api/elements/keg-5.03.02.2.02").json()
    assert "sub-5.03.02.2.02.0001" in {p["id"] for p in activity["parts"]}


def test_unknown_id_is_404_naming_it(seeded_client):
    response = seeded_client.get("/api/elements/no-such-thing")
    assert response.status_code == 404
    assert "no-such-thing" in response.json()["detail"]


def test_bad_parameters_are_422(seeded_client):
    for params in ({"level": "galaxy"}, {"limit": 0}, {"limit": 10_000}, {"offset": -1}):
        assert seeded_client.get("/api/elements", params=params).status_code == 422
