"""``pokin``: the command line (typer). Each command calls into ``graph``, ``api`` or
``visualize``; nothing here talks to Neo4j by itself, and ``pokin.render`` draws the text.

Errors: every command is registered through ``command``, which shows any ``PokinError`` as one
line on standard error and exits with its ``exit_code`` (0 ok; 1 findings or not found; 2
cannot run). No traceback reaches the user.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlparse

import click
import typer
from typer.core import TyperCommand, TyperGroup

from pokin.core.errors import (
    DRIVER_ERRORS,
    CascadeValidationError,
    Invalid,
    PokinError,
    SettingsError,
    Unavailable,
    from_driver,
)
from pokin.core.i18n import N_, _, command_line_locale, number, using
from pokin.core.settings import get_settings
from pokin.graph.db import Db
from pokin.graph.views import TARGET_WORDS, VIEWS, View
from pokin.seed.formats import FORMATS, writable
from pokin.visualize.documents import DOCUMENTS
from pokin.visualize.pictures import FORMATS as PICTURE_FORMATS

if TYPE_CHECKING:
    from pokin.graph.local_server import LocalNeo4j

#: Help texts made from registries (formats, views), by their English text: how to say each in
#: the current locale. Click keeps only the text, so the text finds its way back here.
_COMPOSED: dict[str, Callable[[], str]] = {}


def composed(say: Callable[[], str]) -> str:
    """A help text made from a registry: its English text, said again when the help is shown."""
    with using("en"):
        text = say()
    _COMPOSED[text] = say
    return text


def localised(text: str) -> str:
    """A help text in the current locale (a msgid, or a ``composed`` text)."""
    say = _COMPOSED.get(text)
    return say() if say is not None else _(text)


@contextmanager
def _help_in_locale(ctx: click.Context) -> Iterator[None]:
    """The help of every command and parameter in the command line's language while the help
    is written, restored after: the texts are msgids when the app is built, so importing
    pokin.cli changes no one's language."""
    saved: list[tuple[Any, str, str]] = []

    def translate(cmd: click.Command) -> None:
        for obj in (cmd, *cmd.params):
            for attr in ("help", "short_help"):
                value = getattr(obj, attr, None)
                if isinstance(value, str) and value:
                    saved.append((obj, attr, value))
                    setattr(obj, attr, localised(value))
        for sub in getattr(cmd, "commands", {}).values():
            translate(sub)

    with using(command_line_locale(os.environ)):
        translate(ctx.find_root().command)
        try:
            yield
        finally:
            for obj, attr, value in reversed(saved):
                setattr(obj, attr, value)


class LocalisedGroup(TyperGroup):
    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _help_in_locale(ctx):
            return super().format_help(ctx, formatter)


class LocalisedCommand(TyperCommand):
    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _help_in_locale(ctx):
            return super().format_help(ctx, formatter)


app = typer.Typer(
    cls=LocalisedGroup,
    no_args_is_help=True,
    help=N_("pokin: performance cascades as a Neo4j graph."),
    pretty_exceptions_enable=False,
)
neo4j_app = typer.Typer(
    cls=LocalisedGroup, no_args_is_help=True, help=N_("The project's own local Neo4j (no Docker).")
)
app.add_typer(neo4j_app, name="neo4j")


def fail(exc: PokinError) -> typer.Exit:
    """Say what went wrong in one line (a validation report: one line per problem), control
    characters of the data escaped."""
    from pokin.render import printable

    lines = (_("error: %(message)s") % {"message": exc}).split("\n")
    if isinstance(exc, CascadeValidationError) and len(exc.problems) > 1:
        lines.append(_("%(n)s problem(s) in all; nothing was loaded") % {"n": len(exc.problems)})
    typer.echo("\n".join(printable(line) for line in lines), err=True)
    return typer.Exit(exc.exit_code)


