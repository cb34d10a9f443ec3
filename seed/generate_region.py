"""Generate a fictional region, "Kabupaten Contoh" (SYNTHETIC: no real agency or plan), in the
seed format: its RPJMD and ``agencies`` agency cascades, for demos, tests and benchmarks.

- The RPJMD (``kind: rpjmd``): 5 Tujuan, 15 Sasaran (3 per Tujuan), one indicator each,
  owned by the Bupati and the Sekretaris Daerah.
- Each agency: a cascade of the seed's shape and size (``pokin.seed.generate`` at scale 1) with
  1-3 Tujuan, each supporting one RPJMD Sasaran (``rpjmd-id:sasaran-id``). All agencies use
  the SAME element and owner ids (identity is (cascade, id)); their codes differ per agency
  (urusan prefix ``1.10`` ... ``1.49``).
- About 60 crosscutting links (basis ``crosscutting_agreement``): 40 in a ring (agency i's
  programme-1 activity result supports agency i+1's programme-0 activity result), 15 more
  skipping seven agencies, and 5 at programme level that carry a chain on into a third agency
  (``IMPACT_*`` below).
- Planted cross-agency defects (``planted=True``), two of each region check:
  ``goals_without_rpjmd``, ``rpjmd_targets_unsupported``, ``dangling_references``,
  ``proposed_crosscutting``, ``shared_sub_activity_codes``. ``Region.planted`` says where.

    python -m pokin.seed.generate_region --out /tmp/contoh     # writes 41 YAML files
"""

from __future__ import annotations

import argparse
import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pokin.seed.generate import _indicator, add_measurement, generate

REGION = "kabupaten-contoh"
REGION_NAME = "Kabupaten Contoh"
RPJMD_ID = "rpjmd-kabupaten-contoh-2025-2029"
SOURCE = "seed/generate_region.py (synthetic data: a fictional region)"
#: the sub-activity whose impact crosses three agencies and reaches the RPJMD
IMPACT_SUB = "sub-syn0-1-0-0"
#: the agencies its impact crosses (indices), in order
IMPACT_AGENCIES = (0, 1, 2)

_RING_SOURCES = ("at-syn0-1-0-0", "at-syn0-1-1-0")  # programme 1's activity results
_DANGLING_SOURCE = "at-syn0-1-7-0"
_EXTRA_GOALS = (
    "Terwujudnya Pelayanan Publik yang Prima dan Terjangkau",
    "Meningkatnya Kualitas Tata Kelola Pemerintahan Daerah",
)


_RPJMD_THEMES = (
    "Sumber Daya Manusia yang Unggul",
    "Ekonomi Daerah yang Tangguh",
    "Infrastruktur yang Merata",
    "Lingkungan Hidup yang Lestari",
    "Tata Kelola yang Bersih",
)
_RPJMD_ASPECTS = ("Kualitas", "Pemerataan", "Keberlanjutan")


def agency_id(i: int) -> str:
    return f"contoh-opd-{i:02d}-2025-2029"


@dataclass
class Region:
    """The files of the region (RPJMD first) and what was planted where."""

    files: list[dict[str, Any]]
    #: check name -> {(cascade, element id)} it must report
    planted: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    #: crosscutting links written (resolved once every file is loaded)
    crosscutting: int = 0
    #: links from agency Tujuan to RPJMD Sasaran
    rpjmd_links: int = 0

    @property
    def rpjmd(self) -> dict[str, Any]:
        return self.files[0]

    @property
    def agencies(self) -> list[dict[str, Any]]:
        return self.files[1:]


