"""Reading an uploaded file in a child process, so that a hostile file cannot take the server
down with it and its reading stops when its requester goes.

The server reads uploads for many users; a file the readers' own limits do not foresee (memory
that grows inside a library, a recursion that overflows the C stack) must cost one request, not
the process. ``read_isolated`` runs ``read_bytes`` in a child forked from a small server
process that has the readers imported (multiprocessing's ``forkserver``: a fork costs
milliseconds, and never copies the API's threads), with an address-space limit
(``MEMORY_LIMIT``) and a time limit (``READ_TIMEOUT``), and kills it as soon as the caller says
the request is gone (``cancelled``). The cascades come back pickled; a child that dies is a
clear ``Invalid``, never a 500. The child speaks the caller's language: the request's locale
is passed to it (a forked child would start in the default).
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from pokin.core import i18n
from pokin.core.errors import CascadeValidationError, Invalid, PokinError, UploadCancelled
from pokin.core.i18n import _

#: Address space a reading child may use (the readers' own limits keep a valid file far below).
MEMORY_LIMIT = 2 * 1024**3
#: Seconds a file may take to read and validate.
READ_TIMEOUT = 120.0
#: How often the parent looks for the child's answer, its death and the caller's cancellation.
_POLL = 0.05

_context_lock = threading.Lock()
_context: Any = None
_running: set[int] = set()


def _mp() -> Any:
    """The forkserver context, its server preloading the readers (made once per process)."""
    global _context
    with _context_lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["pokin.seed.formats"])
            _context = ctx
        return _context


def running() -> list[int]:
    """The pids of the reading children alive now (the tests watch cancellation with it)."""
    return sorted(_running)


def _child(
    conn: Connection, data: Any, source_name: str, fmt: str | None, memory: int, locale: str
) -> None:
    with i18n.using(locale):
        _read_in_child(conn, data, source_name, fmt, memory)


def _read_in_child(
    conn: Connection, data: Any, source_name: str, fmt: str | None, memory: int
) -> None:
    import resource

    from pokin.seed.formats import read_bytes, report_of

    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (OSError, ValueError):  # a lower hard limit already holds: keep it
        pass
    try:
        read = read_bytes(data, source_name, fmt)
        answer: tuple = ("ok", list(read), report_of(read))
    except CascadeValidationError as exc:
        answer = ("invalid", exc.problems)
    except PokinError as exc:
        answer = ("refused", exc.message)
    except MemoryError:
        said = _("%(file)s: reading it needs more memory than a file may use")
        answer = ("refused", said % {"file": source_name})
    except RecursionError:
        said = _("%(file)s: it is nested too deeply to be read")
        answer = ("refused", said % {"file": source_name})
    conn.send(answer)
    conn.close()


def read_isolated(
    data: Any,
    source_name: str,
    fmt: str | None = None,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    timeout: float = READ_TIMEOUT,
    memory: int = MEMORY_LIMIT,
) -> tuple[list, Any]:
    """``read_bytes(data, source_name, fmt)`` in a child process: ``(cascades, import report
    or None)``. Raises what the reader raises (``CascadeValidationError``, ``Invalid``),
    ``Invalid`` when the child passes its limits or dies, ``UploadCancelled`` as soon as
    ``cancelled()`` is true; the child never outlives the call."""
    ctx = _mp()
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(
        target=_child,
        args=(sender, data, source_name, fmt, memory, str(i18n.current())),
        daemon=True,
    )
    child.start()
    sender.close()
    _running.add(child.pid)
    deadline = time.monotonic() + timeout
    try:
        while not receiver.poll(_POLL):
            if cancelled():
                raise UploadCancelled()
            if time.monotonic() > deadline:
                raise Invalid(
                    _("%(file)s: reading it took longer than %(seconds)s s")
                    % {"file": source_name, "seconds": i18n.number(timeout, 0)}
                )
            if not child.is_alive() and not receiver.poll(0):
                raise Invalid(
                    _(
                        "%(file)s: the file could not be read (the reader stopped, exit code "
                        "%(code)s: it needed more than a file may use)"
                    )
                    % {"file": source_name, "code": child.exitcode}
                )
        try:
            kind, *payload = receiver.recv()
        except (EOFError, OSError):
            stopped = _("%(file)s: the file could not be read (the reader stopped)") % {
                "file": source_name
            }
            raise Invalid(stopped) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(timeout=10)
        _running.discard(child.pid)
        receiver.close()
    if kind == "invalid":
        raise CascadeValidationError(payload[0])
    if kind == "refused":
        raise Invalid(payload[0])
    return payload[0], payload[1]
