"""Precision of the near-duplicate check on a planted set (fictional, nomenclature-like
names): real typos (one thing entered twice) must be found, and nothing else: not the official
variants of one nomenclature item (other codes), not a result beside the unit it is named
after, and each pair once. The records are those the check's query returns:
``[id, name, code, names of the delivering units]`` per kind and level."""

from __future__ import annotations

from pokin.graph.similarity import near_duplicate_rows

_OPS = "Penyediaan Biaya Operasional Pendidikan"
_RKB = "Pembangunan Ruang Kelas Baru"
#: sub-activities: official variants, each with its own code (and its SIPD-style result)
VARIANTS = [
    ("sub-1", f"{_OPS} SMA", "1.01.02.2.01.0001"),
    ("sub-2", f"{_OPS} SMK", "1.01.02.2.01.0002"),
    ("sub-3", f"{_OPS} SLB", "1.01.02.2.01.0003"),
    ("sub-4", f"{_RKB} SMA", "1.01.02.2.02.0001"),
    ("sub-5", f"{_RKB} SMK", "1.01.02.2.02.0002"),
]
#: the typos planted: pairs of ids (the smaller first), one thing entered twice
TYPOS = {
    ("keg-1", "keg-2"),  # an activity entered twice under its one code
    ("keg-3", "keg-4"),  # one with its code, one without
    ("pt-1", "pt-2"),  # programme results (results carry no code)
    ("ss-1", "ss-2"),  # strategic targets, one with a trailing full stop
    ("st-6", "st-7"),  # sub-activity results with names of their own
}


def _records(*, with_codes: bool = True) -> list[dict]:
    """The planted cascade as the query returns it; ``with_codes=False``: as the query
    returned it before codes and delivering units were read (every name compared)."""
    subs = [[i, n, c, []] for i, n, c in VARIANTS]
    results = [[i.replace("sub", "st"), n, None, [n]] for i, n, _ in VARIANTS]
    results += [
        ["st-6", "Terlaksananya pemeliharaan sarana sekolah menengah", None, ["Sub X"]],
        ["st-7", "Terlaksananya pemeliharaan sarana sekolah menengh", None, ["Sub Y"]],
    ]
    records = [
        {"kind": "sub_activity", "level": "sub_activity", "names": subs},
        {"kind": "target", "level": "sub_activity", "names": results},
        {
            "kind": "activity",
            "level": "activity",
            "names": [
                ["keg-1", "Pengelolaan Pendidikan Sekolah Menengah Atas", "1.01.02.2.01", []],
                ["keg-2", "Pengelolaan Pendidikan Sekolah Menengah Atass", "1.01.02.2.01", []],
                ["keg-3", "Koordinasi dan Sinkronisasi Pengelolaan Sarana", "1.01.02.2.03", []],
                ["keg-4", "Koordinasi dan Sinkronisasi Pengelolaan Saranna", None, []],
                ["keg-5", "Pengelolaan Pendidikan Sekolah Menengah Kejuruan", "1.01.02.2.04", []],
            ],
        },
        {
            "kind": "target",
            "level": "programme",
            "names": [
                ["pt-1", "Meningkatnya mutu tenaga pendidik daerah", None, ["Program A"]],
                ["pt-2", "Meningkatnya mutu tenaga pendidik dearah", None, ["Program B"]],
            ],
        },
        {
            "kind": "target",
            "level": "strategic",
            "names": [
                ["ss-1", "Meningkatnya akses pendidikan yang merata", None, []],
                ["ss-2", "Meningkatnya akses pendidikan yang merata.", None, []],
            ],
        },
    ]
    if not with_codes:
        for r in records:
            r["names"] = [n[:2] for n in r["names"]]
    return records


def _pairs(rows: list[dict]) -> list[tuple[str, str]]:
    return [(r["id"], r["detail"]["similar_to"]) for r in rows]


def test_only_the_planted_typos_are_found_each_once():
    pairs = _pairs(near_duplicate_rows(_records()))
    assert sorted(pairs) == sorted(TYPOS)  # precision and recall 1 on the planted set


def test_official_variants_and_their_results_were_the_noise():
    """Without codes and delivering units, the variants and their same-named results pair up
    too (each variant pair twice: once as units, once as results): what the rule removes."""
    pairs = set(_pairs(near_duplicate_rows(_records(with_codes=False))))
    assert TYPOS <= pairs
    noise = pairs - TYPOS
    assert ("sub-1", "sub-2") in noise and ("st-1", "st-2") in noise
    assert len(TYPOS) / len(pairs) < 0.5  # the precision before


def test_a_unit_pairs_with_one_of_the_same_code():
    rows = near_duplicate_rows(_records())
    found = {(r["id"], r["detail"]["similar_to"]): r["detail"] for r in rows}
    assert found[("keg-1", "keg-2")]["level"] == "activity"
