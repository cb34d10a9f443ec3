"""``pokin load`` says what it wrote in the command line's language: Indonesian by default
(numbers grouped with '.', the decimal mark ','), English with POKIN_LANG=en; the graph's
labels and relationship types stay as they are."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from pokin.cli import app
from pokin.seed import SEED_FILE
from tests.conftest import pokin_env

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _load(settings, lang: str, *args: str):
    env = {**pokin_env(settings), "POKIN_LANG": lang}
    result = CliRunner().invoke(app, ["load", str(SEED_FILE), *args], env=env)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_pokin_load_reports_in_indonesian_and_in_english(empty_db, settings):
    indonesian = _load(settings, "id")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "pokin-load-id.txt").write_text("\n".join(indonesian) + "\n", encoding="utf-8")
    assert indonesian[0] == f"dimuat: {SEED_FILE}"
    assert indonesian[1].startswith("pohon kinerja ")
    assert "  SubActivity: 55" in indonesian
    assert re.fullmatch(
        r"1 pohon kinerja dimuat: \d+ simpul, \d+ tautan dalam \d+,\d dtk", indonesian[-1]
    ), indonesian[-1]
    english = _load(settings, "en", "--replace")
    assert english[0] == f"loaded {SEED_FILE}"
    assert english[1] == indonesian[1].replace("pohon kinerja ", "cascade ")
    assert re.fullmatch(r"loaded 1 cascade: \d+ nodes, \d+ links in \d+\.\d s", english[-1])
