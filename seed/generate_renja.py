"""Generate a fictional Renja evaluation table (Permendagri 86/2017, form E.81) of an agency of
"Kabupaten Contoh" (SYNTHETIC: no real agency's content), as agencies deliver it, with the
quirks real tables have, so that the reader is tried on them:

- title rows (the evaluation's name, the region, the year), two header rows with merged cells,
  the row of column numbers with formulas as text (``13 = 9 + 10 + 11 + 12``), the K / Rp / %
  sub-header row;
- the ``Perangkat Daerah : ...`` row, urusan and bidang urusan rows with their budget totals;
- Visi, Misi, Sasaran RPJMD, Tujuan and Sasaran filled only on the first row they apply to;
- ONE name column for programme, kegiatan and sub kegiatan: "PROGRAM ..." in bold, kegiatan in
  italic, sub kegiatan plain, one sub kegiatan with its nomenclature code, one kegiatan whose
  style was lost (only the row order tells it);
- a two-indicator cell (``1. ... 2. ...``) with numbered values, and a further indicator on a
  row of its own (no name); numbers as numbers, as text
  with a decimal comma (``0,75``) and empty quarters (not reported yet);
- columns 13, 14 and 15 as formula cells with cached values; a totals row and the footer.

``plant_disagreement=True`` types a wrong achievement (column 15, K) on one row by hand, as
the one disagreement a test expects; ``bad_quarter`` writes a text that is no number into one
quarter. ``RenjaTable.expected`` says what a reader should find.

    python -m pokin.seed.generate_renja --out /tmp/renja-contoh.xlsx
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pokin.seed.formats.renja_evaluation import (
    LayoutBook,
    group_headers,
    ref,
    write_head,
)

AGENCY = "Dinas Komunikasi dan Informatika Kabupaten Contoh"
REGION = "KABUPATEN CONTOH"
YEAR = 2026
PERIOD = (2025, 2029)

#: the layout is the one pokin writes (``pokin.seed.formats.renja_evaluation``)
GROUP_HEADERS = group_headers(PERIOD[1])


@dataclass
class Row:
    """One programme, kegiatan or sub kegiatan row. ``k`` values per column group: a number,
    a text (``"0,75"``) or None; ``tw`` the four quarters' K (None: not reported)."""

    level: str
    name: str
    indicators: list[str]
    units: list[str]
    renstra: tuple[Any, float]  # (K, Rp) at the end of the period
    last_year: tuple[Any, float]
    target: tuple[Any, float]
    tw: list[Any]
    tw_rp: list[float | None]
    tujuan: str | None = None
    sasaran: str | None = None
    style: str | None = None  # "bold", "italic" or None (plain)
    unit: str | None = None


