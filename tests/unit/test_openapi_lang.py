"""The OpenAPI document of each locale says its response descriptions in that language (the
msgids of the routes and FastAPI's own)."""

from __future__ import annotations

from pokin.api.main import create_app
from pokin.core.i18n import using
from pokin.core.settings import Settings


def test_response_descriptions_follow_the_locale():
    app = create_app(Settings())
    said = {}
    for locale in ("id", "en"):
        with using(locale):
            export = app.openapi()["paths"]["/api/cascades/{cascade_id}/export"]["get"]
        said[locale] = {code: r["description"] for code, r in export["responses"].items()}
    assert said["en"]["404"] == "no such cascade"
    assert said["id"]["404"] == "pohon kinerja ini tidak ada"
    assert said["en"]["422"] == "Validation Error"
    assert said["id"]["422"] == "Galat validasi"
