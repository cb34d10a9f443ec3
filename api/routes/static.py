"""``/static/{name}``: the explorer's stylesheets, the graphs' scripts (vis-network from the
copy pyvis ships) and Swagger UI's, so that no page loads anything from another site; and
``/docs``, Swagger UI over ``/openapi.json``."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from pokin.api.html import HtmlRoute, page
from pokin.core.errors import StaticNotFound
from pokin.visualize.measurement import category_css
from pokin.visualize.render import ASSETS

_STATIC_DIR = Path(str(files("pokin.api") / "static"))

#: Swagger UI 5 (it reads OpenAPI 3.1, which FastAPI writes), as the fastapi-swagger
#: distribution ships it.
_SWAGGER_DIR = Path(str(files("fastapi_swagger") / "resources"))

#: Every file served under /static/: the explorer's own, the graphs' (visualize.ASSETS) and
#: Swagger UI's, so /docs needs no CDN.
STATIC_FILES: dict[str, Path] = {
    **{p.name: p for p in sorted(_STATIC_DIR.glob("*")) if p.is_file()},
    **ASSETS,
    "swagger-ui-bundle.js": _SWAGGER_DIR / "swagger-ui-bundle.js",
    "swagger-ui.css": _SWAGGER_DIR / "swagger-ui.css",
}
_MEDIA_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}

router = APIRouter(include_in_schema=False, route_class=HtmlRoute)


#: stylesheets made from Python definitions, never a file that could drift from them
GENERATED: dict[str, Callable[[], str]] = {"capaian.css": category_css}
_HEADERS = {"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"}


@router.get("/static/{name}")
def static(name: str) -> Response:
    if name in GENERATED:
        return Response(GENERATED[name](), media_type="text/css", headers=_HEADERS)
    path = STATIC_FILES.get(name)
    if path is None or not path.is_file():
        raise StaticNotFound(name)
    return FileResponse(
        path,
        media_type=_MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
        headers=_HEADERS,
    )


@router.get("/docs")
def docs():
    """The API's interactive documentation (Swagger UI), served offline under the CSP."""
    return page("docs.html")
