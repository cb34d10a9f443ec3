"""Small cascades for the tests, written compactly and loaded through the real path:
a dict in the seed format -> YAML -> ``seed.parse_cascade`` (validation) ->
``graph.loader.load_cascade``.

``CascadeBuilder`` adds elements one call each, with sensible defaults: every result gets one
well-formed indicator; names come from a pool of mutually dissimilar phrases (so that no
near-duplicate is planted by accident). ``clean_cascade()`` is a small cascade that passes every
check; a test plants one defect in it and asserts that exactly that is found:

    tujuan (kepala)
    └ ss-a strategic (kepala)
      ├ pt-a programme (kabid)            <- prog-a
      │ ├ at-a1 activity (kabid)          <- keg-a1 (part of prog-a)
      │ │ ├ st-a1a (analis)               <- sub-a1a (part of keg-a1)
      │ │ └ st-a1b (analis)               <- sub-a1b (part of keg-a1)
      │ └ at-a2 activity (kabid)          <- keg-a2 (part of prog-a)
      │   └ st-a2a (kabid)                <- sub-a2a (part of keg-a2)
      └ pt-b programme (sekretaris)       <- prog-b
        └ at-b1 activity (kasubag)        <- keg-b1 (part of prog-b)
          └ st-b1a (kasubag)              <- sub-b1a (part of keg-b1)

Owners: kepala; sekretaris and kabid report to kepala; kasubag to sekretaris; analis to kabid.
Ids follow the seed's scheme (ss-/pt-/at-/st- targets, prog-/keg-/sub- units, ind- indicators);
``clean_cascade(suffix="-x")`` appends a suffix to every id, so that several cascades can live
in one database.
"""

from __future__ import annotations

import copy
from typing import Any

from neo4j import Driver

from pokin.graph.db import Db
from pokin.seed import dump_yaml

NAMES = [
    "Terwujudnya Meritokrasi dalam Manajemen ASN",
    "Meningkatnya Profesionalitas Aparatur",
    "Terpetakannya kompetensi pegawai daerah",
    "Tertibnya administrasi kepegawaian",
    "Terlaksananya fasilitasi kualifikasi pendidikan",
    "Tersusunnya rencana kebutuhan formasi",
    "Meningkatnya kualitas layanan perkantoran",
    "Tersedianya gaji dan tunjangan tepat waktu",
    "Terselenggaranya uji kompetensi jabatan",
    "Terkelolanya arsip digital personel",
    "Akuntabilitas pelaporan keuangan perangkat",
    "Pembinaan disiplin aparatur sipil",
    "Penghargaan Satya Lencana pengabdian",
    "Pemeliharaan gedung dan kendaraan dinas",
    "Seleksi terbuka pimpinan tinggi pratama",
    "Penyusunan dokumen perencanaan tahunan",
    "Pengelolaan sistem informasi SIMPEG",
    "Pelatihan teknis fungsional berjenjang",
    "Mutasi promosi rotasi jabatan struktural",
    "Penilaian kinerja berbasis e-kinerja BKN",
    "Pemberhentian dan pensiun pegawai negeri",
    "Pengadaan calon aparatur PPPK",
    "Evaluasi jabatan serta analisis beban kerja",
    "Penyediaan jasa surat menyurat",
    "Peningkatan indeks kepuasan masyarakat",
    "Koordinasi laporan capaian kinerja LKjIP",
    "Bimbingan sertifikasi diklat kepemimpinan",
    "Verifikasi kenaikan pangkat reguler",
    "Orientasi pegawai baru CASN",
    "Rekonsiliasi barang milik daerah",
    "Layanan konsultasi hukum kepegawaian",
    "Sosialisasi kode etik profesi",
    "Penataan struktur organisasi tata kerja",
    "Pemutakhiran data bezeting pegawai",
]


def indicator(
    iid: str,
    *,
    name: str | None = None,
    formula: str | None = "Jumlah yang tercapai dibagi target dikali 100",
    polarity: str | None = "positive",
    tags: list[str] | None = None,
    truncated: bool = False,
) -> dict[str, Any]:
    """An indicator in the seed format (well-formed unless told otherwise)."""
    return {
        "id": iid,
        "name": name or f"Persentase capaian {iid}",
        "raw": f"Persentase capaian {iid} (progress positif)",
        "formula": formula,
        "formula_raw": formula,
        "formula_truncated": truncated,
        "polarity": polarity,
        "tags": ["progress"] if tags is None else tags,
    }


