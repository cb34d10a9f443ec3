"""``pokin.graph.tree.build_tree``: every result drawn exactly once, under its first parent,
whatever the cascade's shape (several parents, orphans, cycles)."""

from __future__ import annotations

from pokin.graph.tree import TreeFinding, build_tree


def row(rid, level, supports=(), **extra):
    return {
        "id": rid,
        "kind": "goal" if level == "goal" else "target",
        "level": level,
        "name": rid.upper(),
        "supports": list(supports),
        "indicators": extra.get("indicators", []),
        "owners": extra.get("owners", []),
        "units": extra.get("units", []),
    }


def ids(cards):
    out = []
    for c in cards:
        out.append(c.id)
        out += ids(c.children)
    return out


def test_parents_orphans_and_cycles_each_drawn_once():
    rows = [
        row("g", "goal"),
        row("s1", "strategic", ["g"]),
        row("s2", "strategic", ["g"]),
        row("p1", "programme", ["s1", "s2"]),  # crosscutting: two parents
        row("orphan", "sub_activity"),
        row("c1", "activity", ["c2"]),  # a cycle that never reaches the Goal
        row("c2", "activity", ["c1"]),
    ]
    roots = build_tree(rows, {})
    # roots: what supports nothing, then a cycle cut where it is first met
    assert list(roots) == ["g", "orphan", "c1"]
    assert [c.id for c in roots["c1"].children] == ["c2"]
    drawn = ids(roots.values())
    assert sorted(drawn) == sorted(r["id"] for r in rows)
    p1 = next(c for c in roots["g"].children[0].children if c.id == "p1")
    assert p1.also_supports == ["s2"] and p1.depth == 2
    assert roots["g"].descendants == 3


def test_findings_of_indicators_and_units_land_on_the_card():
    rows = [
        row(
            "g",
            "goal",
            indicators=[
                {"id": "ind-g", "name": "x", "raw": "x", "formula_truncated": False, "tags": []}
            ],
            units=[{"id": "prog", "kind": "programme", "code": "1.01", "name": "P"}],
        )
    ]
    found = {
        "ind-g": [TreeFinding(check="f", severity="warning", title="no formula", message="m")],
        "prog": [TreeFinding(check="u", severity="error", title="unit", message="n")],
    }
    card = build_tree(rows, found)["g"]
    assert [f.check for f in card.findings] == ["u", "f"]  # worst first
    assert card.worst == "error"
