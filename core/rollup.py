"""Capaian rolled up along SUPPORTS: pure arithmetic, no database (docs/model.md, "Roll-up").

A result's rolled-up capaian is the mean of what the results supporting it stand at: each
supporter counts with its own rolled-up capaian where it has one (the evidence from further
down), else with its own measured capaian; supporters with neither (nothing due yet) are left
out. Three ways to weigh them: ``mean`` (each supporter once, the default), ``weight`` (the
``weight`` of the SUPPORTS link; a link without one weighs 1) and ``budget`` (each supporter by
the pagu of the units delivering it and what supports it; when a counted supporter has no
pagu the mean is taken instead, with a note, rather than silently dropping it).

Nodes are any hashable keys (``(cascade, id)`` in pokin), so the roll-up crosses agencies and
reaches the RPJMD wherever SUPPORTS links go. A cycle (a defect the ``cycles`` check reports)
is cut where it closes: a result never counts towards itself.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pokin.core.i18n import N_

K = TypeVar("K", bound=Hashable)

HOWS = ("mean", "weight", "budget")
HOW_LABELS = {
    "mean": N_("mean of the supporting results"),
    "weight": N_("weighted by the SUPPORTS links' weights"),
    "budget": N_("weighted by the supporting results' pagu"),
}
#: a note of a budget-weighted roll-up that fell back to the mean
BUDGET_MISSING = N_("a supporting result has no pagu: mean taken instead")

#: below this a result is at risk (``POKIN_AT_RISK_THRESHOLD``): the lower bound of Sedang
DEFAULT_AT_RISK_THRESHOLD = 66.0


@dataclass(frozen=True)
class Part(Generic[K]):
    """One supporter's share in a roll-up: the value it counts with, its weight, and whether
    that value is its own rolled-up one (``rolled``) or its own measured one."""

    key: K
    value: float
    weight: float
    rolled: bool


@dataclass(frozen=True)
class Rolled(Generic[K]):
    """A result's rolled-up capaian (None: no supporter counts) and what it is made of."""

    value: float | None
    how: str
    parts: tuple[Part[K], ...] = ()
    notes: tuple[str, ...] = field(default=())


def subtree_budget(
    budgets: Mapping[K, float | None], supporters: Mapping[K, Sequence[tuple[K, float | None]]]
) -> dict[K, float | None]:
    """Each result's pagu with everything under it: its own units' plus its supporters'
    (each result once per subtree, also where links join again; None when none has pagu)."""
    out: dict[K, float | None] = {}
    for key in set(budgets) | set(supporters):
        seen: set[K] = set()
        stack = [key]
        total, any_given = 0.0, False
        while stack:
            k = stack.pop()
            if k in seen:
                continue
            seen.add(k)
            b = budgets.get(k)
            if b is not None:
                total, any_given = total + b, True
            stack.extend(c for c, _w in supporters.get(k, ()))
        out[key] = total if any_given else None
    return out


def roll_up(
    own: Mapping[K, float | None],
    supporters: Mapping[K, Sequence[tuple[K, float | None]]],
    how: str = "mean",
    budgets: Mapping[K, float | None] | None = None,
) -> dict[K, Rolled[K]]:
    """Every result's rolled-up capaian. ``own``: result -> own measured capaian (None: none
    due); ``supporters``: result -> [(supporting result, the link's weight or None)];
    ``budgets``: result -> pagu of the units delivering it (``budget`` only)."""
    if how not in HOWS:
        raise ValueError(f"unknown roll-up {how!r}; expected one of {', '.join(HOWS)}")
    below = subtree_budget(budgets or {}, supporters) if how == "budget" else {}
    done: dict[K, Rolled[K]] = {}
    open_: set[K] = set()

    def standing(key: K) -> tuple[float | None, bool]:
        rolled = visit(key)
        if rolled is not None and rolled.value is not None:
            return rolled.value, True
        return own.get(key), False

    def visit(key: K) -> Rolled[K] | None:
        if key in done:
            return done[key]
        if key in open_:
            return None  # a cycle closes here
        open_.add(key)
        parts = []
        for child, weight in supporters.get(key, ()):
            if child == key:
                continue
            value, rolled = standing(child)
            if value is None:
                continue
            w = weight if how == "weight" and weight is not None else 1.0
            if how == "budget":
                w = below.get(child) or 0.0
            parts.append(Part(child, value, float(w), rolled))
        open_.discard(key)
        notes: tuple[str, ...] = ()
        if how == "budget" and parts and any(p.weight <= 0 for p in parts):
            parts = [Part(p.key, p.value, 1.0, p.rolled) for p in parts]
            notes = (BUDGET_MISSING,)
        result = Rolled(weighted_mean(parts), how, tuple(parts), notes)
        done[key] = result
        return result

    for key in set(own) | set(supporters):
        visit(key)
    return done


def weighted_mean(parts: Iterable[Part]) -> float | None:
    """Sum of value × weight over the sum of weights; None without parts or weight."""
    parts = list(parts)
    total = sum(p.weight for p in parts)
    if not parts or total <= 0:
        return None
    return sum(p.value * p.weight for p in parts) / total


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the values given (None left out); None when none is."""
    given = [v for v in values if v is not None]
    return sum(given) / len(given) if given else None


def disagrees(own: float | None, rolled: float | None, threshold: float) -> bool:
    """A result reported on track (its own capaian at or above ``threshold``) while the results
    supporting it, rolled up, are below it."""
    return own is not None and rolled is not None and own >= threshold and rolled < threshold


def at_risk(own: float | None, rolled: float | None, threshold: float) -> bool:
    """Below ``threshold`` by its own measured capaian or by its supporters' rolled up."""
    return any(v is not None and v < threshold for v in (own, rolled))


def paths_up(key: K, parents: Mapping[K, Sequence[K]], limit: int = 200) -> list[list[K]]:
    """Every SUPPORTS path from ``key`` upwards to a result that supports nothing further, as
    lists of keys starting with ``key``'s parent (a cycle ends a path where it closes; at most
    ``limit`` paths)."""
    out: list[list[K]] = []

    def walk(k: K, path: list[K]) -> None:
        if len(out) >= limit:
            return
        ups = [p for p in parents.get(k, ()) if p not in path and p != key]
        if not ups:
            if path:
                out.append(path)
            return
        for p in ups:
            walk(p, [*path, p])

    walk(key, [])
    return out
