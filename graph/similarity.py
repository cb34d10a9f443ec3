"""Near-duplicate names: which names of a list are nearly the same.

Names are normalised (case folded, accents removed, punctuation dropped, whitespace collapsed)
and compared by the Jaccard similarity of their character trigrams; pairs at or above the
threshold are near-duplicates.

``similar_pairs`` finds them with a bitset count filter (see its docstring): the work per name
is a few dozen big-integer operations done in C instead of a Python loop over every candidate,
which is what made the near-duplicate check most of the report's time at region scale
(issue 14). The previous algorithm (PPJoin: prefix and positional filtering) is kept in
``tests/similarity_reference.py``, as the reference the tests and the benchmark compare with.

rapidfuzz was measured as an alternative (trigram sets coded as sorted strings, so that the
Indel similarity is the Dice coefficient, a monotone function of Jaccard): its code points above
255 take its slow hash-map path and ``cdist`` was slower than the pure-Python PPJoin.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from itertools import chain

#: Trigram Jaccard similarity at or above which two names of a level are near-duplicates.
NEAR_DUPLICATE_THRESHOLD = 0.8


def normalise_name(name: str) -> str:
    """Case folded, accents removed, punctuation dropped, whitespace collapsed."""
    if name.isascii():  # nothing to decompose: skip the per-character pass
        text = name.casefold()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def trigrams(text: str) -> frozenset[str]:
    padded = f"  {text} "
    return frozenset(map("".join, zip(padded, padded[1:], padded[2:], strict=False)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


#: How many trigrams beyond the allowed misses the count filter looks at (measured: 6 is the
#: fastest on the generated x100 cascade; any value gives the same pairs).
_EXTRA = 6


def similar_pairs(
    names: dict[str, str], threshold: float = NEAR_DUPLICATE_THRESHOLD
) -> list[tuple[str, str, float]]:
    """Pairs of ids whose normalised names have trigram Jaccard >= ``threshold``, as
    ``(id_a, id_b, similarity)`` with ``id_a < id_b``.

    Names are visited by increasing trigram count; each is compared with the names before it,
    which are no larger. If y is no larger than x and Jaccard(x, y) >= t, then
    |x & y| >= t|x|, so y lacks at most ``misses = |x| - ceil(t|x|)`` of x's trigrams, and
    therefore holds at least ``q - misses`` of *any* q of them. The filter takes x's q rarest
    trigrams (q = misses + ``_EXTRA``) and counts, for all earlier names at once, how many of
    them each holds: per trigram a bitset of the names holding it (one Python int, bit i =
    the i-th name), and "holds at least k" bitsets updated with ``&`` and ``|``. Only the
    survivors (within the size window t|x| <= |y| <= |x|) are compared exactly, by the popcount
    of their trigram bitsets. Exact: the filter only drops pairs that cannot reach t."""
    sets = {i: trigrams(normalise_name(n)) for i, n in names.items()}
    freq = Counter(chain.from_iterable(sets.values()))
    rank = {g: r for r, g in enumerate(sorted(freq, key=lambda g: (freq[g], g)))}
    order = sorted(sets, key=lambda k: (len(sets[k]), k))
    tokens = [sorted(map(rank.__getitem__, sets[k])) for k in order]
    sizes = [len(t) for t in tokens]
    masks = [sum(map((1).__lshift__, t)) for t in tokens]
    holders: dict[int, int] = {}  # trigram rank -> bitset of the names (so far) holding it
    found: list[tuple[str, str, float]] = []
    for n, x in enumerate(tokens):
        size = sizes[n]
        misses = size - math.ceil(threshold * size - 1e-9)
        q = min(size, misses + _EXTRA)
        need = q - misses
        at_least = [0] * (need + 1)  # at_least[k]: names holding >= k of x's first q trigrams
        for r in x[:q]:
            held = holders.get(r)
            if held:
                for k in range(need, 1, -1):
                    at_least[k] |= at_least[k - 1] & held
                at_least[1] |= held
        lo = bisect.bisect_left(sizes, threshold * size - 1e-9)
        candidates = at_least[need] >> lo if need > 0 else ((1 << n) - 1) >> lo
        if candidates:
            bits = format(candidates, "b")[::-1]
            mine = masks[n]
            i = bits.find("1")
            while i >= 0:
                j = lo + i
                common = (mine & masks[j]).bit_count()
                sim = common / (size + sizes[j] - common)
                if sim >= threshold:
                    a, b = sorted((order[n], order[j]))
                    found.append((a, b, round(sim, 3)))
                i = bits.find("1", i + 1)
        bit = 1 << n
        for r in x:
            holders[r] = holders.get(r, 0) | bit
    return sorted(found)