def _guarded(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a command: a ``PokinError`` (or a driver's) becomes one line and an exit code; a
    bug one line too, unless ``POKIN_DEBUG`` asks for its traceback."""
    try:
        return fn(*args, **kwargs)
    except PokinError as exc:
        raise fail(exc) from None
    except DRIVER_ERRORS as exc:
        translated = from_driver(exc)
        if translated is None:
            translated = Unavailable(
                _("the graph database refused the work (%(code)s)") % {"code": exc.code}
            )
        raise fail(translated) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except BrokenPipeError:  # `pokin workload | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python exits
        raise typer.Exit(0) from None
    except Exception as exc:  # a bug: still one line for the user, unless debugging
        if os.environ.get("POKIN_DEBUG"):
            raise
        said = _(
            "error: unexpected failure (%(kind)s: %(error)s); set POKIN_DEBUG=1 to see the "
            "traceback"
        )
        typer.echo(said % {"kind": type(exc).__name__, "error": exc}, err=True)
        raise typer.Exit(2) from None


def command(
    typer_app: typer.Typer = app, name: str | None = None, *, help: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command whose ``PokinError`` becomes a message and an exit code; ``help``
    is a msgid (said in the command line's language when shown)."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            with using(command_line_locale(os.environ)):  # POKIN_LANG, else the locale
                return _guarded(fn, *args, **kwargs)

        return typer_app.command(name, help=help, cls=LocalisedCommand)(run)

    return register


def _local_server() -> LocalNeo4j:
    """The local Neo4j of the settings; ``LocalNeo4jError`` outside a checkout (its launcher
    and data folder live there)."""
    from pokin.graph.local_server import LocalNeo4j, find_launcher  # only pokin neo4j needs it

    settings = get_settings()
    parsed = urlparse(settings.neo4j_uri)
    if parsed.hostname not in LOCAL_HOSTS:
        raise SettingsError(
            _("NEO4J_URI=%(uri)s is not a local address; the local Neo4j only runs on 127.0.0.1")
            % {"uri": settings.neo4j_uri}
        )
    launcher = find_launcher(settings.pokin_neo4j_launcher_dir)
    return LocalNeo4j(
        home=launcher.default_home,
        launcher=launcher,
        port=parsed.port or 7687,
        password=settings.neo4j_password.get_secret_value(),
        heap=settings.pokin_neo4j_heap,
    )


@command(
    help=N_("Print the effective settings as KEY=value lines (password masked)."),
)
def config(
    show_secrets: Annotated[
        bool, typer.Option("--show-secrets", help=N_("print the password too"))
    ] = False,
) -> None:
    for line in get_settings().as_lines(show_secrets=show_secrets):
        typer.echo(line)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@command(
    neo4j_app,
    "up",
    help=N_("Start the local Neo4j in the background unless it runs; wait until Bolt answers."),
)
def neo4j_up(
    if_needed: Annotated[
        bool,
        typer.Option(
            "--if-needed",
            help=N_("start it only where NEO4J_URI points at this machine and nothing answers"),
        ),
    ] = False,
) -> None:
    if if_needed:
        parsed = urlparse(get_settings().neo4j_uri)
        if parsed.hostname not in LOCAL_HOSTS:
            said = _("NEO4J_URI points at %(host)s: using that server")
            typer.echo(said % {"host": parsed.hostname}, err=True)
            return
        from pokin.graph.local_server import port_open

        if port_open(parsed.hostname, parsed.port or 7687):
            said = _("a server answers at %(uri)s: using it")
            typer.echo(said % {"uri": get_settings().neo4j_uri}, err=True)
            return
    server = _local_server()
    seconds = server.start()
    where = {"uri": server.uri, "home": server.home, "log": server.log_file}
    if seconds == 0:
        said = _("Neo4j already running at %(uri)s (data: %(home)s, log: %(log)s)")
    else:
        said = _("Neo4j started in %(seconds)s s at %(uri)s (data: %(home)s, log: %(log)s)")
    typer.echo(said % {**where, "seconds": number(seconds, 1)})
    if seconds:  # a fresh server: the schema, and the load's plans, before the first load
        from pokin.graph.loader import start_warm_up

        with _database() as db:
            start_warm_up(db)


@command(
    neo4j_app,
    "down",
    help=N_("Stop the local Neo4j cleanly."),
)
def neo4j_down() -> None:
    server = _local_server()
    typer.echo(_("Neo4j stopped") if server.stop() else _("Neo4j was not running"))


@command(
    neo4j_app,
    "status",
    help=N_("Say whether the local Neo4j runs (exit code 0) or not (3)."),
)
def neo4j_status() -> None:
    server = _local_server()
    pid = server.pid()
    if pid is None:
        typer.echo(_("Neo4j is not running (data: %(home)s)") % {"home": server.home})
        raise typer.Exit(3)
    said = _("Neo4j is running at %(uri)s (pid %(pid)s, data: %(home)s)")
    typer.echo(said % {"uri": server.uri, "pid": pid, "home": server.home})


@contextmanager
def _database() -> Iterator[Db]:
    """The configured Neo4j, with the timeout of the settings (``POKIN_QUERY_TIMEOUT``)."""
    from pokin.graph.db import translated_errors
    from pokin.graph.driver import create_driver

    settings = get_settings()
    with translated_errors(), create_driver(settings) as driver:
        yield Db.from_settings(driver, settings)


def _choices(formats: Mapping[str, Any]) -> str:
    """The formats of a registry as the help of ``--format`` lists them."""
    return "; ".join(f"{name}: {_(f.help)}" for name, f in formats.items())


#: The formats ``pokin load`` reads (``pokin.seed.formats``), as the choices of ``--format``.
LoadFormat = Enum("LoadFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]


@contextmanager
def _reading_progress() -> Iterator[Callable[[int, int, Path, list[Any]], None]]:
    """How ``pokin load`` follows the files of a folder on standard error: a progress bar on a
    terminal, else one line per file (scripts and tests read lines)."""
    from pokin.render import printable

    if not sys.stderr.isatty():

        def line(n: int, total: int, read: Path, cascades: list[Any]) -> None:
            if total > 1:  # a file name is data: its control characters are shown escaped
                ids = ", ".join(c.cascade.id for c in cascades) or _("not valid")
                said = _("read %(n)s/%(total)s %(file)s: %(ids)s")
                typer.echo(
                    said % {"n": n, "total": total, "file": printable(read.name), "ids": ids},
                    err=True,
                )

        yield line
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(_("reading"), total=None)

        def advance(n: int, total: int, read: Path, cascades: list[Any]) -> None:
            name = escape(printable(read.name))  # a file name is data: no markup, no controls
            bar.update(
                task, total=total, completed=n, description=_("read %(file)s") % {"file": name}
            )

        yield advance


@command(
    help=N_(
        "Validate every cascade of a file or folder (a SIPD export holds one per agency), then "
        "write them all to Neo4j in one transaction: all of them, or nothing."
    ),
)
def load(
    file: Annotated[
        Path | None,
        typer.Argument(
            help=N_(
                "a cascade file, in any format of --format (docs/formats.md), a folder of "
                "pokin's CSV tables (it holds cascade.csv), or a folder of cascade files (every "
                "*.yaml, *.yml, *.json, *.xlsx: a region); default: the seed"
            )
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help=N_("make a cascade already stored exactly the file's")),
    ] = False,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help=N_(
                "upsert into a cascade already stored, keeping (and reporting) what the file "
                "no longer has (without --replace or --merge such a load is refused)"
            ),
        ),
    ] = False,
    fmt: Annotated[
        LoadFormat | None,
        typer.Option(
            "--format",
            help=composed(
                lambda: (
                    _("%(formats)s (default: by the file's extension, else by its content)")
                    % {"formats": _choices(FORMATS)}
                )
            ),
        ),
    ] = None,
    columns: Annotated[
        Path | None,
        typer.Option("--columns", help=N_("YAML mapping of the file's column headers to pokin's")),
    ] = None,
    report_path: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help=N_(
                "write the import report of every row here: FILE.json, or FILE.xlsx (a "
                "workbook); a folder's holds every file's"
            ),
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help=N_(
                "the region of every agency cascade read that names none (a file naming "
                "another region is refused)"
            ),
        ),
    ] = None,
    region_name: Annotated[
        str | None,
        typer.Option("--region-name", help=N_("the region's name, with --region")),
    ] = None,
    into: Annotated[
        str | None,
        typer.Option(
            "--into",
            help=N_(
                "a Renja evaluation table's targets and realisation onto this loaded "
                "cascade's elements (matched by code, else by name; its structure unchanged)"
            ),
        ),
    ] = None,
) -> None:
    from pokin.graph.loader import load_cascades
    from pokin.render import printable
    from pokin.seed import SEED_FILE
    from pokin.seed.formats import (
        RegionOption,
        check_report_path,
        is_cascade_folder,
        read_path,
        reports_of,
        write_reports,
    )

    _no_collection()
    if replace and merge:
        raise Invalid(_("give --replace or --merge, not both"))
    if region_name is not None and region is None:
        raise Invalid(_("--region-name needs --region"))
    if report_path is not None:
        check_report_path(report_path)
    path = file or SEED_FILE
    with _reading_progress() as progress:
        cascades = read_path(
            path,
            fmt.value if fmt else None,
            columns,
            RegionOption(region, region_name) if region is not None else None,
            progress,
        )
    imported = reports_of(cascades)
    if into is not None:
        if merge:
            raise Invalid(_("give --into or --merge, not both"))
        cascades, replace = _into(cascades, imported, into), True
    if report_path is not None:  # written before the load: a bad path fails before any write
        if not imported:
            raise Invalid(
                _("--report: the format of %(path)s gives no import report") % {"path": path}
            )
        if is_cascade_folder(path):
            write_reports(imported, report_path)
        else:
            imported[0].write(report_path)
    if len(cascades) > 1:
        said = _("writing %(n)s cascades in one transaction ...") % {"n": len(cascades)}
        typer.echo(said, err=True)
    with _database() as db:
        summary = load_cascades(db, cascades, replace=replace, merge=merge)
    typer.echo(_("loaded %(path)s") % {"path": path})
    for report in summary.reports:
        for line in report.lines():
            typer.echo(line)
    typer.echo(summary.line())
    for one in imported:  # one line per file that gives a report
        typer.echo(printable(one.summary()))


@functools.cache
def _no_collection() -> None:
    """A load builds hundreds of thousands of containers and no cycles worth collecting, and
    every collection the allocations trigger walks all of them again: while reading, planning
    and sending a large cascade, and once more at exit (measured on x100: 0.3-0.5 s of the
    write and 0.2 s at exit; issue 25). The command's process ends after its one load, so the
    cycle collector is off for it, and what is alive at exit is frozen out of its reach.
    Reference counting frees memory as always; files and the connection are closed by their
    context managers, standard output flushed by Python."""
    import atexit
    import gc

    gc.disable()
    atexit.register(gc.freeze)


def _into(cascades: list, imported: list, into: str) -> list:
    """The stored cascade ``into`` with the Renja table's measurement on its matched elements,
    as the one cascade to load in its place."""
    from pokin.graph.renja import onto_stored

    with _database() as db:
        table = onto_stored(db, [c for c, _ in cascades], imported[0] if imported else None, into)
    return [(table, cascades[0][1])]


@command(
    name="load-realisation",
    help=N_(
        "Load one quarter's realisation into a stored cascade, in one transaction, without "
        "touching its structure: every row, or (on any problem) nothing."
    ),
)
def load_realisation_command(
    file: Annotated[
        Path,
        typer.Argument(
            help=N_(
                "a CSV or xlsx file with the columns indicator (an indicator's id, or a unit's "
                "id or code for its Rp), value (K) and, optional, rp; decimal commas accepted"
            )
        ),
    ],
    year: Annotated[
        int, typer.Option("--year", help=N_("the year it reports (inside the period)"))
    ],
    quarter: Annotated[int, typer.Option("--quarter", help=N_("the quarter it reports: 1-4"))],
    cascade: Annotated[
        str | None,
        typer.Option("--cascade", help=N_("the cascade (default: the default or only one loaded)")),
    ] = None,
) -> None:
    from pokin.graph.elements import resolve_cascade
    from pokin.graph.realisation import load_realisation
    from pokin.seed.schema import read_file_bytes

    data = read_file_bytes(file)
    with _database() as db:
        report = load_realisation(
            db, resolve_cascade(db, cascade), data, file.name, year=year, quarter=quarter
        )
    typer.echo(report.line())


@command(
    help=N_(
        "Run the alignment checks and print the report. Exit code 0: no check of severity error "
        "has findings; 1: some have; 2: the report could not be made."
    ),
)
def check(
    cascade: Annotated[
        str | None,
        typer.Option(
            "--cascade", help=N_("cascade id (default: the only or first loaded cascade)")
        ),
    ] = None,
    names: Annotated[
        list[str] | None,
        typer.Option("--check", help=N_("run only this check (repeatable; default: all)")),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help=N_("check a whole region: every agency's checks and the region checks"),
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("print the report as JSON"))] = False,
) -> None:
    from pokin.core.errors import Invalid
    from pokin.graph.checks import select_checks
    from pokin.graph.elements import resolve_cascade
    from pokin.graph.report import run_checks, run_region_checks
    from pokin.render import render_report

    select_checks(names)  # an unknown name is an error before the database is asked
    if region and cascade:
        raise Invalid(_("give --cascade or --region, not both"))
    with _database() as db:
        if region:
            report = run_region_checks(db, region, names)
        else:
            report = run_checks(db, resolve_cascade(db, cascade), names)
    show(report, render_report, as_json)
    if not report.ok:
        raise typer.Exit(1)


@command(
    help=N_(
        "Trace an element up to the Goal (Tujuan), hop by hop: level, name, owner, indicator and "
        "how each link was decided. Exit code 1 when it does not reach the Goal."
    ),
)
def trace(
    element_id: Annotated[
        str,
        typer.Argument(
            help=N_("id or nomenclature code (either form) of a sub-activity, result, unit, ...")
        ),
    ],
    cascade: Annotated[
        str | None,
        typer.Option(
            "--cascade", help=N_("the element's cascade (needed when several hold the id)")
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("print the trace as JSON"))] = False,
) -> None:
    from pokin.graph.trace import trace_to_goal
    from pokin.render import render_trace

    with _database() as db:
        result = trace_to_goal(db, cascade, element_id)
    show(result, render_trace, as_json)
    if not result.reaches_goal:
        raise typer.Exit(1)


ElementArg = Annotated[
    str, typer.Argument(help=N_("id or nomenclature code of a sub-activity, result, RPJMD Sasaran"))
]
CascadeOpt = Annotated[
    str | None,
    typer.Option("--cascade", help=N_("the element's cascade (needed when several hold the id)")),
]
JsonOpt = Annotated[bool, typer.Option("--json", help=N_("print the answer as JSON"))]


@command(
    help=N_(
        "What depends on an element upwards, across agencies and up to the RPJMD: if it is cut, "
        "what does it endanger?"
    ),
)
def impact(element_id: ElementArg, cascade: CascadeOpt = None, as_json: JsonOpt = False) -> None:
    from pokin.graph.impact import impact as find_impact
    from pokin.render import render_impact

    with _database() as db:
        result = find_impact(db, cascade, element_id)
    show(result, render_impact, as_json)


@command(
    help=N_("What supports an element downwards, across agencies, grouped by agency and owner."),
)
def contributors(
    element_id: ElementArg, cascade: CascadeOpt = None, as_json: JsonOpt = False
) -> None:
    from pokin.graph.impact import contributors as find_contributors
    from pokin.render import render_contributors

    with _database() as db:
        result = find_contributors(db, cascade, element_id)
    show(result, render_contributors, as_json)


@command(
    name="at-risk",
    help=N_(
        "The results whose own or rolled-up capaian is below the threshold, each with its "
        "owner, its budget and the higher results, Tujuan and RPJMD Sasaran it endangers. Exit "
        "code 1 when a result is at risk."
    ),
)
def at_risk(
    cascade: Annotated[
        str | None,
        typer.Argument(help=N_("cascade id (default: the only or first loaded cascade)")),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option("--region", help=N_("every agency of a region and its RPJMD")),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help=N_("the year (default: the latest with a realisation)")),
    ] = None,
    how: Annotated[
        str,
        typer.Option(
            "--how", help=N_("roll-up: mean (default), weight (the links'), budget (pagu)")
        ),
    ] = "mean",
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold", help=N_("at risk below this capaian, % (POKIN_AT_RISK_THRESHOLD)")
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("print the report as JSON"))] = False,
) -> None:
    from pokin.graph.capaian import cascade_at_risk, region_at_risk
    from pokin.render import render_at_risk

    if region and cascade:
        raise Invalid(_("give a cascade or --region, not both"))
    limit = get_settings().pokin_at_risk_threshold if threshold is None else threshold
    with _database() as db:
        if region:
            result = region_at_risk(db, region, year, how, limit)
        else:
            result = cascade_at_risk(db, cascade, year, how, limit)
    show(result, render_at_risk, as_json)
    if result.at_risk:
        raise typer.Exit(1)


@command(
    help=N_(
        "Print every owner's workload (results, indicators and units per level, shares) and how "
        "concentrated ownership is (largest share, HHI, Gini), for a cascade or a whole region. "
        "Exit code 1: no such cascade or region."
    ),
)
def workload(
    cascade: Annotated[
        str | None,
        typer.Option(
            "--cascade", help=N_("cascade id (default: the only or first loaded cascade)")
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help=N_(
                "every owner of every cascade of a region (its RPJMD included), and the "
                "owners grouped by position title across agencies"
            ),
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("print the workload as JSON"))] = False,
) -> None:
    from pokin.graph.elements import resolve_cascade
    from pokin.graph.workload import owner_workload, region_workload
    from pokin.render import render_region_workload, render_workload

    if region and cascade:
        raise Invalid(_("give --cascade or --region, not both"))
    with _database() as db:
        if region:
            result, render = region_workload(db, region), render_region_workload
        else:
            result, render = owner_workload(db, resolve_cascade(db, cascade)), render_workload
    show(result, render, as_json)


#: The graph views of the registry, as the choices of ``pokin graph VIEW``.
ViewName = Enum("ViewName", {name: name for name in VIEWS}, type=str)  # type: ignore[misc]


def _target_help(views: Mapping[str, View]) -> str:
    """The help of ``pokin graph``'s ID: what it names, for which views."""
    parts = []
    for target, words in TARGET_WORDS.items():
        names = [v.name for v in views.values() if v.target == target]
        if names:
            parts.append(f"{_(words)} ({', '.join(names)})")
    if len(parts) < 2:
        return "".join(parts)
    return _("%(all_but_last)s or %(last)s") % {
        "all_but_last": ", ".join(parts[:-1]),
        "last": parts[-1],
    }


def _cascade_help(views: Mapping[str, View]) -> str:
    """The help of ``pokin graph --cascade``: the views it chooses the cascade of."""
    names = [v.name for v in views.values() if v.target in ("cascade", "check")]
    return _(
        "cascade id (%(views)s; of the element when several hold its id; default: the first loaded)"
    ) % {"views": ", ".join(names)}


@command(
    name="graph",
    help=N_("Write a graph view as one standalone HTML file: it opens with no network at all."),
)
def graph_page(
    view: Annotated[
        ViewName,
        typer.Argument(
            metavar="VIEW",
            help=composed(lambda: " | ".join(f"{v.name}: {_(v.help)}" for v in VIEWS.values())),
        ),
    ],
    target: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help=composed(lambda: _target_help(VIEWS))),
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help=N_("the HTML file to write"))
    ] = Path("pokin-graph.html"),
    cascade: Annotated[
        str | None,
        typer.Option("--cascade", help=composed(lambda: _cascade_help(VIEWS))),
    ] = None,
    link_base: Annotated[
        str | None,
        typer.Option(
            help=N_("where clicking a node leads (default: http://POKIN_HOST:POKIN_PORT)")
        ),
    ] = None,
) -> None:
    from pokin.graph.views import build_view
    from pokin.visualize.render import render_page

    settings = get_settings()
    with _database() as db:
        result = build_view(db, view.value, target, cascade)
    base = f"http://{settings.pokin_host}:{settings.pokin_port}"
    if link_base is not None:
        base = link_base
    html = render_page(result, standalone=True, link_base=base.rstrip("/"), home_url=None)
    write_output(output, html)
    said = _("wrote %(path)s (%(nodes)s elements, %(links)s links)")
    typer.echo(said % {"path": output, "nodes": len(result.nodes), "links": len(result.edges)})


