"""Parallel uploads of one cascade with readers all along, against the API served by uvicorn:
no answer is a 5xx, no page mixes two versions of the cascade (each version marks its title and
every name), and exactly one version is stored at the end."""

from __future__ import annotations

import re
import threading

import httpx
from pydantic import SecretStr

from pokin.api.main import create_app
from tests.e2e.cascade_builder import clean_cascade
from tests.live_server import serve_app

CASCADE = "contoh-soak"
KEY = "s" * 32
UPLOADERS, UPLOADS_EACH = 6, 3
PAGES = [f"/?cascade={CASCADE}", f"/tree?cascade={CASCADE}", "/tree/elements/ss-a"]
MARK = re.compile(r"\[versi (\d+)\]")


def _version(k: int) -> bytes:
    b = clean_cascade(CASCADE)
    b.data["cascade"]["title"] = f"Pohon Kinerja Contoh [versi {k}]"
    for section in ("targets", "programmes", "activities", "sub_activities"):
        for item in b.data[section]:
            item["name"] = f"{item['name']} [versi {k}]"
    b.data["goal"]["name"] = f"{b.data['goal']['name']} [versi {k}]"
    return b.yaml().encode("utf-8")


def test_parallel_uploads_with_readers(empty_db, settings):
    keyed = settings.model_copy(update={"pokin_api_key": SecretStr(KEY)})
    versions = {k: _version(k) for k in range(UPLOADERS * UPLOADS_EACH)}
    statuses: list[tuple[str, int]] = []
    mixed: list[tuple[str, set[str]]] = []
    done = threading.Event()
    with serve_app(create_app(keyed)) as base:
        with httpx.Client(base_url=base, timeout=120) as client:
            first = client.post("/api/cascades", content=versions[0], headers={"X-API-Key": KEY})
            assert first.status_code == 201, first.text

        def upload(i: int) -> None:
            with httpx.Client(base_url=base, timeout=300) as client:
                for j in range(UPLOADS_EACH):
                    k = i * UPLOADS_EACH + j
                    r = client.post(
                        "/api/cascades",
                        params={"replace": "true"},
                        content=versions[k],
                        headers={"X-API-Key": KEY},
                    )
                    statuses.append((f"upload {k}: {r.text[:200]}", r.status_code))

        def read() -> None:
            with httpx.Client(base_url=base, timeout=120) as client:
                while not done.is_set():
                    for url in PAGES:
                        r = client.get(url)
                        statuses.append((url, r.status_code))
                        seen = set(MARK.findall(r.text))
                        if len(seen) > 1:
                            mixed.append((url, seen))

        readers = [threading.Thread(target=read) for _ in range(3)]
        uploaders = [threading.Thread(target=upload, args=(i,)) for i in range(UPLOADERS)]
        for t in readers + uploaders:
            t.start()
        for t in uploaders:
            t.join(timeout=600)
        done.set()
        for t in readers:
            t.join(timeout=120)

    failed = [(what, code) for what, code in statuses if code >= 500]
    assert failed == []
    uploads = [code for what, code in statuses if what.startswith("upload")]
    assert uploads == [201] * (UPLOADERS * UPLOADS_EACH)
    reads = [what for what, _ in statuses if not what.startswith("upload")]
    assert len(reads) >= len(PAGES)  # the readers did read during the uploads
    assert mixed == []
    records, _, _ = empty_db.execute_query(
        "MATCH (n:Element {cascade: $c}) WHERE n.name IS NOT NULL AND NOT n:Indicator "
        "AND NOT n:Owner RETURN collect(n.name) AS names",
        c=CASCADE,
        database_=settings.neo4j_database,
    )
    stored = {m for name in records[0]["names"] for m in MARK.findall(name)}
    assert len(stored) == 1  # one version, whole
