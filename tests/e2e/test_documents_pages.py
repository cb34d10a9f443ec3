"""The pages offer the documents of the registry (issue 24): the agency page those for
agencies, an owner's page those for owners (the Perjanjian Kinerja once registered), each as a
GET form to ``/api/cascades/{C}/documents/{name}`` with the owner sent along."""

from __future__ import annotations

import html

from pokin.core.i18n import N_
from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.seed.formats import read_bytes
from pokin.seed.generate_renja import generate_renja
from pokin.visualize.documents import DOCUMENTS, Document

CASCADE = "renja-dinas-komunikasi-dan-informatika-2026"


def test_owner_pages_offer_the_owners_documents_and_the_agency_page_its_own(
    empty_db, settings, api_client, monkeypatch
):
    (cascade,) = read_bytes(generate_renja().data, "evaluasi-renja.xlsx")
    load_cascade(Db(empty_db, settings.neo4j_database), cascade)
    planted = Document(
        name="contoh-owner-document", title=N_("Renja evaluation table"), help=N_("Documents"),
        source="cascade", kinds=("pdf",), write=lambda data, request: b"", needs_year=True,
        takes_owner=True, pages=("owner",),
    )  # fmt: skip
    monkeypatch.setitem(DOCUMENTS, planted.name, planted)
    owner = cascade.owners[0].id
    answer = api_client.get(f"/graph/owners/{owner}?cascade={CASCADE}&lang=en")
    assert answer.status_code == 200, answer.text[-600:]
    page = html.unescape(answer.text)
    assert f'action="/api/cascades/{CASCADE}/documents/contoh-owner-document"' in page
    assert f'<input type="hidden" name="owner" value="{owner}">' in page
    assert "/documents/renja-evaluation" not in page  # an agency's document

    home = html.unescape(api_client.get(f"/?cascade={CASCADE}&lang=en").text)
    assert f'action="/api/cascades/{CASCADE}/documents/renja-evaluation"' in home
    assert "contoh-owner-document" not in home
