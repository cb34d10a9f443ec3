"""Interactive network graphs of a cascade (pyvis builds them, our own templates draw them).

    from pokin.visualize import render_page
    html = render_page(graph.views.trace_view(driver, database, element_id), standalone=True)

``visualize`` never talks to Neo4j: it turns the views of ``graph.views`` into pictures.
"""

from importlib import import_module
from typing import Any

#: Where each name lives: imported when first used, so that a light module of the package
#: (``pokin.visualize.pictures``) does not bring pyvis in.
_LAZY = {
    "build_network": "network",
    "legend": "network",
    "level_label": "network",
    "ASSETS": "render",
    "graph_context": "render",
    "graph_data": "render",
    "render_page": "render",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"pokin.visualize.{_LAZY[name]}"), name)


__all__ = [
    "ASSETS",
    "build_network",
    "graph_context",
    "graph_data",
    "legend",
    "level_label",
    "render_page",
]
