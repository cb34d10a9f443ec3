"""Fictional SIPD-style exports (Kabupaten Contoh), built with openpyxl for tests and benches."""

from __future__ import annotations

import io

import openpyxl

HEADER = [
    "tahun", "satuan_kerja_kode", "satuan_kerja_nama", "program_kode", "program_nama",
    "kegiatan_kode", "kegiatan_nama", "sub_kegiatan_kode", "sub_kegiatan_nama", "indikator",
    "target", "satuan",
]  # fmt: skip


def agency_rows(a: int, programmes: int, activities: int, subs: int, indicators: int) -> list:
    """Rows of agency ``a``: programmes x activities x sub-activities x indicators."""
    code = f"1.0{a % 10}.0.00.0.00.{a:02d}.0000"
    name = f"Dinas Contoh {a} Kabupaten Contoh"
    rows = []
    for p in range(1, programmes + 1):
        pc = f"1.0{a % 10}.{p:02d}"
        for k in range(1, activities + 1):
            kc = f"{pc}.2.{k:02d}"
            for s in range(1, subs + 1):
                sc = f"{kc}.{s:04d}"
                for i in range(1, indicators + 1):
                    rows.append([
                        2026, code, name, pc, f"Program Contoh {p}", kc, f"Kegiatan Contoh {p}.{k}",
                        sc, f"Sub Kegiatan Contoh {p}.{k}.{s}", f"Jumlah dokumen contoh {i}",
                        f"{i},5", "dokumen",
                    ])  # fmt: skip
    return rows


def sipd_bytes(rows: list, header: list = HEADER, titles: list | None = None) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("Export SIPD")
    for t in titles or []:
        ws.append(t)
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


#: A planning-system export as delivered: its own row ids, a year column under a one-space
#: header, the agency by ``satuan_kerja_id``, the literal NULL, ``-`` and ``#N/A`` for missing
#: values, two-digit and four-digit sub-activity codes.
QUIRKY_HEADER = [
    "id", " ", "satuan_kerja_id", "satuan_kerja_nama", "program_kode", "program_nama",
    "kegiatan_kode", "kegiatan_nama", "sub_kegiatan_kode", "sub_kegiatan_nama", "indikator",
    "target", "satuan",
]  # fmt: skip
QUIRKY_TITLES = [["Data Indikator Sub Kegiatan Kabupaten Contoh"], ["Tahun Anggaran 2023"], []]
_EDU = [101, "Dinas Contoh Pendidikan Kabupaten Contoh", "1.01.02", "Program Contoh Pendidikan"]
_K1 = ["1.01.02.1.01", "Kegiatan Contoh Sarana Sekolah"]
_K2 = ["1.01.02.1.02", "Kegiatan Contoh Tenaga Pendidik"]
_S1 = ["1.01.02.1.01.01", "Sub Kegiatan Contoh Pembangunan Sekolah"]
_S2 = ["1.01.02.1.01.02", "Sub Kegiatan Contoh Rehabilitasi Sekolah"]
_S3 = ["1.01.02.1.02.01", "Sub Kegiatan Contoh Pelatihan Guru"]
_HEALTH = [102, "Dinas Contoh Kesehatan Kabupaten Contoh", "1.02.02", "Program Contoh Kesehatan"]
_K4 = ["1.02.02.1.01", "Kegiatan Contoh Layanan Kesehatan"]
_S4 = ["1.02.02.1.01.0001", "Sub Kegiatan Contoh Puskesmas"]
_BUILD = "Jumlah Sekolah Baru yang Telah Dibangun"
QUIRKY_ROWS = [
    [1, 2023, *_EDU, *_K1, *_S1, _BUILD, 5, "unit"],
    [2, 2023, *_EDU, *_K1, *_S1, _BUILD, 100, "%"],  # the same text, other targets and units
    [3, 2023, *_EDU, *_K1, *_S1, _BUILD, 0, "Unit"],
    [4, 2023, *_EDU, *_K1, *_S1, _BUILD, 1, "unit"],
    [1, 2023, *_EDU, *_K1, *_S1, _BUILD, 5, "unit"],  # an exact duplicate of the first row
    [5, 2023, *_EDU, "NULL", "NULL", *_S2, "Jumlah ruang kelas direhabilitasi", "NULL", "NULL"],
    [6, 2023, *_EDU, *_K1, *_S2, "Persentase sekolah layak", 80, "%"],  # names the kegiatan
    [7, 2023, *_EDU, *_K2, *_S3, "NULL", 3, "orang"],  # no indicator text: refused
    [8, 2023, *_EDU, *_K2, *_S3, "Jumlah guru terlatih", "null", "-"],
    [9, 2023, *_HEALTH, *_K4, *_S4, "Jumlah puskesmas contoh", 12, "unit"],
    [10, 2023, *_HEALTH, *_K4, *_S4, "Cakupan layanan contoh", "#N/A", "%"],
    [11, 2023, "NULL", "NULL", *_HEALTH[2:], *_K4, *_S4, "Jumlah posyandu contoh", 4, "unit"],
]  # fmt: skip


def quirky_sipd_bytes(rows: list | None = None) -> bytes:
    """The export with title rows above its header, as a workbook."""
    return sipd_bytes(QUIRKY_ROWS if rows is None else rows, QUIRKY_HEADER, QUIRKY_TITLES)
