"""Generate a synthetic cascade in the seed format, ``scale`` times the size of the seed.

The shape is the seed's (BKPSDM Pemalang 2025-2029), repeated ``scale`` times as "blocks" under
one Goal: per block 3 strategic targets, 3 programmes with 8 programme results, 14 activities
with 22 activity results, 55 sub-activities with one result each, one indicator per result (two
on two results) and 9 owners (a deputy under the head, four division heads, a secretary with two
sub-division heads, a technical unit) -- so x1 has about the seed's counts and x100 about 100
times them. Names are unique phrases of the seed's own words.

A few defects of every kind the checks look for are planted (``DEFECTS``: ``per_kind`` of each,
at most one of each per block, each on its own sub-activity), so that the checks have
something to find.

    python -m pokin.seed.generate --scale 100 --out /tmp/x100.yaml
"""

from __future__ import annotations

import argparse
import functools
import random
from pathlib import Path
from typing import Any

# Per programme of a block: programme results, and per activity (activity results, sub-activities).
BLOCK_SHAPE = [
    {"results": 6, "activities": [(3, 6), (3, 3), (4, 4), (2, 6)]},
    {"results": 1, "activities": [(1, 6), (1, 2), (1, 2), (1, 2), (1, 9), (1, 3), (1, 3), (1, 4)]},
    {"results": 1, "activities": [(1, 3), (1, 2)]},
]
# Programme results of programme 0 go to these strategic targets / are owned by these kabids.
P0_STRATEGIC = [0, 0, 0, 1, 1, 0]
P0_OWNER = [0, 0, 1, 1, 2, 3]

DEFECTS = (
    "orphan",
    "unsupported",
    "level_skip",
    "structure_conflict",
    "cycle",
    "no_indicator",
    "no_formula",
    "no_polarity",
    "truncated_formula",
    "no_owner",
    "unknown_owner",
    "owner_misalignment",
    "near_duplicate",
    "repeated_indicator",
)

_PREFIX = {
    "strategic": "Meningkatnya",
    "programme": "Tercapainya",
    "activity": "Terlaksananya",
    "sub_activity": "Tersedianya",
    "unit": "Pengelolaan",
}


@functools.cache
def _vocabulary() -> list[str]:
    """The words of the seed's names: the synthetic names use the seed's vocabulary (read
    once: a region generates forty agencies)."""
    from pokin.seed import SEED_FILE, load_cascade_file

    c = load_cascade_file(SEED_FILE)
    names = [*(g.name for g in c.all_goals), *(t.name for t in c.targets)]
    names += [u.name for u in (*c.programmes, *c.activities, *c.sub_activities)]
    words = {w.strip(",.()\"'") for n in names for w in n.split()}
    return sorted(w for w in words if len(w) > 2 and w.isalpha())


