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


def sipd_bytes(rows: list, header: list = HEADER) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("Export SIPD")
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
