"""``pokin``: the command line (typer). Each command calls into ``graph``, ``api`` or
``visualize``; nothing here talks to Neo4j by itself."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated
from urllib.parse import urlparse

import typer
from neo4j import Driver

from graph.local_server import LocalNeo4j, LocalNeo4jError
from graph.settings import get_settings

app = typer.Typer(no_args_is_help=True, help="pokin: performance cascades as a Neo4j graph.")
neo4j_app = typer.Typer(no_args_is_help=True, help="The project's own local Neo4j (no Docker).")
app.add_typer(neo4j_app, name="neo4j")


def _local_server() -> LocalNeo4j:
    settings = get_settings()
    parsed = urlparse(settings.neo4j_uri)
    if parsed.hostname not in ("127.0.0.1", "localhost"):
        raise typer.BadParameter(
            f"NEO4J_URI={settings.neo4j_uri} is not a local address; "
            "the local Neo4j only runs on 127.0.0.1"
        )
    return LocalNeo4j(
        port=parsed.port or 7687,
        password=settings.neo4j_password.get_secret_value(),
    )


@app.command()
def config(
    show_secrets: Annotated[
        bool, typer.Option("--show-secrets", help="print the password too")
    ] = False,
) -> None:
    """Print the effective settings as KEY=value lines (password masked)."""
    for line in get_settings().as_lines(show_secrets=show_secrets):
        typer.echo(line)


@neo4j_app.command("up")
def neo4j_up() -> None:
    """Start the local Neo4j in the background unless it runs; wait until Bolt answers."""
    server = _local_server()
    try:
        seconds = server.start()
    except LocalNeo4jError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    state = "already running" if seconds == 0 else f"started in {seconds:.1f} s"
    typer.echo(f"Neo4j {state} at {server.uri} (data: {server.home}, log: {server.log_file})")


@neo4j_app.command("down")
def neo4j_down() -> None:
    """Stop the local Neo4j cleanly."""
    server = _local_server()
    typer.echo("Neo4j stopped" if server.stop() else "Neo4j was not running")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Say whether the local Neo4j runs (exit code 0) or not (3)."""
    server = _local_server()
    pid = server.pid()
    if pid is None:
        typer.echo(f"Neo4j is not running (data: {server.home})")
        raise typer.Exit(3)
    typer.echo(f"Neo4j is running at {server.uri} (pid {pid}, data: {server.home})")


@contextmanager
def _database() -> Iterator[Driver]:
    """A driver for the configured Neo4j. A database that does not answer (or refuses the
    work) ends the command with a clear message and exit code 2."""
    from graph.driver import DATABASE_UNAVAILABLE, create_driver

    settings = get_settings()
    try:
        with create_driver(settings) as driver:
            yield driver
    except DATABASE_UNAVAILABLE as exc:
        typer.echo(f"error: Neo4j at {settings.neo4j_uri} did not answer: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command()
def load(
    file: Annotated[
        Path | None, typer.Argument(help="a cascade file in the seed format (default: the seed)")
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="remove the previously loaded cascade of the same id first"),
    ] = False,
) -> None:
    """Validate a cascade file, then write it to Neo4j in one transaction."""
    from graph.loader import LoadError, load_cascade
    from seed import SEED_FILE, CascadeValidationError, load_cascade_file

    path = file or SEED_FILE
    try:
        cascade = load_cascade_file(path)
    except CascadeValidationError as exc:
        typer.echo(f"error: {path} is not a valid cascade file:\n{exc}", err=True)
        raise typer.Exit(2) from exc
    except OSError as exc:
        typer.echo(f"error: cannot read {path}: {exc}", err=True)
        raise typer.Exit(2) from exc
    settings = get_settings()
    with _database() as driver:
        try:
            report = load_cascade(
                driver,
                settings.neo4j_database,
                cascade,
                replace=replace,
                source_text=Path(path).read_text(encoding="utf-8"),
            )
        except LoadError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
    typer.echo(f"loaded {path}")
    for line in report.lines():
        typer.echo(line)


def _resolve_cascade(driver, cascade: str | None) -> str:
    from graph.checks import CascadeNotFound, resolve_cascade

    try:
        return resolve_cascade(driver, get_settings().neo4j_database, cascade)
    except CascadeNotFound as exc:
        typer.echo(f"error: {exc} (load one with `pokin load`)", err=True)
        raise typer.Exit(2) from exc


