"""The Perjanjian Kinerja as PDF (headless Chromium, read back with pypdf) and from the stored
cascade: the planted owner of Kabupaten Contoh loaded through the real loader, read back with
``read_stored_cascade``, gives the same PK as the file; the PDF lists exactly their two results
and the 2025 targets, the two parties and the signatures as given or as lines to fill."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pokin.graph.db import Db
from pokin.graph.export import read_stored_cascade
from pokin.graph.loader import load_cascade
from pokin.seed.signatures import Signatory, Signatures
from pokin.visualize.documents import DOCUMENTS, DocumentRequest
from tests import perjanjian_contoh as contoh

PK = DOCUMENTS["perjanjian-kinerja"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"


def pdf_pages(data: bytes, name: str) -> list[str]:
    """Each page's text with whitespace runs made one space (a cell wraps its text); the PDF
    kept under test-artifacts to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_bytes(data)
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def write(cascade, kind: str, owner: str | None = contoh.OWNER, **signs) -> bytes:
    request = DocumentRequest(kind=kind, year=2025, owner=owner, signatures=Signatures(**signs))
    return PK.write(cascade, request)


@pytest.mark.browser
def test_the_pdf_lists_exactly_the_owners_results_and_this_years_targets():
    agreement, attachment = pdf_pages(write(contoh.cascade(), "pdf"), "pk-kabid-2025.pdf")
    assert agreement.startswith("PERJANJIAN KINERJA TAHUN 2025 " + contoh.AGENCY.upper())
    assert "Nama : " + "…" * 14 + " Jabatan : " + contoh.OWNER_TITLE in agreement
    assert "Jabatan : " + contoh.SUPERIOR_TITLE + " selaku atasan pihak pertama" in agreement
    signs = f"Pihak Kedua, {contoh.SUPERIOR_TITLE} Pihak Pertama, {contoh.OWNER_TITLE}"
    for page in (agreement, attachment):  # both pages signed, names and NIP to fill
        assert signs in page and page.count("NIP. " + "…" * 14) == 2
    assert attachment.startswith("LAMPIRAN PERJANJIAN KINERJA TAHUN 2025 " + contoh.OWNER_TITLE)
    for text in (*contoh.RESULTS, *contoh.INDICATORS):
        assert text in attachment
    assert "70,5 %" in attachment and "120–150 orang" in attachment
    assert attachment.count("tidak ada target tahun 2025") == 1
    for other in ("75", "444", "3,5", "2026", "333", "Administrasi Umum", "90.000.000"):
        assert other not in agreement + attachment
    assert "Rp 500.000.000" in attachment and "Rp 200.000.000" in attachment
    assert "Jumlah Rp 500.000.000" in attachment


@pytest.mark.browser
def test_the_pdf_prints_the_given_names_and_every_owner_one_pk_each():
    pages = pdf_pages(
        write(
            contoh.cascade(),
            "pdf",
            owner=None,
            place="Contoh",
            date="2 Januari 2025",
            superior=Signatory(position=contoh.SUPERIOR_TITLE, name="Dr. Contoh Sujatmiko"),
        ),
        "pk-every-owner-2025.pdf",
    )
    owners = contoh.cascade().owners
    assert len(pages) == 2 * len(owners)  # each PK from a new page: agreement, attachment
    for owner, agreement, attachment in zip(owners, pages[::2], pages[1::2], strict=True):
        assert agreement.startswith("PERJANJIAN KINERJA TAHUN 2025")
        assert f"Jabatan : {owner.title} selanjutnya disebut pihak pertama" in agreement
        assert attachment.startswith(f"LAMPIRAN PERJANJIAN KINERJA TAHUN 2025 {owner.title}")
        assert "Contoh, 2 Januari 2025" in agreement and "Contoh, 2 Januari 2025" in attachment
    named = [p for p in pages[::2] if "Dr. Contoh Sujatmiko" in p]
    assert len(named) == 2  # kabid's and the secretary's superior is the one named
    assert contoh.FORMULA_TITLE in pages[-2]


def test_the_pk_of_the_stored_cascade_through_the_real_database(empty_db, settings):
    db = Db(empty_db, settings.neo4j_database)
    load_cascade(db, contoh.cascade())
    stored = read_stored_cascade(db, contoh.CASCADE_ID)

    def rows(cascade) -> list[tuple]:
        ws = load_workbook(io.BytesIO(write(cascade, "xlsx"))).worksheets[0]
        return [tuple(c.value for c in row) for row in ws.iter_rows()]

    from_db = rows(stored)
    assert from_db == rows(contoh.cascade())
    values = [v for row in from_db for v in row if v is not None]
    assert f"{contoh.RESULTS[1]}\n(Kegiatan)" in values and "120–150" in values
    assert f": {contoh.SUPERIOR_TITLE}" in values and 500_000_000 in values
    assert 444 not in values and 75 not in values
