"""Interactive network graphs of a cascade (pyvis builds them, our own templates draw them).

    from pokin.visualize import render_page
    html = render_page(graph.views.trace_view(driver, database, element_id), standalone=True)

``visualize`` never talks to Neo4j: it turns the views of ``graph.views`` into pictures.
"""

from pokin.visualize.network import build_network, legend, level_label
from pokin.visualize.render import ASSETS, graph_context, graph_data, render_page

__all__ = [
    "ASSETS",
    "build_network",
    "graph_context",
    "graph_data",
    "legend",
    "level_label",
    "render_page",
]
