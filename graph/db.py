"""The one way pokin talks to Neo4j: ``Db``, a driver with its database and query timeout.

Every query function of ``pokin.graph`` takes a ``Db`` and runs its work through
``Db.read`` (or ``Db.write`` for the loader), so that the timeout, the bookmark policy, the
translation of driver errors and the consistency guard are written once:

- **timeout**: each transaction carries ``timeout`` seconds (``POKIN_QUERY_TIMEOUT``; the API and
  the CLI both pass it from settings); the server stops a transaction that runs longer, and the
  caller gets ``pokin.core.errors.Timeout``.
- **bookmarks**: reads and writes share the driver's bookmark manager, so a read made after a
  load through the same driver sees that load, on a cluster too (causal consistency).
- **errors**: driver exceptions leave this module only as ``Unavailable`` or ``Timeout``.
- **one state per read**: Neo4j reads at read-committed isolation, so two queries of one read
  transaction may see a load that committed between them. Every ``write`` gives the graph's
  one stamp node a new version as its last statement; ``read`` reads the stamp before and
  after its work and runs the work again (at most ``CONSISTENT_ATTEMPTS`` times) when it moved,
  so the answer is made from one state of the graph or it is an ``Unavailable`` 503. One index
  seek each time, however many cascades and regions are loaded.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Concatenate, ParamSpec, TypeVar

from neo4j import Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import TransientError

from pokin.core.errors import (
    DRIVER_ERRORS,
    TIMEOUT_MESSAGE,
    LoadBusy,
    Timeout,
    Unavailable,
    from_driver,
)
from pokin.core.i18n import gettext
from pokin.graph.queries import query

P = ParamSpec("P")
T = TypeVar("T")

#: How often a read is tried when loads keep moving the graph under it.
CONSISTENT_ATTEMPTS = 5

#: The default seconds a transaction may run (``POKIN_QUERY_TIMEOUT`` overrides it).
DEFAULT_TIMEOUT = 30.0

#: How long a write waits, retrying, while other writers hold the locks it needs (the driver
#: itself retries for a few seconds only); then it is ``LoadBusy``, not an outage.
WRITE_LOCK_WAIT = 300.0


def _lock_conflict(exc: TransientError) -> bool:
    """A transient error that another transaction's locks caused (a deadlock, a lock wait
    stopped or timed out), as opposed to the server being unwell."""
    code = exc.code or ""
    return code.startswith("Neo.TransientError.Transaction.") and any(
        word in code for word in ("Deadlock", "Lock", "Outdated")
    )


class _Moved(Exception):
    """The graph changed during a read transaction (internal: the read is retried)."""


@contextmanager
def translated_errors() -> Iterator[None]:
    """Driver exceptions leave as ``Unavailable``/``Timeout`` (programming errors unchanged)."""
    try:
        yield
    except BrokenPipeError:  # the reader of our own output went away: not the database
        raise
    except DRIVER_ERRORS + (OSError,) as exc:
        translated = from_driver(exc)
        if translated is None:
            raise
        raise translated from exc


def graph_version(tx: ManagedTransaction) -> str | None:
    """The graph's version: a new one with every committed write (None before the first)."""
    return tx.run(query("graph_stamp")).single(strict=True)["version"]


def _stamped(work: Callable[..., T]) -> Callable[..., T]:
    """``work``, then a new graph version as the transaction's last statement (so the stamp's
    lock is held only while it commits: writers of other cascades barely wait on it)."""

    def stamped(tx: ManagedTransaction, *args: Any, **kwargs: Any) -> T:
        result = work(tx, *args, **kwargs)
        tx.run(query("graph_stamp_write"), version=uuid.uuid4().hex).consume()
        return result

    return stamped


@dataclass(frozen=True)
class Db:
    """A Neo4j driver, the database to use and the seconds a transaction may run."""

    driver: Driver
    database: str = "neo4j"
    timeout: float = DEFAULT_TIMEOUT
    #: The cascade meant when none is named (``POKIN_DEFAULT_CASCADE``); see
    #: ``pokin.graph.elements.resolve_cascade``.
    default_cascade: str | None = None
    #: seconds a write retries while other writers hold its locks (``WRITE_LOCK_WAIT``)
    write_lock_wait: float = WRITE_LOCK_WAIT

    @classmethod
    def from_settings(cls, driver: Driver, settings: Any) -> Db:
        return cls(
            driver,
            settings.neo4j_database,
            settings.pokin_query_timeout,
            settings.pokin_default_cascade,
        )

    def with_timeout(self, timeout: float) -> Db:
        return replace(self, timeout=timeout)

    def _session(self, mode: str):
        return self.driver.session(
            database=self.database,
            default_access_mode=mode,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
            notifications_min_severity="OFF",
        )

    def read(
        self,
        work: Callable[Concatenate[ManagedTransaction, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Run ``work(tx, *args, **kwargs)`` in one read transaction that sees one state of
        the graph (see the module's docstring), within the timeout."""

        def guarded(tx: ManagedTransaction) -> T:
            started = time.monotonic()
            before = graph_version(tx)
            result = work(tx, *args, **kwargs)
            if graph_version(tx) != before:
                raise _Moved
            if time.monotonic() - started > self.timeout:
                # the server stops a query that runs too long; this stops the Python work a
                # read may do inside its transaction (e.g. comparing names) the same way
                raise Timeout(gettext(TIMEOUT_MESSAGE))
            return result

        unit = unit_of_work(timeout=self.timeout)(guarded)
        with translated_errors():
            for _ in range(CONSISTENT_ATTEMPTS):
                with self._session("READ") as session:
                    try:
                        return session.execute_read(unit)
                    except _Moved:
                        continue
        raise Unavailable(
            gettext(
                "the cascade kept changing while it was read (loads in progress); try again shortly"
            )
        )

    def rows(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """The rows of the named query ``cypher/NAME.cypher``, in one read transaction."""
        return self.read(lambda tx: tx.run(query(name), params).data())

    def write(
        self,
        work: Callable[Concatenate[ManagedTransaction, P], T],
        *args: P.args,
        timeout: float | None = None,
        **kwargs: P.kwargs,
    ) -> T:
        """Run ``work`` in one write transaction (the loader's). ``timeout`` defaults to no
        limit: a large load must not be cut halfway by the read timeout. A transaction another
        writer's locks stopped is run again, with growing pauses, for ``write_lock_wait``
        seconds; then ``LoadBusy`` (409), never an outage. The graph gets a new version with
        it (see ``read``)."""
        unit = unit_of_work(timeout=timeout)(_stamped(work))
        started = time.monotonic()
        pause = 0.05
        with translated_errors():
            while True:
                try:
                    with self._session("WRITE") as session:
                        return session.execute_write(unit, *args, **kwargs)
                except TransientError as exc:
                    if not _lock_conflict(exc):
                        raise
                    waited = time.monotonic() - started
                    if waited > self.write_lock_wait:
                        raise LoadBusy(waited) from exc
                    time.sleep(pause * (1 + random.random()))  # jitter: writers spread out
                    pause = min(pause * 2, 2.0)

    def auto_commit(self, statements: Iterable[str]) -> None:
        """Run schema statements, one auto-commit transaction each (Neo4j does not mix schema
        and data changes in one transaction)."""
        with translated_errors(), self._session("WRITE") as session:
            for statement in statements:
                session.run(statement).consume()
