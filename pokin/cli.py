"""``pokin``: the command line (typer). Each command calls into ``graph``, ``api`` or
``visualize``; nothing here talks to Neo4j by itself."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated
from urllib.parse import urlparse

import typer

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


def _driver():
    from graph.driver import create_driver

    return create_driver(get_settings())


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
    from graph.driver import DATABASE_UNAVAILABLE
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
    with _driver() as driver:
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
        except DATABASE_UNAVAILABLE as exc:
            typer.echo(
                f"error: Neo4j at {settings.neo4j_uri} did not accept the load: {exc}", err=True
            )
            raise typer.Exit(1) from exc
    typer.echo(f"loaded {path}")
    for line in report.lines():
        typer.echo(line)


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