class Paper(StrEnum):
    A2 = "A2"
    A3 = "A3"
    A4 = "A4"


class DocumentKind(StrEnum):
    xlsx = "xlsx"
    pdf = "pdf"


#: What ``pokin export`` writes: the cascade's data (``pokin.seed.formats``) or its tree as a
#: picture (``pokin.visualize.tree_export``, through headless Chromium).
DATA_FORMATS = writable()
ExportFormat = Enum(  # type: ignore[misc]
    "ExportFormat",
    {name: name for name in (*DATA_FORMATS, *PICTURE_FORMATS, *DOCUMENTS)},
    type=str,
)
DEFAULT_EXPORT = ExportFormat("xlsx")


@command(
    help=N_(
        "Write a loaded cascade to a file in one of the data formats of --format "
        "(docs/formats.md), or its tree (pohon kinerja) as a picture."
    ),
)
def export(
    cascade: Annotated[
        str | None,
        typer.Argument(
            metavar="[CASCADE]", help=N_("cascade id (default: the only or default one)")
        ),
    ] = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help=composed(
                lambda: (
                    _("data: %(data)s; tree: %(tree)s; documents: %(documents)s")
                    % {
                        "data": _choices(DATA_FORMATS),
                        "tree": _choices(PICTURE_FORMATS),
                        "documents": _choices(DOCUMENTS),
                    }
                )
            ),
        ),
    ] = DEFAULT_EXPORT,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help=N_("file (or folder, for csv) to write")),
    ] = None,
    element: Annotated[
        str | None, typer.Option("--element", help=N_("tree: only the subtree under this element"))
    ] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", min=0, max=64, help=N_("tree: levels to open"))
    ] = None,
    paper: Annotated[Paper, typer.Option(help=N_("tree as PDF: paper, landscape"))] = Paper.A3,
    year: Annotated[
        int | None, typer.Option(min=1900, max=2200, help=N_("documents: the year measured"))
    ] = None,
    kind: Annotated[
        DocumentKind | None,
        typer.Option(help=N_("documents: xlsx or pdf (default: the file's ending, else pdf)")),
    ] = None,
    owner: Annotated[
        str | None, typer.Option(help=N_("documents: one owner's (pemilik kinerja)"))
    ] = None,
    tiled: Annotated[
        bool, typer.Option("--tiled", help=N_("poster: tiled over numbered pages"))
    ] = False,
    findings: Annotated[
        bool, typer.Option("--findings", help=N_("poster: print the badges and findings too"))
    ] = False,
    signatures: Annotated[
        Path | None,
        typer.Option(help=N_("documents: a YAML file of the place, date, footer and signatories")),
    ] = None,
    place: Annotated[str | None, typer.Option(help=N_("documents: place of signing"))] = None,
    date: Annotated[
        str | None, typer.Option(help=N_("documents: date of signing, as printed"))
    ] = None,
    signatory_name: Annotated[
        str | None, typer.Option(help=N_("documents: the signatory's name"))
    ] = None,
    signatory_nip: Annotated[
        str | None, typer.Option(help=N_("documents: the signatory's NIP"))
    ] = None,
    signatory_position: Annotated[
        str | None, typer.Option(help=N_("documents: the signatory's position"))
    ] = None,
) -> None:
    from pokin.graph.elements import resolve_cascade

    fmt = ExportFormat(fmt).value
    if fmt in DOCUMENTS:
        from pokin.seed.signatures import Signatures, read_signatures

        document = DOCUMENTS[fmt]
        if document.needs_year and year is None:
            raise Invalid(
                _("--format %(document)s needs --year (the year measured)") % {"document": fmt}
            )
        ending = output.suffix.lstrip(".").lower() if output else ""
        chosen = kind.value if kind else (ending if ending in document.kinds else None)
        chosen = chosen or ("pdf" if "pdf" in document.kinds else document.kinds[0])
        base = read_signatures(signatures) if signatures else Signatures()
        given = base.merged(
            place=place,
            date=date,
            **{
                "signatory.name": signatory_name,
                "signatory.nip": signatory_nip,
                "signatory.position": signatory_position,
            },
        )
        _write_document(
            cascade, fmt, output, chosen, year=year, owner=owner, element=element, depth=depth,
            paper=paper.value, tiled=tiled, findings=findings, signatures=given,
        )  # fmt: skip
        return
    if fmt in PICTURE_FORMATS:
        if paper is Paper.A2:
            raise Invalid(_("the tree picture is printed on A3 or A4"))
        from pokin.graph.tree import cascade_tree
        from pokin.visualize.tree_export import export_tree, require_browser

        require_browser()
        path = output or Path(f"pokin-tree.{fmt}")
        with _database() as db:
            tree = cascade_tree(db, cascade, element)
        cards, size = export_tree(tree, path, fmt, depth=depth, paper=paper.value)
        said = _("wrote %(path)s (%(cards)s results, %(size)s bytes)")
        typer.echo(said % {"path": path, "cards": cards, "size": size})
        return
    from pokin.graph.export import read_stored_cascade
    from pokin.seed.formats import write_path

    with _database() as db:
        cascade = resolve_cascade(db, cascade)
        model = read_stored_cascade(db, cascade)
    written = DATA_FORMATS[fmt]
    path = output or Path(f"{cascade}{'' if written.folder else written.download}")
    write_path(model, fmt, path)
    typer.echo(_("wrote %(path)s (%(format)s)") % {"path": path, "format": fmt})


