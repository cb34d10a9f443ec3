"""pokin's one error vocabulary.

Every failure a user can meet is one of these classes, whatever the surface. Each class says
once how it is shown: ``http_status`` for the JSON API and the HTML pages (``pokin.api.errors``
maps both from it), ``exit_code`` for the command line (``pokin.cli``). No route, page or command
catches and re-raises them by hand.

Exit codes (also in the README): 0 ok; 1 findings, or what was asked for does not exist; 2 the
command cannot run (bad input, conflict, database unreachable or too slow).

Messages are said in the current locale when the error is made (``pokin.core.i18n``: a
request's language, the command line's), with the data in named placeholders.

Errors of the Neo4j driver never travel above ``pokin.graph``: ``from_driver`` turns them into
``Unavailable`` or ``Timeout`` where they happen (the read and write helpers of
``pokin.graph.db``), so an authentication failure is the same 503 on a JSON route and on a page,
and the same exit code 2 on the command line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from pokin.core.i18n import N_, _, ngettext
from pokin.core.suggest import close_matches, did_you_mean

#: The most characters of one message shown to a user (bounded answers to hostile input).
MAX_MESSAGE = 2000


def _bounded(message: str, limit: int = MAX_MESSAGE) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


class PokinError(Exception):
    """Base of every error a user may see. ``str(error)`` is the one-line message."""

    http_status = 500
    exit_code = 2
    #: An English msgid: pages show it in their language (``pokin.core.i18n``).
    title = N_("Error")

    def __init__(self, message: str) -> None:
        super().__init__(_bounded(message))

    @property
    def message(self) -> str:
        return str(self.args[0])

    @property
    def http_headers(self) -> dict[str, str]:
        """The headers its HTTP answer carries (how to authenticate, when to retry)."""
        return {}


# --- what was asked for does not exist ------------------------------------------------------------


class NotFound(PokinError):
    http_status = 404
    exit_code = 1
    title = N_("Not found")


class CascadeNotFound(NotFound):
    """No cascade of this id is loaded (or none at all, when no id was given). ``known``: the
    cascades loaded, the closest of which the message suggests."""

    def __init__(self, cascade_id: str | None, known: Iterable[str] = ()) -> None:
        self.suggestions = close_matches(cascade_id, known) if cascade_id else []
        super().__init__(
            _("no cascade named %(id)s") % {"id": repr(cascade_id)} + did_you_mean(self.suggestions)
            if cascade_id
            else _("no cascade is loaded (load one with `pokin load`)")
        )
        self.cascade_id = cascade_id


class CascadeNotChosen(NotFound):
    """Several cascades are loaded and the request names none (and no default is set)."""

    def __init__(self, choices: Iterable[str]) -> None:
        self.choices = list(choices)
        super().__init__(
            _(
                "%(n)s cascades are loaded (%(ids)s); name one (?cascade= on the API, --cascade "
                "on the command line) or set POKIN_DEFAULT_CASCADE"
            )
            % {"n": len(self.choices), "ids": ", ".join(self.choices[:10])}
        )


class RegionNotFound(NotFound):
    """No cascade of this region (no agency names it, no RPJMD plans for it) is loaded."""

    def __init__(self, region: str) -> None:
        super().__init__(_("no cascade of region %(region)s is loaded") % {"region": repr(region)})
        self.region = region


#: What a not-found element or owner may have meant: each known text (id, code, name, title)
#: mapped to the id to suggest for it.
Known = Mapping[str, str] | Iterable[str]


def _in(cascade: str | None) -> str:
    return _(" in cascade %(cascade)s") % {"cascade": repr(cascade)} if cascade else ""


class ElementNotFound(NotFound):
    """No element has this id or code (in ``cascade``, when named); the message suggests the
    closest of ``known``."""

    def __init__(self, element_id: str, known: Known = (), cascade: str | None = None) -> None:
        self.suggestions = close_matches(element_id, known)
        super().__init__(
            _("no element with id or code %(id)s") % {"id": repr(element_id)}
            + _in(cascade)
            + did_you_mean(self.suggestions)
        )
        self.element_id = element_id


class OwnerNotFound(NotFound):
    """No owner has this id (in ``cascade``, when named); the message suggests the closest of
    ``known`` (owner ids and titles)."""

    def __init__(self, owner_id: str, known: Known = (), cascade: str | None = None) -> None:
        self.suggestions = close_matches(owner_id, known)
        super().__init__(
            _("no owner with id %(id)s") % {"id": repr(owner_id)}
            + _in(cascade)
            + did_you_mean(self.suggestions)
        )
        self.owner_id = owner_id


class UnknownCheck(NotFound):
    """A check name that is not registered: a bad argument, so the command cannot run."""

    exit_code = 2

    def __init__(self, names: Iterable[str], known: Iterable[str] = ()) -> None:
        self.names = sorted(names)
        known = list(known)
        tail = _("; the checks are: %(known)s") % {"known": ", ".join(known)} if known else ""
        said = ngettext("unknown check: %(names)s", "unknown checks: %(names)s", len(self.names))
        super().__init__(said % {"names": ", ".join(self.names)} + tail)


class UnknownView(NotFound):
    exit_code = 2

    def __init__(self, name: str, known: Iterable[str] = ()) -> None:
        self.name = name
        super().__init__(
            _("no graph view named %(name)s; the views are: %(known)s")
            % {"name": repr(name), "known": ", ".join(known)}
        )


class UnknownQuery(NotFound):
    """A named query that has no ``.cypher`` file: a programming error, shown plainly."""

    def __init__(self, name: str) -> None:
        super().__init__(_("no query named %(name)s") % {"name": repr(name)})
        self.name = name


class StaticNotFound(NotFound):
    def __init__(self, name: str) -> None:
        super().__init__(_("no static file %(name)s") % {"name": repr(name)})


class LoadingDisabled(NotFound):
    """No ``POKIN_API_KEY`` is set, so the API's write route does not exist here."""

    def __init__(self) -> None:
        super().__init__(_("loading over the API is disabled: no POKIN_API_KEY is set"))