def _rpjmd() -> dict[str, Any]:
    goals, targets = [], []
    for g in range(5):
        gid = f"tujuan-rpjmd-{g + 1}"
        name = f"Terwujudnya {_RPJMD_THEMES[g]} di Kabupaten Contoh"
        goals.append(
            {
                "id": gid,
                "name": name,
                "owners": ["bupati"],
                "indicators": [_indicator(f"ind-{gid}", name)],
            }
        )
        for s in range(3):
            sid = f"ss-rpjmd-{g * 3 + s + 1}"
            sname = f"Meningkatnya {_RPJMD_ASPECTS[s]} {_RPJMD_THEMES[g]}"
            targets.append(
                {
                    "id": sid,
                    "level": "strategic",
                    "name": sname,
                    "owners": ["sekda"],
                    "indicators": [_indicator(f"ind-{sid}", sname)],
                    "supports": [{"to": gid, "basis": "source_layout"}],
                }
            )
    return {
        "cascade": {
            "id": RPJMD_ID,
            "kind": "rpjmd",
            "region": REGION,
            "region_name": REGION_NAME,
            "agency": f"Pemerintah {REGION_NAME} (synthetic)",
            "title": f"RPJMD {REGION_NAME} 2025-2029 (synthetic)",
            "period": {"start": 2025, "end": 2029},
            "source": SOURCE,
            "synthetic": True,
        },
        "owners": [
            {"id": "bupati", "title": "Bupati", "reports_to": None, "known_position": True},
            {
                "id": "sekda",
                "title": "Sekretaris Daerah",
                "reports_to": "bupati",
                "known_position": True,
            },
        ],
        "goals": goals,
        "targets": targets,
        "programmes": [],
        "activities": [],
        "sub_activities": [],
    }


def _agency(i: int, n_goals: int) -> dict[str, Any]:
    data = generate(1, seed=1000 + i, per_kind=0)
    urusan = f"1.{i + 10:02d}"
    for section in ("programmes", "activities", "sub_activities"):
        for unit in data[section]:
            unit["code"] = urusan + unit["code"][4:]
    data["cascade"] = {
        "id": agency_id(i),
        "kind": "agency",
        "region": REGION,
        "agency": f"Perangkat Daerah Contoh {i:02d} (synthetic)",
        "title": f"Pohon Kinerja Perangkat Daerah Contoh {i:02d} 2025-2029 (synthetic)",
        "period": {"start": 2025, "end": 2029},
        "source": SOURCE,
        "synthetic": True,
    }
    first = data.pop("goal")
    goals = [first]
    for g in range(1, n_goals):
        gid = f"{first['id']}-{g + 1}"
        name = _EXTRA_GOALS[g - 1]
        goals.append(
            {
                "id": gid,
                "name": name,
                "owners": list(first["owners"]),
                "indicators": [_indicator(f"ind-{gid}", name)],
            }
        )
    # strategic targets 2 and 1 go to the second and third Tujuan
    by_id = {t["id"]: t for t in data["targets"]}
    for g, ss in ((1, "ss-syn0-2"), (2, "ss-syn0-1")):
        if g < n_goals:
            by_id[ss]["supports"] = [{"to": goals[g]["id"], "basis": "source_layout"}]
    data["goals"] = goals
    return data


def _find(data: dict[str, Any], section: str, ident: str) -> dict[str, Any]:
    return next(x for x in data[section] if x["id"] == ident)


def _pt_supported_by(data: dict[str, Any], at_id: str) -> str:
    return _find(data, "targets", at_id)["supports"][0]["to"]