def full_indicator(iid: str, **values: Any) -> dict[str, Any]:
    """An indicator with EVERY field of ``seed.schema.Indicator`` set to a value other than its
    default (the tests of the one indicator shape check that the model's fields are exactly
    these: a new field is added here, and then every reader is tested with it)."""
    out = {
        "id": iid,
        "name": f"Persentase ASN terlayani {iid}",
        "raw": f"Persentase ASN terlayani {iid} (akumulasi negatif)",
        "formula": "Jumlah ASN terlayani dibagi jumlah ASN dikali 100",
        "formula_raw": "Jumlah ASN terlayani dibagi jumlah ASN dikali 100",
        "formula_truncated": True,
        "polarity": "negative",
        "tags": ["cumulative", "recurring"],
        "name_truncated": True,
        "unit": "%",
        "target_value": 87.5,
        "note": "Target dari Renstra",
        "baseline": 70.0,
        "aggregation": "last",
        "negative_formula": "t_over_r",
        "cap": 100.0,
        "targets": [
            {"year": 2025, "value": 80.0, "pagu": 1250000.5},
            {"year": 2026, "low": 80.0, "high": 90.0},
            {"year": 2027, "text": "WTP"},
        ],
        "realisation": [
            {"year": 2025, "quarter": 1, "value": 20.0, "rp": 300000.0},
            {"year": 2025, "quarter": 2, "value": 41.5},
            {"year": 2025, "value": 78.0, "rp": 1200000.0},
        ],
    }
    out.update(values)
    return out


class CascadeBuilder:
    """Builds one cascade dict in the seed format, element by element; every method returns
    the builder, so calls chain."""

    def __init__(self, cascade_id: str = "test-cascade") -> None:
        self.cascade_id = cascade_id
        self._next_name = 0
        self.data: dict[str, Any] = {
            "cascade": {
                "id": cascade_id,
                "agency": "Test Agency",
                "title": f"Test cascade {cascade_id}",
                "period": {"start": 2025, "end": 2029},
                "source": "tests",
            },
            "owners": [],
            "goal": None,
            "targets": [],
            "programmes": [],
            "activities": [],
            "sub_activities": [],
        }

    # -- helpers --
    def _name(self, name: str | None) -> str:
        if name:
            return name
        if self._next_name >= len(NAMES):
            raise ValueError("out of distinct names: pass name= explicitly")
        self._next_name += 1
        return NAMES[self._next_name - 1]

    @staticmethod
    def _refs(to: str | list[str] | None, basis: str) -> list[dict[str, Any]]:
        if to is None:
            return []
        return [{"to": t, "basis": basis} for t in ([to] if isinstance(to, str) else to)]

    # -- elements --
    def owner(
        self,
        oid: str,
        title: str | None = None,
        *,
        reports_to: str | None = None,
        known_position: bool = True,
        alias_of: str | None = None,
        note: str | None = None,
    ) -> CascadeBuilder:
        owner = {
            "id": oid,
            "title": title or oid.replace("-", " ").title(),
            "reports_to": reports_to,
            "known_position": known_position,
        }
        if alias_of:
            owner["alias_of"] = alias_of
        if note:
            owner["note"] = note
        self.data["owners"].append(owner)
        return self

    def goal(
        self,
        gid: str = "tujuan",
        *,
        owners: list[str] | tuple[str, ...] = ("kepala",),
        indicators: list[dict[str, Any]] | None = None,
        name: str | None = None,
    ) -> CascadeBuilder:
        self.data["goal"] = {
            "id": gid,
            "name": self._name(name),
            "owners": list(owners),
            "indicators": [indicator(f"ind-{gid}")] if indicators is None else indicators,
        }
        return self

    def target(
        self,
        tid: str,
        level: str,
        supports: str | list[str] | None,
        *,
        owners: list[str] | tuple[str, ...] = (),
        indicators: list[dict[str, Any]] | None = None,
        name: str | None = None,
        basis: str = "source_layout",
    ) -> CascadeBuilder:
        """A result (Sasaran) of ``level``; ``supports``: the id(s) it supports."""
        self.data["targets"].append(
            {
                "id": tid,
                "level": level,
                "name": self._name(name),
                "owners": list(owners),
                "indicators": [indicator(f"ind-{tid}")] if indicators is None else indicators,
                "supports": self._refs(supports, basis),
            }
        )
        return self

    def _unit(
        self,
        section: str,
        uid: str,
        delivers: str | list[str] | None,
        part_of: str | None,
        code: str | None,
        name: str | None,
        basis: str,
    ) -> CascadeBuilder:
        unit: dict[str, Any] = {"id": uid, "code": code, "name": self._name(name)}
        if section != "programmes":
            unit["part_of"] = {"to": part_of, "basis": "nomenclature"} if part_of else None
        unit["delivers"] = self._refs(delivers, basis)
        self.data[section].append(unit)
        return self

    def programme(self, uid, delivers, *, code=None, name=None, basis="source_layout"):
        return self._unit("programmes", uid, delivers, None, code, name, basis)

    def activity(self, uid, delivers, part_of, *, code=None, name=None, basis="source_layout"):
        return self._unit("activities", uid, delivers, part_of, code, name, basis)

    def sub_activity(self, uid, delivers, part_of, *, code=None, name=None, basis="source_layout"):
        return self._unit("sub_activities", uid, delivers, part_of, code, name, basis)

    # -- lookups, for planting defects --
    def element(self, eid: str) -> dict[str, Any]:
        """The dict of an element (goal, target, unit, owner or indicator) by id, to edit."""
        goal = self.data["goal"]
        candidates = [goal, *self.data["targets"]]
        for section in ("programmes", "activities", "sub_activities", "owners"):
            candidates += self.data[section]
        candidates += [i for e in [goal, *self.data["targets"]] for i in e["indicators"]]
        for e in candidates:
            if e["id"] == eid:
                return e
        raise KeyError(eid)

    def remove(self, eid: str) -> CascadeBuilder:
        """Remove a target or unit (and the links other elements have to it)."""
        for section in ("targets", "programmes", "activities", "sub_activities"):
            self.data[section] = [e for e in self.data[section] if e["id"] != eid]
            for e in self.data[section]:
                for key in ("supports", "delivers"):
                    if key in e:
                        e[key] = [r for r in e[key] if r["to"] != eid]
                if e.get("part_of") and e["part_of"]["to"] == eid:
                    e["part_of"] = None
        return self

    def copy(self) -> CascadeBuilder:
        return copy.deepcopy(self)

    # -- output --
    def yaml(self) -> str:
        return dump_yaml(self.data)

    def parse(self):
        """The validated ``seed.Cascade`` (raises ``CascadeValidationError``)."""
        from pokin.seed import parse_cascade

        return parse_cascade(self.yaml(), f"<builder {self.cascade_id}>")

    def load(self, driver: Driver, database: str, *, replace: bool = False):
        from pokin.graph.loader import load_cascade

        return load_cascade(Db(driver, database), self.parse(), replace=replace)