# --- the caller may not do it ---------------------------------------------------------------------


class ApiKeyRequired(PokinError):
    """A write route asked for without an API key (header ``X-API-Key``)."""

    http_status = 401
    title = N_("API key required")

    def __init__(self) -> None:
        super().__init__(_("an API key is required (header X-API-Key)"))

    @property
    def http_headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "X-API-Key"}


class ApiKeyInvalid(PokinError):
    """A write route asked for with a key that is not ``POKIN_API_KEY``."""

    http_status = 403
    title = N_("Forbidden")

    def __init__(self) -> None:
        super().__init__(_("the API key is not valid"))


# --- the input is not acceptable ------------------------------------------------------------------


class Invalid(PokinError):
    """The input cannot be used as given (a bad file, body, parameter or setting)."""

    http_status = 422
    exit_code = 2
    title = N_("Invalid input")


class TooLarge(Invalid):
    http_status = 413
    title = N_("Too large")


@dataclass(frozen=True)
class Problem:
    """One validation problem. ``line`` is the 1-based YAML line (None when unknown);
    ``element_id`` is the id of the innermost element holding the problem (or its path, e.g.
    ``targets[3]``, when that element has no usable id); ``field`` is the dotted path below it."""

    file: str
    line: int | None
    element_id: str
    field: str
    message: str

    @classmethod
    def of_file(cls, file: str, message: str, line: int | None = None) -> Problem:
        """A problem of the file as a whole (it cannot be read, is too large, lacks a part)."""
        return cls(file, line, "(file)", "", message)

    def __str__(self) -> str:
        """``file:line: element.field: message``; an unknown line and the whole file are left
        out rather than written as placeholders."""
        at = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.element_id == "(file)" and not self.field:
            return f"{at}: {self.message}"
        where = self.element_id + (f".{self.field}" if self.field else "")
        return f"{at}: {where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "element_id": self.element_id,
            "field": self.field,
            "message": self.message,
        }


