"""``/glossary``: the words of performance planning in both languages (a page that needs no
database: the terms are ``pokin.core.vocabulary.GLOSSARY``)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from pokin.api.html import HtmlRoute, page
from pokin.core.vocabulary import GLOSSARY

router = APIRouter(include_in_schema=False, route_class=HtmlRoute)


@router.get("/glossary", response_class=HTMLResponse)
def glossary():
    return page("glossary.html", terms=GLOSSARY)
