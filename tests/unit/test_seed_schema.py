"""Seed file and schema: the seed validates, holds the source faithfully, and bad files are
rejected with precise messages (FILE:LINE: ELEMENT_ID.FIELD: MESSAGE). Pure Python, no database."""

from __future__ import annotations

import re

import pytest

from pokin.graph.loader import planned_counts
from pokin.seed import SEED_FILE, Cascade, CascadeValidationError, load_cascade_file, parse_cascade

#: the messages asserted are the English ones (pokin speaks Indonesian by default)
pytestmark = pytest.mark.usefixtures("english")

# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def cascade() -> Cascade:
    return load_cascade_file(SEED_FILE)


@pytest.fixture(scope="module")
def by_id(cascade):
    return cascade.by_id()


def test_seed_validates(cascade):
    assert cascade.cascade.id == "bkpsdm-pemalang-2025-2029"
    assert (cascade.cascade.period.start, cascade.cascade.period.end) == (2025, 2029)


def test_exact_counts(cascade):
    counts = planned_counts(cascade)
    assert counts["Goal"] == 1
    assert counts["Target.strategic"] == 3
    assert counts["Target.programme"] == 8
    assert counts["Target.activity"] == 22
    assert counts["Target.sub_activity"] == 55
    assert counts["Target"] == 88
    assert counts["Programme"] == 3
    assert counts["Activity"] == 14
    assert counts["SubActivity"] == 55
    assert counts["Indicator"] == 91
    assert counts["Owner"] == 10
    assert counts["SUPPORTS"] == 88 + 8 + 22 + 55
    assert counts["PART_OF"] == 14 + 55
    assert counts["REPORTS_TO"] == 8


def test_sub_activities_per_programme(cascade):
    acts = {a.id: a for a in cascade.activities}
    per_prog: dict[str, int] = {}
    for s in cascade.sub_activities:
        prog = acts[s.part_of.to].part_of.to
        per_prog[prog] = per_prog.get(prog, 0) + 1
    # part 1: 19 Kepegawaian + 26 Penunjang; part 3: 5 Penunjang + 5 PSDM
    assert per_prog == {"prog-5.03.02": 19, "prog-5.03.01": 31, "prog-5.04.02": 5}


def test_goal_and_strategic_targets(cascade, by_id):
    g = cascade.goal
    assert g.name == "Terwujudnya Meritokrasi dalam Manajemen ASN"
    assert g.owners == ["kepala"]
    (ind,) = g.indicators
    assert (ind.name, ind.formula, ind.polarity, ind.tags) == (
        "Nilai Penerapan Sistem Merit",
        "Hasil Penilaian BKN",
        "positive",
        ["progress"],
    )
    names = [t.name for t in cascade.targets_at("strategic")]
    assert names == [
        "Meningkatnya Kualitas Manajemen ASN",
        "Meningkatnya kualitas pelayanan dan akuntabilitas kinerja Perangkat Daerah",
        "Meningkatnya Profesionalitas ASN",
    ]
    ss2 = by_id["ss-pelayanan-akuntabilitas-pd"]
    assert [(i.name, i.formula) for i in ss2.indicators] == [
        (
            "Indeks Kepuasan Masyarakat",
            "Hasil Survei Kepuasan Masyarakat atas Layanan Administrasi Kepegawaian",
        ),
        ("Nilai SAKIP OPD", "Hasil Evaluasi Inspektorat Kabupaten"),
    ]
    assert all(t.supports[0].to == "tujuan" for t in cascade.targets_at("strategic"))


