"""Helpers of the hostile-input tests: pokin run as a user runs it (a separate process), and
the API served for real with an upload key."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
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


def pokin_measured(settings, *args: str, memory: int = 2 << 30, timeout: float = 60):
    """Run ``pokin ARGS`` in its own process under an address-space limit of ``memory``
    bytes; returns (exit code, stderr, seconds, peak RSS in bytes) of that process alone."""
    import resource
    import tempfile
    import time

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    with tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "pokin.cli", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env_of(settings),
            preexec_fn=limit,
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        took = time.monotonic() - started
        err.seek(0)
        return proc.returncode, err.read(), took, usage.ru_maxrss * 1024