def _rows() -> list[Row]:
    t1 = "Meningkatnya tata kelola pemerintahan berbasis elektronik di Kabupaten Contoh"
    t2 = "Meningkatnya keterbukaan informasi publik Kabupaten Contoh"
    s1 = "Meningkatnya kematangan SPBE Kabupaten Contoh"
    s2 = "Meningkatnya akses masyarakat Contoh terhadap informasi publik"
    return [
        Row("programme", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            ["Nilai LHE AKIP Dinas Contoh", "Indeks Kepuasan Layanan Internal Dinas Contoh"],
            ["Nilai", "Indeks"], ("1. 80 2. 3,50", 9_000_000_000), ("1. 70 2. 3,10", 1_700_000_000),
            ("1. 75 2. 3,25", 1_900_000_000), [None, None, None, "1. 76 2. 3,30"],
            [400_000_000, 450_000_000, 500_000_000, 480_000_000],
            tujuan=t1, sasaran=s1, style="bold"),
        Row("activity", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
            ["Persentase dokumen perencanaan dan evaluasi yang tepat waktu"], ["%"],
            (100, 900_000_000), (100, 170_000_000), (100, 190_000_000), [25, 25, 25, 25],
            [40_000_000, 50_000_000, 50_000_000, 45_000_000], style="italic"),
        Row("sub_activity", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
            ["Jumlah dokumen perencanaan Dinas Contoh"], ["Dokumen"],
            (15, 500_000_000), (3, 95_000_000), (3, 100_000_000), [1, 1, 0, 1],
            [20_000_000, 30_000_000, 25_000_000, 24_000_000]),
        Row("sub_activity", "Evaluasi Kinerja Perangkat Daerah",
            ["Jumlah laporan evaluasi kinerja Dinas Contoh"], ["Laporan"],
            (20, 400_000_000), (4, 75_000_000), (4, 90_000_000), [1, 1, 1, 1],
            [20_000_000, 20_000_000, 25_000_000, 21_000_000]),
        Row("activity", "Administrasi Umum Perangkat Daerah",
            ["Persentase layanan administrasi umum yang terpenuhi"], ["%"],
            (100, 8_100_000_000), (100, 1_530_000_000), (100, 1_710_000_000), [25, 25, 25, 25],
            [360_000_000, 400_000_000, 450_000_000, 435_000_000], style="italic"),
        Row("sub_activity", "Penyediaan Bahan Logistik Kantor",
            ["Jumlah paket bahan logistik kantor yang disediakan"], ["Paket"],
            (60, 8_100_000_000), (12, 1_530_000_000), (12, 1_710_000_000), [3, 3, 3, 3],
            [360_000_000, 400_000_000, 450_000_000, 435_000_000], unit="Sekretariat"),
        Row("programme", "PROGRAM APLIKASI INFORMATIKA",
            ["Indeks SPBE Kabupaten Contoh"], ["Indeks"],
            (3.5, 6_000_000_000), (2.6, 1_100_000_000), (2.9, 1_200_000_000),
            [None, None, None, 2.95], [250_000_000, 300_000_000, 350_000_000, 280_000_000],
            style="bold"),
        Row("activity", "Pengelolaan e-Government di Lingkup Pemerintah Daerah Kabupaten/Kota",
            ["Persentase perangkat daerah yang memakai aplikasi umum"], ["%"],
            (100, 6_000_000_000), (60, 1_100_000_000), (80, 1_200_000_000),
            [20, 20, 20, 20], [250_000_000, 300_000_000, 350_000_000, 280_000_000],
            style="italic"),
        Row("sub_activity", "2.16.03.2.02.0001 Penatalaksanaan dan Pengawasan e-Government",
            ["Indeks kepuasan pengguna aplikasi umum"], ["Indeks"],
            ("0,75", 3_500_000_000), ("0,30", 650_000_000), ("0,75", 700_000_000),
            [0.1, 0.1, 0.1, 0.1], [150_000_000, 170_000_000, 200_000_000, 160_000_000],
            unit="Bidang Aplikasi Informatika"),
        Row("sub_activity", "Pengelolaan Pusat Data Pemerintah Daerah",
            ["Indeks ketersediaan layanan pusat data"], ["Indeks"],
            (0.75, 2_500_000_000), (0.3, 450_000_000), (0.75, 500_000_000),
            [0.1, 0.1, 0.1, 0.1], [100_000_000, 130_000_000, 150_000_000, 120_000_000],
            unit="Bidang Aplikasi Informatika"),
        Row("programme", "PROGRAM INFORMASI DAN KOMUNIKASI PUBLIK",
            ["Persentase informasi publik yang dipublikasikan"], ["%"],
            (100, 2_500_000_000), (40, 400_000_000), (60, 500_000_000),
            [15, 15, None, None], [100_000_000, 120_000_000, None, None],
            tujuan=t2, sasaran=s2, style="bold"),
        # its italic was lost: only the row order tells that it is a kegiatan
        Row("activity", "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah",
            ["Jumlah kanal komunikasi publik yang dikelola"], ["Kanal"],
            (10, 2_500_000_000), (4, 400_000_000), (6, 500_000_000),
            [1, 1, None, None], [100_000_000, 120_000_000, None, None]),
        Row("sub_activity", "Monitoring Opini dan Aspirasi Publik",
            ["Jumlah laporan monitoring opini publik"], ["Laporan"],
            (60, 1_000_000_000), (12, 160_000_000), (12, 200_000_000),
            [3, 3, None, None], [40_000_000, 50_000_000, None, None],
            unit="Bidang Informasi dan Komunikasi Publik"),
        Row("sub_activity", "Pengelolaan Konten dan Perencanaan Media Komunikasi Publik",
            ["Jumlah konten informasi publik yang diterbitkan"], ["Konten"],
            (1500, 1_500_000_000), (300, 240_000_000), (300, 300_000_000),
            [75, 75, None, None], [60_000_000, 70_000_000, None, None]),
    ]  # fmt: skip


