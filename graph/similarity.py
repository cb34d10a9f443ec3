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
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import chain
from typing import Any

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


# --------------------------------------------------------------------------- the check's rows
def name_groups(
    records: list[dict[str, Any]],
) -> tuple[list[tuple[str | None, dict[str, str]]], dict[str, str], dict[str, str]]:
    """The names to compare, from the query's records (one per kind and level, its ``names`` a
    list of ``[id, name, code, names of the delivering units]``, the last two optional): one
    ``(level, {id: name})`` group per kind and level, in the order the rows are made, and every
    element's name and code.

    A result named as a unit delivering it (a planning-system export names its results so)
    repeats the units' pair, so it is not compared."""
    groups: dict[tuple[str, str | None], dict[str, str]] = defaultdict(dict)
    names, codes = {}, {}
    for r in records:
        members = groups[(r["kind"], r["level"])]
        for element_id, name, *more in r["names"]:
            code, units = (more + [None, None])[:2]
            names[element_id], codes[element_id] = name, code
            own = normalise_name(name or "")
            if units and any(normalise_name(u or "") == own for u in units):
                continue
            members[element_id] = name or ""
    ordered = sorted(groups.items(), key=lambda kv: str(kv[0]))
    return [(level, members) for (_kind, level), members in ordered], names, codes


def pair_rows(
    groups: list[tuple[str | None, dict[str, str]]],
    found: list[list[tuple[str, str, float]]],
    names: dict[str, str],
    codes: dict[str, str],
) -> list[dict[str, Any]]:
    """The check's rows from each group's similar pairs (``found``, in ``groups``' order):
    each pair once, except two units whose official codes differ (distinct items of the
    nomenclature: the SMA, SMK and SLB variants of one sub-activity)."""
    rows = []
    for (level, _members), pairs in zip(groups, found, strict=True):
        for a, b, sim in pairs:
            if codes[a] and codes[b] and codes[a] != codes[b]:
                continue
            rows.append(
                {
                    "id": a,
                    "detail": {
                        "similar_to": b,
                        "similar_name": names[b],
                        "similarity": sim,
                        "level": level,
                    },
                }
            )
    return sorted(rows, key=lambda r: (r["id"], r["detail"]["similar_to"]))


def near_duplicate_rows(
    records: list[dict[str, Any]],
    pairs: Callable[[dict[str, str]], list[tuple[str, str, float]]] = similar_pairs,
) -> list[dict[str, Any]]:
    """Near-duplicate pairs within each kind and level, from the query's records (see
    ``name_groups``); ``pairs`` is replaceable so that the tests can run the reference
    algorithm through the same code. Only pairs that may be one thing entered twice
    (``pair_rows``)."""
    groups, names, codes = name_groups(records)
    return pair_rows(groups, [pairs(members) for _level, members in groups], names, codes)


# --------------------------------------------------------------------------- another process
#: Names at or above which ``RowsElsewhere`` works in another process: below it the rows take
#: milliseconds here, less than starting an interpreter.
ELSEWHERE_FROM = 2_000


def names_in(records: list[dict[str, Any]]) -> int:
    """How many names ``near_duplicate_rows`` would look at in ``records``."""
    return sum(len(r["names"]) for r in records)


class RowsElsewhere:
    """``near_duplicate_rows`` of several cascades' records, worked out in a child interpreter
    (``python -m pokin.graph.similarity``: records in, rows out, as JSON) while this process
    does something else: a load starts it before its write transaction, so the pairs use the
    second core while the database writes on the first (a thread would share the GIL with the
    write's client side). Exact: the same function on the same records. Whatever goes wrong
    with the child (it cannot start, dies, answers nonsense), ``result`` works them out here."""

    #: The child's command line.
    COMMAND = (sys.executable, "-m", __name__)

    def __init__(self, records: list[list[dict[str, Any]]]) -> None:
        import subprocess
        import threading

        self._records = records
        self._answer: bytes | None = None
        self._child: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._done: list[list[dict[str, Any]]] | None = None
        try:
            self._child = subprocess.Popen(
                list(self.COMMAND),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return
        given = json.dumps(records, ensure_ascii=False).encode("utf-8")
        # the child reads while this process goes on (a pipe holds 64 KiB)
        self._thread = threading.Thread(
            target=self._talk, args=(self._child, given), name="pokin-pairs", daemon=True
        )
        self._thread.start()

    def _talk(self, child: Any, given: bytes) -> None:
        try:
            answer, _ = child.communicate(given)
        except (OSError, ValueError):
            return
        if child.returncode == 0:
            self._answer = answer

    def result(self) -> list[list[dict[str, Any]]]:
        """Each cascade's rows, in the order of the records given."""
        if self._done is None:
            if self._thread is not None:
                self._thread.join()
            found = None
            try:
                found = json.loads(self._answer) if self._answer is not None else None
            except ValueError:
                pass
            if not (isinstance(found, list) and len(found) == len(self._records)):
                found = [near_duplicate_rows(records) for records in self._records]
            self._done = found
        return self._done

    def close(self) -> None:
        """Stop the child if it is still working (the load it was for failed)."""
        if self._child is not None and self._child.poll() is None:
            self._child.kill()


def _main() -> None:
    """The child's side of ``RowsElsewhere``: a JSON list of record lists on stdin, the JSON
    list of their rows on stdout."""
    given = json.loads(sys.stdin.buffer.read())
    sys.stdout.write(json.dumps([near_duplicate_rows(r) for r in given], ensure_ascii=False))


if __name__ == "__main__":
    _main()
