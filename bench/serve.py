"""The API as the benchmarks run it: its own uvicorn process (as in production) on a free
loopback port, against a given Neo4j backend."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from pokin.graph.local_server import free_port

ROOT = Path(__file__).resolve().parents[1]


def start_api(backend, **env_extra: str) -> tuple[subprocess.Popen, str]:
    """Start ``pokin.api.main:app`` and wait until ``/health`` answers 200; returns the
    process and its base URL. The caller terminates the process."""
    port = free_port()
    env = dict(
        os.environ,
        NEO4J_URI=backend.uri,
        NEO4J_USER=backend.user,
        NEO4J_PASSWORD=backend.password,
        NEO4J_DATABASE=backend.database,
        **env_extra,
    )
    api = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "pokin.api.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return api, base
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or api.poll() is not None:
            api.kill()
            raise RuntimeError("the API did not start")
        time.sleep(0.2)