class _Names:
    """Unique names: a level word and four to six words of the seed's vocabulary."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = list(_vocabulary())
        self.used: set[str] = set()

    def __call__(self, kind: str) -> str:
        while True:
            words = self.rng.sample(self.words, self.rng.randint(4, 6))
            name = " ".join([_PREFIX[kind], *words])
            if name not in self.used:
                self.used.add(name)
                return name


def _indicator(iid: str, name: str) -> dict[str, Any]:
    return {
        "id": iid,
        "name": f"Persentase {name.split(' ', 1)[1]}",
        "raw": f"Persentase {name.split(' ', 1)[1]} (progress positif)",
        "formula": "Jumlah yang tercapai dibagi jumlah sasaran dikali 100",
        "formula_raw": "Jumlah yang tercapai dibagi jumlah sasaran dikali 100",
        "formula_truncated": False,
        "polarity": "positive",
        "tags": ["progress"],
    }


def generate(scale: int, *, seed: int = 2025, per_kind: int = 3, tag: str = "") -> dict:
    """The cascade dict (seed format) of ``scale`` blocks. ``tag`` goes into every id and the
    cascade id, so that several generated cascades can share a database."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rng = random.Random(seed)
    names = _Names(rng)
    t = f"{tag}-" if tag else ""
    cid = f"synthetic-{t}x{scale}"
    data: dict[str, Any] = {
        "cascade": {
            "id": cid,
            "agency": f"Synthetic agency x{scale}",
            "title": f"Synthetic cascade, {scale} times the seed",
            "period": {"start": 2025, "end": 2029},
            "source": "bench/gen_cascade.py",
        },
        "owners": [
            {"id": f"{t}syn-kepala", "title": "Kepala", "reports_to": None, "known_position": True}
        ],
        "goal": None,
        "targets": [],
        "programmes": [],
        "activities": [],
        "sub_activities": [],
    }
    goal_id = f"tujuan-{t}x{scale}"
    data["goal"] = {
        "id": goal_id,
        "name": "Terwujudnya Meritokrasi dalam Manajemen ASN",
        "owners": [f"{t}syn-kepala"],
        "indicators": [_indicator(f"ind-{goal_id}", "Nilai Sistem Merit")],
    }

    def owner(oid: str, title: str, reports_to: str) -> str:
        data["owners"].append(
            {"id": oid, "title": title, "reports_to": reports_to, "known_position": True}
        )
        return oid

    def target(tid: str, level: str, supports: str, owners: list[str]) -> dict[str, Any]:
        name = names(level)
        item = {
            "id": tid,
            "level": level,
            "name": name,
            "owners": owners,
            "indicators": [_indicator(f"ind-{tid}", name)],
            "supports": [{"to": supports, "basis": "source_layout"}],
        }
        data["targets"].append(item)
        return item

    # sub-activity results per block, for planting: block -> list of (sub id, result dict)
    blocks: list[dict[str, Any]] = []
    for b in range(scale):
        p = f"{t}syn{b}"
        wakil = owner(f"{p}-wakil", f"Wakil Kepala Blok {b}", f"{t}syn-kepala")
        kabid = [owner(f"{p}-kabid{i}", f"Kabid {i} Blok {b}", wakil) for i in range(4)]
        sekretaris = owner(f"{p}-sekretaris", f"Sekretaris Blok {b}", wakil)
        kasubag = [owner(f"{p}-kasubag{i}", f"Kasubag {i} Blok {b}", sekretaris) for i in range(2)]
        owner(f"{p}-upt", f"Kepala UPT Blok {b}", wakil)
        strategic = [target(f"ss-{p}-{i}", "strategic", goal_id, [wakil])["id"] for i in range(3)]
        block = {"subs": [], "activity_results": [], "programme_results": [], "kabid": kabid}
        blocks.append(block)
        for pi, shape in enumerate(BLOCK_SHAPE):
            prog = f"prog-{p}-{pi}"
            code = f"5.{b % 90 + 10:02d}.{pi + 1:02d}"
            p_results = []
            for ri in range(shape["results"]):
                if pi == 0:
                    supports, owners = strategic[P0_STRATEGIC[ri]], [kabid[P0_OWNER[ri]]]
                elif pi == 1:
                    supports, owners = strategic[1], [sekretaris]
                else:
                    supports, owners = strategic[2], [kabid[3]]
                p_results.append(target(f"pt-{p}-{pi}-{ri}", "programme", supports, owners))
            block["programme_results"] += p_results
            data["programmes"].append(
                {
                    "id": prog,
                    "code": code,
                    "name": names("unit"),
                    "delivers": [{"to": r["id"], "basis": "source_layout"} for r in p_results],
                }
            )
            for ai, (n_results, n_subs) in enumerate(shape["activities"]):
                keg = f"keg-{p}-{pi}-{ai}"
                if pi == 0:
                    a_owner = kabid[ai]
                    mine = [r for r in p_results if r["owners"] == [a_owner]] or p_results
                else:
                    a_owner = sekretaris if pi == 1 else kabid[3]
                    mine = p_results
                a_results = [
                    target(
                        f"at-{p}-{pi}-{ai}-{ri}",
                        "activity",
                        mine[ri % len(mine)]["id"],
                        [a_owner],
                    )
                    for ri in range(n_results)
                ]
                block["activity_results"].append((keg, a_results))
                data["activities"].append(
                    {
                        "id": keg,
                        "code": f"{code}.2.{ai + 1:02d}",
                        "name": names("unit"),
                        "part_of": {"to": prog, "basis": "nomenclature"},
                        "delivers": [{"to": r["id"], "basis": "source_layout"} for r in a_results],
                    }
                )
                for si in range(n_subs):
                    sub = f"sub-{p}-{pi}-{ai}-{si}"
                    s_owner = kasubag[si % 2] if pi == 1 else a_owner
                    result = target(
                        f"st-{p}-{pi}-{ai}-{si}",
                        "sub_activity",
                        a_results[si % len(a_results)]["id"],
                        [s_owner],
                    )
                    block["subs"].append((sub, result, keg, pi))
                    data["sub_activities"].append(
                        {
                            "id": sub,
                            "code": f"{code}.2.{ai + 1:02d}.{si + 1:04d}",
                            "name": names("unit"),
                            "part_of": {"to": keg, "basis": "nomenclature"},
                            "delivers": [{"to": result["id"], "basis": "source_layout"}],
                        }
                    )
        # two results of each block have a second indicator, as in the seed
        for r in (block["programme_results"][0], block["activity_results"][0][1][0]):
            r["indicators"].append(_indicator(f"ind-{r['id']}-2", names("unit")))

    _plant(data, blocks, per_kind, t, names)
    return data