def problem_lines(problems: list[Problem], limit: int = MAX_MESSAGE) -> str:
    """Whole problem lines, as many as fit in ``limit`` characters with the tail that counts
    the rest: a reader sees the true total and never half a line (only a first line longer
    than the bound is cut, since every message is bounded)."""
    lines = [str(p) for p in problems]

    def tail(shown: int) -> str:
        more = len(lines) - shown
        if not more:
            return ""
        return "\n" + ngettext(
            "... and %(n)s more problem", "... and %(n)s more problems", more
        ) % {"n": more}

    shown, size = 0, 0
    for line in lines:
        grown = size + len(line) + (1 if shown else 0)
        if grown + len(tail(shown + 1)) > limit:
            break
        shown, size = shown + 1, grown
    if shown == 0:
        return _bounded(lines[0], limit - len(tail(1))) + tail(1) if lines else ""
    return "\n".join(lines[:shown]) + tail(shown)


class UploadCancelled(PokinError):
    """The client of an upload went away while its file was read: the work stopped and nothing
    was changed (no one reads this answer; the status is only for the server's log)."""

    http_status = 400
    title = N_("Upload cancelled")

    def __init__(self) -> None:
        super().__init__(_("the upload was cancelled by its client; nothing was changed"))


class CascadeValidationError(Invalid):
    """A seed file that cannot be loaded; ``problems`` lists every problem found (the message
    names the first ones; the JSON API sends them all, up to a bound)."""

    title = N_("Not a valid cascade")

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(problem_lines(self.problems))

    @classmethod
    def of_file(cls, file: str, message: str, line: int | None = None) -> CascadeValidationError:
        """The file as a whole cannot be used (``Problem.of_file``)."""
        return cls([Problem.of_file(file, message, line)])

    @property
    def summary(self) -> str:
        n = len(self.problems)
        return ngettext(
            "the file is not a valid cascade (%(n)s problem)",
            "the file is not a valid cascade (%(n)s problems)",
            n,
        ) % {"n": n}


class SettingsError(Invalid):
    """An environment variable holds a value pokin cannot use."""


class ExportUnavailable(Invalid):
    """What an export needs (Playwright, Chromium) is not installed here."""


class Conflict(PokinError):
    """The input is valid but contradicts what is stored; nothing was changed."""

    http_status = 409
    exit_code = 2
    title = N_("Conflict")


#: Cascades an ambiguous id's message names (the error's ``cascades`` holds them all).
AMBIGUOUS_SHOWN = 5


class AmbiguousElement(Conflict):
    """An element id asked for without its cascade is held by several cascades: the caller
    must name the cascade (``/api/cascades/{cascade}/elements/{id}``, ``?cascade=``,
    ``--cascade``). ``cascades`` lists them."""

    title = N_("Ambiguous element id")

    def __init__(self, element_id: str, cascades: Iterable[str]) -> None:
        self.element_id = element_id
        self.cascades = sorted(cascades)
        shown = ", ".join(self.cascades[:AMBIGUOUS_SHOWN])
        if len(self.cascades) > AMBIGUOUS_SHOWN:
            shown += _(" and %(n)s more") % {"n": len(self.cascades) - AMBIGUOUS_SHOWN}
        super().__init__(
            _("element id %(id)s is held by %(n)s cascades (%(shown)s); name the cascade")
            % {"id": repr(element_id), "n": len(self.cascades), "shown": shown}
        )


class LoadError(Conflict):
    """The cascade could not be written; the database is unchanged."""