def generate_region(
    agencies: int = 40, *, planted: bool = True, measurement: bool = False
) -> Region:
    """The region's files (seed-format dicts, RPJMD first). ``planted`` adds two defects of
    each region check; without them (and with 10 agencies or more, so that every RPJMD Sasaran
    gets a Tujuan) every check, region and per agency, passes. A small region without them (3
    agencies or more) is quick to load, e.g. for the browser tests."""
    if agencies < (10 if planted else 3):
        raise ValueError(
            "a region needs at least 10 agencies with planted defects (they use them), and at "
            "least 3 without (the impact chain crosses three)"
        )
    rpjmd = _rpjmd()
    sasaran = [t["id"] for t in rpjmd["targets"]]
    docs = [_agency(i, 1 + i % 3) for i in range(agencies)]
    region = Region(files=[rpjmd, *docs])
    plant: dict[str, set[tuple[str, str]]] = {}

    def mark(check: str, cascade: str, ident: str) -> None:
        plant.setdefault(check, set()).add((cascade, ident))

    # Tujuan -> RPJMD Sasaran; when planted, the last two Sasaran get none and two Tujuan none
    usable = sasaran[:-2] if planted else sasaran
    k = 0
    no_rpjmd = {(agencies - 4, -1), (agencies - 3, -1)} if planted else set()
    for i, data in enumerate(docs):
        for g, goal in enumerate(data["goals"]):
            if (i, g - len(data["goals"])) in no_rpjmd:
                mark("goals_without_rpjmd", agency_id(i), goal["id"])
                continue
            goal["supports"] = [
                {
                    "to": f"{RPJMD_ID}:{usable[k % len(usable)]}",
                    "basis": "rpjmd_alignment",
                    "status": "agreed",
                }
            ]
            k += 1
            region.rpjmd_links += 1
    if planted:
        for s in sasaran[-2:]:
            mark("rpjmd_targets_unsupported", RPJMD_ID, s)

    def crosscut(i: int, source: str, j: int, target: str, status: str = "agreed") -> None:
        result = _find(docs[i], "targets", source)
        result["supports"].append(
            {
                "to": f"{agency_id(j)}:{target}",
                "basis": "crosscutting_agreement",
                "note": "synthetic crosscutting link",
                "status": status,
            }
        )
        region.crosscutting += 1

    proposed = {agencies // 4, agencies // 2} if planted else set()
    for i in range(agencies):  # the ring
        j = (i + 1) % agencies
        status = "proposed" if i in proposed else "agreed"
        crosscut(i, _RING_SOURCES[0], j, f"at-syn0-0-{i % 4}-0", status)
        if status == "proposed":
            mark("proposed_crosscutting", agency_id(i), _RING_SOURCES[0])
    skip = 7 % agencies or 1  # a small region (fewer than eight agencies) skips fewer
    for i in range(min(15, agencies)):  # skipping seven
        j = (i + skip) % agencies
        crosscut(i, _RING_SOURCES[1], j, f"at-syn0-0-{(i + 2) % 4}-0")
    for n in range(5):  # programme level: a chain goes on into a third agency
        i = (8 * n + 1) % agencies
        j = (i + 1) % agencies
        # the programme result that the ring's target in agency i supports
        pt = _pt_supported_by(docs[i], f"at-syn0-0-{(i - 1) % agencies % 4}-0")
        crosscut(i, pt, j, "pt-syn0-2-0")

    if planted:
        # links to what is not loaded: a cascade that does not exist, an id that does not
        a, b = agencies - 6, agencies - 5
        for i, to in (
            (a, "contoh-opd-hilang-2025-2029:at-syn0-0-0-0"),
            (b, f"{agency_id(0)}:at-tidak-ada"),
        ):
            _find(docs[i], "targets", _DANGLING_SOURCE)["supports"].append(
                {"to": to, "basis": "crosscutting_agreement", "status": "agreed"}
            )
            mark("dangling_references", agency_id(i), _DANGLING_SOURCE)
        # one agency-specific sub-activity code delivered by two agencies, twice
        for x, y, sub in (
            (agencies - 8, agencies - 7, "sub-syn0-1-3-0"),
            (agencies - 10, agencies - 9, "sub-syn0-2-0-0"),
        ):
            _find(docs[y], "sub_activities", sub)["code"] = _find(docs[x], "sub_activities", sub)[
                "code"
            ]
            mark("shared_sub_activity_codes", min(agency_id(x), agency_id(y)), sub)
    region.planted = plant
    if measurement:  # after the planting: the planted structure is measured like the rest
        for data in region.files:
            add_measurement(data)
    return region


def _file_name(data: dict[str, Any]) -> str:
    return f"{data['cascade']['id']}.yaml"


def write_region(out: Path, region: Region) -> list[Path]:
    """Write the region's files into ``out`` (created); returns their paths, RPJMD first."""
    from pokin.seed.schema import dump_yaml

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for data in region.files:
        path = out / _file_name(data)
        path.write_text(
            "# SYNTHETIC data: Kabupaten Contoh is a fictional region "
            "(pokin.seed.generate_region)\n" + dump_yaml(copy.deepcopy(data)),
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--clean", action="store_true", help="plant no defects")
    parser.add_argument(
        "--measurement", action="store_true", help="targets per year and a year of realisation"
    )
    parser.add_argument("--out", type=Path, required=True, help="a directory for the files")
    args = parser.parse_args()
    region = generate_region(args.agencies, planted=not args.clean, measurement=args.measurement)
    for path in write_region(args.out, region):
        print(path)


if __name__ == "__main__":
    main()
