"""The rooms' import graph has no cycle: the contracts of pyproject.toml hold
(``tests/import_layers.py``; ``make lint-imports`` runs the same)."""

from __future__ import annotations

from tests.import_layers import lint_imports


def test_rooms_import_only_rooms_below_them(tmp_path):
    result = lint_imports(tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout
