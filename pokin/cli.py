"""``pokin``: the command line (typer). Each command calls into ``graph``, ``api`` or
``visualize``; nothing here talks to Neo4j by itself."""

from __future__ import annotations

import sys
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
    show_secrets: bool = typer.Option(False, "--show-secrets", help="print the password too"),
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


@app.command()
def serve(
    host: str = typer.Option(None, help="address to bind (default POKIN_HOST)"),
    port: int = typer.Option(None, help="port (default POKIN_PORT)"),
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
