"""The capaian categories' colours are defined once (visualize.measurement.CATEGORY_COLOURS):
the pages' swatches take them from /static/capaian.css, made from that definition, and no
stylesheet file repeats them."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from pokin.api.main import create_app
from pokin.api.routes.static import STATIC_FILES
from pokin.core.settings import Settings
from pokin.visualize.measurement import CATEGORY_COLOURS, NO_CAPAIAN_COLOUR, category_css


def _rules(css: str) -> dict[str, str]:
    """selector -> its declarations, one line each."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return {
        m.group(1).strip(): m.group(2).strip() for m in re.finditer(r"([^{}]+)\{([^}]*)\}", css)
    }


def test_the_served_stylesheet_is_made_from_the_one_definition():
    client = TestClient(create_app(Settings()))  # no lifespan: no database is asked
    answer = client.get("/static/capaian.css")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/css")
    assert answer.text == category_css()
    rules = _rules(answer.text)
    props = dict(re.findall(r"--cap-([a-z_]+):\s*(#[0-9a-f]{6})", rules[":root"]))
    assert props == {**CATEGORY_COLOURS, "none": NO_CAPAIAN_COLOUR}
    for category in CATEGORY_COLOURS:
        assert rules[f".m-swatch.{category}"] == f"background: var(--cap-{category});"


def test_no_stylesheet_file_repeats_a_category_colour():
    sheets = {n: p.read_text(encoding="utf-8") for n, p in STATIC_FILES.items()
              if n.endswith(".css") and n.startswith(("explorer", "pokin", "tree"))}  # fmt: skip
    assert "explorer.css" in sheets and "tree.css" in sheets
    for name, css in sheets.items():
        for selector, body in _rules(css).items():
            assert ".m-swatch." not in selector, (name, selector)
            if "m-swatch" in selector or "cap" in selector:
                for colour in [*CATEGORY_COLOURS.values(), NO_CAPAIAN_COLOUR]:
                    assert colour not in body.lower(), (name, selector, colour)
