"""The report cache's one LRU: bounded, least recently used out first."""

from pokin.graph.report import _REPORTS, BoundedCache


def test_the_least_recently_used_entry_leaves_first():
    cache = BoundedCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # a is now the most recently used
    cache.put("c", 3)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c"), len(cache)) == (1, 3, 2)
    cache.put("a", 4)  # a new value for a key that is held: still two entries
    assert (cache.get("a"), len(cache)) == (4, 2)
    cache.clear()
    assert len(cache) == 0 and cache.get("a") is None


def test_the_report_cache_is_bounded():
    assert _REPORTS.size == 256