def _write_document(
    cascade: str | None, name: str, output: Path | None, kind: str, **asked: Any
) -> None:
    """Write one document of ``DOCUMENTS`` for ``pokin export``."""
    from pokin.api.routes.export import document_bytes
    from pokin.visualize.documents import DocumentRequest

    request = DocumentRequest(kind=kind, **asked)
    with _database() as db:
        data, _media, file_name = document_bytes(db, cascade, name, request)
    path = output or Path(file_name)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise Invalid(
            _("cannot write %(path)s: %(why)s") % {"path": path, "why": exc.strerror or exc}
        ) from None
    typer.echo(_("wrote %(path)s (%(format)s)") % {"path": path, "format": f"{name}, {kind}"})


def show(result: Any, render: Callable[[Any], list[str]], as_json: bool) -> None:
    """Print a result as indented JSON (``--json``) or as its text rendering."""
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        typer.echo("\n".join(render(result)))


def write_output(path: Path, text: str) -> None:
    """Write ``text`` to ``path``; a folder that is missing, a directory or a full disk is an
    ``Invalid`` with one line, never a traceback."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise Invalid(
            _("cannot write %(path)s: %(why)s") % {"path": path, "why": exc.strerror or exc}
        ) from None


@command(
    help=N_("Serve the API and the explorer (Ctrl-C stops it)."),
)
def serve(
    host: Annotated[
        str | None, typer.Option(help=N_("address to bind (default POKIN_HOST)"))
    ] = None,
    port: Annotated[int | None, typer.Option(help=N_("port (default POKIN_PORT)"))] = None,
) -> None:
    import uvicorn

    settings = get_settings()
    host = host or settings.pokin_host
    port = port or settings.pokin_port
    said = _("pokin serves %(url)s (Ctrl-C stops it)")
    typer.echo(said % {"url": f"http://{host}:{port}/"}, err=True)
    uvicorn.run("pokin.api.main:app", host=host, port=port, log_level="info")


generate_app = typer.Typer(
    cls=LocalisedGroup,
    no_args_is_help=True,
    help=N_("Fictional cascades for demos, tests and benchmarks (Contoh)."),
)
app.add_typer(generate_app, name="generate")


@command(
    generate_app,
    "region",
    help=N_(
        "Write the fictional region Kabupaten Contoh, its RPJMD and agencies, one YAML each.\n\n"
        'Load them with: pokin load DIR --region kabupaten-contoh --region-name "Kabupaten '
        'Contoh"'
    ),
)
def generate_region_command(
    out: Annotated[Path, typer.Option("--out", help=N_("a directory for the YAML files"))],
    agencies: Annotated[
        int, typer.Option(min=1, max=200, help=N_("agencies besides the RPJMD"))
    ] = 40,
    clean: Annotated[bool, typer.Option("--clean", help=N_("plant no defects"))] = False,
    measurement: Annotated[
        bool,
        typer.Option(
            "--measurement",
            help=N_("targets for each year and four quarters of realisation of the first year"),
        ),
    ] = False,
) -> None:
    from pokin.seed.generate_region import generate_region, write_region

    try:
        region = generate_region(agencies, planted=not clean, measurement=measurement)
    except ValueError as exc:  # too few agencies for what is planted
        raise Invalid(
            _("--agencies %(n)s: %(reason)s") % {"n": agencies, "reason": _(str(exc))}
        ) from None
    try:
        paths = write_region(out, region)
    except OSError as exc:
        raise Invalid(
            _("cannot write %(path)s: %(why)s") % {"path": out, "why": exc.strerror or exc}
        ) from None
    for path in paths:
        typer.echo(path)


@command(
    generate_app,
    "cascade",
    help=N_("Write a fictional cascade of the seed's shape, ``--scale`` times its size."),
)
def generate_cascade_command(
    out: Annotated[Path, typer.Option("--out", help=N_("write the YAML here"))],
    scale: Annotated[int, typer.Option(min=1, max=1000, help=N_("times the size of the seed"))] = 1,
    seed: Annotated[int, typer.Option(help=N_("random seed"))] = 2025,
    measurement: Annotated[
        bool,
        typer.Option(
            "--measurement",
            help=N_("targets for each year and four quarters of realisation of the first year"),
        ),
    ] = False,
) -> None:
    from pokin.seed.generate import add_measurement, generate
    from pokin.seed.schema import dump_yaml

    data = generate(scale, seed=seed)
    write_output(out, dump_yaml(add_measurement(data, seed=seed) if measurement else data))
    typer.echo(_("wrote %(path)s") % {"path": out})


def main() -> None:  # pragma: no cover - console entry point alias
    app(prog_name="pokin")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
