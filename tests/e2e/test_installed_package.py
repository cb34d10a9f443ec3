"""pokin as a user installs it: the wheel, in a fresh virtualenv outside the checkout, run
from a temporary folder against the test database (queries, templates and the seed are package
data, and nothing is imported from the checkout)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from pokin.graph.checks import checks_of
from tests.import_layers import copy_source


def _run(args, cwd, env=None, timeout=600):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def test_the_wheel_installs_and_runs_outside_the_checkout(tmp_path, empty_db, settings):
    wheels = tmp_path / "wheels"
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels)]
        + [str(copy_source(tmp_path / "source"))],
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("pokin-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("pokin/cypher/") and n.endswith(".cypher") for n in names)
    assert any(n.startswith("pokin/api/templates/") for n in names)
    assert any(n.startswith("pokin/seed/cascades/") for n in names)
    tops = {n.split("/", 1)[0] for n in names if not n.startswith("pokin-")}
    assert tops == {"pokin"}, tops  # no generic top-level package lands in site-packages

    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    # the dependencies come from the test environment (no download); pokin itself only from
    # the wheel: a path line in a .pth adds the folder without running its .pth files, so the
    # checkout's editable install is not seen
    site = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        cwd=tmp_path,
    ).stdout.strip()
    Path(site, "pokin-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = _run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POKIN_", "NEO4J_"))}
    env.pop("PYTHONPATH", None)
    env.update(
        NEO4J_URI=settings.neo4j_uri,
        NEO4J_USER=settings.neo4j_user,
        NEO4J_PASSWORD=settings.neo4j_password.get_secret_value(),
        NEO4J_DATABASE=settings.neo4j_database,
        POKIN_LANG="en",  # the lines asserted below are the English ones
    )
    pokin = str(venv / "bin" / "pokin")
    where = _run([str(python), "-c", "import pokin.graph; print(pokin.graph.__file__)"], work, env)
    assert where.stdout.strip().startswith(str(venv)), where.stdout + where.stderr

    helped = _run([pokin, "--help"], work, env)
    assert helped.returncode == 0 and "load" in helped.stdout
    loaded = _run([pokin, "load"], work, env)
    assert loaded.returncode == 0, loaded.stderr
    assert "SubActivity: 55" in loaded.stdout
    checked = _run([pokin, "check", "--json"], work, env)
    assert checked.returncode in (0, 1), checked.stderr
    report = json.loads(checked.stdout)
    assert report["cascade"] == "bkpsdm-pemalang-2025-2029"
    assert report["summary"]["checks"] == len(checks_of("cascade"))

    # the local Neo4j's launcher is not in the wheel: outside the checkout, one clear line
    local = {k: v for k, v in env.items() if k != "NEO4J_URI"}
    status = _run([pokin, "neo4j", "status"], work, local)
    assert status.returncode == 2, status.stdout + status.stderr
    [line] = status.stderr.splitlines()
    assert line.startswith("error: the local Neo4j needs the pokin checkout"), line
    assert "tools/neo4j-embedded" in line and "NEO4J_URI" in line
