"""Owner workload: what every owner (Pemilik Kinerja) owns, per level, its share of the total,
and how concentrated ownership is — for one cascade (``owner_workload``) or across a region
(``region_workload``: its RPJMD and every agency naming it).

An owner owns the results (Goal, targets) it is OWNED_BY, the indicators measuring them (keyed
by the level of their result), and the units (programmes, activities, sub-activities) that
deliver them. Shares are of ownership assignments: a result with two owners counts once for
each, so the owners' shares add up to 1.

Concentration is measured on results: the Herfindahl–Hirschman index (sum of squared shares;
1/N for an even spread over N owners, 1 when one owner holds all), its reciprocal, the
effective number of owners, and the Gini coefficient of the owners' result counts (owners
without results included; 0 even, towards 1 concentrated).

Both answers come from the same query (``owner_workload``, over a list of cascades) and the
same tally, so a region's numbers are by construction the sum of its cascades' numbers. Across
a region identity is (cascade, id): each agency's "Sekretaris" is its own owner; grouping them
by title is a separate view (``PositionGroup``), not a merge.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any, TypeVar

from neo4j import ManagedTransaction

from pokin.core.errors import CascadeNotFound, OwnerNotFound, RegionNotFound
from pokin.graph.db import Db
from pokin.graph.elements import resolve_element
from pokin.graph.models import (
    Concentration,
    ElementRef,
    LevelCounts,
    OwnedItems,
    OwnerRef,
    OwnerWorkload,
    PositionGroup,
    RegionOwnerRef,
    RegionOwnerWorkload,
    RegionSpread,
    RegionWorkload,
    Spread,
    Workload,
    WorkloadCounts,
    WorkloadShare,
)
from pokin.graph.queries import query

S = TypeVar("S", bound=Spread)
_KINDS = ("results", "indicators", "units")


def _counts(items: list[dict[str, Any]]) -> LevelCounts:
    counts = LevelCounts()
    for item in items:
        level = item.get("level")
        if level in LevelCounts.model_fields:
            setattr(counts, level, getattr(counts, level) + 1)
    return counts


_ref = ElementRef.from_row


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def gini(values: list[int]) -> float:
    """Gini coefficient of non-negative values (0 when all equal or all zero)."""
    n, total = len(values), sum(values)
    if n == 0 or total == 0:
        return 0.0
    ordered = sorted(values)
    weighted = sum((i + 1) * v for i, v in enumerate(ordered))
    return (2 * weighted) / (n * total) - (n + 1) / n


def hhi(values: list[int]) -> float:
    """Herfindahl–Hirschman index of the shares of ``values`` (0 when the total is 0)."""
    total = sum(values)
    if total == 0:
        return 0.0
    return sum((v / total) ** 2 for v in values)


def _workload_counts(results: LevelCounts, indicators: LevelCounts, units: LevelCounts):
    return WorkloadCounts(
        results=results,
        indicators=indicators,
        units=units,
        total_results=results.total,
        total_indicators=indicators.total,
        total_units=units.total,
    )


def _row_counts(row: dict[str, Any]) -> WorkloadCounts:
    return _workload_counts(*(_counts(row[k]) for k in _KINDS))


def _summed(parts: Iterable[WorkloadCounts]) -> WorkloadCounts:
    sums = {k: LevelCounts() for k in _KINDS}
    for part in parts:
        for kind, total in sums.items():
            got = getattr(part, kind)
            for level in LevelCounts.model_fields:
                setattr(total, level, getattr(total, level) + getattr(got, level))
    return _workload_counts(*(sums[k] for k in _KINDS))


def _distinct(rows: list[dict[str, Any]]) -> WorkloadCounts:
    """Distinct owned elements; an element is (cascade, id), its owner's cascade."""
    found: dict[str, dict[tuple[str, str], dict[str, Any]]] = {k: {} for k in _KINDS}
    for r in rows:
        for kind, seen in found.items():
            seen.update(((r["cascade"], x["id"]), x) for x in r[kind])
    return _workload_counts(*(_counts(list(found[k].values())) for k in _KINDS))


def _shares(counts: WorkloadCounts, totals: WorkloadCounts) -> WorkloadShare:
    return WorkloadShare(
        results=_share(counts.total_results, totals.total_results),
        indicators=_share(counts.total_indicators, totals.total_indicators),
        units=_share(counts.total_units, totals.total_units),
    )


def _concentration(values: list[int]) -> tuple[int, Concentration]:
    """The largest value and the concentration measures of the owners' result counts."""
    index = hhi(values)
    return max(values, default=0), Concentration(
        hhi=round(index, 4),
        effective_owners=round(1 / index, 2) if index else 0.0,
        gini=round(gini(values), 4),
    )


def _spread(model: type[S], loads: list[Any], totals: WorkloadCounts) -> S:
    """The spread of ``loads`` (owner workloads, most loaded first) as ``model``."""
    largest, concentration = _concentration([w.counts.total_results for w in loads])
    return model(
        largest_share=_share(largest, totals.total_results),
        largest_owners=[w.owner for w in loads if largest and w.counts.total_results == largest],
        concentration=concentration,
    )


def _owner_rows(tx: ManagedTransaction, cascades: list[str]) -> list[dict[str, Any]]:
    return tx.run(query("owner_workload"), cascades=cascades).data()


