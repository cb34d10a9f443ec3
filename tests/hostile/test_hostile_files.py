"""Hostile and broken files, through the API and the command line: each is refused quickly,
with a short message naming the file and line, and nothing stored changes."""

from __future__ import annotations

import threading
import time

import httpx

from pokin.seed import SEED_FILE
from tests.hostile.conftest import KEY, one_line, pokin

#: Nine levels of anchors and aliases: 342 bytes that stand for 9^9 strings.
ALIAS_BOMB = (
    SEED_FILE.read_text(encoding="utf-8").split("owners:", 1)[0]
    + "note: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"n{i}: &{c} [{', '.join(['*' + p] * 9)}]\n"
        for i, (p, c) in enumerate(zip("abcdefgh", "bcdefghi", strict=True))
    )
)


def _node_count(driver, database) -> int:
    return driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database)[0][0]["n"]


def test_alias_bomb_is_refused_fast_small_and_the_server_keeps_answering(
    live_api, empty_db, settings
):
    health: list[float] = []

    def poll() -> None:
        with httpx.Client(base_url=live_api, timeout=10) as client:
            for _ in range(5):
                started = time.monotonic()
                assert client.get("/health").status_code == 200
                health.append(time.monotonic() - started)

    poller = threading.Thread(target=poll)
    poller.start()
    started = time.monotonic()
    answer = httpx.post(
        f"{live_api}/api/cascades",
        content=ALIAS_BOMB.encode(),
        headers={"X-API-Key": KEY, "Content-Type": "application/yaml"},
        timeout=30,
    )
    took = time.monotonic() - started
    poller.join()
    assert answer.status_code == 422
    assert took < 1.0
    assert len(answer.content) < 10_000
    assert "anchors and aliases" in answer.json()["problems"][0]["message"]
    assert answer.json()["problems"][0]["line"] is not None
    assert len(health) == 5 and max(health) < 1.0
    assert _node_count(empty_db, settings.neo4j_database) == 0


def test_alias_bomb_on_the_command_line_is_one_line_exit_2(tmp_path, settings):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(ALIAS_BOMB, encoding="utf-8")
    result = pokin(settings, "load", str(bomb))
    assert result.returncode == 2
    assert "anchors and aliases" in one_line(result.stderr)
    assert str(bomb) in result.stderr.decode()


def test_deep_nesting_is_refused(tmp_path, live_api, settings):
    deep = "note: " + "[" * 600 + "]" * 600 + "\n"
    answer = httpx.post(
        f"{live_api}/api/cascades",
        content=deep.encode(),
        headers={"X-API-Key": KEY, "Accept-Language": "en"},
        timeout=30,
    )
    assert answer.status_code == 422
    assert "nested more than" in answer.json()["problems"][0]["message"]
    path = tmp_path / "deep.yaml"
    path.write_text(deep, encoding="utf-8")
    result = pokin(settings, "load", str(path))
    assert result.returncode == 2
    assert "nested more than" in one_line(result.stderr)


def test_non_utf8_is_refused_with_its_line(tmp_path, live_api, settings):
    raw = b"cascade:\n  id: x\n  agency: \xff\xfe\n"
    answer = httpx.post(
        f"{live_api}/api/cascades", content=raw, headers={"X-API-Key": KEY}, timeout=30
    )
    assert answer.status_code == 422
    assert "bukan teks UTF-8" in answer.json()["detail"]  # the request's language: Indonesian
    path = tmp_path / "latin1.yaml"
    path.write_bytes(raw)
    result = pokin(settings, "load", str(path))
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "not UTF-8" in line and f"{path}:3" in line


def test_an_upload_over_the_limit_is_refused_while_streaming(live_api):
    from pokin.api.routes.upload import MAX_UPLOAD_BYTES

    sent = 0

    def chunks():
        nonlocal sent
        block = b"#" * 65536 + b"\n"
        while sent < 4 * MAX_UPLOAD_BYTES:
            sent += len(block)
            yield block

    try:
        answer = httpx.post(
            f"{live_api}/api/cascades",
            content=chunks(),
            headers={"X-API-Key": KEY},
            timeout=30,
        )
    except httpx.HTTPError:  # the server may close the connection once it has answered
        assert sent < 4 * MAX_UPLOAD_BYTES
        return
    assert answer.status_code == 413


def test_stdin_is_read_once_and_its_hash_recorded(empty_db, settings):
    import hashlib

    text = SEED_FILE.read_bytes()
    result = pokin(settings, "load", "/dev/stdin", stdin=text)
    assert result.returncode == 0, result.stderr
    stored = empty_db.execute_query(
        "MATCH (c:Cascade) RETURN c.source_sha256 AS sha", database_=settings.neo4j_database
    )[0][0]["sha"]
    assert stored == hashlib.sha256(text).hexdigest()
