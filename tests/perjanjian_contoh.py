"""A small fictional cascade of "Kabupaten Contoh" for the Perjanjian Kinerja tests, with one
planted owner: ``kabid`` owns exactly two results, ``pt-kompetensi`` (targets per year) and
``at-pelatihan`` (a range in 2025, and a second indicator with no 2025 target), delivered by
``prog-kompetensi`` and its activity ``keg-pelatihan`` (pagu per year). The other owners'
results and units, and every year but 2025, must stay out of kabid's PK of 2025."""

from __future__ import annotations

CASCADE_ID = "bkd-contoh-2025-2029"
AGENCY = "Badan Kepegawaian Daerah Kabupaten Contoh"
OWNER = "kabid"
OWNER_TITLE = "Kepala Bidang Pengembangan Kompetensi Contoh"
SUPERIOR_TITLE = "Kepala Badan Kepegawaian Daerah Contoh"
RESULTS = (
    "Meningkatnya kompetensi ASN Kabupaten Contoh",
    "Terselenggaranya pelatihan teknis ASN Contoh",
)
#: In the PK's order: results by level and id, their indicators by id (the graph's order).
INDICATORS = (
    "Persentase ASN yang memenuhi standar kompetensi",  # ind-kompetensi
    "Indeks kepuasan peserta pelatihan",  # ind-kepuasan
    "Jumlah ASN yang mengikuti pelatihan teknis",  # ind-pelatihan
)
#: Two owners whose titles share their first 31 characters (a sheet name's most).
LONG_TITLES = (
    "Kepala Sub Bidang Pengembangan Kompetensi Teknis Contoh",
    "Kepala Sub Bidang Pengembangan Kompetensi Manajerial Contoh",
)
#: An owner title that a spreadsheet would read as a formula if written carelessly.
FORMULA_TITLE = '=HYPERLINK("http://contoh.invalid","Analis Contoh")'


def _indicator(iid: str, name: str, unit: str, targets: list[tuple]) -> str:
    """An indicator in the seed format; a target is (year, value) or (year, (low, high))."""
    rows = "".join(
        f"\n      - {{year: {year}, low: {t[0]}, high: {t[1]}}}"
        if isinstance(t, tuple)
        else f"\n      - {{year: {year}, value: {t}}}"
        for year, t in targets
    )
    return f"""
    - id: {iid}
      name: {name}
      raw: {name}
      formula: Realisasi dibagi target dikali 100
      formula_raw: Realisasi dibagi target dikali 100
      formula_truncated: false
      polarity: positive
      tags: [progress]
      unit: {unit}
      targets:{rows}"""


_TUJUAN = _indicator("ind-tujuan", "Indeks profesionalitas ASN Contoh", "indeks", [(2025, 71)])
_SS = _indicator("ind-ss", "Indeks sistem merit Contoh", "indeks", [(2025, 333)])
_KOMPETENSI = _indicator(
    "ind-kompetensi", INDICATORS[0], "'%'", [(2025, 70.5), (2026, 75), (2027, 80)]
)
_KEPUASAN = _indicator("ind-kepuasan", INDICATORS[1], "indeks", [(2026, 3.5)])
_PELATIHAN = _indicator("ind-pelatihan", INDICATORS[2], "orang", [(2025, (120, 150)), (2026, 444)])
_UMUM = _indicator("ind-umum", "Persentase surat terlayani tepat waktu", "'%'", [(2025, 99)])

YAML = f"""
cascade:
  id: {CASCADE_ID}
  agency: {AGENCY}
  title: Pohon Kinerja BKD Kabupaten Contoh 2025-2029
  period: {{start: 2025, end: 2029}}
  source: fiktif, untuk pengujian
  synthetic: true
owners:
  - {{id: kepala, title: {SUPERIOR_TITLE}, reports_to: null, known_position: true}}
  - {{id: kabid, title: {OWNER_TITLE}, reports_to: kepala, known_position: true}}
  - {{id: sekretaris, title: Sekretaris BKD Contoh, reports_to: kepala, known_position: true}}
  - {{id: kasubbid-teknis, title: {LONG_TITLES[0]}, reports_to: kabid, known_position: true}}
  - {{id: kasubbid-manajerial, title: {LONG_TITLES[1]}, reports_to: kabid, known_position: true}}
  - {{id: analis, title: '{FORMULA_TITLE}', reports_to: kabid, known_position: true}}
goal:
  id: tujuan
  name: Terwujudnya ASN Kabupaten Contoh yang profesional
  owners: [kepala]
  indicators:{_TUJUAN}
targets:
  - id: ss-profesional
    level: strategic
    name: Meningkatnya profesionalitas ASN Contoh
    owners: [kepala]
    supports: [{{to: tujuan, basis: source_layout}}]
    indicators:{_SS}
  - id: pt-kompetensi
    level: programme
    name: {RESULTS[0]}
    owners: [kabid]
    supports: [{{to: ss-profesional, basis: source_layout}}]
    indicators:{_KOMPETENSI}
  - id: at-pelatihan
    level: activity
    name: {RESULTS[1]}
    owners: [kabid]
    supports: [{{to: pt-kompetensi, basis: source_layout}}]
    indicators:{_PELATIHAN}{_KEPUASAN}
  - id: at-umum
    level: activity
    name: Tertibnya administrasi umum BKD Contoh
    owners: [sekretaris, analis]
    supports: [{{to: ss-profesional, basis: source_layout}}]
    indicators:{_UMUM}
programmes:
  - id: prog-kompetensi
    code: 5.03.02
    name: Program Pengembangan Sumber Daya Manusia Contoh
    delivers: [{{to: pt-kompetensi, basis: source_layout}}]
    budget: [{{year: 2025, pagu: 500000000}}, {{year: 2026, pagu: 600000000}}]
  - id: prog-umum
    code: 5.03.01
    name: Program Penunjang Urusan Pemerintahan Contoh
    delivers: []
activities:
  - id: keg-pelatihan
    code: 5.03.02.2.01
    name: Pelatihan Teknis ASN Contoh
    part_of: {{to: prog-kompetensi, basis: nomenclature}}
    delivers: [{{to: at-pelatihan, basis: source_layout}}]
    budget: [{{year: 2025, pagu: 200000000}}, {{year: 2025, quarter: 1, realisation: 1000}}]
  - id: keg-umum
    code: 5.03.01.2.01
    name: Administrasi Umum Contoh
    part_of: {{to: prog-umum, basis: nomenclature}}
    delivers: [{{to: at-umum, basis: source_layout}}]
    budget: [{{year: 2025, pagu: 90000000}}]
sub_activities: []
"""


def cascade():
    """The validated cascade of ``YAML``."""
    from pokin.seed import parse_cascade

    return parse_cascade(YAML, "<perjanjian contoh>")
