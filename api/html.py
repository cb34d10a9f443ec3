"""The explorer's HTML plumbing: the templates (package data of ``pokin.api``), one way to
answer a page or an error page, the security headers every page carries, and ``HtmlRoute``,
the route class that marks a route as a page (its errors are then HTML pages; see
``pokin.api.errors``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from jinja2 import Environment

from pokin.api.locale import switch_url
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


class HtmlRoute(APIRoute):
    """A route that answers HTML pages; its errors are HTML pages too."""


@cache
def templates() -> Environment:
    """The explorer's templates, over ``pokin.visualize``'s (the tree, the graphs), with the
    language switch's links (``switch_url``)."""
    env = environment("pokin.api")
    env.globals["switch_url"] = switch_url
    return env


def compile_templates() -> int:
    """Compile every page template now (the app's start-up), so no first visit waits for
    Jinja2 to compile it; the number compiled."""
    env = templates()
    names = [n for n in env.list_templates(extensions=["html"])]
    for name in names:
        env.get_template(name)
    return len(names)


def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = templates().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def html_response(html: str, status_code: int = 200) -> HTMLResponse:
    """A page rendered elsewhere (``pokin.visualize``), with the security headers."""
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def error_page(
    status_code: int, title: str, message: str, headers: dict[str, str] | None = None
) -> HTMLResponse:
    """An error as a page, with the headers of the error's answer (``PokinError.http_headers``:
    a 503's ``Retry-After``, a 401's ``WWW-Authenticate``)."""
    response = page("error.html", status_code, status=status_code, title=title, message=message)
    response.headers.update(headers or {})
    return response
