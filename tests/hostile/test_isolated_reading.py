"""Uploads are read in a child process (``pokin.seed.formats.isolated``): a reader that runs
out of memory costs that child, not the server; the reading stops as soon as the caller (the
upload's client) goes; no child outlives its call."""

from __future__ import annotations

import time

import httpx
import pytest
from pydantic import SecretStr

from pokin.api.main import create_app
from pokin.core.errors import CascadeValidationError, Invalid, UploadCancelled
from pokin.core.i18n import using
from pokin.seed import SEED_FILE, dump_yaml
from pokin.seed.formats.isolated import read_isolated, running
from pokin.seed.generate import generate
from tests.live_server import serve_app

KEY = "i" * 32


def test_a_valid_file_reads_as_in_process():
    cascades, report = read_isolated(SEED_FILE.read_bytes(), "seed.yaml", "yaml")
    assert [c.cascade.id for c in cascades] == ["bkpsdm-pemalang-2025-2029"]
    assert report is None
    assert running() == []


def test_an_invalid_file_gives_its_problems():
    with pytest.raises(CascadeValidationError) as caught:
        read_isolated(b"cascade: {id: x}\n", "bad.yaml", "yaml")
    assert caught.value.problems and all(p.file == "bad.yaml" for p in caught.value.problems)


def test_a_reader_out_of_memory_is_a_clear_refusal_and_the_caller_lives_on():
    larger = dump_yaml(generate(15)).encode("utf-8")  # the seed fits in what the child holds
    with using("en"), pytest.raises(Invalid) as caught:  # the child speaks the caller's language
        read_isolated(larger, "larger.yaml", "yaml", memory=32 * 1024**2)
    assert not isinstance(caught.value, CascadeValidationError)
    assert "memory" in caught.value.message or "reader stopped" in caught.value.message
    assert running() == []
    read_isolated(SEED_FILE.read_bytes(), "seed.yaml", "yaml")  # the next one reads


def test_reading_stops_when_the_caller_goes():
    big = dump_yaml(generate(100)).encode("utf-8")
    started = time.monotonic()
    with pytest.raises(UploadCancelled):
        read_isolated(big, "big.yaml", "yaml", cancelled=lambda: time.monotonic() > started + 0.3)
    assert time.monotonic() - started < 1.5  # reading it whole takes seconds
    assert running() == []


def test_an_upload_whose_client_goes_stops_its_reading(empty_db, settings):
    keyed = settings.model_copy(update={"pokin_api_key": SecretStr(KEY)})
    body = dump_yaml(generate(60)).encode("utf-8")
    assert len(body) < 5 * 1024 * 1024
    with serve_app(create_app(keyed)) as base:
        with pytest.raises(httpx.TimeoutException):
            httpx.post(
                f"{base}/api/cascades", content=body, headers={"X-API-Key": KEY}, timeout=0.4
            )
        deadline = time.monotonic() + 3
        while running() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert running() == []
        assert httpx.get(f"{base}/health", timeout=5).status_code == 200
    records, _, _ = empty_db.execute_query(
        "MATCH (c:Cascade) RETURN count(c) AS n", database_=settings.neo4j_database
    )
    assert records[0]["n"] == 0  # nothing was loaded