def test_programme_facts(cascade, by_id):
    assert [(p.id, p.code, p.name) for p in cascade.programmes] == [
        ("prog-5.03.02", "5.03.02", "PROGRAM KEPEGAWAIAN DAERAH"),
        ("prog-5.03.01", "5.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH"),
        ("prog-5.04.02", "5.04.02", "PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA"),
    ]
    assert len(by_id["prog-5.03.02"].delivers) == 6
    pt = by_id["pt-terpetakan-kompetensi"]
    assert pt.owners == ["kepala-upt-penilaian-kompetensi"]
    (ind,) = pt.indicators
    assert (
        ind.formula
        == "Jumlah ASN yang telah terpetakan kompetensinya dibagi jumlah seluruh ASN dikali 100 "
        "(kumulatif dari"
    )
    assert ind.formula_truncated is True and ind.tags == ["progress"]
    admin = by_id["pt-layanan-administrasi-kepegawaian"]
    assert admin.owners == [
        "kabid-pengadaan-pemberhentian-informasi",
        "kabid-mutasi-promosi",
        "kabid-penilaian-evaluasi-kinerja",
    ]
    penunjang = by_id["pt-layanan-penunjang"]
    assert [i.tags for i in penunjang.indicators] == [["recurring"], ["recurring"]]


def test_activity_facts(by_id):
    k3 = by_id["keg-5.03.02.2.03"]
    assert k3.name == "Pengembangan Kompetensi ASN" and k3.part_of.to == "prog-5.03.02"
    assert [(d.to, d.basis) for d in k3.delivers][:2] == [
        ("at-kualifikasi-pendidikan", "merged_cell"),
        ("at-penilaian-kompetensi", "merged_cell"),
    ]
    perceraian = by_id["at-izin-perceraian"]
    assert perceraian.owners == ["kabid-disiplin-kinerja"]
    assert perceraian.indicators[0].polarity == "negative"
    assert perceraian.indicators[0].formula is None
    jf = by_id["at-kompetensi-jabatan-fungsional"].indicators[0]
    assert (
        jf.name == "Jumlah pegawai fungsional yang memiliki sertifikat kompetensi "
        "(ASN diluar guru dan tenaga kesehatan)"
    )
    assert (jf.tags, jf.polarity) == (["cumulative"], "positive")
    e = by_id["at-pelaporan-penilaian-kinerja"].indicators[0]
    assert e.raw == "Jumlah ASN yang melaporkan kinerjanya di e- kinerja BKN (positif)"
    assert e.name == "Jumlah ASN yang melaporkan kinerjanya di e-kinerja BKN"


def test_page_break_kegiatan_is_one_activity(cascade, by_id):
    named = [
        a
        for a in cascade.activities
        if a.name.startswith("Penyediaan Jasa Penunjang Urusan Pemerintahan")
    ]
    assert [a.id for a in named] == ["keg-5.03.01.2.08"]
    assert [d.to for d in named[0].delivers] == ["at-layanan-penunjang"]
    pelayanan = by_id["st-5.03.01.2.08.0004"]
    assert (pelayanan.supports[0].to, pelayanan.supports[0].basis) == (
        "at-layanan-penunjang",
        "page_break_continuation",
    )
    assert by_id["sub-5.03.01.2.08.0004"].name == "Penyediaan Jasa Pelayanan Umum Kantor"


