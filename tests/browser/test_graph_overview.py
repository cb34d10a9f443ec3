"""The whole-cascade graph (``/graph``) of the seed opens on its overview: the Goal, the
strategic targets and the programmes, legible at fit zoom, everything else one switch away."""

from __future__ import annotations

import pytest

from pokin.seed import SEED_FILE, load_cascade_file
from tests.browser.conftest import drawn_counts, screenshot, wait_for_graph

pytestmark = pytest.mark.browser

SEED = load_cascade_file(SEED_FILE)

#: Every overview node's label size on screen (canvas font size x zoom) and where it is drawn.
SHOWN = """() => {
  const net = window.network, scale = net.getScale();
  const box = document.getElementById('pokin-network').getBoundingClientRect();
  return Object.values(net.body.nodes)
    .filter((n) => !n.options.hidden && !n.isCluster && net.body.data.nodes.get(n.id))
    .map((n) => {
      const d = net.body.data.nodes.get(n.id);
      const p = net.canvasToDOM({x: n.x, y: n.y});
      return {id: n.id, kind: d.kind, level: d.levelName, px: n.options.font.size * scale,
              x: box.left + p.x, y: box.top + p.y, inside: p.x >= 0 && p.y >= 0 &&
              p.x <= box.width && p.y <= box.height};
    });
}"""


def test_whole_cascade_opens_legible_on_its_top_levels(page, server):
    page.goto(f"{server}/graph?cascade={SEED.cascade.id}")
    wait_for_graph(page)
    shown = page.evaluate(SHOWN)
    expected = (
        1
        + sum(1 for t in SEED.targets if t.level in ("strategic", "programme"))
        + len(SEED.programmes)
    )
    assert len(shown) == expected
    assert {(n["kind"], n["level"]) for n in shown} <= {
        ("goal", "goal"),
        ("target", "strategic"),
        ("target", "programme"),
        ("programme", "programme"),
    }
    for node in shown:
        assert node["px"] >= 10, node  # legible at fit zoom
        assert node["inside"], node  # in the first screen
    screenshot(page, "graph-cascade-seed-overview")
    # everything is one switch away, and nothing was left out of the data
    total = drawn_counts(page)
    page.locator("[data-overview]").uncheck()
    assert drawn_counts(page) == total
    hidden = page.evaluate(
        "Object.values(window.network.body.nodes).filter(n => n.options.hidden).length"
    )
    assert hidden == 0
