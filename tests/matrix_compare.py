"""What a cascading matrix carries of a cascade, by names (ids are made from names)."""

from __future__ import annotations


def matrix_facts(c) -> dict[str, set]:
    units = [("programme", u) for u in c.programmes]
    units += [("activity", u) for u in c.activities]
    units += [("sub_activity", u) for u in c.sub_activities]
    key = {c.goal.id: ("goal", c.goal.name)}
    key.update({t.id: (t.level, t.name) for t in c.targets})
    key.update({u.id: (lv, u.name) for lv, u in units})
    titles = {o.id: o.title for o in c.owners}
    holders = [c.goal, *c.targets]
    return {
        "elements": {(lv, u.name, u.code) for lv, u in units} | set(key.values()),
        "indicators": {
            (key[h.id], i.name, i.formula, i.polarity, tuple(i.tags), i.formula_truncated)
            for h in holders
            for i in h.indicators
        },
        "owners": {(key[h.id], titles[o]) for h in holders for o in h.owners},
        "supports": {(key[t.id], key[s.to]) for t in c.targets for s in t.supports}
        | {(key[u.id], key[d.to]) for _, u in units for d in u.delivers},
        "part_of": {
            (key[u.id], key[u.part_of.to]) for lv, u in units if lv != "programme" and u.part_of
        },
    }