def test_sub_activity_facts(by_id):
    s = by_id["sub-5.03.01.2.06.0001"]
    assert s.name == "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor"
    st = by_id["st-5.03.01.2.06.0001"]
    assert st.name == "Tersedianya Komponen Instalasi Listrik/Penerangan Bangunan Kantor"
    assert st.owners == ["kasubag-umpeg"]
    ind = st.indicators[0]
    assert (
        ind.raw
        == "Jumlah Paket Komponen Instalasi Listrik/Peneranga n Bangunan Kantor yang Disediakan"
    )
    assert (
        ind.name
        == "Jumlah Paket Komponen Instalasi Listrik/Penerangan Bangunan Kantor yang Disediakan"
    )
    assert ind.formula == "Jumlah paket pembelian alat listrik"
    # glued name cell split in two
    assert by_id["sub-5.03.01.2.07.0005"].name == "Pengadaan Mebel"
    assert by_id["sub-5.03.01.2.07.0006"].name == "Pengadaan Peralatan dan Mesin Lainnya"
    # glued formula cell split in two
    assert by_id["ind-st-5.03.01.2.02.0001"].formula == "Jumlah ASN BKD"
    assert (
        by_id["ind-st-5.03.01.2.02.0005"].formula
        == "Jumlah laporan keuangan prognosis dan akhir tahun"
    )
    assert by_id["sub-5.03.01.2.01.0002"].name == "Koordinasi dan Penyusunan Dokumen RKA-SKPD"
    assert (
        by_id["sub-5.03.01.2.09.0009"].name
        == "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya"
    )
    assert (
        by_id["ind-st-5.03.01.2.09.0009"].name
        == "Jumlah Gedung Kantor dan Bangunan Lainnya yang Dipelihara/Direhabilitasi"
    )
    assert by_id["ind-st-5.03.02.2.01.0011"].formula == (
        "Jumlah dokumen hasil pengelolaan data kepegawaian : ASN dalam angka, "
        "statistik kegiatan kepegawaian"
    )
    karir = by_id["ind-st-fasilitasi-pengembangan-karir-jabatan-fungsional"]
    assert karir.formula_truncated is True and karir.formula.endswith(
        "difasilitasi pengangkatan pertama dan"
    )
    assert by_id["st-5.03.01.2.01.0006"].name_truncated is True
    assert by_id["ind-st-pembinaan-sertifikasi-kelembagaan-sumber-belajar"].name.endswith(
        "Pengelolaan Sumber Belajar,"
    )
    assert by_id["sub-5.03.02.2.03.0002"].part_of.to == "keg-5.03.02.2.03"
    assert by_id["st-5.03.02.2.03.0002"].owners == ["kepala-upt-penilaian-kompetensi"]
    assert by_id["sub-5.04.02.2.01.0003"].part_of.to == "keg-5.04.02.2.01"


def test_owner_runs(cascade, by_id):
    subs = cascade.sub_activities
    owners = [by_id[s.delivers[0].to].owners for s in subs]
    assert owners[19:27] == [["kasubag-bina-program-keuangan"]] * 8
    assert owners[27:45] == [["kasubag-umpeg"]] * 18  # the glued run of 18 'Kasubag Umpeg'
    assert owners[45:50] == [["kasubag-umpeg"]] * 5
    assert owners[50:55] == [["kabid-pengembangan-sdm"]] * 5


def test_owners_and_org_chart(by_id):
    alias = by_id["kabid-disiplin-kinerja"]
    assert (alias.title, alias.known_position, alias.alias_of, alias.reports_to) == (
        "Kabid Disiplin dan Kinerja Aparatur",
        False,
        "kabid-penilaian-evaluasi-kinerja",
        None,
    )
    assert by_id["kasubag-umpeg"].reports_to == "sekretaris"
    assert by_id["sekretaris"].reports_to == "kepala"
    assert by_id["kepala"].reports_to is None


def test_codes_agree_with_parents(cascade, by_id):
    for a in cascade.activities:
        prog = by_id[a.part_of.to]
        assert a.code.startswith(prog.code + "."), a.id
    coded = 0
    for s in cascade.sub_activities:
        if s.code is not None:
            coded += 1
            assert s.id == f"sub-{s.code}"
            assert s.code.startswith(by_id[s.part_of.to].code + "."), s.id
    assert coded == 42


TAG_WORDS = {"progress", "positif", "negatif", "akumulasi", "kumulatif", "pengulangan"}


def _expected_tags(raw: str):
    pol, tags, s = None, set(), raw
    while (m := re.search(r"\s*\(([^()]*)\)\s*$", s)) and all(
        w.lower() in TAG_WORDS for w in re.split(r"[\s/]+", m.group(1).strip())
    ):
        for w in re.split(r"[\s/]+", m.group(1).strip().lower()):
            pol = {"positif": "positive", "negatif": "negative"}.get(w, pol)
            tags |= {
                "progress": {"progress"},
                "akumulasi": {"cumulative"},
                "kumulatif": {"cumulative"},
                "pengulangan": {"recurring"},
            }.get(w, set())
        s = s[: m.start()]
    return s, pol, tags


