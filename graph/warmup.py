"""Warm caches: what the explorer's first visits would wait for, prepared in the background.

A cascade's check report and a region's report are cached per load (``pokin.graph.report``),
and Neo4j plans each query once; both costs fall on the first visitor after a load or a start
(seconds for a region of forty agencies). ``Warmer`` runs in one daemon thread of the server:
at start-up, and whenever a cascade's ``load_id`` changes (it looks every ``interval``
seconds, and at once when the API's own load pokes it), it reads every changed cascade's home
page and every region's page data, which files their reports in the cache and plans their
queries. A failure (the database down) is logged and tried again at the next look.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from pokin.core.errors import PokinError
from pokin.graph.db import Db
from pokin.graph.pages import home_page
from pokin.graph.region import list_regions, region_overview
from pokin.graph.workload import region_workload

#: The warmer thread's name (tests that count reads leave its reads out).
WARM_THREAD = "pokin-warm"

#: Seconds between two looks at the cascades' load_ids.
DEFAULT_INTERVAL = 5.0

_log = logging.getLogger("pokin.warm")


def load_versions(db: Db) -> dict[str, str]:
    """Every loaded cascade's ``load_id``, by cascade id."""
    return {r["id"]: r["load_id"] for r in db.rows("graph_versions")}


@dataclass(frozen=True)
class Warmed:
    """What one round prepared."""

    versions: dict[str, str]
    cascades: list[str]
    regions: list[str]
    seconds: float


def warm(db: Db, since: dict[str, str] | None = None) -> Warmed:
    """Prepare the pages of every cascade loaded (or loaded again) since ``since`` (None: all)
    and, when any was, of every region (a region's report depends on all its cascades)."""
    started = time.perf_counter()
    now = load_versions(db)
    since = since or {}
    changed = sorted(c for c, v in now.items() if since.get(c) != v)
    regions: list[str] = []
    if changed:
        home_page(db, None)  # the home of several cascades
        for cascade in changed:
            home_page(db, cascade)
        for region in list_regions(db):
            for _ in range(2):  # the second time from the cache: the queries' plans run hot
                region_overview(db, region.region)
                region_workload(db, region.region)
            regions.append(region.region)
    return Warmed(now, changed, regions, time.perf_counter() - started)


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
        self.versions: dict[str, str] | None = None
        self.rounds = 0
        self.last: Warmed | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._busy = threading.Event()
        self._thread: threading.Thread | None = None

    def is_warm(self, versions: dict[str, str]) -> bool:
        """True when the last round prepared the graph as it is now (``versions``: every
        cascade's ``load_id`` just read) and no round is under way."""
        return not self._busy.is_set() and self.versions == versions

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

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self._busy.set()
            try:
                round_ = warm(self.db, self.versions)
            except PokinError as exc:  # the database down or busy: next look
                _log.warning("warming the caches failed: %s", exc)
            except Exception:  # noqa: BLE001 - a bug must not end the thread silently
                _log.exception("warming the caches failed")
            else:
                self.versions = round_.versions
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
            finally:
                self._busy.clear()
            self._wake.wait(self.interval)