@app.command()
def check(
    cascade: Annotated[
        str | None,
        typer.Option("--cascade", help="cascade id (default: the only or first loaded cascade)"),
    ] = None,
    names: Annotated[
        list[str] | None,
        typer.Option("--check", help="run only this check (repeatable; default: all)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Run the alignment checks and print the report. Exit code 0: no check of severity
    error has findings; 1: some have; 2: the report could not be made."""
    from graph.checks import CHECKS, UnknownCheck, render_report, run_checks

    unknown = [n for n in names or [] if n not in CHECKS]
    if unknown:
        typer.echo(f"error: {UnknownCheck(unknown)}", err=True)
        raise typer.Exit(2)
    settings = get_settings()
    with _database() as driver:
        cascade_id = _resolve_cascade(driver, cascade)
        report = run_checks(driver, settings.neo4j_database, cascade_id, names)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        for line in render_report(report):
            typer.echo(line)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def trace(
    element_id: Annotated[str, typer.Argument(help="id of a sub-activity, result, unit, ...")],
    as_json: Annotated[bool, typer.Option("--json", help="print the trace as JSON")] = False,
) -> None:
    """Trace an element up to the Goal (Tujuan), hop by hop: level, name, owner, indicator
    and how each link was decided. Exit code 1 when it does not reach the Goal."""
    from graph.elements import ElementNotFound, cascade_of
    from graph.trace import trace_to_goal

    settings = get_settings()
    db = settings.neo4j_database
    with _database() as driver:
        try:
            result = trace_to_goal(driver, db, cascade_of(driver, db, element_id), element_id)
        except ElementNotFound as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        for line in render_trace(result):
            typer.echo(line)
    if not result.reaches_goal:
        raise typer.Exit(1)


def render_trace(result) -> list[str]:
    """The trace as indented text, one block per path."""
    from graph.elements import LEVEL_NAMES_ID

    lines = [
        f"Trace of {result.element.id} ({result.cascade}): "
        + ("reaches the Goal" if result.reaches_goal else "does NOT reach the Goal"),
    ]
    for start in result.starts:
        if start.structure:
            chain = " -> ".join(f"{e.id} ({e.name})" for e in start.structure)
            lines.append(f"  budget structure (PART_OF): {chain}")
    for number, path in enumerate(result.paths, 1):
        state = "reaches the Goal" if path.reaches_goal else "stops short of the Goal"
        leaves = "; leaves its budget structure" if path.leaves_structure else ""
        lines.append(f"path {number}: {path.length} link(s), {state}{leaves}")
        for depth, hop in enumerate(path.hops):
            level = hop.level or hop.kind
            indonesian = LEVEL_NAMES_ID.get(level, hop.kind)
            if hop.kind == "target" and level != "strategic":
                label = f"{level} result (Sasaran {indonesian})"
            else:
                label = f"{level} ({indonesian})"
            lines.append(f"  {'  ' * depth}{label}: {hop.name} [{hop.id}]")
            if hop.owners:
                owners = "; ".join(o.title for o in hop.owners)
                lines.append(f"  {'  ' * depth}  owner: {owners}")
            for ind in hop.indicators:
                formula = ind.formula or "(no formula)"
                lines.append(f"  {'  ' * depth}  indicator: {ind.name} = {formula}")
            if hop.link is not None:
                note = f" ({hop.link.note})" if hop.link.note else ""
                lines.append(f"  {'  ' * depth}  supports, basis {hop.link.basis}{note}:")
        for d in path.departures:
            lines.append(
                f"  ! {d.result} supports {d.supports}, delivered by "
                f"{', '.join(e.id for e in d.delivered_by)}, not by {d.expected.id}"
            )
    return lines


@app.command()
def workload(
    cascade: Annotated[
        str | None,
        typer.Option("--cascade", help="cascade id (default: the only or first loaded cascade)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the workload as JSON")] = False,
) -> None:
    """Print every owner's workload (results, indicators and units per level, shares) and how
    concentrated ownership is (largest share, HHI, Gini)."""
    from graph.workload import owner_workload, render_workload

    settings = get_settings()
    with _database() as driver:
        cascade_id = _resolve_cascade(driver, cascade)
        result = owner_workload(driver, settings.neo4j_database, cascade_id)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        for line in render_workload(result):
            typer.echo(line)


@app.command("graph")
def graph_page(
    view: Annotated[
        str, typer.Argument(metavar="VIEW", help="cascade | subtree | trace | owner | check")
    ],
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="the element (subtree, trace), owner (owner) or check (check)"
        ),
    ] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="the HTML file to write")] = Path(
        "pokin-graph.html"
    ),
    cascade: Annotated[
        str | None,
        typer.Option("--cascade", help="cascade id (cascade, check; default: the first loaded)"),
    ] = None,
    link_base: Annotated[
        str | None,
        typer.Option(help="where clicking a node leads (default: http://POKIN_HOST:POKIN_PORT)"),
    ] = None,
) -> None:
    """Write a graph view as one standalone HTML file: it opens with no network at all."""
    from graph import views
    from graph.checks import CascadeNotFound, UnknownCheck
    from graph.elements import ElementNotFound
    from visualize.render import render_page

    kinds = ("cascade", "subtree", "trace", "owner", "check")
    if view not in kinds:
        raise typer.BadParameter(f"VIEW must be one of {', '.join(kinds)}", param_hint="VIEW")
    if view in ("subtree", "trace", "owner", "check") and not target:
        raise typer.BadParameter(f"the {view} view needs an ID", param_hint="ID")
    settings = get_settings()
    db = settings.neo4j_database
    with _database() as driver:
        try:
            if view == "cascade":
                result = views.cascade_view(driver, db, cascade)
            elif view == "subtree":
                result = views.subtree_view(driver, db, target)
            elif view == "trace":
                result = views.trace_view(driver, db, target)
            elif view == "owner":
                result = views.owner_view(driver, db, target)
            else:
                result = views.check_view(driver, db, target, cascade)
        except (ElementNotFound, CascadeNotFound, UnknownCheck) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
    base = f"http://{settings.pokin_host}:{settings.pokin_port}"
    if link_base is not None:
        base = link_base
    html = render_page(result, standalone=True, link_base=base.rstrip("/"), home_url=None)
    output.write_text(html, encoding="utf-8")
    typer.echo(f"wrote {output} ({len(result.nodes)} elements, {len(result.edges)} links)")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="address to bind (default POKIN_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default POKIN_PORT)")] = None,
) -> None:
    """Serve the API and the explorer (Ctrl-C stops it)."""
    import uvicorn

    settings = get_settings()
    host = host or settings.pokin_host
    port = port or settings.pokin_port
    typer.echo(f"pokin serves http://{host}:{port}/ (Ctrl-C stops it)", err=True)
    uvicorn.run("api.main:app", host=host, port=port, log_level="info")


def main() -> None:  # pragma: no cover - console entry point alias
    app(prog_name="pokin")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