def test_indicator_names_tags_and_raws_agree(cascade):
    nospace = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    for _, ind in cascade.indicators():
        stem, pol, tags = _expected_tags(ind.raw)
        assert nospace(ind.name) == nospace(stem), ind.id
        assert (ind.polarity, set(ind.tags)) == (pol, tags), ind.id
        if ind.formula is not None:
            assert nospace(ind.formula) == nospace(ind.formula_raw), ind.id
            assert "  " not in ind.formula
        assert "  " not in ind.name


def test_every_sub_activity_reaches_the_goal(cascade, by_id):
    """In this reading every sub-activity result climbs one level at a time to the Goal."""
    order = ["sub_activity", "activity", "programme", "strategic"]
    for s in cascade.sub_activities:
        node = by_id[s.delivers[0].to]
        for level in order:
            assert node.level == level and len(node.supports) == 1, node.id
            node = by_id[node.supports[0].to]
        assert node.id == "tujuan"


def test_graph_export_is_consistent(cascade):
    from pokin.graph.loader import plan_load

    plan = plan_load(cascade)
    ids = set(plan.ids)
    assert len(ids) == len(plan.ids)
    for rel, rows in plan.links.items():
        for e in rows:
            assert e["from"] in ids and e["to"] in ids, e
            if rel in ("SUPPORTS", "PART_OF"):
                assert e["props"]["basis"] in {
                    "source_layout",
                    "nomenclature",
                    "subject_and_owner",
                    "merged_cell",
                    "page_break_continuation",
                }


# --------------------------------------------------------------------------- bad files

