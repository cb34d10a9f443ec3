"""Where the local Neo4j's launcher is found: it belongs to the checkout, not to the installed
package, and an installed pokin run elsewhere says so in one line."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pokin.cli import app
from pokin.core.errors import LocalNeo4jError
from pokin.core.settings import get_settings
from pokin.graph import local_server
from pokin.graph.local_server import LAUNCHER_IN_CHECKOUT, find_launcher

ROOT = Path(__file__).resolve().parents[2]


def _fake_checkout(root: Path) -> Path:
    launcher = root / LAUNCHER_IN_CHECKOUT
    source = launcher / "src" / "main" / "java" / "pokin" / "neo4j" / "EmbeddedNeo4j.java"
    source.parent.mkdir(parents=True)
    source.write_text("class EmbeddedNeo4j {}\n")
    (launcher / "pom.xml").write_text("<project/>\n")
    return launcher


def test_the_checkout_pokin_runs_from_holds_the_launcher():
    launcher = find_launcher()
    assert launcher.folder == ROOT / "tools" / "neo4j-embedded"
    assert launcher.default_home == ROOT / ".pokin" / "neo4j"


def test_without_a_checkout_the_error_says_what_is_needed(tmp_path, english):
    installed = tmp_path / "site-packages" / "pokin"  # a wheel's package folder
    installed.mkdir(parents=True)
    with pytest.raises(LocalNeo4jError) as caught:
        find_launcher(cwd=tmp_path, module_root=installed)
    message = str(caught.value)
    assert message.startswith("the local Neo4j needs the pokin checkout (its tools/neo4j-embedded")
    assert "POKIN_NEO4J_LAUNCHER_DIR" in message and "NEO4J_URI" in message
    assert "\n" not in message


def test_the_checkout_holding_the_current_folder_or_the_setting_is_used(tmp_path):
    launcher = _fake_checkout(tmp_path / "checkout")
    inside = tmp_path / "checkout" / "seed" / "cascades"
    inside.mkdir(parents=True)
    found = find_launcher(cwd=inside, module_root=tmp_path / "elsewhere")
    assert found.folder == launcher.resolve()
    assert found.default_home == (tmp_path / "checkout" / ".pokin" / "neo4j").resolve()
    assert find_launcher(str(launcher), cwd=tmp_path).folder == launcher.resolve()


def test_a_setting_naming_no_launcher_is_refused(tmp_path, english):
    with pytest.raises(LocalNeo4jError, match=r"^POKIN_NEO4J_LAUNCHER_DIR=.* does not hold"):
        find_launcher(str(tmp_path), cwd=ROOT)


def test_neo4j_status_outside_a_checkout_is_one_line_and_exit_2(tmp_path, monkeypatch):
    """One line in the command line's language: the English msgid, here (POKIN_LANG=en)."""
    installed = tmp_path / "site-packages" / "pokin"
    installed.mkdir(parents=True)
    monkeypatch.setattr(local_server, "_MODULE_ROOT", installed)
    monkeypatch.chdir(tmp_path)
    for name in ("NEO4J_URI", "POKIN_NEO4J_LAUNCHER_DIR"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    try:
        for command in ("status", "up", "down"):
            result = CliRunner().invoke(app, ["neo4j", command], env={"POKIN_LANG": "en"})
            assert result.exit_code == 2, (command, result.output)
            assert result.output.splitlines() == [f"error: {local_server.NO_CHECKOUT}"], command
            assert "Traceback" not in result.output
    finally:
        get_settings.cache_clear()