def _plant(data: dict, blocks: list[dict], per_kind: int, t: str, names: _Names) -> None:
    """A few defects of every kind, each in its own block and element where there are enough."""
    n = len(blocks)
    per_kind = min(per_kind, n)  # one block has room for one defect of each kind
    used: set[str] = set()
    for k, kind in enumerate(DEFECTS):
        for r in range(per_kind):
            b = (k * 7 + r * 13) % n
            block = blocks[b]
            # a sub-activity of programme 1 (31 per block) not yet used by another defect
            subs_p1 = [s for s in block["subs"] if s[3] == 1 and s[0] not in used]
            if not subs_p1:
                continue
            sub, result, keg, _ = subs_p1[(k * per_kind + r) % len(subs_p1)]
            used.add(sub)
            if kind == "orphan":
                result["supports"] = []
            elif kind == "unsupported":
                owners = block["programme_results"][0]["owners"]
                name = names("activity")
                data["targets"].append(
                    {
                        "id": f"at-{t}unsupported-{r}-b{b}",
                        "level": "activity",
                        "name": name,
                        "owners": owners,
                        "indicators": [_indicator(f"ind-{t}unsupported-{r}-b{b}", name)],
                        "supports": [
                            {"to": block["programme_results"][0]["id"], "basis": "source_layout"}
                        ],
                    }
                )
            elif kind == "level_skip":
                result["supports"] = [
                    {"to": block["programme_results"][6]["id"], "basis": "subject_and_owner"}
                ]
            elif kind == "structure_conflict":
                others = [a for a in block["activity_results"] if a[0] != keg]
                other_keg, other_results = others[(k + r) % len(others)]
                result["supports"] = [{"to": other_results[0]["id"], "basis": "subject_and_owner"}]
                result["owners"] = other_results[0]["owners"]
            elif kind == "cycle":
                p_result = block["programme_results"][6]  # programme 1's result
                a_result = next(a for k_, a in block["activity_results"] if k_ == keg)[0]
                p_result["supports"].append({"to": a_result["id"], "basis": "merged_cell"})
            elif kind == "no_indicator":
                result["indicators"] = []
            elif kind == "no_formula":
                result["indicators"][0]["formula"] = None
                result["indicators"][0]["formula_raw"] = None
            elif kind == "no_polarity":
                result["indicators"][0]["polarity"] = None
            elif kind == "truncated_formula":
                ind = result["indicators"][0]
                ind["formula"] = ind["formula_raw"] = "Jumlah ASN yang telah (kumulatif dari"
                ind["formula_truncated"] = True
            elif kind == "no_owner":
                result["owners"] = []
            elif kind == "unknown_owner":
                alias = f"{t}syn{b}-kasubag-alias-{r}"
                data["owners"].append(
                    {
                        "id": alias,
                        "title": f"Kasubag Umpeg Blok {b} ({r})",
                        "reports_to": None,
                        "known_position": False,
                        "alias_of": result["owners"][0] if result["owners"] else f"{t}syn-kepala",
                    }
                )
                result["owners"] = [alias]
            elif kind == "owner_misalignment":
                result["owners"] = [block["kabid"][0]]
            elif kind == "near_duplicate":
                twin = next(s for s in data["sub_activities"] if s["id"] == sub)
                original = next(s for s in data["sub_activities"] if s["id"] == block["subs"][0][0])
                twin["name"] = original["name"] + "s"  # one letter more: ~0.9 similar
                # entered twice under its one code (other codes: official variants, no pair)
                twin["code"] = original["code"]
            elif kind == "repeated_indicator":  # the same text again, with another target
                first = result["indicators"][0]
                again = {**first, "id": f"{first['id']}-again", "target_value": 2.0}
                result["indicators"].append(again | {"unit": "dokumen"})