def clean_cascade(cascade_id: str = "test-cascade", suffix: str = "") -> CascadeBuilder:
    """The small cascade of the module docstring; it passes every check."""
    x = suffix
    b = CascadeBuilder(cascade_id)
    b.owner(f"kepala{x}", "Kepala Badan")
    b.owner(f"sekretaris{x}", "Sekretaris", reports_to=f"kepala{x}")
    b.owner(f"kabid{x}", "Kabid Mutasi dan Promosi", reports_to=f"kepala{x}")
    b.owner(f"kasubag{x}", "Kasubag Umum dan Kepegawaian", reports_to=f"sekretaris{x}")
    b.owner(f"analis{x}", "Analis Kepegawaian Ahli Muda", reports_to=f"kabid{x}")
    b.goal(f"tujuan{x}", owners=[f"kepala{x}"])
    b.target(f"ss-a{x}", "strategic", f"tujuan{x}", owners=[f"kepala{x}"])
    b.target(f"pt-a{x}", "programme", f"ss-a{x}", owners=[f"kabid{x}"])
    b.target(f"pt-b{x}", "programme", f"ss-a{x}", owners=[f"sekretaris{x}"])
    b.target(f"at-a1{x}", "activity", f"pt-a{x}", owners=[f"kabid{x}"])
    b.target(f"at-a2{x}", "activity", f"pt-a{x}", owners=[f"kabid{x}"])
    b.target(f"at-b1{x}", "activity", f"pt-b{x}", owners=[f"kasubag{x}"])
    b.target(f"st-a1a{x}", "sub_activity", f"at-a1{x}", owners=[f"analis{x}"])
    b.target(f"st-a1b{x}", "sub_activity", f"at-a1{x}", owners=[f"analis{x}"])
    b.target(f"st-a2a{x}", "sub_activity", f"at-a2{x}", owners=[f"kabid{x}"])
    b.target(f"st-b1a{x}", "sub_activity", f"at-b1{x}", owners=[f"kasubag{x}"])
    b.programme(f"prog-a{x}", f"pt-a{x}", code="5.03.02")
    b.programme(f"prog-b{x}", f"pt-b{x}", code="5.03.01")
    b.activity(f"keg-a1{x}", f"at-a1{x}", f"prog-a{x}", code="5.03.02.2.01")
    b.activity(f"keg-a2{x}", f"at-a2{x}", f"prog-a{x}", code="5.03.02.2.02")
    b.activity(f"keg-b1{x}", f"at-b1{x}", f"prog-b{x}", code="5.03.01.2.01")
    b.sub_activity(f"sub-a1a{x}", f"st-a1a{x}", f"keg-a1{x}", code="5.03.02.2.01.0001")
    b.sub_activity(f"sub-a1b{x}", f"st-a1b{x}", f"keg-a1{x}", code="5.03.02.2.01.0002")
    b.sub_activity(f"sub-a2a{x}", f"st-a2a{x}", f"keg-a2{x}", code="5.03.02.2.02.0001")
    b.sub_activity(f"sub-b1a{x}", f"st-b1a{x}", f"keg-b1{x}", code="5.03.01.2.01.0001")
    return b
