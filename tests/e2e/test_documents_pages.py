"""The pages offer the documents of the registry (issue 24): the agency page those for
agencies, an owner's page those for owners (the Perjanjian Kinerja once registered), each as a
GET form to ``/api/cascades/{C}/documents/{name}`` with the owner sent along."""

from __future__ import annotations

import html

from pokin.core.i18n import N_
from pokin.visualize.documents import DOCUMENTS, Document

SEED_ID = "bkpsdm-pemalang-2025-2029"


def test_owner_pages_offer_the_owners_documents_and_the_agency_page_its_own(
    seeded_client, monkeypatch
):
    planted = Document(
        name="contoh-owner-document", title=N_("Renja evaluation table"), help=N_("Documents"),
        source="cascade", kinds=("pdf",), write=lambda data, request: b"", needs_year=True,
        takes_owner=True, pages=("owner",),
    )  # fmt: skip
    monkeypatch.setitem(DOCUMENTS, planted.name, planted)
    owner = seeded_client.get("/api/owners", params={"cascade": SEED_ID}).json()["owners"][0][
        "owner"
    ]
    page = html.unescape(seeded_client.get(f"/graph/owners/{owner['id']}?lang=en").text)
    assert f'action="/api/cascades/{SEED_ID}/documents/contoh-owner-document"' in page
    assert f'<input type="hidden" name="owner" value="{owner["id"]}">' in page
    assert "/documents/renja-evaluation" not in page  # an agency's document

    home = html.unescape(seeded_client.get(f"/?cascade={SEED_ID}&lang=en").text)
    assert f'action="/api/cascades/{SEED_ID}/documents/renja-evaluation"' in home
    assert "contoh-owner-document" not in home
