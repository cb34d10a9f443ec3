"""The explorer's HTML plumbing: the templates (package data of ``pokin.api``), one way to
answer a page or an error page, the security headers every page carries, and ``HtmlRoute``,
the route class that marks a route as a page (its errors are then HTML pages; see
``pokin.api.errors``)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import quote

from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from jinja2 import Environment

from pokin.graph.vocabulary import (
    LEVEL_KEYS,
    LEVEL_NAMES_ID,
    LEVELS,
    SEVERITY_COLOURS,
    level_label,
)
from pokin.visualize.render import environment

#: Sent with every HTML page: scripts only from this server, nothing from anywhere else.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


#: Bidirectional controls (embeddings, overrides, isolates, marks): in a name they can make
#: "gnp.exe" read "exe.png", so the tree shows them as visible codes instead of obeying them.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible_controls(text: object) -> str:
    """``text`` with every bidirectional control shown as a code such as ``[U+202E]``."""
    return _BIDI_CONTROLS.sub(
        lambda m: f"[U+{ord(m.group()):04X}]", "" if text is None else str(text)
    )


class HtmlRoute(APIRoute):
    """A route that answers HTML pages; its errors are HTML pages too."""


@cache
def templates() -> Environment:
    env = environment("pokin.api")
    env.filters["visible"] = visible_controls
    env.globals.update(
        level_label=level_label,
        level_names_id=LEVEL_NAMES_ID,
        level_keys=LEVEL_KEYS,
        levels=LEVELS,
        severity_colours=SEVERITY_COLOURS,
        quote=lambda s: quote(str(s), safe=""),
    )
    return env


def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = templates().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def html_response(html: str, status_code: int = 200) -> HTMLResponse:
    """A page rendered elsewhere (``pokin.visualize``), with the security headers."""
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def error_page(status_code: int, title: str, message: str) -> HTMLResponse:
    response = page("error.html", status_code, status=status_code, title=title, message=message)
    if status_code == 503:
        response.headers["Retry-After"] = "5"
    return response
