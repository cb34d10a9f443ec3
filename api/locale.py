"""The language of each request: a pure ASGI middleware over ``pokin.core.i18n.negotiate``.

It makes the request's locale current for everything the request runs (pages, error pages,
JSON messages), says which it was (``Content-Language``; ``Vary`` on what chose it), and keeps a
``?lang=`` choice in the ``pokin_lang`` cookie. Pure ASGI rather than ``BaseHTTPMiddleware``:
no extra task per request, and the ContextVar is set in the context the app runs in.
"""

from __future__ import annotations

from contextvars import ContextVar
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, quote, urlencode

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pokin.core import i18n

#: A year: the choice outlives the visit.
COOKIE_MAX_AGE = 365 * 24 * 3600

#: The current request's path (as sent) and query string, for ``switch_url``.
_here: ContextVar[tuple[str, str]] = ContextVar("pokin_here", default=("/", ""))


def _cookie(headers: Headers) -> str | None:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is no choice
        return None
    morsel = jar.get(i18n.COOKIE)
    return morsel.value if morsel else None


def switch_url(locale: str) -> str:
    """The current page in ``locale``: its path and query with ``lang=`` replaced."""
    path, query = _here.get()
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "lang"]
    return f"{path}?{urlencode([*kept, ('lang', locale)])}"


class LocaleMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        query = scope.get("query_string", b"").decode("latin-1")
        asked = i18n.as_locale(dict(parse_qsl(query)).get("lang"))
        locale = i18n.negotiate(asked, _cookie(headers), headers.get("accept-language"))
        raw_path = scope.get("raw_path")
        path = raw_path.decode("latin-1") if raw_path else quote(scope.get("path", "/"))

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out["Content-Language"] = locale
                out.add_vary_header("Accept-Language")
                out.add_vary_header("Cookie")
                if asked:
                    out.append(
                        "Set-Cookie",
                        f"{i18n.COOKIE}={locale}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax",
                    )
            await send(message)

        token = i18n.set_locale(locale)
        here = _here.set((path, query))
        try:
            await self.app(scope, receive, send_with_language)
        finally:
            _here.reset(here)
            i18n.reset_locale(token)
