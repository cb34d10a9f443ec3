"""Check the import contracts of pyproject.toml (``[tool.importlinter]``) with import-linter, on
pokin installed as a user gets it: the editable install maps folders to sub-packages, which
import-linter cannot walk. The package is built from a copy of the working tree, so no stale
``build/`` folder is left in (or read from) the checkout.

    python -m tests.import_layers      # make lint-imports
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    ".pokin",
    "target",
    "test-artifacts",
    "results",
    "__pycache__",
    "*.egg-info",
    ".pytest_cache",
    ".ruff_cache",
)


def copy_source(dest: Path) -> Path:
    """The checkout's working tree copied to ``dest`` without what is not source (a package
    built from the copy leaves no ``build/`` folder in the checkout, and reads none)."""
    shutil.copytree(ROOT, dest, ignore=_NOT_SOURCE)
    return dest


def lint_imports(work: Path) -> subprocess.CompletedProcess[str]:
    """Install a copy of the checkout into ``work/site`` and run ``lint-imports`` on it."""
    source, site = copy_source(work / "source"), work / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile"]
        + ["--target", str(site), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if installed.returncode != 0:
        return installed
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]
        + [str(ROOT / "pyproject.toml")],
        cwd=work,  # not the checkout: its pokin/ folder would be imported instead
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="pokin-imports-") as work:
        result = lint_imports(Path(work))
    print(result.stdout[-6000:], end="")
    print(result.stderr[-2000:], end="", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
