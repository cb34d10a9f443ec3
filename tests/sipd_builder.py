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


#: The size of the real export issue 19 is about (one kabupaten, one year): rows, agencies,
#: programmes, kegiatan and sub-kegiatan.
EXPORT_SHAPE = {
    "rows": 13_975, "agencies": 46, "programmes": 218, "kegiatan": 669, "sub_kegiatan": 2_364,
}  # fmt: skip
#: Rows of one sub-kegiatan that share an indicator text (with other targets and units).
_SAME_TEXT = 3
_UNITS = ["dokumen", "unit", "%", "orang", "kegiatan", "laporan"]


def _spread(total: int, parts: int) -> list[int]:
    """``total`` cut into ``parts`` whole counts differing by at most one (summing exactly)."""
    return [total * (i + 1) // parts - total * i // parts for i in range(parts)]


def province_rows(
    rows: int = EXPORT_SHAPE["rows"],
    agencies: int = EXPORT_SHAPE["agencies"],
    programmes: int = EXPORT_SHAPE["programmes"],
    kegiatan: int = EXPORT_SHAPE["kegiatan"],
    sub_kegiatan: int = EXPORT_SHAPE["sub_kegiatan"],
) -> list[list]:
    """A fictional planning-system export of Kabupaten Contoh (rows under ``QUIRKY_HEADER``)
    with exactly these counts, shaped like the real one: the units spread evenly over the
    agencies, several rows per sub-kegiatan of which every ``_SAME_TEXT`` share an indicator
    text with other targets and units, some ``NULL`` targets and units, no identical rows."""
    if not agencies <= programmes <= kegiatan <= sub_kegiatan <= rows:
        raise ValueError("need agencies <= programmes <= kegiatan <= sub_kegiatan <= rows")
    per_programme = iter(_spread(kegiatan, programmes))
    per_kegiatan = iter(_spread(sub_kegiatan, kegiatan))
    per_sub = iter(_spread(rows, sub_kegiatan))
    out: list[list] = []
    for a, n_programmes in enumerate(_spread(programmes, agencies), start=1):
        urusan = f"{(a - 1) // 9 + 1}.{(a - 1) % 9 + 1:02d}"
        agency = [100 + a, f"Dinas Contoh {a} Kabupaten Contoh"]
        for p in range(1, n_programmes + 1):
            pc = f"{urusan}.{p:02d}"
            programme = [pc, f"Program Contoh {a}.{p}"]
            for k in range(1, next(per_programme) + 1):
                kc = f"{pc}.{(k - 1) // 99 + 1}.{(k - 1) % 99 + 1:02d}"
                activity = [kc, f"Kegiatan Contoh {a}.{p}.{k}"]
                for s in range(1, next(per_kegiatan) + 1):
                    sub = [f"{kc}.{s:04d}", f"Sub Kegiatan Contoh {a}.{p}.{k}.{s}"]
                    for i in range(next(per_sub)):
                        n = len(out) + 1
                        text = f"Jumlah keluaran contoh {i // _SAME_TEXT + 1} sub kegiatan {s}"
                        target = "NULL" if n % 17 == 0 else i + 1
                        unit = "NULL" if n % 23 == 0 else _UNITS[(n + i) % len(_UNITS)]
                        out.append(
                            [n, 2023, *agency, *programme, *activity, *sub, text, target, unit]
                        )
    return out