# --- one cascade ----------------------------------------------------------------------------------


def _cascade_tx(tx: ManagedTransaction, cascade: str) -> list[dict[str, Any]]:
    if not tx.run(query("cascade_version"), cascade=cascade).single():
        raise CascadeNotFound(cascade)
    return _owner_rows(tx, [cascade])


def owner_workload(db: Db, cascade: str) -> Workload:
    """The workload of every owner of ``cascade`` and the agency-wide spread. Raises
    ``CascadeNotFound`` when the cascade is not loaded."""
    return db.read(workload_tx, cascade)


def workload_tx(tx: ManagedTransaction, cascade: str) -> Workload:
    """``owner_workload``'s work, inside a transaction the caller runs."""
    return _workload(cascade, _cascade_tx(tx, cascade))


def _owner_tx(
    tx: ManagedTransaction, owner_id: str, cascade: str | None
) -> tuple[str, str, list[dict[str, Any]]]:
    cascade, owner_id = resolve_element(tx, owner_id, cascade, owner=True)
    return cascade, owner_id, _owner_rows(tx, [cascade])


def one_owner_workload(db: Db, owner_id: str, cascade: str | None = None) -> OwnerWorkload:
    """One owner's workload and what it owns, its share of its agency's (one read: the
    owner's cascade is found in it). Without ``cascade`` the id must be held by one cascade
    only (the same title in two agencies is two owners). Raises ``OwnerNotFound`` when the id
    is not an owner's, ``AmbiguousElement`` when several cascades hold it."""
    cascade, owner_id, rows = db.read(_owner_tx, owner_id, cascade)
    for item in _workload(cascade, rows).owners:
        if item.owner.id == owner_id:
            return item
    raise OwnerNotFound(owner_id)


def _workload(cascade: str, rows: list[dict[str, Any]]) -> Workload:
    counted = [(r, _row_counts(r)) for r in rows]
    totals = _summed(c for _, c in counted)
    loads = [
        OwnerWorkload(
            owner=OwnerRef.from_row(r["owner"]),
            counts=counts,
            share=_shares(counts, totals),
            owns=OwnedItems(**{k: [_ref(x) for x in r[k]] for k in _KINDS}),
        )
        for r, counts in counted
    ]
    loads.sort(key=lambda w: (-w.counts.total_results, w.owner.id))
    spread = _spread(Spread, loads, totals)
    return Workload(
        cascade=cascade, totals=totals, distinct=_distinct(rows), owners=loads, spread=spread
    )


# --- a region -------------------------------------------------------------------------------------


_BLANKS = re.compile(r"\s+")


def position_key(title: str) -> str:
    """A title compared across agencies: case and runs of blanks do not matter."""
    return _BLANKS.sub(" ", title).strip().casefold()


def _region_tx(
    tx: ManagedTransaction, region: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    cascades = tx.run(query("region_cascades"), region=region).data()
    if not cascades:
        raise RegionNotFound(region)
    return cascades, _owner_rows(tx, [c["id"] for c in cascades])


def _positions(loads: list[RegionOwnerWorkload], totals: WorkloadCounts) -> list[PositionGroup]:
    groups: dict[str, list[RegionOwnerWorkload]] = {}
    for w in loads:
        groups.setdefault(position_key(w.owner.title), []).append(w)
    out = []
    for key, members in groups.items():
        spellings = Counter(w.owner.title for w in members)
        counts = _summed(w.counts for w in members)
        out.append(
            PositionGroup(
                key=key,
                # the most frequent spelling; among equals the first in sort order (stable)
                title=min(spellings, key=lambda t: (-spellings[t], t)),
                titles=sorted(spellings),
                owners=len(members),
                cascades=sorted({w.owner.cascade for w in members}),
                counts=counts,
                share=_shares(counts, totals),
            )
        )
    out.sort(key=lambda g: (-g.counts.total_results, -len(g.cascades), g.key))
    return out


def region_workload(db: Db, region: str) -> RegionWorkload:
    """The workload of every owner of every cascade of ``region`` (its RPJMD included), the
    region-wide spread and the owners grouped by position title, read in one transaction.
    Raises ``RegionNotFound`` when no cascade of the region is loaded."""
    cascades, rows = db.read(_region_tx, region)
    about = {c["id"]: c for c in cascades}
    counted = [(r, _row_counts(r)) for r in rows]
    totals = _summed(c for _, c in counted)
    loads = []
    for r, counts in counted:
        cascade = about[r["cascade"]]
        owner = RegionOwnerRef(
            **OwnerRef.from_row(r["owner"]).model_dump(),
            cascade=cascade["id"],
            agency=cascade["agency"],
            cascade_kind=cascade["kind"],
        )
        loads.append(RegionOwnerWorkload(owner=owner, counts=counts, share=_shares(counts, totals)))
    loads.sort(key=lambda w: (-w.counts.total_results, w.owner.cascade, w.owner.id))
    spread = _spread(RegionSpread, loads, totals)
    return RegionWorkload(
        region=region,
        cascades=[c["id"] for c in cascades],
        totals=totals,
        distinct=_distinct(rows),
        owners=loads,
        spread=spread,
        positions=_positions(loads, totals),
    )