MINI = """\
cascade:
  id: mini
  agency: "Agency"
  title: "Mini cascade"
  period: {start: 2025, end: 2029}
  source: mini.txt
owners:
  - id: kepala
    title: "Kepala"
    reports_to: null
    known_position: true
  - id: kabid
    title: "Kabid"
    reports_to: kepala
    known_position: true
goal:
  id: tujuan
  name: "Tujuan"
  owners: [kepala]
  indicators:
    - id: ind-tujuan
      name: "Nilai"
      raw: "Nilai (progress positif)"
      formula: "Hasil"
      formula_raw: "Hasil"
      formula_truncated: false
      polarity: positive
      tags: [progress]
targets:
  - id: ss-a
    level: strategic
    name: "Sasaran A"
    owners: [kepala]
    indicators: []
    supports:
      - {to: tujuan, basis: source_layout}
  - id: pt-a
    level: programme
    name: "Sasaran program A"
    owners: [kabid]
    indicators: []
    supports:
      - {to: ss-a, basis: subject_and_owner, note: "by subject"}
  - id: at-a
    level: activity
    name: "Sasaran kegiatan A"
    owners: [kabid]
    indicators: []
    supports:
      - {to: pt-a, basis: nomenclature}
  - id: st-a
    level: sub_activity
    name: "Sasaran sub kegiatan A"
    owners: [kabid]
    indicators: []
    supports:
      - {to: at-a, basis: merged_cell}
programmes:
  - id: prog-1.01.01
    code: "1.01.01"
    name: "PROGRAM A"
    delivers:
      - {to: pt-a, basis: source_layout}
activities:
  - id: keg-a
    code: null
    name: "Kegiatan A"
    part_of: {to: prog-1.01.01, basis: nomenclature}
    delivers:
      - {to: at-a, basis: source_layout}
sub_activities:
  - id: sub-a
    code: null
    name: "Sub kegiatan A"
    part_of: {to: keg-a, basis: nomenclature}
    delivers:
      - {to: st-a, basis: page_break_continuation}
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    pos = -1
    for _ in range(occurrence):
        pos = text.index(needle, pos + 1)
    return text.count("\n", 0, pos) + 1


def rejected(text: str, file: str = "bad.yaml") -> list[str]:
    with pytest.raises(CascadeValidationError) as info:
        parse_cascade(text, file)
    err = info.value
    assert str(err) == "\n".join(str(p) for p in err.problems)
    return [str(p) for p in err.problems]


def test_mini_is_valid():
    c = parse_cascade(MINI, "mini.yaml")
    assert planned_counts(c)["Target"] == 4


def test_unknown_field_rejected():
    text = MINI.replace(
        '    name: "Sasaran program A"\n', '    name: "Sasaran program A"\n    colour: red\n'
    )
    (msg,) = rejected(text)
    assert msg.startswith(f"bad.yaml:{line_of(text, 'colour: red')}: pt-a.colour: unknown field")
    assert "allowed: id, level, name" in msg


def test_missing_field_rejected():
    text = MINI.replace('    name: "Sasaran kegiatan A"\n', "")
    (msg,) = rejected(text)
    assert msg == f"bad.yaml:{line_of(text, 'id: at-a')}: at-a.name: missing required field"


def test_missing_section_rejected():
    text = MINI.split("sub_activities:")[0]
    (msg,) = rejected(text)
    assert msg.startswith("bad.yaml:1: (root).sub_activities: missing required field")


def test_wrong_type_rejected():
    text = MINI.replace("      formula_truncated: false\n", '      formula_truncated: "no"\n')
    (msg,) = rejected(text)
    assert msg.startswith(
        f"bad.yaml:{line_of(text, 'formula_truncated:')}: ind-tujuan.formula_truncated: "
    )
    assert "boolean" in msg and "'no'" in msg


def test_wrong_enum_value_rejected():
    text = MINI.replace(
        "      - {to: at-a, basis: merged_cell}", "      - {to: at-a, basis: guess}"
    )
    (msg,) = rejected(text)
    assert msg.startswith(f"bad.yaml:{line_of(text, 'basis: guess')}: st-a.supports[0].basis: ")
    assert "'source_layout'" in msg and "'guess'" in msg


def test_bad_id_rejected():
    text = MINI.replace("  - id: keg-a\n", "  - id: keg/a\n")
    msgs = rejected(text)
    assert msgs[0] == (
        f"bad.yaml:{line_of(text, 'id: keg/a')}: keg/a.id: an id may contain only letters, "
        "digits, '.', '_' and '-', and must start with a letter or digit (got 'keg/a')"
    )


def test_id_scheme_is_a_convention_not_a_rule(cascade):
    assert cascade.id_scheme_violations() == []
    text = MINI.replace("id: pt-a", "id: PT_A").replace("to: pt-a", "to: PT_A")
    c = parse_cascade(text, "other.yaml")
    assert c.id_scheme_violations() == ["PT_A: not lowercase [a-z0-9.-]"]
    text = MINI.replace("id: pt-a", "id: ss-b").replace("to: pt-a", "to: ss-b")
    assert parse_cascade(text, "other.yaml").id_scheme_violations() == [
        "ss-b: should start with 'pt-'"
    ]


def test_parsed_mapping_is_accepted_without_lines():
    import yaml

    data = yaml.safe_load(MINI)
    assert parse_cascade(data).goal.id == "tujuan"
    data["targets"][0]["supports"][0]["to"] = "nowhere"
    with pytest.raises(CascadeValidationError) as info:
        parse_cascade(data, "dict")
    assert (
        str(info.value)
        == "dict: ss-a.supports[0].to: links to 'nowhere', which is not defined in this file"
    )


def test_duplicate_id_rejected_across_kinds():
    text = MINI.replace("  - id: kabid\n", "  - id: ss-a\n").replace(
        "owners: [kabid]", "owners: [ss-a]"
    )
    msgs = rejected(text)
    first = line_of(text, "id: ss-a")
    second = line_of(text, "id: ss-a", 2)
    assert (
        f"bad.yaml:{second}: ss-a.id: duplicate id 'ss-a': already used by an owner at line {first}"
        in msgs
    )


def test_duplicate_key_rejected():
    text = MINI.replace(
        '    name: "Kegiatan A"\n', '    name: "Kegiatan A"\n    name: "Kegiatan B"\n'
    )
    (msg,) = rejected(text)
    assert msg.startswith(
        f"bad.yaml:{line_of(text, 'Kegiatan B')}: keg-a.name: duplicate key 'name'"
    )


def test_link_to_missing_id_rejected():
    text = MINI.replace("{to: pt-a, basis: nomenclature}", "{to: pt-zz, basis: nomenclature}")
    (msg,) = rejected(text)
    assert msg == (
        f"bad.yaml:{line_of(text, 'pt-zz')}: at-a.supports[0].to: "
        "links to 'pt-zz', which is not defined in this file"
    )


@pytest.mark.parametrize(
    ("old", "new", "needle", "where", "expected"),
    [
        (
            "{to: ss-a, basis: subject_and_owner",
            "{to: prog-1.01.01, basis: subject_and_owner",
            "to: prog-1.01.01, basis: subject",
            "pt-a.supports[0].to",
            "must link to the goal or a target (SUPPORTS), but 'prog-1.01.01' is a programme",
        ),
        (
            "{to: at-a, basis: source_layout}",
            "{to: kabid, basis: source_layout}",
            "to: kabid, basis",
            "keg-a.delivers[0].to",
            "must link to a target (a unit delivers its own results), but 'kabid' is an owner",
        ),
        (
            "part_of: {to: keg-a, basis: nomenclature}",
            "part_of: {to: prog-1.01.01, basis: nomenclature}",
            "part_of: {to: prog-1.01.01, basis: nomenclature}\n    delivers:\n      - {to: st-a",
            "sub-a.part_of.to",
            "must link to an activity (PART_OF), but 'prog-1.01.01' is a programme",
        ),
        (
            "part_of: {to: prog-1.01.01, basis: nomenclature}",
            "part_of: {to: keg-a, basis: nomenclature}",
            "part_of: {to: keg-a, basis: nomenclature}\n    delivers:\n      - {to: at-a",
            "keg-a.part_of.to",
            "must link to a programme (PART_OF), but 'keg-a' is an activity",
        ),
        (
            "    owners: [kabid]\n    indicators: []\n    supports:\n      - {to: pt-a",
            "    owners: [ss-a]\n    indicators: []\n    supports:\n      - {to: pt-a",
            "owners: [ss-a]",
            "at-a.owners[0]",
            "must link to an owner, but 'ss-a' is a target",
        ),
        (
            "    reports_to: kepala\n",
            "    reports_to: tujuan\n",
            "reports_to: tujuan",
            "kabid.reports_to",
            "must link to an owner, but 'tujuan' is the goal",
        ),
        (
            "{to: tujuan, basis: source_layout}",
            "{to: ind-tujuan, basis: source_layout}",
            "to: ind-tujuan",
            "ss-a.supports[0].to",
            "must link to the goal or a target (SUPPORTS), but 'ind-tujuan' is an indicator",
        ),
    ],
)
def test_link_between_wrong_kinds_rejected(old, new, needle, where, expected):
    assert old in MINI
    text = MINI.replace(old, new, 1)
    (msg,) = rejected(text)
    assert msg == f"bad.yaml:{line_of(text, needle)}: {where}: {expected}"


def test_alias_of_a_known_position_rejected():
    text = MINI.replace(
        "    reports_to: kepala\n    known_position: true\n",
        "    reports_to: kepala\n    known_position: true\n    alias_of: kepala\n",
    )
    (msg,) = rejected(text)
    assert msg.endswith("kabid.alias_of: alias_of is only for owners with known_position: false")


def test_code_and_code_id_must_agree():
    text = MINI.replace('    code: "1.01.01"\n', '    code: "1.01.02"\n')
    (msg,) = rejected(text)
    assert msg.startswith(
        f"bad.yaml:{line_of(text, 'id: prog-1.01.01')}: prog-1.01.01.id: "
        "id 'prog-1.01.01' is written with a code"
    )


def test_invalid_yaml_rejected():
    (msg,) = rejected("cascade: [unclosed\n")
    assert msg.startswith("bad.yaml:") and "(yaml): not valid YAML" in msg


def test_all_problems_reported_at_once():
    text = MINI.replace("      polarity: positive\n", "      polarity: up\n").replace(
        "{to: pt-a, basis: nomenclature}", "{to: pt-zz, basis: nomenclature}"
    )
    msgs = rejected(text)
    assert len(msgs) == 2
    assert "ind-tujuan.polarity" in msgs[0] and "at-a.supports[0].to" in msgs[1]


def test_bad_seed_reports_the_seed_line(tmp_path):
    text = SEED_FILE.read_text(encoding="utf-8")
    needle = "  - id: st-5.03.01.2.06.0002\n    level: sub_activity\n"
    bad = text.replace(needle, needle + "    weight: 2\n", 1)
    path = tmp_path / "seed.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(CascadeValidationError) as info:
        load_cascade_file(path)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.element_id, problem.field) == (
        str(path),
        line_of(bad, "weight: 2"),
        "st-5.03.01.2.06.0002",
        "weight",
    )


# --------------------------------------------------------------------------- gaps are not errors

GAP_TARGETS = """\
  - id: at-orphan
    level: activity
    name: "Hasil tanpa induk"
    owners: []
    indicators: []
    supports: []
  - id: st-b
    level: sub_activity
    name: "Sasaran sub kegiatan B"
    owners: [kabid]
    indicators:
      - id: ind-st-b
        name: "Jumlah B"
        raw: "Jumlah B"
        formula: null
        formula_raw: null
        formula_truncated: false
        polarity: null
        tags: []
    supports:
      - {to: at-a, basis: subject_and_owner}
  - id: pt-c
    level: programme
    name: "C"
    owners: [kabid]
    indicators: []
    supports:
      - {to: pt-d, basis: subject_and_owner}
  - id: pt-d
    level: programme
    name: "D"
    owners: [kabid]
    indicators: []
    supports:
      - {to: pt-c, basis: subject_and_owner}
