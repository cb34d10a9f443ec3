"""Owner workload: what every owner (Pemilik Kinerja) of a cascade owns, per level, its share of
the agency's total, and how concentrated ownership is agency-wide.

An owner owns the results (Goal, targets) it is OWNED_BY, the indicators measuring them (keyed
by the level of their result), and the units (programmes, activities, sub-activities) that
deliver them. Shares are of ownership assignments: a result with two owners counts once for
each, so the owners' shares add up to 1.

Concentration is measured on results: the Herfindahl–Hirschman index (sum of squared shares;
1/N for an even spread over N owners, 1 when one owner holds all), its reciprocal, the
effective number of owners, and the Gini coefficient of the owners' result counts (owners
without results included; 0 even, towards 1 concentrated).
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from pokin.graph.db import Db
from pokin.graph.errors import CascadeNotFound
from pokin.graph.models import (
    Concentration,
    ElementRef,
    LevelCounts,
    OwnedItems,
    OwnerRef,
    OwnerWorkload,
    Spread,
    Workload,
    WorkloadCounts,
    WorkloadShare,
)
from pokin.graph.queries import query


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


def _rows(tx: ManagedTransaction, cascade: str) -> list[dict[str, Any]]:
    if cascade not in {r["id"] for r in tx.run(query("cascade_ids"))}:
        raise CascadeNotFound(cascade)
    return tx.run(query("owner_workload"), cascade=cascade).data()


def owner_workload(db: Db, cascade: str) -> Workload:
    """The workload of every owner of ``cascade`` and the agency-wide spread. Raises
    ``CascadeNotFound`` when the cascade is not loaded."""
    rows = db.read(_rows, cascade)

    owners = []
    for r in rows:
        o = r["owner"]
        results, indicators, units = (_counts(r[k]) for k in ("results", "indicators", "units"))
        owners.append(
            (
                OwnerRef.from_row(o),
                WorkloadCounts(
                    results=results,
                    indicators=indicators,
                    units=units,
                    total_results=results.total,
                    total_indicators=indicators.total,
                    total_units=units.total,
                ),
                OwnedItems(
                    results=[_ref(x) for x in r["results"]],
                    indicators=[_ref(x) for x in r["indicators"]],
                    units=[_ref(x) for x in r["units"]],
                ),
            )
        )

    def summed(attr: str) -> LevelCounts:
        total = LevelCounts()
        for _, counts, _ in owners:
            part = getattr(counts, attr)
            for level in LevelCounts.model_fields:
                setattr(total, level, getattr(total, level) + getattr(part, level))
        return total

    t_results, t_indicators, t_units = summed("results"), summed("indicators"), summed("units")
    totals = WorkloadCounts(
        results=t_results,
        indicators=t_indicators,
        units=t_units,
        total_results=t_results.total,
        total_indicators=t_indicators.total,
        total_units=t_units.total,
    )
    distinct_items: dict[str, dict[str, dict[str, Any]]] = {
        key: {} for key in ("results", "indicators", "units")
    }
    for r in rows:
        for key, found in distinct_items.items():
            found.update((x["id"], x) for x in r[key])
    d_results, d_indicators, d_units = (
        _counts(list(distinct_items[k].values())) for k in ("results", "indicators", "units")
    )
    distinct = WorkloadCounts(
        results=d_results,
        indicators=d_indicators,
        units=d_units,
        total_results=d_results.total,
        total_indicators=d_indicators.total,
        total_units=d_units.total,
    )
    loads = [
        OwnerWorkload(
            owner=owner,
            counts=counts,
            share=WorkloadShare(
                results=_share(counts.total_results, totals.total_results),
                indicators=_share(counts.total_indicators, totals.total_indicators),
                units=_share(counts.total_units, totals.total_units),
            ),
            owns=owns,
        )
        for owner, counts, owns in owners
    ]
    loads.sort(key=lambda w: (-w.counts.total_results, w.owner.id))

    values = [w.counts.total_results for w in loads]
    index = hhi(values)
    largest = max(values, default=0)
    spread = Spread(
        largest_share=_share(largest, totals.total_results),
        largest_owners=[w.owner for w in loads if largest and w.counts.total_results == largest],
        concentration=Concentration(
            hhi=round(index, 4),
            effective_owners=round(1 / index, 2) if index else 0.0,
            gini=round(gini(values), 4),
        ),
    )
    return Workload(cascade=cascade, totals=totals, distinct=distinct, owners=loads, spread=spread)
