from typer.testing import CliRunner

from pokin.cli import app
from pokin.core.settings import get_settings


def test_config_prints_effective_settings_with_password_masked(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://example.test:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "hunter2-hunter2")
    get_settings.cache_clear()
    try:
        out = CliRunner().invoke(app, ["config"]).output
        assert "NEO4J_URI=bolt://example.test:7687" in out.splitlines()
        assert "hunter2" not in out
        shown = CliRunner().invoke(app, ["config", "--show-secrets"]).output
        assert "NEO4J_PASSWORD=hunter2-hunter2" in shown.splitlines()
    finally:
        get_settings.cache_clear()
