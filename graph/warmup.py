"""Warm caches: what the explorer's first visits would wait for, prepared in the background.

A cascade's check report and a region's report are cached per load (``pokin.graph.report``),
and Neo4j plans each query once; both costs fall on the first visitor after a load or a start
(seconds for a region of forty agencies). ``Warmer`` runs in one daemon thread of the server:
at start-up, and whenever the graph's stamp moves (it looks every ``interval`` seconds, one
index seek, and at once when the API's own load pokes it), it reads the home page of every
cascade whose ``load_id`` changed and the page data of their regions (of every region at
start-up), which files their reports in the cache and plans their queries: a load in one
region does not make the warmer read the others. A failure (the database down) is logged and
tried again at the next look.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from pokin.core.errors import PokinError
from pokin.graph.db import Db, graph_version
from pokin.graph.pages import home_page
from pokin.graph.region import list_regions, region_overview
from pokin.graph.workload import region_workload

#: The warmer thread's name (tests that count reads leave its reads out).
WARM_THREAD = "pokin-warm"

#: Seconds between two looks at the cascades' load_ids.
DEFAULT_INTERVAL = 5.0

_log = logging.getLogger("pokin.warm")


#: A cascade's state as the warmer sees it: its load_id and its region.
Version = tuple[str, str | None]


def load_versions(db: Db) -> dict[str, Version]:
    """Every loaded cascade's ``load_id`` and region, by cascade id."""
    return {r["id"]: (r["load_id"], r["region"]) for r in db.rows("graph_versions")}


@dataclass(frozen=True)
class Warmed:
    """What one round prepared (``stamp``: the graph's version it started from)."""

    versions: dict[str, Version]
    cascades: list[str]
    regions: list[str]
    seconds: float
    stamp: str | None = None


def warm(db: Db, since: dict[str, Version] | None = None) -> Warmed:
    """Prepare the pages of every cascade loaded (or loaded again, or touched by a load) since
    ``since`` (None: all, and every region) and of the regions those belong or belonged to (a
    region's report depends on all its cascades; the others' stay cached)."""
    started = time.perf_counter()
    stamp = db.read(graph_version)
    now = load_versions(db)
    changed = sorted(c for c, v in now.items() if (since or {}).get(c) != v)
    regions: list[str] = []
    if changed:
        if since is None:
            wanted = {r.region for r in list_regions(db)}
        else:
            wanted = {v[1] for c in changed for v in (now.get(c), since.get(c)) if v and v[1]}
        home_page(db, None)  # the home of several cascades
        for cascade in changed:
            home_page(db, cascade)
        for region in sorted(wanted):
            for _ in range(2):  # the second time from the cache: the queries' plans run hot
                region_overview(db, region)
                region_workload(db, region)
            regions.append(region)
    return Warmed(now, changed, regions, time.perf_counter() - started, stamp)


class Warmer:
    """The background thread that keeps the caches warm (``start``/``stop`` from the app's
    lifespan, ``poke`` after a load made through the API)."""

    def __init__(
        self,
        db: Db,
        interval: float = DEFAULT_INTERVAL,
        on_round: Callable[[Warmed], None] | None = None,
    ) -> None:
        self.db = db
        self.interval = interval
        self.on_round = on_round
        self.versions: dict[str, Version] | None = None
        self.stamp: str | None = None
        self.rounds = 0
        self.last: Warmed | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._busy = threading.Event()
        self._thread: threading.Thread | None = None

    def is_warm(self, stamp: str | None) -> bool:
        """True when the last round prepared the graph as it is now (``stamp``: the graph's
        version just read, ``pokin.graph.db.graph_version``) and no round is under way."""
        return not self._busy.is_set() and self.rounds > 0 and self.stamp == stamp

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=WARM_THREAD, daemon=True)
        self._thread.start()

    def poke(self) -> None:
        """Look again now (a load has just committed)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _finished(self, round_: Warmed) -> None:
        self.versions = round_.versions
        self.stamp = round_.stamp
        self.rounds += 1
        self.last = round_
        if round_.cascades:
            _log.info(
                "warmed %d cascade(s) and %d region(s) in %.1f s",
                len(round_.cascades),
                len(round_.regions),
                round_.seconds,
            )
        if self.on_round is not None:
            self.on_round(round_)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self._busy.set()
            try:
                # one index seek per look; the cascades are read only when it moved
                moved = not self.rounds or self.db.read(graph_version) != self.stamp
                round_ = warm(self.db, self.versions) if moved else None
            except PokinError as exc:  # the database down or busy: next look
                _log.warning("warming the caches failed: %s", exc)
            except Exception:  # noqa: BLE001 - a bug must not end the thread silently
                _log.exception("warming the caches failed")
            else:
                if round_ is not None:  # None: nothing written since the last round
                    self._finished(round_)
            finally:
                self._busy.clear()
            self._wake.wait(self.interval)
