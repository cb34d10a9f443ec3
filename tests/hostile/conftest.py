"""Helpers of the hostile-input tests: pokin run as a user runs it (a separate process), and
the API served for real with an upload key."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from pokin.api.main import create_app
from tests.live_server import serve_app

KEY = "hostile-test-key-0123456789"


def env_of(settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POKIN_", "NEO4J_"))}
    env.update(
        NEO4J_URI=settings.neo4j_uri,
        NEO4J_USER=settings.neo4j_user,
        NEO4J_PASSWORD=settings.neo4j_password.get_secret_value(),
        NEO4J_DATABASE=settings.neo4j_database,
        POKIN_LANG="en",  # the tests assert the English messages
    )
    env.update(extra)
    return env


def pokin(settings, *args: str, stdin: bytes | None = None, **env: str):
    """Run ``pokin ARGS`` in its own process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "pokin.cli", *args],
        input=stdin,
        capture_output=True,
        env=env_of(settings, **env),
        timeout=120,
    )


def one_line(stderr: bytes) -> str:
    """The error output, asserted to be one line with no traceback."""
    text = stderr.decode("utf-8", "replace").strip()
    assert "Traceback" not in text, text
    assert len(text.splitlines()) == 1, text
    return text


@pytest.fixture
def live_api(empty_db, settings) -> Iterator[str]:
    keyed = settings.model_copy(update={"pokin_api_key": SecretStr(KEY)})
    with serve_app(create_app(keyed)) as url:
        yield url


#: Runs the command line in this process and, at exit, writes its peak RSS (``VmHWM``: of this
#: process alone; ``ru_maxrss`` would carry the parent's peak over the fork) to ``argv[1]``.
MEASURED = (
    "import atexit, runpy, sys\n"
    "out = sys.argv.pop(1)\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            open(out, 'w').write(line.split()[1])\n"
    "atexit.register(peak)\n"
    "sys.argv[0] = 'pokin'\n"
    "runpy.run_module('pokin.cli', run_name='__main__')\n"
)


def pokin_measured(settings, *args: str, memory: int = 2 << 30, timeout: float = 60):
    """Run ``pokin ARGS`` in its own process under an address-space limit of ``memory``
    bytes; returns (exit code, stderr, seconds, peak RSS in bytes) of that process alone."""
    import resource
    import tempfile
    import time

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    with tempfile.TemporaryDirectory() as folder:
        peak = os.path.join(folder, "peak")
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-c", MEASURED, peak, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env_of(settings),
            preexec_fn=limit,
            timeout=timeout,
        )
        took = time.monotonic() - started
        with open(peak) as f:
            rss = int(f.read()) * 1024
        return proc.returncode, proc.stderr, took, rss
