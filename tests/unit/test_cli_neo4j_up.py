"""``pokin neo4j up --if-needed`` (what ``make run`` calls): start the local Neo4j only where
NEO4J_URI points at this machine and nothing answers there."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from pokin.cli import app
from pokin.core.settings import get_settings
from pokin.graph.local_server import free_port


@pytest.fixture
def run(monkeypatch, tmp_path):
    def invoke(uri: str):
        monkeypatch.setenv("NEO4J_URI", uri)
        monkeypatch.setenv("POKIN_LANG", "en")  # the English messages are asserted
        # a launcher folder without a launcher: an attempt to start says so
        monkeypatch.setenv("POKIN_NEO4J_LAUNCHER_DIR", str(tmp_path / "no-launcher"))
        get_settings.cache_clear()
        try:
            return CliRunner().invoke(app, ["neo4j", "up", "--if-needed"])
        finally:
            get_settings.cache_clear()

    return invoke


def test_a_remote_server_is_used_as_it_is(run):
    result = run("neo4j+s://db.example.org:7687")
    assert result.exit_code == 0
    assert "using that server" in result.output


def test_a_local_port_that_answers_is_used(run):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        result = run(f"bolt://127.0.0.1:{port}")
    assert result.exit_code == 0
    assert f"a server answers at bolt://127.0.0.1:{port}" in result.output


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_local_port_where_nothing_answers_starts_the_local_neo4j(run, host):
    result = run(f"bolt://{host}:{free_port()}")
    # it went on to start one: here the launcher is missing, which it says in one line
    assert result.exit_code != 0
    assert "using" not in result.output
    assert "launcher" in result.output.lower()
    assert "Traceback" not in result.output


def test_generate_region_writes_the_fictional_region(tmp_path):
    args = ["generate", "region", "--out", str(tmp_path), "--agencies", "3", "--clean"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "contoh-opd-00-2025-2029.yaml",
        "contoh-opd-01-2025-2029.yaml",
        "contoh-opd-02-2025-2029.yaml",
        "rpjmd-kabupaten-contoh-2025-2029.yaml",
    ]
    assert (tmp_path / names[0]).read_text(encoding="utf-8").startswith("# SYNTHETIC")


def test_generate_region_with_too_few_agencies_for_the_defects_says_so(tmp_path):
    result = CliRunner().invoke(
        app,
        ["generate", "region", "--out", str(tmp_path), "--agencies", "3"],
        env={"POKIN_LANG": "en"},
    )
    assert result.exit_code == 2
    assert result.output.startswith("error: --agencies 3: a region needs at least 10 agencies")
    assert list(tmp_path.iterdir()) == []
    indonesian = CliRunner().invoke(
        app,
        ["generate", "region", "--out", str(tmp_path), "--agencies", "3"],
        env={"POKIN_LANG": "id"},
    )
    assert indonesian.exit_code == 2
    assert indonesian.output.startswith("galat: --agencies 3: daerah memerlukan sedikitnya 10 ")
