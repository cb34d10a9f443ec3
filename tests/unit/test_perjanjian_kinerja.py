"""The Perjanjian Kinerja as xlsx (no database, no browser): the planted owner's PK of 2025
lists exactly their two results, their indicators and the 2025 targets, the superior from
``reports_to``, the signatures as given or as lines to fill; text from data stays text; every
owner in one file is one sheet per owner."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from pokin.core import i18n
from pokin.core.errors import Invalid, OwnerNotFound
from pokin.seed.signatures import Signatory, Signatures
from pokin.visualize.documents import DOCUMENTS, DocumentRequest, documents_on
from pokin.visualize.perjanjian_kinerja import sheet_name
from tests import perjanjian_contoh as contoh

PK = DOCUMENTS["perjanjian-kinerja"]
LINE = "…" * 12


def xlsx(owner: str | None = contoh.OWNER, year: int = 2025, **signs):
    data = PK.write(
        contoh.cascade(),
        DocumentRequest(kind="xlsx", year=year, owner=owner, signatures=Signatures(**signs)),
    )
    return load_workbook(io.BytesIO(data))


def cells(ws) -> list:
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def table(ws, first_header: str = "Sasaran") -> list[tuple]:
    """The rows of the attachment table under the header whose second cell is
    ``first_header``, up to the first empty row."""
    rows = [tuple(c.value for c in row[:5]) for row in ws.iter_rows()]
    start = next(n for n, r in enumerate(rows) if r[0] == "No" and r[1] == first_header)
    out = []
    for r in rows[start + 1 :]:
        if all(v is None for v in r):
            break
        out.append(r)
    return out


def party_lines(ws) -> list[tuple[str, str]]:
    """(label, value) of the Nama/Jabatan lines of both parties, in order."""
    return [
        (row[0].value, row[1].value)
        for row in ws.iter_rows()
        if row[0].value in ("Nama", "Jabatan")
    ]


def test_the_registry_offers_the_pk_on_owner_and_agency_pages():
    assert (PK.kinds, PK.needs_year, PK.takes_owner, PK.source) == (
        ("xlsx", "pdf"), True, True, "cascade",
    )  # fmt: skip
    assert PK in documents_on("owner") and PK in documents_on("agency")


def test_the_pk_lists_exactly_the_owners_results_indicators_and_this_years_targets():
    ws = xlsx().worksheets[0]
    rows = table(ws)
    assert [r[1] for r in rows if r[1] is not None] == [
        f"{contoh.RESULTS[0]}\n(Program)",
        f"{contoh.RESULTS[1]}\n(Kegiatan)",
    ]
    assert [r[2] for r in rows] == list(contoh.INDICATORS)
    # a value as a number with its unit, a range low–high, a year without target says so
    assert [(r[3], r[4]) for r in rows] == [
        (70.5, "%"),
        ("tidak ada target tahun 2025", "indeks"),
        ("120–150", "orang"),
    ]
    everything = cells(ws)
    assert 0 not in everything  # a missing target is never 0
    for other in (75, 80, 444, 3.5, 71, 333, 99):  # other years', other owners'
        assert other not in everything and not any(str(other) in str(v) for v in rows)
    assert not any("administrasi umum" in str(v).lower() for v in everything)
    budgets = table(ws, "Program/Kegiatan/Sub Kegiatan")
    assert [r[1:4] for r in budgets] == [
        ("Program Pengembangan Sumber Daya Manusia Contoh", "5.03.02", 500_000_000),
        ("Pelatihan Teknis ASN Contoh", "5.03.02.2.01", 200_000_000),
        ("Jumlah", None, 500_000_000),  # the activity's pagu is inside the programme's
    ]
    assert 600_000_000 not in everything and 90_000_000 not in everything


def test_another_years_pk_has_that_years_targets():
    rows = table(xlsx(year=2026).worksheets[0])
    assert [(r[3], r[4]) for r in rows] == [(75, "%"), (3.5, "indeks"), (444, "orang")]


def test_the_two_parties_the_owner_and_the_superior_from_reports_to_blank_names():
    ws = xlsx().worksheets[0]
    assert ws.title == contoh.OWNER_TITLE[:31].rstrip()
    assert party_lines(ws) == [
        ("Nama", f": {LINE}"),
        ("Jabatan", f": {contoh.OWNER_TITLE}"),
        ("Nama", f": {LINE}"),
        ("Jabatan", f": {contoh.SUPERIOR_TITLE}"),
    ]
    everything = cells(ws)
    assert "PERJANJIAN KINERJA TAHUN 2025" in everything
    assert contoh.AGENCY.upper() in everything
    assert everything.count(f"NIP. {LINE}") == 4  # both parties, under both pages' blocks
    assert everything.count(f"{LINE}, {LINE}") == 2  # place and date to fill


def test_no_reports_to_leaves_the_second_partys_position_to_fill():
    ws = xlsx("kepala").worksheets[0]
    assert party_lines(ws)[3] == ("Jabatan", f": {LINE}")


def test_the_given_names_are_printed_and_a_name_starting_with_equals_stays_text():
    book = xlsx(
        place="Contoh",
        date="2 Januari 2025",
        signatory=Signatory(name="=SUM(A1:A9)", nip="19800101 200501 1 001"),
        superior=Signatory(name="Dr. Contoh Sujatmiko, M.Si.", rank="Pembina Utama Muda"),
    )
    ws = book.worksheets[0]
    assert party_lines(ws)[0] == ("Nama", ": =SUM(A1:A9)")
    assert party_lines(ws)[2] == ("Nama", ": Dr. Contoh Sujatmiko, M.Si.")
    everything = cells(ws)
    assert everything.count("=SUM(A1:A9)") == 2 and everything.count("Pembina Utama Muda") == 2
    assert "NIP. 19800101 200501 1 001" in everything and "Contoh, 2 Januari 2025" in everything
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_every_owner_in_one_file_one_sheet_each_with_an_index():
    book = xlsx(owner=None)
    cascade = contoh.cascade()
    names = book.sheetnames
    assert names[0] == "Daftar" and len(names) == len(cascade.owners) + 1
    assert len(set(n.casefold() for n in names)) == len(names)
    assert all(len(n) <= 31 for n in names)
    # the two long titles share their first 31 characters: told apart
    assert names[4:6] == ["Kepala Sub Bidang Pengembangan", "Kepala Sub Bidang Pengemban (2)"]
    index = book["Daftar"]
    listed = [row[1].value for row in index.iter_rows(min_row=2)]
    assert listed == [o.title for o in cascade.owners]
    assert [row[3].value for row in index.iter_rows(min_row=2)] == names[1:]
    for owner, name in zip(cascade.owners, names[1:], strict=True):
        assert party_lines(book[name])[1] == ("Jabatan", f": {owner.title}")
    # the owner whose title reads as a formula: text in the index and on its sheet
    analis = book[names[-1]]
    assert index.cell(row=len(names), column=2).data_type == "s"
    assert party_lines(analis)[1] == ("Jabatan", f": {contoh.FORMULA_TITLE}")
    assert [r[1] for r in table(analis) if r[1]] == [
        "Tertibnya administrasi umum BKD Contoh\n(Kegiatan)"
    ]
    assert not any(c.data_type == "f" for ws in book for row in ws.iter_rows() for c in row)
    # an owner who owns nothing says so rather than listing nothing
    assert "Pemilik kinerja ini tidak memiliki sasaran dalam pohon kinerja." in cells(
        book[names[4]]
    )


def test_in_one_file_a_given_name_goes_only_to_the_party_whose_position_it_names():
    book = xlsx(
        owner=None,
        superior=Signatory(position=contoh.SUPERIOR_TITLE, name="Dr. Contoh Sujatmiko"),
    )
    by_owner = dict(zip([o.id for o in contoh.cascade().owners], book.worksheets[1:], strict=True))
    assert party_lines(by_owner["kabid"])[2] == ("Nama", ": Dr. Contoh Sujatmiko")
    assert party_lines(by_owner["sekretaris"])[2] == ("Nama", ": Dr. Contoh Sujatmiko")
    assert party_lines(by_owner["analis"])[2] == ("Nama", f": {LINE}")  # reports to kabid


def test_print_setup_a4_portrait_fit_to_width_and_column_widths():
    ws = xlsx().worksheets[0]
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("portrait", 9)
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert [ws.column_dimensions[c].width for c in "ABCDE"] == [6, 44, 44, 16, 14]
    # the attachment starts a printed page: the break falls right after the row above its title
    (brk,) = ws.row_breaks.brk
    assert ws.cell(row=brk.id + 1, column=1).value == "LAMPIRAN PERJANJIAN KINERJA TAHUN 2025"


def test_english_on_request():
    with i18n.using("en"):
        ws = xlsx().worksheets[0]
    everything = cells(ws)
    assert "PERFORMANCE AGREEMENT FOR 2025" in everything
    assert "no target for 2025" in everything
    assert f"{contoh.RESULTS[0]}\n(Programme (Program))" in everything  # the cascade's own text


def test_an_unknown_owner_is_owner_not_found():
    with pytest.raises(OwnerNotFound) as err:
        xlsx("kabidd")
    assert err.value.owner_id == "kabidd" and "kabid" in err.value.suggestions


def test_a_year_is_needed_and_only_xlsx_or_pdf():
    with pytest.raises(Invalid):
        PK.write(contoh.cascade(), DocumentRequest(kind="xlsx", owner=contoh.OWNER))
    with pytest.raises(Invalid):
        PK.write(contoh.cascade(), DocumentRequest(kind="png", year=2025))  # type: ignore[arg-type]


def test_a_cascade_without_owners_has_no_pk_to_write():
    ownerless = contoh.cascade().model_copy(update={"owners": []})
    with pytest.raises(Invalid, match="bkd-contoh-2025-2029"):
        PK.write(ownerless, DocumentRequest(kind="xlsx", year=2025))


def test_sheet_names_excel_accepts():
    taken: set[str] = set()
    assert sheet_name("Kasubag [Umum]: Keuangan/Aset?", taken) == "Kasubag  Umum   Keuangan Aset"
    assert sheet_name("'Sekretaris'", taken) == "Sekretaris"
    assert sheet_name("SEKRETARIS", taken) == "SEKRETARIS (2)"
    assert sheet_name("History", taken) == "History (2)"
    assert sheet_name("***", taken) == "PK"
