"""``GET /``: a page that says where to go next."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pokin</title></head>
<body>
<h1>pokin: performance cascade (pohon kinerja)</h1>
<ul>
<li><a href="/health">/health</a>: is the database up</li>
<li><a href="/docs">/docs</a>: the API and its OpenAPI document</li>
</ul>
</body></html>
"""


@router.get("/", response_class=HTMLResponse)
def home() -> str:
    return _PAGE
