"""The near-duplicate check's previous algorithm (PPJoin), kept as the reference the tests and
``bench/bench_checks.py`` compare ``pokin.graph.similarity.similar_pairs`` with: dev-only, so it
is not part of the installed package."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from pokin.graph.similarity import NEAR_DUPLICATE_THRESHOLD, normalise_name, trigrams


def similar_pairs_ppjoin(
    names: dict[str, str], threshold: float = NEAR_DUPLICATE_THRESHOLD
) -> list[tuple[str, str, float]]:
    """The previous algorithm, kept as the reference for ``similar_pairs`` (same result).

    All-pairs with prefix and positional filtering (PPJoin, Xiao et al. 2008): trigrams are
    ordered rarest first; two sets with Jaccard >= t share one of the first
    ``|s| - ceil(t * |s|) + 1`` trigrams of each, and a candidate is dropped as soon as the
    trigrams left after the shared one cannot reach the overlap that t needs. Sets are
    visited by increasing size, so a candidate's size bounds the similarity too."""
    sets = {i: trigrams(normalise_name(n)) for i, n in names.items()}
    freq = Counter(g for s in sets.values() for g in s)
    rank = {g: r for r, g in enumerate(sorted(freq, key=lambda g: (freq[g], g)))}
    order = sorted(sets, key=lambda k: (len(sets[k]), k))
    tokens = [sorted(rank[g] for g in sets[k]) for k in order]
    as_sets = [frozenset(t) for t in tokens]
    index: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # token -> (rec, pos, size)
    found: list[tuple[str, str, float]] = []
    factor = threshold / (1 + threshold)
    pruned = -(10**9)
    for n, x in enumerate(tokens):
        size = len(x)
        probe = size - math.ceil(threshold * size) + 1
        # sets come by increasing size, so a later partner y has |y| >= |x|: indexing the
        # shorter prefix |x| - ceil(2t/(1+t) |x|) + 1 is enough (PPJoin's "mid-prefix")
        indexed = size - math.ceil(2 * factor * size) + 1
        smallest = threshold * size
        need = {}  # overlap needed with a partner of this size
        overlap: dict[int, int] = {}
        for pos in range(min(probe, size)):
            left = size - pos - 1
            for j, jpos, other in index[x[pos]]:
                if other < smallest:  # too small to be similar enough
                    continue
                seen = overlap.get(j, 0)
                if seen < 0:
                    continue
                needed = need.get(other)
                if needed is None:
                    needed = need[other] = math.ceil(factor * (size + other) - 1e-9)
                rest = other - jpos - 1
                if seen + 1 + (left if left < rest else rest) >= needed:
                    overlap[j] = seen + 1
                else:
                    overlap[j] = pruned  # can no longer reach the overlap needed
            if pos < indexed:
                index[x[pos]].append((n, pos, size))
        mine = as_sets[n]
        for j, seen in overlap.items():
            if seen <= 0:
                continue
            common = len(mine & as_sets[j])
            sim = common / (size + len(tokens[j]) - common)
            if sim >= threshold:
                a, b = sorted((order[n], order[j]))
                found.append((a, b, round(sim, 3)))
    return sorted(found)
