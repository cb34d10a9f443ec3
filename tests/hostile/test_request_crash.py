"""A bug in one request (an exception no handler knows, a MemoryError in a worker thread) is a
500 in the route's own face with a request id, never a traceback or a class name, and the
server goes on answering: the health route and the pages."""

from __future__ import annotations

from fastapi.testclient import TestClient
from starlette.concurrency import run_in_threadpool

from pokin.api.main import create_app


def _exhausted() -> None:
    raise MemoryError("simulated: the parser ran out of memory")


def test_a_crash_is_a_500_json_with_a_request_id_and_the_server_goes_on(settings, caplog):
    app = create_app(settings)

    async def boom() -> None:
        raise RuntimeError("secret internal detail in /srv/pokin/x.py")

    async def out_of_memory() -> None:
        await run_in_threadpool(_exhausted)

    app.add_api_route("/api/boom", boom)
    app.add_api_route("/api/out-of-memory", out_of_memory)
    with TestClient(app, raise_server_exceptions=False) as client:
        for url in ("/api/boom", "/api/out-of-memory"):
            answer = client.get(url)
            assert answer.status_code == 500
            assert answer.headers["content-type"].startswith("application/json")
            body = answer.json()
            assert body["request_id"] == answer.headers["X-Request-ID"]
            assert body["request_id"] in body["detail"]
            assert "secret" not in answer.text and "Error" not in answer.text
            assert any(body["request_id"] in r.getMessage() for r in caplog.records)
            assert client.get("/health").status_code == 200
            assert client.get("/api/checks").status_code < 500