#: quarters' share of the year's realisation, by aggregation: a level rising to it, equal
#: parts of a sum, an average held, a maximum reached last
_QUARTER_SHAPES = {
    "last": (0.45, 0.65, 0.85, 1.0),
    "maximum": (0.45, 0.65, 0.85, 1.0),
    "average": (0.95, 1.0, 1.0, 1.05),
    "cumulative": (0.25, 0.25, 0.25, 0.25),
}


def _results(data: dict[str, Any]) -> list[dict[str, Any]]:
    goals = ([data["goal"]] if data.get("goal") else []) + list(data.get("goals") or [])
    return goals + list(data.get("targets") or [])


def add_measurement(data: dict[str, Any], *, seed: int = 2025) -> dict[str, Any]:
    """Give a generated cascade (a seed-format dict, changed in place and returned) its
    measurement: every indicator a target for each year of the period (rising for a positive
    indicator, falling for a negative one, held for stabilise) and four quarters of
    realisation of the first year; about one in eight results low (30-60 % of its target),
    one in twenty without quarter II, one in twenty not yet reporting quarter IV; about one
    sub-activity in six with a pagu per year and its realisation in Rp per quarter.
    Deterministic from ``seed`` and the cascade's id (a random stream per cascade)."""
    from pokin.core.capaian import Method

    start, end = data["cascade"]["period"]["start"], data["cascade"]["period"]["end"]
    rng = random.Random(f"{seed}:{data['cascade']['id']}")
    for result in _results(data):
        low = rng.random() < 0.125
        for ind in result["indicators"]:
            method = Method.of(ind)
            polarity = ind.get("polarity") or "positive"
            base = float(rng.randrange(40, 90))
            step = float(rng.choice((1, 2, 3)))
            sign = {"positive": 1, "negative": -1}.get(polarity, 0)
            ind["targets"] = [
                {"year": y, "value": base + sign * step * (y - start)}
                for y in range(start, end + 1)
            ]
            ratio = rng.uniform(0.3, 0.6) if low else rng.uniform(0.8, 1.1)
            target = ind["targets"][0]["value"]
            if polarity == "negative":
                year = (
                    target / ratio
                    if ind.get("negative_formula") == "t_over_r"
                    else target * (2 - ratio)
                )
            else:
                year = target * ratio
            quarters = [1, 2, 3, 4]
            roll = rng.random()
            if roll < 0.05:
                quarters.remove(2)
            elif roll < 0.10:
                quarters.remove(4)
            shape = _QUARTER_SHAPES[method.how_to_aggregate]
            ind["realisation"] = [
                {"year": start, "quarter": q, "value": round(year * shape[q - 1], 2)}
                for q in quarters
            ]
    for unit in data.get("sub_activities") or []:
        if rng.random() >= 1 / 6:
            continue
        pagu = float(rng.randrange(50, 900)) * 1_000_000
        spent = pagu * rng.uniform(0.5, 1.0)
        unit["budget"] = [{"year": y, "pagu": pagu} for y in range(start, end + 1)] + [
            {"year": start, "quarter": q, "realisation": round(spent * share)}
            for q, share in ((1, 0.15), (2, 0.25), (3, 0.3), (4, 0.3))
        ]
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--scale", type=int, default=100, help="times the size of the seed")
    parser.add_argument("--seed", type=int, default=2025, help="random seed")
    parser.add_argument("--per-kind", type=int, default=3, help="planted defects of each kind")
    parser.add_argument("--out", type=Path, help="write the YAML here (default: stdout)")
    parser.add_argument(
        "--measurement", action="store_true", help="targets per year and a year of realisation"
    )
    args = parser.parse_args()
    from pokin.seed.schema import dump_yaml

    data = generate(args.scale, seed=args.seed, per_kind=args.per_kind)
    text = dump_yaml(add_measurement(data, seed=args.seed) if args.measurement else data)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