def _num(v: Any) -> float | None:
    """A K value as a number (text with a decimal comma too); numbered texts give None."""
    if v is None or isinstance(v, int | float):
        return v
    return None if re.match(r"\s*1\.", v) else float(v.replace(",", "."))


@dataclass
class RenjaTable:
    """The generated workbook and what a reader should find in it."""

    data: bytes
    #: rows of the sheet by what they are: "title", "header", "numbers", "subheader", "agency",
    #: "urusan", "element", "continuation", "total", "footer", "blank"
    kinds: dict[int, str] = field(default_factory=dict)
    #: element rows: sheet row -> the Row
    elements: dict[int, Row] = field(default_factory=dict)
    #: the sheet row of the planted disagreement and the (table's, computed) column 15 K
    planted: tuple[int, float, float] | None = None
    #: the sheet row whose level only the row order tells
    order_only_row: int | None = None
    #: the row holding only a further indicator of the element above
    continuation_row: int | None = None
    #: (row, column) of the cell ``bad_quarter`` wrote
    bad_cell: tuple[int, str] | None = None


def generate_renja(plant_disagreement: bool = False, bad_quarter: str | None = None) -> RenjaTable:
    """The fictional table as .xlsx bytes, in the one layout pokin writes (its head, columns
    and formula cells with cached values), with the quirks above typed into its body."""
    book = LayoutBook()
    out = RenjaTable(b"")
    bold, italic = "bold", "italic"

    def put(r: int, c: int, v: Any, font: Any = None) -> None:
        book.put(r, c, v, font)  # a text such as "13 = 9 + 10" is never a formula

    def formula(r: int, c: int, f: str) -> None:
        book.formula(r, c, f, book.value(r, c))

    titles = [
        "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN",
        f"PEMERINTAH {REGION}",
        f"PERIODE PELAKSANAAN TAHUN {YEAR}",
    ]
    cols = write_head(book, titles, PERIOD[1])
    starts, unit_col = cols.starts, cols.unit
    for r in range(1, 4):
        out.kinds[r] = "title"
    out.kinds[4] = "blank"
    h1, h2, nums, sub = 5, 6, 7, 8
    for r in (h1, h2):
        out.kinds[r] = "header"
    out.kinds[nums], out.kinds[sub] = "numbers", "subheader"

    r = 9
    put(r, 1, f"Perangkat Daerah : {AGENCY}", bold)
    book.merge(r, 1, r, 9)
    out.kinds[r] = "agency"
    rows = _rows()
    total = [sum(x.target[1] for x in rows if x.level == "programme")]
    for urusan in (
        "2 URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR",
        "2.16 URUSAN PEMERINTAHAN BIDANG KOMUNIKASI DAN INFORMATIKA",
    ):
        r += 1
        put(r, 7, urusan, bold)
        put(r, cols.at(8, "Rp"), total[0], bold)
        out.kinds[r] = "urusan"
    visi_done = False
    planted_done = not plant_disagreement
    for n, row in enumerate(rows, start=1):
        r += 1
        out.kinds[r], out.elements[r] = "element", row
        font = {"bold": bold, "italic": italic}.get(row.style or "")
        put(r, 1, n)
        if not visi_done:
            put(r, 2, "Terwujudnya Kabupaten Contoh yang maju, sejahtera dan berdaya saing")
            put(r, 3, "Mewujudkan tata kelola pemerintahan yang baik dan bersih")
            put(r, 4, "Meningkatnya kualitas tata kelola pemerintahan daerah Contoh")
            visi_done = True
        if row.tujuan:
            put(r, 5, row.tujuan)
        if row.sasaran:
            put(r, 6, row.sasaran)
        put(r, 7, row.name, font)
        several = len(row.indicators) > 1
        put(r, 8, " ".join(f"{i}. {t}" for i, t in enumerate(row.indicators, 1)) if several
            else row.indicators[0])  # fmt: skip
        put(r, 9, " ".join(f"{i}. {t}" for i, t in enumerate(row.units, 1)) if several
            else row.units[0])  # fmt: skip
        for g, (k, rp) in ((6, row.renstra), (7, row.last_year), (8, row.target)):
            put(r, starts[g], k)
            put(r, starts[g] + 1, rp)
        t_k = _num(row.target[0])
        for q in range(4):
            c = starts[9 + q]
            k = row.tw[q]
            put(r, c, k)
            if k is not None and t_k and _num(k) is not None:
                put(r, c + 1, round(_num(k) / t_k * 100, 2))
            put(r, c + 2, row.tw_rp[q])
        # 13 = 9 + 10 + 11 + 12, 14 = 7 + 13, 15 = 14 / 6 x 100: formulas with cached values
        for sub in ("K", "Rp"):
            letters = [ref(r, cols.at(9 + q, sub)) for q in range(4)]
            k_or_rp = sub == "Rp"
            if sub == "K" and _num(row.target[0]) is None:  # numbered values: typed as text
                parts = [[float(x.replace(",", ".")) for x in re.findall(r"\d+(?:,\d+)?", v)][1::2]
                         for v in (row.last_year[0], row.tw[3])]  # fmt: skip
                put(r, starts[13], row.tw[3])
                put(r, starts[14], " ".join(
                    f"{i}. {f'{a + b:.2f}'.rstrip('0').rstrip('.').replace('.', ',')}"
                    for i, (a, b) in enumerate(zip(*parts, strict=True), start=1)))  # fmt: skip
                continue
            vals = [row.tw[q] if sub == "K" else row.tw_rp[q] for q in range(4)]
            s13 = round(sum(_num(v) or 0 for v in vals), 4)
            c13, c14, c15 = cols.at(13, sub), cols.at(14, sub), cols.at(15, sub)
            put(r, c13, s13)
            formula(r, c13, "+".join(letters))
            last = _num((row.last_year[0], row.last_year[1])[k_or_rp])
            s14 = round((last or 0) + s13, 4)
            put(r, c14, s14)
            formula(r, c14, f"{ref(r, cols.at(7, sub))}+{ref(r, c13)}")
            end = _num((row.renstra[0], row.renstra[1])[k_or_rp])
            s15 = round(s14 / end * 100, 2)
            if not planted_done and sub == "K" and row.level == "sub_activity":
                put(r, c15, round(s15 + 12.5, 2))  # typed by hand, 12.5 points off
                out.planted = (r, round(s15 + 12.5, 2), s15)
                planted_done = True
            else:
                put(r, c15, s15)
                formula(r, c15, f"{ref(r, c14)}/{ref(r, cols.at(6, sub))}*100")
        if row.unit:
            put(r, unit_col, row.unit)
        if bad_quarter is not None and row.level == "sub_activity" and out.bad_cell is None:
            put(r, starts[9], bad_quarter)  # TW I, K: a text that is no number
            out.bad_cell = (r, "9 K")
        if row.level == "activity" and row.style is None:
            out.order_only_row = r
    # a further indicator of the last sub kegiatan on a row of its own (no name, no budget)
    r += 1
    put(r, 8, "Jumlah media komunikasi publik Contoh yang dikelola")
    put(r, 9, "Media")
    put(r, starts[6], 5)
    put(r, starts[8], 5)
    for q, k in enumerate((5, 5)):
        put(r, starts[9 + q], k)
    out.kinds[r], out.continuation_row = "continuation", r
    r += 1
    put(r, 7, "JUMLAH", bold)
    put(r, cols.at(8, "Rp"), total[0], bold)
    out.kinds[r] = "total"
    r += 1
    out.kinds[r] = "blank"
    footer = [
        "Rata-rata capaian kinerja (%)",
        "Predikat kinerja",
        "Faktor pendorong keberhasilan pencapaian: dukungan pimpinan Dinas Contoh",
        "Faktor penghambat pencapaian: keterbatasan jaringan di desa Contoh",
        "Tindak lanjut yang diperlukan dalam triwulan berikutnya: penambahan kanal",
        "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya: rencana aksi",
        f"Contoh, 15 Januari {YEAR + 1}",
        "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN CONTOH",
        "Nama Contoh, S.Kom., M.Si.",
        "Pembina Utama Muda",
        "NIP. 19700101 199501 1 001",
    ]
    for i, text in enumerate(footer):
        r += 1
        put(r, 1 if i < 6 else 20, text)
        if i == 0:
            put(r, 9, 87.5)
        if i == 1:
            put(r, 9, "Tinggi")
        out.kinds[r] = "footer"
    out.data = book.to_bytes()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="the .xlsx file to write")
    parser.add_argument("--plant-disagreement", action="store_true",
                        help="type a wrong column 15 on one row")  # fmt: skip
    args = parser.parse_args(argv)
    table = generate_renja(args.plant_disagreement)
    Path(args.out).write_bytes(table.data)


if __name__ == "__main__":
    main()