"""
GAP_ACTIVITY = """\
  - id: keg-b
    code: null
    name: "Kegiatan B"
    part_of: null
    delivers: []
"""
GAP_SUB = """\
  - id: sub-b
    code: null
    name: "Sub kegiatan B"
    part_of: {to: keg-b, basis: subject_and_owner}
    delivers:
      - {to: st-b, basis: source_layout}
"""


def _gaps_text() -> str:
    """MINI plus: a result that supports nothing and has no indicator or owner (at-orphan); a
    skipped level (st-a supports ss-a); a sub-activity (sub-b of keg-b) whose result supports a
    result of another activity (at-a of keg-a); an activity without parent; an indicator without
    formula or tags; a SUPPORTS cycle (pt-c <-> pt-d)."""
    text = MINI.replace(
        "      - {to: at-a, basis: merged_cell}", "      - {to: ss-a, basis: subject_and_owner}"
    )
    text = text.replace("programmes:\n", GAP_TARGETS + "programmes:\n")
    text = text.replace("sub_activities:\n", GAP_ACTIVITY + "sub_activities:\n")
    return text + GAP_SUB


def test_alignment_gaps_are_not_rejected():
    c = parse_cascade(_gaps_text(), "gaps.yaml")
    by_id = c.by_id()
    assert (
        by_id["at-orphan"].supports == []
        and by_id["at-orphan"].owners == []
        and by_id["at-orphan"].indicators == []
    )
    assert by_id["st-a"].supports[0].to == "ss-a"  # skipped levels
    assert (
        by_id["st-b"].supports[0].to == "at-a"
    )  # supports a result of another activity than its own
    assert by_id["sub-b"].part_of.to == "keg-b"
    assert by_id["keg-b"].part_of is None
    assert by_id["ind-st-b"].formula is None
    assert (
        by_id["pt-c"].supports[0].to == "pt-d" and by_id["pt-d"].supports[0].to == "pt-c"
    )  # cycle