class CascadeExists(Conflict):
    """A load would merge into cascades already stored, and neither replacing them nor
    merging into them was asked for; nothing was changed."""

    title = N_("Cascade already loaded")

    def __init__(self, cascade_ids: Iterable[str]) -> None:
        self.cascade_ids = sorted(cascade_ids)
        shown = ", ".join(self.cascade_ids[:10]) + (" ..." if len(self.cascade_ids) > 10 else "")
        said = ngettext(
            "%(n)s cascade of this load is already stored (%(shown)s); nothing was changed. "
            "Load with --replace to make it exactly the file's (?replace=true over the API), "
            "or --merge to upsert into it (?merge=true)",
            "%(n)s cascades of this load are already stored (%(shown)s); nothing was changed. "
            "Load with --replace to make them exactly the file's (?replace=true over the API), "
            "or --merge to upsert into them (?merge=true)",
            len(self.cascade_ids),
        )
        super().__init__(said % {"n": len(self.cascade_ids), "shown": shown})


class LoadBusy(Conflict):
    """Other loads kept the cascades locked longer than a load waits: nothing was changed,
    and trying again once they have finished will do (not an outage of the database)."""

    title = N_("Another load is running")

    def __init__(self, waited: float) -> None:
        super().__init__(
            _(
                "another load of these cascades is running (waited %(seconds)s s); nothing was "
                "changed; try again when it has finished"
            )
            % {"seconds": f"{waited:.0f}"}
        )


class ExportError(Conflict):
    """The stored cascade holds something no seed model can say (a property or link the
    mapping of ``pokin.graph.loader.GRAPH_PROPERTIES`` does not know): the export names it and
    writes nothing, rather than drop it."""


# --- the database cannot do it right now ----------------------------------------------------------


class Unavailable(PokinError):
    """The graph database cannot be reached or used right now. Retrying later may help."""

    http_status = 503
    exit_code = 2
    title = N_("The database is not reachable")
    #: Seconds a client should wait before it tries again (every 503 says so).
    retry_after = 5

    @property
    def http_headers(self) -> dict[str, str]:
        return retry_after_header()


def retry_after_header() -> dict[str, str]:
    """The ``Retry-After`` header every 503 carries (``Unavailable.retry_after``)."""
    return {"Retry-After": str(Unavailable.retry_after)}


class Timeout(Unavailable):
    """A query ran past the configured timeout (``POKIN_QUERY_TIMEOUT``) and was stopped."""

    title = N_("The query took too long")


class LocalNeo4jError(Unavailable):
    """The project's local Neo4j could not be built, started or stopped; the message says why."""

    title = N_("The local Neo4j could not be run")


#: A msgid: said in the current locale where the error is made.
TIMEOUT_MESSAGE = N_(
    "the read ran past the configured timeout (POKIN_QUERY_TIMEOUT) and was stopped; "
    "narrow the request or raise the timeout"
)

_TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.TransactionTimedOut",
)


def is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, Neo4jError) and (exc.code or "") in _TIMEOUT_CODES


def from_driver(exc: BaseException) -> PokinError | None:
    """The pokin error a driver exception means, or None for a programming error (a Cypher
    syntax error, say) that should stay a bug. The message never names the server's address."""
    if isinstance(exc, PokinError):
        return exc
    if is_timeout(exc):
        return Timeout(_(TIMEOUT_MESSAGE))
    if isinstance(exc, AuthError) or (
        isinstance(exc, Neo4jError) and (exc.code or "").startswith("Neo.ClientError.Security.")
    ):
        return Unavailable(
            _(
                "the graph database refused pokin's credentials (AuthError); "
                "check NEO4J_USER and NEO4J_PASSWORD"
            )
        )
    if isinstance(exc, ServiceUnavailable | SessionExpired | TransientError):
        return Unavailable(
            _("the graph database is not reachable right now; try again shortly (%(kind)s)")
            % {"kind": type(exc).__name__}
        )
    if isinstance(exc, ClientError):
        return None
    if isinstance(exc, DriverError | Neo4jError | OSError):
        return Unavailable(
            _("the graph database cannot be used right now (%(kind)s)")
            % {"kind": type(exc).__name__}
        )
    return None


#: Driver exceptions the surfaces translate with ``from_driver`` as a last line of defence.
DRIVER_ERRORS = (DriverError, Neo4jError)
